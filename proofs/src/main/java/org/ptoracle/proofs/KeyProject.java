package org.ptoracle.proofs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.java.abstraction.KeYJavaType;
import de.uka.ilkd.key.java.declaration.TypeDeclaration;
import de.uka.ilkd.key.logic.op.IObserverFunction;
import de.uka.ilkd.key.parser.Location;
import de.uka.ilkd.key.pp.LogicPrinter;
import de.uka.ilkd.key.proof.Goal;
import de.uka.ilkd.key.proof.Node;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.prover.impl.ApplyStrategyInfo;
import de.uka.ilkd.key.rule.AbstractContractRuleApp;
import de.uka.ilkd.key.settings.PathConfig;
import de.uka.ilkd.key.speclang.Contract;
import de.uka.ilkd.key.util.ExceptionTools;
import de.uka.ilkd.key.util.KeYTypeUtil;
import de.uka.ilkd.key.util.ProofStarter;

/**
 * Java sources loaded into a headless KeY environment.
 *
 * <p>KeY reads one source folder, so the given folders are copied into one temporary folder (a
 * relative path that occurs in two folders is an error); error messages are mapped back to the
 * original files. Library stubs (classes KeY's own Java library lacks, such as
 * {@code java.lang.Override}) come from {@code proofs/key-stubs} and are read as library classes:
 * their contracts are trusted, never proved.
 */
public final class KeyProject implements AutoCloseable {
    private final KeYEnvironment<?> env;
    private final KeyConfig config;
    private final Path merged;
    /** Stored proofs to replay before searching, or null (search only). */
    private ProofStore replayFrom;
    /** Where closed searched proofs are stored, or null (store nothing). */
    private ProofStore storeTo;

    private KeyProject(KeYEnvironment<?> env, KeyConfig config, Path merged) {
        this.env = env;
        this.config = config;
        this.merged = merged;
    }

    /**
     * Loads the {@code .java} files under the given folders.
     *
     * @param sourceDirs folders with Java sources in package layout
     * @param stubDir    library stubs, or null
     * @throws LoadException with KeY's message and the original file:line:column
     */
    public static KeyProject load(List<Path> sourceDirs, Path stubDir, KeyConfig config)
            throws LoadException, KeyConfig.ConfigException {
        Path merged = null;
        Map<String, Path> origin = new LinkedHashMap<>();
        try {
            merged = Files.createTempDirectory("ptoracle-key-src");
            deleteOnExit(merged);
            for (Path dir : sourceDirs) {
                copyJava(dir, merged, origin);
            }
        } catch (IOException e) {
            deleteTree(merged);
            throw new LoadException("cannot prepare sources: " + e.getMessage(), e);
        }
        isolateKeyConfigDir();
        config.applyBeforeLoad();
        KeYEnvironment<?> env;
        try {
            List<File> classPath = stubDir == null ? null : List.of(stubDir.toFile());
            env = KeYEnvironment.load(merged.toFile(), classPath, null, null);
        } catch (Exception | LinkageError e) {
            deleteTree(merged);
            throw new LoadException(describe(e, merged, origin), e);
        }
        KeyProject project = new KeyProject(env, config, merged);
        try {
            config.checkLoaded(env.getInitConfig());
        } catch (KeyConfig.ConfigException e) {
            project.close();
            throw e;
        }
        return project;
    }

    private static Path keyConfigDir;

    /**
     * KeY writes proof-settings.json (never read back: key.disregardSettings) below its config
     * directory, whose path it fixes once per JVM. Point it at a temporary folder, not $HOME, and
     * delete that folder when the JVM exits.
     */
    private static synchronized void isolateKeyConfigDir() throws LoadException {
        if (keyConfigDir != null) {
            return;
        }
        try {
            keyConfigDir = Files.createTempDirectory("ptoracle-keyconfig");
        } catch (IOException e) {
            throw new LoadException("cannot create a KeY config folder: " + e, e);
        }
        PathConfig.setKeyConfigDir(keyConfigDir.toString());
        deleteOnExit(keyConfigDir);
    }

    private static final java.util.Set<Path> TEMPORARY = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Deletes the file or folder when the JVM exits (also on SIGTERM), unless it is gone by then. */
    static void deleteOnExit(Path p) {
        synchronized (TEMPORARY) {
            if (TEMPORARY.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> TEMPORARY.forEach(KeyProject::deleteTree), "ptoracle-temp-cleanup"));
            }
            TEMPORARY.add(p);
        }
    }

    /** True when a folder holds at least one .java file. */
    public static boolean hasJava(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> p.toString().endsWith(".java"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void copyJava(Path dir, Path merged, Map<String, Path> origin) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        }
        for (Path f : files) {
            Path rel = dir.relativize(f);
            Path to = merged.resolve(rel.toString());
            Files.createDirectories(to.getParent());
            try {
                Files.copy(f, to);
            } catch (FileAlreadyExistsException e) {
                throw new IOException(rel + " is in two source folders: " + origin.get(rel.toString())
                    + " and " + f);
            }
            origin.put(rel.toString(), f.toAbsolutePath().normalize());
        }
    }

    /** KeY's message, with the temporary paths replaced by the original files. */
    static String describe(Throwable e, Path merged, Map<String, Path> origin) {
        String where = "";
        try {
            Location loc = ExceptionTools.getLocation(e);
            if (loc != null) {
                Optional<URI> uri = loc.getFileURI();
                String file = uri.map(u -> Path.of(u).toString()).orElse("?");
                where = file + ":" + loc.getPosition().line() + ":" + loc.getPosition().column() + ": ";
            }
        } catch (Exception ignored) {
            // no location; the message usually carries one
        }
        String msg = ExceptionTools.getMessage(e);
        if (msg == null || msg.isBlank()) {
            msg = e.toString();
        }
        String text = where + msg;
        String root = merged.toString();
        for (Map.Entry<String, Path> o : origin.entrySet()) {
            text = text.replace(root + File.separator + o.getKey(), o.getValue().toString());
        }
        return text.replace("file:" + root, root).replace(root, "<sources>");
    }

    /**
     * Every contract of every type read from the source folders, in a stable order (by identifier).
     * Contracts that KeY inherits from library classes (java.lang.Throwable, java.lang.Enum, ...)
     * are left out: they belong to KeY's library specification, not to ptoracle.
     */
    public List<ContractRef> contracts() {
        List<ContractRef> out = new ArrayList<>();
        for (KeYJavaType type : env.getJavaInfo().getAllKeYJavaTypes()) {
            if (!(type.getJavaType() instanceof TypeDeclaration) || KeYTypeUtil.isLibraryClass(type)) {
                continue;
            }
            for (IObserverFunction target : env.getSpecificationRepository().getContractTargets(type)) {
                if (KeYTypeUtil.isLibraryClass(target.getContainerType())) {
                    continue;
                }
                for (Contract c : env.getSpecificationRepository().getContracts(type, target)) {
                    out.add(ContractRef.of(c));
                }
            }
        }
        out.sort(Comparator.comparing(ContractRef::id));
        return out;
    }

    /**
     * Replay stored proofs from {@code store} before searching (null: always search). A stored proof
     * that does not replay to a closed proof within the step budget is set aside and the contract is
     * searched, as without it.
     */
    public void replayFrom(ProofStore store) {
        this.replayFrom = store;
    }

    /** Store every proof that a search closes in {@code store} (null: store nothing). */
    public void storeTo(ProofStore store) {
        this.storeTo = store;
    }

    /** Attempts one contract with the fixed settings (and the given step budget). */
    public ProofOutcome prove(ContractRef ref, int maxSteps) {
        return prove(ref, maxSteps, false, false);
    }

    /**
     * Attempts one contract with the fixed settings and the given step budget.
     *
     * @param showGoal keep KeY's print-out of the first open goal in the outcome (for debugging)
     * @param profile  keep a {@link ProofProfile} of the proof tree in the outcome
     */
    public ProofOutcome prove(ContractRef ref, int maxSteps, boolean showGoal, boolean profile) {
        String setAside = null;
        if (replayFrom != null) {
            Replayed r = replay(ref, maxSteps, profile);
            if (r.outcome() != null) {
                return r.outcome();
            }
            setAside = r.problem();
        }
        ProofOutcome searched = search(ref, maxSteps, showGoal, profile);
        return setAside == null ? searched : searched.withNote("stored proof set aside: " + setAside);
    }

    /** A replay's closed outcome, or why the stored proof was not used (both null: none stored). */
    private record Replayed(ProofOutcome outcome, String problem) { }

    private Replayed replay(ContractRef ref, int maxSteps, boolean profile) {
        java.util.Optional<String> steps;
        try {
            steps = replayFrom.read(ref.id());
        } catch (IOException e) {
            return new Replayed(null, e.getMessage());
        }
        if (steps.isEmpty()) {
            return new Replayed(null, null);
        }
        long start = System.nanoTime();
        Proof proof = null;
        try {
            proof = newProof(ref, maxSteps);
            String problem = ProofReplay.replay(proof, steps.get(), ref.id());
            int applied = ruleApplications(proof);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (problem != null) {
                return new Replayed(null, problem);
            }
            if (applied > maxSteps) {
                // The budget is part of what "closed" means: a proof KeY's search could not find
                // within it is not accepted from a file either.
                return new Replayed(null, applied + " rule applications, over the budget of " + maxSteps);
            }
            return new Replayed(new ProofOutcome(ref, ProofOutcome.Status.CLOSED, proof.countNodes(), ms, "closed",
                applied, null, profile ? ProofProfile.of(proof, 12) : null, usedContracts(proof, ref), true), null);
        } catch (Exception | StackOverflowError | AssertionError e) {
            return new Replayed(null, "replay failed: " + ProofReplay.message(e));
        } finally {
            if (proof != null) {
                proof.dispose();
            }
        }
    }

    /**
     * Stores a closed proof found by search, if KeY replays it: the steps are replayed on a fresh proof
     * of the contract first, and a proof KeY cannot replay (it happens: MmuModel.access's case, a
     * {@code newSym_eq} step "not applicable" on replay) is not stored, and an older file of it is
     * deleted, so that runs search it without first trying a replay that fails. Returns the reason for
     * the outcome: "closed", or "closed" with why nothing was stored.
     */
    private String store(ContractRef ref, Proof proof, int maxSteps) {
        try {
            String steps = ProofStore.steps(proof);
            Proof fresh = newProof(ref, maxSteps);
            String problem;
            try {
                problem = ProofReplay.replay(fresh, steps, ref.id());
            } finally {
                fresh.dispose();
            }
            if (problem != null) {
                Files.deleteIfExists(storeTo.fileOf(ref.id()));
                return "closed (not stored: KeY does not replay it: " + problem + ")";
            }
            storeTo.write(ref.id(), steps);
            return "closed";
        } catch (Exception e) {
            return "closed (not stored: " + ProofReplay.message(e) + ")";
        }
    }

    /**
     * A new proof of the contract under the run's settings: the taclet options it was loaded with
     * (checked), the strategy, the budget and the time guard. A replay needs the strategy settings
     * too: some built-in rules read them while applying (One Step Simplification steps did not
     * replay without them).
     */
    private Proof newProof(ContractRef ref, int maxSteps) throws Exception {
        Proof proof = env.createProof(ref.key().createProofObl(env.getInitConfig(), ref.key()));
        try {
            config.checkLoaded(proof.getInitConfig());
            var strategy = proof.getSettings().getStrategySettings();
            strategy.setActiveStrategyProperties(config.strategyProperties());
            strategy.setMaxSteps(maxSteps);
            strategy.setTimeout(config.timeoutMs());
            return proof;
        } catch (Exception e) {
            proof.dispose();
            throw e;
        }
    }

    /**
     * The rule applications of a proof as the search's budget counts them: every node but the leaves.
     * (KeY's statistics count the simplifications inside each One Step Simplification as well, about
     * twice as many.) On the fourteenth session's run this gave, for every replayed proof, the
     * number the search that found it had reported.
     */
    static int ruleApplications(Proof proof) {
        int leaves = 0;
        Iterator<Node> nodes = proof.root().subtreeIterator();
        while (nodes.hasNext()) {
            if (nodes.next().childrenCount() == 0) {
                leaves++;
            }
        }
        return proof.countNodes() - leaves;
    }

    private ProofOutcome search(ContractRef ref, int maxSteps, boolean showGoal, boolean profile) {
        long start = System.nanoTime();
        Proof proof = null;
        try {
            proof = newProof(ref, maxSteps);
            var sp = config.strategyProperties();
            ProofStarter starter = new ProofStarter(false);
            starter.init(proof);
            starter.setStrategyProperties(sp);
            starter.setMaxRuleApplications(maxSteps);
            starter.setTimeout(config.timeoutMs());
            ApplyStrategyInfo info = starter.start();
            long ms = (System.nanoTime() - start) / 1_000_000;
            boolean closed = proof.closed();
            saveIfAsked(proof, ref);
            String reason = closed ? "closed" : info.reason();
            if (closed && storeTo != null) {
                reason = store(ref, proof, maxSteps);
            }
            String goal = null;
            if (showGoal && !closed) {
                Goal g = info.nonCloseableGoal() != null ? info.nonCloseableGoal() : proof.openGoals().head();
                goal = LogicPrinter.quickPrintSequent(g.sequent(), proof.getServices());
            }
            return new ProofOutcome(ref, closed ? ProofOutcome.Status.CLOSED : ProofOutcome.Status.OPEN,
                proof.countNodes(), ms, reason, info.getAppliedRuleApps(), goal,
                profile ? ProofProfile.of(proof, 12) : null, usedContracts(proof, ref));
        } catch (Exception | StackOverflowError | AssertionError e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            String msg = e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
            return new ProofOutcome(ref, ProofOutcome.Status.ERROR, proof == null ? 0 : proof.countNodes(),
                ms, msg.replace('\n', ' '), 0, null, null, List.of());
        } finally {
            if (proof != null) {
                proof.dispose();
            }
        }
    }

    /**
     * The contracts the proof applied, as identifiers, without the proved contract itself (a recursive
     * method uses its own contract under its {@code measured_by}). Read from the proof tree: every
     * application of a contract rule (a call replaced by the callee's contract, a query expanded and
     * replaced, a dependency contract) names its contract. KeY's own record
     * ({@code proof.mgt().getUsedContracts()}) omits the contracts of calls through an interface
     * (measured on {@code zeroTable}: its proof applies {@code SupervisorAccess.store}'s contract and
     * the record is empty), and those are the ones an implementation must keep; it is added as well.
     * At a call KeY applies the callee's cases combined into one contract; it is split back into the
     * cases, since each case is its own proof obligation.
     */
    private List<String> usedContracts(Proof proof, ContractRef ref) {
        Set<Contract> applied = new LinkedHashSet<>();
        Iterator<Node> nodes = proof.root().subtreeIterator();
        while (nodes.hasNext()) {
            if (nodes.next().getAppliedRuleApp() instanceof AbstractContractRuleApp app
                    && app.getInstantiation() != null) {
                applied.add(app.getInstantiation());
            }
        }
        for (Contract c : proof.mgt().getUsedContracts()) {
            applied.add(c);
        }
        Set<String> ids = new TreeSet<>();
        var repository = env.getSpecificationRepository();
        for (Contract used : applied) {
            for (Contract atomic : repository.splitContract(used)) {
                ids.add(ContractRef.of(atomic).id());
            }
        }
        ids.remove(ref.id());
        return List.copyOf(ids);
    }

    public KeyConfig config() {
        return config;
    }

    @Override
    public void close() {
        env.dispose();
        deleteTree(merged);
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary folder; best effort
        }
    }

    /** KeY could not read the sources (parse, type or JML error). */
    public static final class LoadException extends Exception {
        private static final long serialVersionUID = 1L;

        public LoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * With {@code -Dptoracle.saveProofs=DIR}, saves the proof as a KeY {@code .proof} file in DIR (for
     * debugging a proof: the rules applied, node by node). A failed save is reported, never fatal.
     */
    private static void saveIfAsked(Proof proof, ContractRef ref) {
        String dir = System.getProperty("ptoracle.saveProofs");
        if (dir == null) {
            return;
        }
        java.io.File file = new java.io.File(dir, ProofStore.fileStem(ref.id()) + ".proof");
        String error = new de.uka.ilkd.key.proof.io.ProofSaver(proof, file).save();
        if (error != null) {
            System.err.println("prove: could not save " + file + " (-Dptoracle.saveProofs): " + error);
        }
    }
}
