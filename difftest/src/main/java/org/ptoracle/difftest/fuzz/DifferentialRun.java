package org.ptoracle.difftest.fuzz;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ptoracle.difftest.json.JsonObject;
import org.ptoracle.difftest.run.Lockstep;
import org.ptoracle.difftest.trace.Hex;
import org.ptoracle.difftest.trace.MalformedTraceException;
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
        try (Lockstep pair = new Lockstep(trace.config(), reference.machines(), reference.crateBug(),
                other.machines(), other.crateBug())) {
            List<Step> steps = trace.steps();
            for (Step step : steps) {
                Lockstep.Result r = pair.step(step.op());
                String op = step.op().name();
                outcomes.computeIfAbsent(op, k -> new TreeMap<>()).merge(kindOf(r.a()), 1, Integer::sum);
                if (r.resultsDiffer()) {
                    String kind = op + ": " + reference.name() + " " + kindOf(r.a()) + ", " + other.name() + " "
                            + kindOf(r.b());
                    return new Outcome(step.number(), new Divergence(step.number(), op, kind,
                            reference.name() + " " + r.a().toJson() + " | " + other.name() + " " + r.b().toJson()),
                            outcomes);
                }
                if (r.memoryDifference().isPresent()) {
                    long pa = r.memoryDifference().getAsLong() & ~7L;
                    return new Outcome(step.number(), new Divergence(step.number(), op, op + ": memory",
                            "physical memory differs at " + Hex.format(pa) + ": " + reference.name() + " "
                            + Hex.format(pair.a().machine().peek(pa).toRaw()) + ", " + other.name() + " "
                            + Hex.format(pair.b().machine().peek(pa).toRaw())), outcomes);
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
