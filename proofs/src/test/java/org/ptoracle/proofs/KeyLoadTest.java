package org.ptoracle.proofs;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * KeY must be able to read spec/ and model/: this is what keeps their Java (and JML) inside the
 * subset KeY 2.12.3 understands. On failure the message is KeY's, with file:line:column.
 */
class KeyLoadTest {

    @Test
    void keyReadsSpecAndModel() throws Exception {
        Path home = TestHome.get();
        List<Path> dirs = new ArrayList<>();
        for (String d : List.of("spec/src/main/java", "model/src/main/java")) {
            if (KeyProject.hasJava(home.resolve(d))) {
                dirs.add(home.resolve(d));
            }
        }
        assumeTrue(!dirs.isEmpty(), "spec/src/main/java and model/src/main/java have no Java sources yet");
        KeyConfig config = TestHome.config();
        String error = ProveMain.onBigStack(() -> {
            long t0 = System.nanoTime();
            try (KeyProject p = KeyProject.load(dirs, TestHome.stubs(), config)) {
                System.out.printf("KeY read %s in %d ms: %d contracts%n", dirs,
                    (System.nanoTime() - t0) / 1_000_000, p.contracts().size());
                return duplicateIds(p.contracts());
            } catch (KeyProject.LoadException e) {
                return e.getMessage();
            }
        });
        if (error != null && error.startsWith("duplicate")) {
            fail(error);
        }
        if (error != null) {
            fail("KeY 2.12.3 cannot read " + dirs + ":\n" + error
                + "\n(KeY reads only the Java/JML subset listed in proofs/README.md; JDK classes come from"
                + " KeY's JavaRedux library plus proofs/key-stubs, so use what they offer rather than a class path.)");
        }
    }

    /**
     * The ratchet and the theorem map name contracts by id, so two contracts must never share one (a
     * class's own cases and those it inherits from an interface are both numbered from 0).
     */
    private static String duplicateIds(List<ContractRef> contracts) {
        Set<String> seen = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (ContractRef c : contracts) {
            if (!seen.add(c.id())) {
                twice.add(c.id());
            }
        }
        return twice.isEmpty() ? null : "duplicate contract ids (see ContractRef): " + twice;
    }
}
