package org.ptoracle.proofs;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code ./ptoracle prove}: attempts every JML contract of the spec and model sources with KeY
 * 2.12.3 under the fixed settings of {@code proofs/key-settings.properties}, prints the proof
 * table, and checks the ratchet ({@code proofs/ratchet.txt}).
 *
 * <pre>
 * ProveMain [SOURCE_DIR...] [--json FILE] [--only PATTERN] [--ratchet-only] [--max-steps N] [--goals]
 *           [--stats] [--jobs N] [--search] [--store]
 * </pre>
 *
 * <ul>
 *   <li>{@code SOURCE_DIR}: folders of Java sources; default {@code spec/src/main/java} and
 *       {@code model/src/main/java} below the system property {@code ptoracle.home} (default: the
 *       working directory), which is also where {@code proofs/} is looked up.</li>
 *   <li>{@code --json FILE}: also write the table as JSON (see {@link Report#json}).</li>
 *   <li>{@code --only PATTERN}: attempt only contracts whose identifier
 *       ({@code Class#method(params)#kind.n}) contains PATTERN; {@code *} matches anything. Ratchet
 *       entries outside the filter are not checked.</li>
 *   <li>{@code --ratchet-only}: attempt only the contracts listed in the ratchet.</li>
 *   <li>{@code --max-steps N}: override the step budget, for experiments only (CI never passes it).</li>
 *   <li>{@code --goals}: print KeY's first open goal of each contract that does not close (stderr).</li>
 *   <li>{@code --stats}: print where each proof's size went ({@link ProofProfile}, stderr).</li>
 *   <li>{@code --jobs N}: number of KeY worker JVMs (default {@code min(2, cores)}); each loads the
 *       sources and takes every N-th contract. The results do not depend on N.</li>
 *   <li>{@code --search}: ignore the stored proofs ({@link ProofStore}); KeY searches every contract.</li>
 *   <li>{@code --store}: store the proof of every contract that a search closes in {@code proofs/stored}
 *       (with the configured budget only); on a run of every contract, also delete the stored proofs of
 *       contracts that no longer close or exist.</li>
 * </ul>
 *
 * By default a contract with a stored proof is first replayed: KeY applies the stored steps, checking
 * each, to a fresh proof of the contract from this run's sources and settings. If that does not give a
 * closed proof within the budget, the contract is searched as if nothing were stored. The table's
 * {@code via} column says which closed it.
 *
 * Exit status: 0 when every ratchet contract in scope closed, 1 otherwise (including when KeY
 * cannot read the sources), 2 for usage or configuration errors.
 */
public final class ProveMain {
    static final String USAGE = """
        usage: prove [SOURCE_DIR...] [--json FILE] [--only PATTERN] [--ratchet-only] [--max-steps N] [--goals] [--stats] [--jobs N]
          SOURCE_DIR      default: spec/src/main/java model/src/main/java (below -Dptoracle.home, default .)
          --json FILE     write the results as a JSON list
          --only PATTERN  only contracts whose id (Class#method(params)#kind.n) contains PATTERN; * = anything, | = or
          --ratchet-only  only the contracts listed in proofs/ratchet.txt
          --max-steps N   override maxSteps of proofs/key-settings.properties (experiments only)
          --goals         print the first open goal of every contract that does not close (implies --jobs 1)
          --stats         print where each proof's size went: rules, splits, largest calls (implies --jobs 1)
          --jobs N        KeY worker processes (default: min(2, cores)); results do not depend on it
          --search        ignore the stored proofs (proofs/stored): search every contract
          --store         store the proofs that searches close in proofs/stored (a full run also drops stale ones)
        stored proofs are replayed first (KeY checks every step); one that does not close is set aside and searched
        exit: 0 ratchet closed, 1 a ratchet contract not closed or KeY cannot read the sources, 2 usage""";

    /** KeY recurses deeply on large terms; run it on a thread with a big stack, whatever the JVM flags. */
    static final long STACK_BYTES = 512L * 1024 * 1024;

    private ProveMain() {
    }

    public static void main(String[] args) {
        System.setProperty("key.disregardSettings", "true");
        System.exit(onBigStack(() -> run(args, System.out, System.err)));
    }

    /** Runs KeY work on a thread with a {@link #STACK_BYTES} stack and returns its result. */
    public static <T> T onBigStack(Callable<T> work) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = work.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "ptoracle-key", STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while KeY was running", e);
        }
        if (failure[0] instanceof RuntimeException re) {
            throw re;
        } else if (failure[0] instanceof Error er) {
            throw er;
        } else if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
        @SuppressWarnings("unchecked")
        T r = (T) result[0];
        return r;
    }

    /** Parsed command line. */
    record Options(List<Path> sources, Path json, String only, boolean ratchetOnly, Integer maxSteps,
            boolean goals, boolean stats, int jobs, int shard, Path shardOut, Path claims, boolean search,
            boolean store) { }

    static Options parse(String[] args, Path home) {
        List<Path> sources = new ArrayList<>();
        Path json = null;
        String only = null;
        boolean ratchetOnly = false;
        Integer maxSteps = null;
        boolean goals = false;
        boolean stats = false;
        int jobs = Math.min(2, Runtime.getRuntime().availableProcessors());
        int shard = -1;
        Path shardOut = null;
        Path claims = null;
        boolean search = false;
        boolean store = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--json" -> json = Path.of(value(args, ++i, a));
                case "--only" -> only = value(args, ++i, a);
                case "--ratchet-only" -> ratchetOnly = true;
                case "--goals" -> goals = true;
                case "--stats" -> stats = true;
                case "--search" -> search = true;
                case "--store" -> store = true;
                case "--max-steps" -> maxSteps = positive(value(args, ++i, a), a);
                case "--jobs" -> jobs = positive(value(args, ++i, a), a);
                case "--shard" -> {
                    // internal: this process is worker K of N (see runSharded)
                    String[] kn = value(args, ++i, a).split("/");
                    if (kn.length != 2) {
                        throw new IllegalArgumentException("--shard needs K/N");
                    }
                    shard = Integer.parseInt(kn[0]);
                    jobs = positive(kn[1], a);
                    if (shard < 0 || shard >= jobs) {
                        throw new IllegalArgumentException("--shard K/N needs 0 <= K < N");
                    }
                }
                case "--shard-out" -> shardOut = Path.of(value(args, ++i, a));
                // internal: the workers' shared folder of claimed contracts (see runSharded)
                case "--claims" -> claims = Path.of(value(args, ++i, a));
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    sources.add(home.resolve(a));
                }
            }
        }
        if (shard >= 0 && shardOut == null) {
            throw new IllegalArgumentException("--shard needs --shard-out FILE");
        }
        if (store && maxSteps != null) {
            throw new IllegalArgumentException("--store stores proofs found with the configured budget only;"
                + " drop --max-steps");
        }
        if (sources.isEmpty()) {
            sources.add(home.resolve("spec/src/main/java"));
            sources.add(home.resolve("model/src/main/java"));
        }
        return new Options(sources, json, only, ratchetOnly, maxSteps, goals, stats, jobs, shard, shardOut,
            claims, search, store);
    }

    private static int positive(String v, String option) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(option + " needs a positive number, not " + v);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static Path home() {
        return Path.of(System.getProperty("ptoracle.home", ".")).toAbsolutePath().normalize();
    }

    /** "VirtAddr#new*" -> contains-match with * as wildcard; "A|B" matches either alternative. */
    static Predicate<String> filter(String only) {
        if (only == null) {
            return id -> true;
        }
        StringBuilder re = new StringBuilder();
        for (String alternative : only.split("\\|", -1)) {
            if (re.length() > 0) {
                re.append('|');
            }
            re.append("(?:.*");
            for (String part : alternative.split("\\*", -1)) {
                re.append(Pattern.quote(part)).append(".*");
            }
            re.append(')');
        }
        Pattern p = Pattern.compile(re.toString(), Pattern.DOTALL);
        return id -> p.matcher(id).matches();
    }

    /** What one or several KeY processes produced. */
    record Attempt(List<ProofOutcome> outcomes, Set<String> all, int failure) { }

    /** The whole command, without System.exit; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path home = home();
        Options opt;
        try {
            opt = parse(args, home);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                err.println("prove: " + e.getMessage());
            }
            err.println(USAGE);
            return 2;
        }
        KeyConfig config;
        Ratchet ratchet;
        Theorems theorems;
        try {
            config = KeyConfig.load(home.resolve(KeyConfig.DEFAULT_FILE));
            ratchet = Ratchet.load(home.resolve("proofs/ratchet.txt"));
            theorems = Theorems.load(home.resolve("proofs/theorems.txt"));
        } catch (KeyConfig.ConfigException | IOException | IllegalArgumentException e) {
            err.println("prove: " + e.getMessage());
            err.println("prove: (is -Dptoracle.home=" + home + " the repository root?)");
            return 2;
        }
        if (opt.maxSteps() != null) {
            if (opt.shard() < 0) {
                err.println("prove: WARNING --max-steps " + opt.maxSteps() + " overrides maxSteps="
                    + config.maxSteps() + "; results are not comparable with CI");
            }
            config = config.withMaxSteps(opt.maxSteps());
        }
        Predicate<String> onlyFilter = filter(opt.only());
        Predicate<String> scope = opt.ratchetOnly()
            ? id -> ratchet.ids().contains(id) && onlyFilter.test(id) : onlyFilter;

        List<Path> present = new ArrayList<>();
        for (Path p : opt.sources()) {
            if (KeyProject.hasJava(p)) {
                present.add(p);
            } else if (opt.shard() < 0) {
                err.println("prove: no Java sources in " + p + " (skipped)");
            }
        }
        long t0 = System.nanoTime();
        int jobs = opt.jobs();
        if (opt.goals() || opt.stats() || (opt.ratchetOnly() && ratchet.ids().size() <= 4)) {
            jobs = 1; // one KeY load is cheaper than two for a handful of contracts
        }
        Attempt attempt;
        if (present.isEmpty()) {
            attempt = new Attempt(List.of(), Set.of(), 0);
        } else if (opt.shard() >= 0) {
            // a worker never outlives the prove process that started it
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(3)));
            attempt = runInProcess(present, home, config, scope, opt, err);
            return writeShard(attempt, opt.shardOut(), err);
        } else if (jobs > 1) {
            attempt = runSharded(present, home, opt, jobs, err);
        } else {
            attempt = runInProcess(present, home, config, scope, opt, err);
        }
        if (attempt.failure() != 0) {
            return attempt.failure();
        }
        List<ProofOutcome> outcomes = new ArrayList<>(attempt.outcomes());
        outcomes.sort(java.util.Comparator.comparing(o -> o.ref().id()));
        Set<String> all = attempt.all();
        if (!outcomes.isEmpty() || !all.isEmpty()) {
            for (String stale : theorems.unmatched(all.stream().map(ProveMain::refOf).toList())) {
                err.println("prove: WARNING proofs/theorems.txt line " + stale + " matches no contract");
            }
        }
        Reliance reliance = Reliance.of(outcomes, all);
        Report.table(outcomes, theorems, reliance, out);
        long closed = outcomes.stream().filter(ProofOutcome::closed).count();
        out.printf("%d contracts attempted: %d closed, %d open, %d error; %d ms in total (%d KeY process%s)%n",
            outcomes.size(), closed,
            outcomes.stream().filter(o -> o.status() == ProofOutcome.Status.OPEN).count(),
            outcomes.stream().filter(o -> o.status() == ProofOutcome.Status.ERROR).count(),
            (System.nanoTime() - t0) / 1_000_000, jobs, jobs == 1 ? "" : "es");
        printReplays(outcomes, opt, out);
        if (opt.store() && opt.only() == null && !opt.ratchetOnly() && !all.isEmpty()) {
            pruneStore(ProofStore.of(home), outcomes, out, err);
        }
        printReliance(outcomes, reliance, out);
        printNearBudget(outcomes, config.maxSteps(), out);
        if (opt.json() != null) {
            try {
                Report.json(outcomes, theorems, reliance, opt.json());
            } catch (IOException e) {
                err.println("prove: cannot write " + opt.json() + ": " + e.getMessage());
                return 2;
            }
        }
        Map<String, ProofOutcome> byId = new LinkedHashMap<>();
        outcomes.forEach(o -> byId.put(o.ref().id(), o));
        List<String> violations = ratchet.violations(byId, all, scope);
        if (!violations.isEmpty()) {
            out.println("RATCHET FAILED: " + violations.size() + " listed contract(s) did not close:");
            violations.forEach(v -> out.println("  " + v));
            return 1;
        }
        long checked = ratchet.ids().stream().filter(scope).count();
        out.println("ratchet: " + checked + " of " + ratchet.ids().size() + " listed contracts checked, all closed"
            + (opt.only() != null ? " (filtered by --only)" : ""));
        return 0;
    }

    /**
     * How the closed contracts closed (replayed or searched), and which closed only by search although
     * a stored proof was there to replay (the stored proof is stale: {@code --store} refreshes it).
     */
    static void printReplays(List<ProofOutcome> outcomes, Options opt, PrintStream out) {
        long replayed = outcomes.stream().filter(o -> o.closed() && o.replayed()).count();
        long searched = outcomes.stream().filter(o -> o.closed() && !o.replayed()).count();
        out.printf("closed by replaying a stored proof: %d; by search: %d%s%n", replayed, searched,
            opt.search() ? " (--search: stored proofs ignored)" : "");
        List<ProofOutcome> setAside = outcomes.stream().filter(o -> o.reason().contains("stored proof set aside"))
            .toList();
        if (!setAside.isEmpty()) {
            out.printf("stored proofs set aside (stale or broken; ./ptoracle prove --store refreshes them): %d%n",
                setAside.size());
            setAside.stream().limit(10).forEach(o -> out.println("  " + o.ref().id() + ": "
                + o.reason().substring(o.reason().indexOf("stored proof set aside"))));
        }
    }

    /**
     * After a run of every contract with {@code --store}: deletes the stored proofs of contracts that did
     * not close in it (or no longer exist), so that no later run spends time replaying them.
     */
    static void pruneStore(ProofStore store, List<ProofOutcome> outcomes, PrintStream out, PrintStream err) {
        Set<Path> keep = new HashSet<>();
        outcomes.stream().filter(ProofOutcome::closed).forEach(o -> keep.add(store.fileOf(o.ref().id())));
        if (!Files.isDirectory(store.dir())) {
            return;
        }
        int deleted = 0;
        int kept = 0;
        try (var files = Files.list(store.dir())) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".proof.gz")).toList()) {
                if (keep.contains(f)) {
                    kept++;
                } else {
                    Files.delete(f);
                    deleted++;
                }
            }
        } catch (IOException e) {
            err.println("prove: cannot prune " + store.dir() + ": " + e.getMessage());
            return;
        }
        out.printf("stored proofs: %d in %s (of %d closed: the others KeY does not replay), %d deleted"
            + " (their contracts did not close or are gone)%n", kept, store.dir(), keep.size(), deleted);
    }

    /**
     * How many closed contracts are proved outright and how many only modulo contracts that did not
     * close in this run, with the unclosed contracts that most closed ones rest on.
     */
    static void printReliance(List<ProofOutcome> outcomes, Reliance reliance, PrintStream out) {
        int outright = 0;
        int modulo = 0;
        Map<String, Integer> cited = new TreeMap<>();
        for (ProofOutcome o : outcomes) {
            if (!o.closed()) {
                continue;
            }
            Set<String> below = reliance.unclosedBelow(o.ref().id());
            if (below.isEmpty()) {
                outright++;
            } else {
                modulo++;
                below.forEach(id -> cited.merge(id, 1, Integer::sum));
            }
        }
        out.printf("of the closed: %d proved outright (every contract their proofs used closed too, and so on"
            + " down), %d rest on contracts that did not close in this run%n", outright, modulo);
        cited.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
            .limit(10)
            .forEach(e -> out.printf("  %4d closed rest on %s%s%n", e.getValue(), e.getKey(),
                reliance.outcome(e.getKey()).map(o -> " (" + o.status().label() + ")").orElse(" (not attempted)")));
        if (cited.size() > 10) {
            out.printf("  ... and %d more unclosed contracts (see restsOnUnclosed in --json)%n", cited.size() - 10);
        }
    }

    /** Loads KeY here and attempts the contracts in scope (only this worker's share when sharded). */
    static Attempt runInProcess(List<Path> present, Path home, KeyConfig config, Predicate<String> scope,
            Options opt, PrintStream err) {
        long t0 = System.nanoTime();
        List<ProofOutcome> outcomes = new ArrayList<>();
        Set<String> all = new HashSet<>();
        String who = opt.shard() < 0 ? "prove" : "prove[" + (opt.shard() + 1) + "/" + opt.jobs() + "]";
        try (KeyProject project = KeyProject.load(present, home.resolve("proofs/key-stubs"), config)) {
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            List<ContractRef> refs = project.contracts();
            refs.forEach(r -> all.add(r.id()));
            List<ContractRef> selected = refs.stream().filter(r -> scope.test(r.id())).toList();
            ProofStore store = ProofStore.of(home);
            project.replayFrom(opt.search() ? null : store);
            project.storeTo(opt.store() ? store : null);
            if (!opt.search() && !opt.store()) {
                selected = searchesFirst(selected, store);
            }
            err.printf("%s: KeY loaded %s in %d ms: %d contracts, %d selected%s, maxSteps=%d%n", who,
                present, loadMs, refs.size(), selected.size(),
                opt.shard() < 0 ? "" : ", shared by " + opt.jobs() + " workers", config.maxSteps());
            AtomicInteger n = new AtomicInteger();
            for (int i = 0; i < selected.size(); i++) {
                if (!mine(opt, i)) {
                    continue;
                }
                ContractRef r = selected.get(i);
                ProofOutcome o = project.prove(r, config.maxSteps(), opt.goals(), opt.stats());
                outcomes.add(o);
                err.printf("%s: [%d/%d] %-6s %-8s %6d nodes %7d ms  %s%s%n", who, n.incrementAndGet(),
                    selected.size(), o.status().label(), o.via(), o.nodes(), o.ms(), r.id(),
                    o.reason().equals("closed") ? "" : "  (" + o.reason() + ")");
                if (o.openGoal() != null) {
                    err.println(o.openGoal());
                }
                if (o.profile() != null) {
                    err.println(o.profile().render());
                }
            }
        } catch (KeyProject.LoadException e) {
            err.println(who + ": KeY cannot read the sources:");
            err.println(e.getMessage());
            return new Attempt(outcomes, all, 1);
        } catch (KeyConfig.ConfigException e) {
            err.println(who + ": settings not applied: " + e.getMessage());
            return new Attempt(outcomes, all, 2);
        }
        return new Attempt(outcomes, all, 0);
    }

    /**
     * The contracts without a stored proof first (each a search, most of them long: the open ones run
     * to the budget), then those with one (replays take seconds), each part in its order: with workers
     * claiming the next contract, the long ones are spread between them and the run does not end on
     * one worker's long search. Workers compute the same order as long as the store does not change
     * during the run, which is why {@code --store} keeps the identifiers' order.
     */
    static List<ContractRef> searchesFirst(List<ContractRef> selected, ProofStore store) {
        List<ContractRef> ordered = new ArrayList<>();
        List<ContractRef> stored = new ArrayList<>();
        for (ContractRef r : selected) {
            (Files.isRegularFile(store.fileOf(r.id())) ? stored : ordered).add(r);
        }
        ordered.addAll(stored);
        return ordered;
    }

    /**
     * Whether this process attempts the {@code i}-th selected contract. Workers take contracts in
     * order, each claiming the next one not yet taken (a file per contract, created atomically, in a
     * folder they share), so that a worker that draws long proofs takes fewer: with a fixed share,
     * one worker finished 200 s after the other. Alone, or sharded without a folder, the answer is
     * fixed.
     */
    static boolean mine(Options opt, int i) {
        if (opt.shard() < 0) {
            return true;
        }
        if (opt.claims() == null) {
            return i % opt.jobs() == opt.shard();
        }
        try {
            Files.createFile(opt.claims().resolve(Integer.toString(i)));
            return true;
        } catch (java.nio.file.FileAlreadyExistsException taken) {
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot claim contract " + i + " in " + opt.claims(), e);
        }
    }

    /**
     * Names the closed contracts near the step budget ({@link Report#nearBudget}), so that a reader of a green run sees
     * which of them a change could push open: rule application counts repeat for a given tree only to
     * within a few (tenth session: one translate case took 13,779 to 13,787 nodes over four runs).
     */
    static void printNearBudget(List<ProofOutcome> outcomes, int maxSteps, PrintStream out) {
        List<ProofOutcome> near = Report.nearBudget(outcomes, maxSteps);
        if (near.isEmpty()) {
            return;
        }
        out.printf("closed within %d%% of the budget of %d steps: %d%n", Report.NEAR_BUDGET_PERCENT, maxSteps,
            near.size());
        for (ProofOutcome o : near) {
            out.printf("  %6d steps  %s%n", o.steps(), o.ref().id());
        }
    }

    /**
     * The JVM flags of a worker: this JVM's own (minus debugger and agent attachments), and the
     * throughput collector unless a collector was chosen. KeY's proof search allocates heavily and
     * never waits for a user; with the parallel collector a probe of three translate proofs plus
     * loading took 73 s twice against 81 and 83 s with the default G1 (tenth session, one worker).
     * Results do not depend on it: the budget counts rule applications, not time.
     */
    static List<String> workerJvmArguments(List<String> inherited) {
        List<String> args = new ArrayList<>();
        boolean collectorChosen = false;
        for (String a : inherited) {
            if (a.startsWith("-agentlib:jdwp") || a.startsWith("-javaagent")) {
                continue;
            }
            collectorChosen |= a.matches("-XX:[+-]Use\\w*GC");
            args.add(a);
        }
        if (!collectorChosen) {
            args.add("-XX:+UseParallelGC");
        }
        return args;
    }

    /**
     * Starts {@code jobs} worker JVMs (this class with {@code --shard k/jobs}); each loads KeY and
     * attempts the selected contracts it claims first (see {@link #mine}). Results come back through a
     * TSV file per worker.
     * Proofs are independent, so the table does not depend on the number of workers.
     */
    static Attempt runSharded(List<Path> present, Path home, Options opt, int jobs, PrintStream err) {
        List<Process> procs = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Path> files = new ArrayList<>();
        Thread stopWorkers = new Thread(() -> procs.forEach(Process::destroy), "prove-stop-workers");
        Runtime.getRuntime().addShutdownHook(stopWorkers);
        Path claims;
        try {
            claims = Files.createTempDirectory("ptoracle-prove-claims");
        } catch (java.io.IOException e) {
            err.println("prove: cannot create a folder for the workers' claims: " + e.getMessage());
            return new Attempt(List.of(), Set.of(), 1);
        }
        try {
            for (int k = 0; k < jobs; k++) {
                Path f = Files.createTempFile("ptoracle-prove-shard", ".tsv");
                KeyProject.deleteOnExit(f);
                files.add(f);
                List<String> cmd = new ArrayList<>();
                cmd.add(ProcessHandle.current().info().command().orElse(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                cmd.addAll(workerJvmArguments(ManagementFactory.getRuntimeMXBean().getInputArguments()));
                cmd.add("-Dptoracle.home=" + home);
                cmd.add("-Dkey.disregardSettings=true");
                cmd.add("-cp");
                cmd.add(System.getProperty("java.class.path"));
                cmd.add(ProveMain.class.getName());
                present.forEach(p -> cmd.add(p.toString()));
                if (opt.only() != null) {
                    cmd.add("--only");
                    cmd.add(opt.only());
                }
                if (opt.ratchetOnly()) {
                    cmd.add("--ratchet-only");
                }
                if (opt.search()) {
                    cmd.add("--search");
                }
                if (opt.store()) {
                    cmd.add("--store");
                }
                if (opt.maxSteps() != null) {
                    cmd.add("--max-steps");
                    cmd.add(opt.maxSteps().toString());
                }
                cmd.add("--shard");
                cmd.add(k + "/" + jobs);
                cmd.add("--shard-out");
                cmd.add(f.toString());
                cmd.add("--claims");
                cmd.add(claims.toString());
                ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.PIPE);
                Process p = pb.start();
                procs.add(p);
                // forward the worker's progress lines as they come
                Thread pump = new Thread(() -> {
                    try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream(),
                            java.nio.charset.StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            synchronized (err) {
                                err.println(line);
                            }
                        }
                    } catch (IOException ignored) {
                        // worker gone
                    }
                }, "prove-worker-" + k + "-stderr");
                pump.setDaemon(true);
                pump.start();
            }
            int failure = 0;
            List<ProofOutcome> outcomes = new ArrayList<>();
            Set<String> all = new HashSet<>();
            for (int k = 0; k < jobs; k++) {
                int code = procs.get(k).waitFor();
                if (code != 0) {
                    failure = Math.max(failure, code == 2 ? 2 : 1);
                    continue;
                }
                readShard(files.get(k), outcomes, all);
            }
            Thread.sleep(50); // let the stderr pumps drain
            return new Attempt(outcomes, all, failure);
        } catch (IOException e) {
            err.println("prove: cannot start worker JVMs: " + e.getMessage());
            return new Attempt(List.of(), Set.of(), 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(List.of(), Set.of(), 1);
        } finally {
            procs.forEach(Process::destroy);
            try {
                Runtime.getRuntime().removeShutdownHook(stopWorkers);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            try (var claimed = Files.list(claims)) {
                for (Path c : claimed.toList()) {
                    Files.deleteIfExists(c);
                }
                Files.deleteIfExists(claims);
            } catch (IOException ignored) {
                // a temporary folder; nothing depends on it once the workers are gone
            }
            for (Path f : files) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // temp file
                }
            }
        }
    }

    /**
     * Worker output: "all\t<id>" for every contract,
     * "res\t<id>\t<status>\t<nodes>\t<ms>\t<steps>\t<reason>\t<used ids, space-separated>\t<via>".
     */
    static int writeShard(Attempt a, Path file, PrintStream err) {
        if (a.failure() != 0) {
            return a.failure();
        }
        StringBuilder sb = new StringBuilder();
        a.all().forEach(id -> sb.append("all\t").append(id).append('\n'));
        for (ProofOutcome o : a.outcomes()) {
            sb.append("res\t").append(o.ref().id()).append('\t').append(o.status().name()).append('\t')
                .append(o.nodes()).append('\t').append(o.ms()).append('\t').append(o.steps()).append('\t')
                .append(o.reason().replaceAll("[\t\r\n]+", " ")).append('\t')
                .append(String.join(" ", o.uses())).append('\t').append(o.via()).append('\n');
        }
        try {
            Files.writeString(file, sb, StandardCharsets.UTF_8);
            return 0;
        } catch (IOException e) {
            err.println("prove: cannot write " + file + ": " + e.getMessage());
            return 2;
        }
    }

    static void readShard(Path file, List<ProofOutcome> outcomes, Set<String> all) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("all")) {
                all.add(f[1]);
            } else if (f[0].equals("res")) {
                outcomes.add(new ProofOutcome(refOf(f[1]), ProofOutcome.Status.valueOf(f[2]),
                    Integer.parseInt(f[3]), Long.parseLong(f[4]), f[6], Integer.parseInt(f[5]), null, null,
                    f[7].isEmpty() ? List.of() : List.of(f[7].split(" ")), f[8].equals("replayed")));
            }
        }
    }

    /** A ContractRef without KeY's object, from its identifier. */
    static ContractRef refOf(String id) {
        String[] p = id.split("#", 3);
        return new ContractRef(p[0], p[1], p[2], null);
    }
}
