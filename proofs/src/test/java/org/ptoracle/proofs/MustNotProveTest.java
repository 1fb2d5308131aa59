package org.ptoracle.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs KeY, with the project's fixed settings, on deliberately false contracts
 * (src/test/resources/wrong) and on their corrected twins (src/test/resources/right). A false
 * contract that closes means the settings (or KeY) are unsound for us; a correct twin that does
 * not close means the setup cannot prove anything and the first check is vacuous.
 */
class MustNotProveTest {
    /** Every false contract in wrong/; listing them catches a fixture that silently stops being a contract. */
    static final Set<String> WRONG = new TreeSet<>(List.of(
        "WrongContracts#add(int,int)#normal_behavior.0",
        "WrongContracts#frameStart(long)#normal_behavior.0",
        "WrongContracts#pageNumber(long)#normal_behavior.0",
        "WrongContracts#p1Index(long)#normal_behavior.0",
        "WrongContracts#pageOffset(long)#normal_behavior.0",
        "WrongContracts#checked(long)#normal_behavior.0",
        "WrongContracts#bump()#normal_behavior.0",
        "WrongContracts#countUp(long[])#normal_behavior.0"));

    static List<ProofOutcome> outcomes = new ArrayList<>();
    static long loadMs;

    @BeforeAll
    static void proveFixtures() throws Exception {
        KeyConfig config = TestHome.config();
        ProveMain.onBigStack(() -> {
            long t0 = System.nanoTime();
            try (KeyProject p = KeyProject.load(
                    List.of(TestHome.resources("wrong"), TestHome.resources("right")), TestHome.stubs(), config)) {
                loadMs = (System.nanoTime() - t0) / 1_000_000;
                for (ContractRef r : p.contracts()) {
                    outcomes.add(p.prove(r, config.maxSteps()));
                }
            }
            return null;
        });
        for (ProofOutcome o : outcomes) {
            System.out.printf("must-not-prove fixture: %-6s %5d nodes %5d ms  %s%n",
                o.status().label(), o.nodes(), o.ms(), o.ref().id());
        }
        System.out.println("must-not-prove fixture: KeY load " + loadMs + " ms");
    }

    @AfterAll
    static void clear() {
        outcomes = new ArrayList<>();
    }

    @Test
    void noFalseContractIsProved() {
        Set<String> seen = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (ProofOutcome o : outcomes) {
            if (!o.ref().className().equals("WrongContracts")) {
                continue;
            }
            seen.add(o.ref().id());
            if (o.closed()) {
                problems.add("PROVED a false contract: " + o.ref().id());
            } else if (o.status() == ProofOutcome.Status.ERROR) {
                problems.add("KeY failed on " + o.ref().id() + ": " + o.reason());
            }
        }
        assertEquals(WRONG, seen, "the must-not-prove fixtures changed");
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void everyCorrectTwinIsProved() {
        List<String> notClosed = new ArrayList<>();
        int n = 0;
        for (ProofOutcome o : outcomes) {
            if (o.ref().className().equals("RightContracts")) {
                n++;
                if (!o.closed()) {
                    notClosed.add(o.ref().id() + " is " + o.status().label() + " (" + o.reason() + ")");
                }
            }
        }
        assertTrue(n >= WRONG.size(), "expected a correct twin for every false contract, found " + n);
        if (!notClosed.isEmpty()) {
            fail("positive controls did not close:\n" + String.join("\n", notClosed));
        }
    }
}
