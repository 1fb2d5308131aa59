package org.ptoracle.proofs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.proof.io.OutputStreamProofSaver;

/**
 * Closed proofs kept in the repository ({@code proofs/stored}), one gzip file per contract, so that a
 * proof run can have KeY replay a proof instead of searching for it again ({@link ProofReplay}).
 *
 * <p>A stored proof is the rule applications of KeY's own proof format (the {@code \proof} section of
 * a {@code .proof} file, from its first branch on), without the file's header: the sources, settings
 * and contract come from the run that replays it, never from the file. So a stored proof cannot
 * change what is proved, only how fast KeY finds out; one that no longer fits (the sources or the
 * contract changed) fails to replay and the contract is searched as if it had none.
 *
 * <p>The first line names the contract ({@value #HEADER}{@code <id>}); a file whose line names another
 * contract is not used (two identifiers that sanitise to the same file name).
 */
public final class ProofStore {
    /** Where the stored proofs live, relative to the repository root. */
    public static final String FOLDER = "proofs/stored";
    static final String HEADER = "// ptoracle stored proof of ";
    private static final String SUFFIX = ".proof.gz";

    private final Path dir;

    public ProofStore(Path dir) {
        this.dir = dir;
    }

    /** The store of the repository at {@code home}. */
    public static ProofStore of(Path home) {
        return new ProofStore(home.resolve(FOLDER));
    }

    public Path dir() {
        return dir;
    }

    /** The file of a contract: {@link #fileStem} of its identifier, then ".proof.gz". */
    public Path fileOf(String id) {
        return dir.resolve(fileStem(id) + SUFFIX);
    }

    /** A contract's identifier as a file name: every character outside [A-Za-z0-9.#_-] as '_'. */
    static String fileStem(String id) {
        return id.replaceAll("[^A-Za-z0-9.#_-]", "_");
    }

    /**
     * The stored rule applications of a contract, or empty when there is no file for it.
     *
     * @throws IOException when the file exists but cannot be read, is not gzip, or names another contract
     */
    public Optional<String> read(String id) throws IOException {
        Path file = fileOf(id);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int eol = text.indexOf('\n');
        String first = eol < 0 ? text : text.substring(0, eol);
        if (!first.equals(HEADER + id)) {
            throw new IOException(file + " is not the stored proof of " + id + " (its first line is \""
                + first + "\")");
        }
        return Optional.of(text.substring(eol + 1));
    }

    /** Stores rule applications as {@link #steps} gives them (replacing an earlier file atomically). */
    public void write(String id, String steps) throws IOException {
        Files.createDirectories(dir);
        Path file = fileOf(id);
        Path tmp = Files.createTempFile(dir, ".store", ".tmp");
        try {
            // GZIPOutputStream writes no file name and a zero time stamp: equal proofs give equal bytes.
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
                out.write((HEADER + id + "\n" + steps).getBytes(StandardCharsets.UTF_8));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The rule applications of a proof as KeY saves them: the {@code \proof} section of its file from
     * the first {@code (branch} on, without the closing brace. The log line before it (user name, KeY
     * version) and the auto mode time are left out: they change from run to run and replay ignores them.
     */
    public static String steps(Proof proof) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new OutputStreamProofSaver(proof).save(bytes);
        String text = bytes.toString(StandardCharsets.UTF_8);
        int proofStart = text.indexOf("\n\\proof {");
        int branch = proofStart < 0 ? -1 : text.indexOf("\n(branch ", proofStart);
        int close = text.lastIndexOf("\n}");
        if (branch < 0 || close < branch) {
            throw new IOException("KeY's saved proof has no \\proof section with a branch");
        }
        return text.substring(branch + 1, close + 1);
    }
}
