package org.ptoracle.difftest.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptoracle.difftest.trace.TraceParser;
import org.ptoracle.model.SeededBug;

class CampaignTest {

    private static Campaign.Result run(long seed, int traces, int jobs, int bug, Path out) throws Exception {
        Campaign.Settings settings = new Campaign.Settings(seed, traces, null, jobs, 30, out, bug != SeededBug.NONE,
                2000, "test", "./ptoracle replay");
        return new Campaign(settings, () -> Side.model(bug), () -> Side.model(SeededBug.NONE).withName("reference"),
                Campaign.Progress.none()).run();
    }

    @Test
    void theSameSeedGivesTheSameCampaignWhateverTheJobs() throws Exception {
        Campaign.Result one = run(99, 40, 1, SeededBug.NONE, null);
        Campaign.Result two = run(99, 40, 2, SeededBug.NONE, null);
        assertEquals(40, one.traces());
        assertEquals(one.steps(), two.steps());
        assertEquals(one.outcomes(), two.outcomes());
        assertTrue(one.findings().isEmpty(), "the model agrees with itself");
    }

    @Test
    void aSeededBugIsFoundShrunkAndSavedAsAReadableTrace(@TempDir Path out) throws Exception {
        Campaign.Result result = run(5, 200, 1, SeededBug.WRITE_PROTECT_IGNORED, out);
        assertFalse(result.findings().isEmpty(), "write-protect-ignored was not found in 200 traces");
        Campaign.Finding finding = result.findings().get(0);
        assertTrue(finding.shrunk().steps().size() <= 5, finding.shrunk().lines().toString());
        String saved = Files.readString(finding.saved());
        assertTrue(saved.startsWith("# ptoracle counterexample"), saved);
        assertTrue(saved.contains("trace seed " + finding.traceSeed()), saved);
        assertEquals(finding.shrunk().steps().size(), TraceParser.parse(Files.readAllBytes(finding.saved())).steps().size());
    }
}
