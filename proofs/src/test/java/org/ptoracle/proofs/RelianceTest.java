package org.ptoracle.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@link Reliance}: what a closed proof rests on, on hand-made outcomes (no KeY). */
class RelianceTest {
    private static final String TOP = "m.A#top()#normal_behavior.0";
    private static final String MID = "m.A#mid()#normal_behavior.0";
    private static final String LEAF = "m.A#leaf()#normal_behavior.0";
    private static final String IFACE = "s.Cpu#load(long)#behavior.0";
    private static final String IMPL = "m.ModelCpu#load(long)#behavior.0@Cpu";
    private static final String OTHER_IMPL = "m.FakeCpu#load(long)#behavior.0@Cpu";

    private static ProofOutcome outcome(String id, boolean closed, String... uses) {
        return new ProofOutcome(ProveMain.refOf(id), closed ? ProofOutcome.Status.CLOSED : ProofOutcome.Status.OPEN,
            1, 1, closed ? "closed" : "Could not close goal.", 1, null, null, List.of(uses));
    }

    @Test
    void aClosedChainDownToClosedContractsIsProvedOutright() {
        Reliance r = Reliance.of(List.of(outcome(TOP, true, MID), outcome(MID, true, LEAF), outcome(LEAF, true)),
            Set.of(TOP, MID, LEAF));
        assertEquals(Set.of(), r.unclosedBelow(TOP));
    }

    @Test
    void anOpenContractTwoCallsDownIsFoundAndWhatItUsedIsNot() {
        Reliance r = Reliance.of(List.of(outcome(TOP, true, MID), outcome(MID, true, LEAF), outcome(LEAF, false, IFACE)),
            Set.of(TOP, MID, LEAF, IFACE));
        assertEquals(Set.of(LEAF), r.unclosedBelow(TOP));
        assertEquals(Set.of(LEAF), r.unclosedBelow(MID));
    }

    @Test
    void aContractNotAttemptedCountsAsUnclosed() {
        Reliance r = Reliance.of(List.of(outcome(TOP, true, MID)), Set.of(TOP, MID));
        assertEquals(Set.of(MID), r.unclosedBelow(TOP));
    }

    @Test
    void anInterfaceContractRestsOnEveryImplementationsInheritedCase() {
        Reliance r = Reliance.of(
            List.of(outcome(TOP, true, IFACE), outcome(IFACE, true), outcome(IMPL, false), outcome(OTHER_IMPL, true)),
            Set.of(TOP, IFACE, IMPL, OTHER_IMPL));
        assertEquals(Set.of(IMPL), r.unclosedBelow(TOP));
        assertEquals(Set.of(IMPL), r.unclosedBelow(IFACE));
        assertEquals(Map.of(IFACE, List.of(IMPL)),
            Reliance.implementationsOf(List.of(TOP, IFACE, IMPL)), "matched by simple interface name and method");
    }

    @Test
    void recursionAndCyclesTerminateAndTheContractItselfIsNotReported() {
        Reliance r = Reliance.of(List.of(outcome(TOP, true, TOP, MID), outcome(MID, true, TOP)), Set.of(TOP, MID));
        assertEquals(Set.of(), r.unclosedBelow(TOP));
    }
}
