package org.ptoracle.difftest.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.ptoracle.difftest.trace.Step;
import org.ptoracle.difftest.trace.Trace;
import org.ptoracle.difftest.trace.TraceParser;

class TraceGeneratorTest {
    private final TraceGenerator generator = new TraceGenerator(OpWeights.defaults(), 40);

    @Test
    void theSameSeedGivesTheSameTrace() {
        assertEquals(generator.generate(42).lines(), generator.generate(42).lines());
        assertNotEquals(generator.generate(42).lines(), generator.generate(43).lines());
    }

    @Test
    void traceSeedsDependOnTheCampaignSeedAndIndexOnly() {
        assertEquals(Campaign.traceSeed(7, 3), Campaign.traceSeed(7, 3));
        assertNotEquals(Campaign.traceSeed(7, 3), Campaign.traceSeed(7, 4));
        assertNotEquals(Campaign.traceSeed(7, 3), Campaign.traceSeed(8, 3));
    }

    @Test
    void everyGeneratedTraceIsWellFormedAndEveryOpAndSizeComesUp() throws Exception {
        Set<String> ops = new TreeSet<>();
        Set<String> sizes = new TreeSet<>();
        Set<String> accesses = new TreeSet<>();
        for (long seed = 0; seed < 200; seed++) {
            GeneratedTrace generated = generator.generate(seed);
            Trace trace = TraceParser.parse(generated.lines());
            assertEquals(40, trace.steps().size());
            for (Step step : trace.steps()) {
                ops.add(step.op().name());
            }
            for (TraceStep step : generated.steps()) {
                if (step.fields().get("size") instanceof String size) {
                    sizes.add(size);
                }
                if (step.op().equals("access")) {
                    accesses.add(step.fields().get("kind") + "/" + step.fields().get("mode"));
                }
            }
        }
        assertEquals(OpWeights.defaults().asMap().keySet(), ops);
        assertEquals(Set.of("4KiB", "2MiB", "1GiB"), sizes);
        assertEquals(6, accesses.size(), accesses.toString());
    }

    @Test
    void pokesMakeOddEntries() {
        Set<String> kinds = new TreeSet<>();
        for (long seed = 0; seed < 200; seed++) {
            for (TraceStep step : generator.generate(seed).steps()) {
                if (step.op().equals("poke")) {
                    long value = (Long) step.fields().get("value");
                    if (value != 0 && (value & 1) == 0) {
                        kinds.add("non-present, non-zero");
                    }
                    if ((value & 0x000f_ff00_0000_0000L) != 0) {
                        kinds.add("reserved address bits");
                    }
                    if ((value & 0x80) != 0) {
                        kinds.add("PS");
                    }
                    if (value < 0) {
                        kinds.add("NX");
                    }
                }
            }
        }
        assertTrue(kinds.containsAll(Set.of("non-present, non-zero", "reserved address bits", "PS", "NX")),
                kinds.toString());
    }
}
