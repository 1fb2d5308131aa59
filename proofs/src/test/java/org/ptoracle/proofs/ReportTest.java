package org.ptoracle.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table and the JSON show rule applications (what the budget counts) beside nodes. */
class ReportTest {
    private static ProofOutcome outcome(String id, boolean closed, int nodes, int steps) {
        return new ProofOutcome(ProveMain.refOf(id), closed ? ProofOutcome.Status.CLOSED : ProofOutcome.Status.OPEN,
            nodes, 7, closed ? "closed" : "Maximal number of rule applications reached or timed out.", steps, null,
            null, List.of());
    }

    private static final List<ProofOutcome> RUN = List.of(
        outcome("m.A#near()#normal_behavior.0", true, 19_810, 19_790),
        outcome("m.A#far()#normal_behavior.0", true, 500, 480),
        outcome("m.A#edge()#normal_behavior.0", true, 18_020, 18_000),
        outcome("m.A#stuck()#normal_behavior.0", false, 20_030, 20_000));

    @Test
    void tableHasAStepsColumnBesideNodes() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Report.table(RUN, Theorems.none(), Reliance.of(RUN, Set.of()), new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).matches(".*status +via +nodes +steps +ms +theorem.*"), lines.get(0));
        String near = lines.stream().filter(l -> l.contains("near()")).findFirst().orElseThrow();
        assertTrue(near.matches(".*closed +searched +19810 +19790 +7 +-.*"), near);
    }

    @Test
    void jsonCarriesSteps(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("p.json");
        Report.json(RUN, Theorems.none(), Reliance.of(RUN, Set.of()), f);
        String json = Files.readString(f);
        assertTrue(json.contains("\"nodes\": 19810, \"steps\": 19790, \"ms\": 7"), json);
        assertTrue(json.contains("\"via\": \"searched\""), json);
    }

    @Test
    void nearBudgetListsClosedContractsWithinTheMarginMostStepsFirst() {
        List<String> ids = Report.nearBudget(RUN, 20_000).stream().map(o -> o.ref().id()).toList();
        assertEquals(List.of("m.A#near()#normal_behavior.0", "m.A#edge()#normal_behavior.0"), ids);
        assertEquals(List.of(), Report.nearBudget(RUN, 100_000));
    }
}
