package org.ptoracle.difftest.fuzz;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.ptoracle.difftest.json.JsonObject;
import org.ptoracle.difftest.run.MemoryComparator;
import org.ptoracle.difftest.run.TraceExecutor;
import org.ptoracle.difftest.trace.Hex;
import org.ptoracle.difftest.trace.MalformedTraceException;
import org.ptoracle.difftest.trace.ResultEquality;
import org.ptoracle.difftest.trace.Step;
import org.ptoracle.difftest.trace.Trace;
import org.ptoracle.difftest.trace.TraceParser;

/**
 * Runs one trace on two sides in lock-step, as {@code run --backend both} does, but quietly: it stops at
 * the first divergence (a different result, or different physical memory after a step) and counts, per
 * operation, the kinds of result met on the way.
 */
public final class DifferentialRun {

    /**
     * @param steps the steps run (up to and including a divergence)
     * @param divergence the first divergence, or null
     * @param outcomes per op, how many times each result kind ("ok", "err", "fault", ...) came up on the
     *     reference side
     */
    public record Outcome(int steps, Divergence divergence, Map<String, Map<String, Integer>> outcomes) {
    }

    private DifferentialRun() {
    }

    /** Parses and runs {@code trace}; a trace the generator made must parse, so a failure is a bug. */
    public static Outcome run(GeneratedTrace trace, Side reference, Side other) {
        Trace parsed;
        try {
            parsed = TraceParser.parse(trace.lines());
        } catch (MalformedTraceException e) {
            throw new IllegalStateException("generated an unreadable trace: " + e.getMessage(), e);
        }
        return run(parsed, reference, other);
    }

    /** Runs a parsed trace. */
    public static Outcome run(Trace trace, Side reference, Side other) {
        Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
        MemoryComparator comparator = new MemoryComparator();
        try (TraceExecutor a = new TraceExecutor(trace.config(), reference.machines(), reference.crateBug());
                TraceExecutor b = new TraceExecutor(trace.config(), other.machines(), other.crateBug())) {
            List<Step> steps = trace.steps();
            for (Step step : steps) {
                JsonObject resultA = a.execute(step.op());
                JsonObject resultB = b.execute(step.op());
                String op = step.op().name();
                outcomes.computeIfAbsent(op, k -> new TreeMap<>()).merge(kindOf(resultA), 1, Integer::sum);
                if (!ResultEquality.equal(resultA, resultB)) {
                    String kind = op + ": " + reference.name() + " " + kindOf(resultA) + ", " + other.name() + " "
                            + kindOf(resultB);
                    return new Outcome(step.number(), new Divergence(step.number(), op, kind,
                            reference.name() + " " + resultA.toJson() + " | " + other.name() + " " + resultB.toJson()),
                            outcomes);
                }
                OptionalLong memory = comparator.firstDifference(a.machine(), b.machine(), trace.config());
                if (memory.isPresent()) {
                    long pa = memory.getAsLong() & ~7L;
                    return new Outcome(step.number(), new Divergence(step.number(), op, op + ": memory",
                            "physical memory differs at " + Hex.format(pa) + ": " + reference.name() + " "
                            + Hex.format(a.machine().peek(pa).toRaw()) + ", " + other.name() + " "
                            + Hex.format(b.machine().peek(pa).toRaw())), outcomes);
                }
            }
            return new Outcome(steps.size(), null, outcomes);
        }
    }

    /** The kind of a result: its key, with the error name for an "err". */
    static String kindOf(JsonObject result) {
        String key = result.keys().iterator().next();
        if (key.equals("err")) {
            return "err " + ((org.ptoracle.difftest.json.JsonString) result.get("err")).value();
        }
        return key;
    }
}
