package org.ptoracle.difftest.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptoracle.model.SeededBug;

class ShrinkerTest {

    @Test
    void keepsOnlyWhatTheDivergenceNeeds() {
        GeneratedTrace trace = new TraceGenerator(OpWeights.defaults(), 60).generate(11);
        // A synthetic oracle: the trace "diverges" while it still writes somewhere with a user access.
        Shrinker shrinker = new Shrinker(t -> t.steps().stream().anyMatch(s -> s.op().equals("access")
                && "write".equals(s.fields().get("kind")) && "user".equals(s.fields().get("mode"))) ? "user write" : null,
                1000);
        assertTrue(trace.steps().stream().anyMatch(s -> s.op().equals("access") && "user".equals(s.fields().get("mode"))
                && "write".equals(s.fields().get("kind"))), "the seed must produce a user write");
        GeneratedTrace shrunk = shrinker.shrink(trace, "user write");
        assertEquals(1, shrunk.steps().size(), shrunk.lines().toString());
        assertEquals(0L, shrunk.steps().get(0).fields().get("addr"), "the address is simplified to 0");
    }

    @Test
    void removesFlagsAndRoundsNumbers() {
        TraceStep step = TraceStep.of("map_to", "size", "1GiB", "page", 0x7f12_4000_0000L, "frame", 0x4000_0000L,
                "flags", List.of("PRESENT", "WRITABLE"), "parent_flags", List.of("PRESENT"));
        List<TraceStep> simpler = Shrinker.simplerVersions(step);
        assertTrue(simpler.contains(step.without("parent_flags")));
        assertTrue(simpler.contains(step.with("flags", List.of("WRITABLE"))));
        assertTrue(simpler.contains(step.with("size", "4KiB")));
        assertTrue(simpler.contains(step.with("page", 0L)));
        assertTrue(simpler.contains(step.with("page", 0x7f00_0000_0000L)));
    }

    @Test
    void aRealSeededBugShrinksToAFewStepsOfTheSameKind() {
        Side buggy = Side.model(SeededBug.DIRTY_NOT_SET);
        Side reference = Side.model(SeededBug.NONE).withName("reference");
        TraceGenerator generator = new TraceGenerator(OpWeights.defaults(), 40);
        GeneratedTrace trace = null;
        Divergence divergence = null;
        for (long seed = 0; divergence == null; seed++) {
            trace = generator.generate(seed);
            divergence = DifferentialRun.run(trace, buggy, reference).divergence();
        }
        String kind = divergence.kind();
        Shrinker shrinker = new Shrinker(t -> {
            Divergence d = DifferentialRun.run(t, buggy, reference).divergence();
            return d == null ? null : d.kind();
        }, 2000);
        GeneratedTrace shrunk = shrinker.shrink(trace, kind);
        assertTrue(shrunk.steps().size() <= 5, shrunk.lines().toString());
        assertEquals(kind, DifferentialRun.run(shrunk, buggy, reference).divergence().kind());
    }
}
