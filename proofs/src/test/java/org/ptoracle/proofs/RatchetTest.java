package org.ptoracle.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * CI's ratchet: every contract listed in proofs/ratchet.txt must close. Runs `prove --ratchet-only`
 * (only the listed contracts, so it is faster than the full table) and fails naming the contracts
 * that did not close.
 */
class RatchetTest {

    @Test
    void everyRatchetContractCloses() throws Exception {
        Ratchet ratchet = Ratchet.load(TestHome.get().resolve("proofs/ratchet.txt"));
        assumeFalse(ratchet.ids().isEmpty(), "proofs/ratchet.txt lists no contract yet");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String home = System.getProperty("ptoracle.home");
        System.setProperty("ptoracle.home", TestHome.get().toString());
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = ProveMain.onBigStack(() -> ProveMain.run(new String[] {"--ratchet-only"}, o, e));
        } finally {
            if (home != null) {
                System.setProperty("ptoracle.home", home);
            }
        }
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
    }
}
