package org.ptoracle.difftest.run;

import java.io.PrintStream;
import org.ptoracle.difftest.json.JsonBoolean;
import org.ptoracle.difftest.json.JsonObject;
import org.ptoracle.difftest.trace.Hex;
import org.ptoracle.difftest.trace.ResultEquality;
import org.ptoracle.difftest.trace.Step;
import org.ptoracle.difftest.trace.Trace;
import org.ptoracle.model.SeededBug;

/**
 * Runs a parsed trace and prints one line per operation (trace-format.md, Running and checking):
 * {@code {"step": N, "op": NAME, "result": RESULT}}, plus {@code "mismatch": true, "expected": ...}
 * where an expectation did not hold.
 *
 * <p>With a second backend ({@link #lockstep}), both run each step in turn; the second's result is
 * printed under {@code otherKey} (the format's {@code "unicorn"}), and after every step the two
 * physical memories are compared outside harness memory. A different result, or a memory difference,
 * adds {@code "diverged": true} (with {@code "memory": ADDR}, the lowest differing 8-byte aligned
 * address, for the latter). Expectations are checked against both results.
 */
public final class TraceRunner {
    private TraceRunner() {
    }

    /** What a run came to. */
    public record Summary(int steps, int mismatches, int divergences) {
        /** True when every expectation held and nothing diverged (exit status 0). */
        public boolean passed() {
            return mismatches == 0 && divergences == 0;
        }
    }

    /** Runs {@code trace} on one backend. */
    public static Summary run(Trace trace, MachineFactory backend, PrintStream out) {
        try (TraceExecutor executor = new TraceExecutor(trace.config(), backend)) {
            int mismatches = 0;
            for (Step step : trace.steps()) {
                JsonObject result = executor.execute(step.op());
                JsonObject.Builder line = start(step).put("result", result);
                if (step.expect() != null && !ResultEquality.equal(step.expect(), result)) {
                    mismatches++;
                    line.put("mismatch", JsonBoolean.TRUE).put("expected", step.expect());
                }
                out.println(line.build().toJson());
            }
            out.flush();
            return new Summary(trace.steps().size(), mismatches, 0);
        }
    }

    /**
     * Runs {@code trace} on two backends in lock-step: {@code reference} (whose result is "result") and
     * {@code other} (whose result is {@code otherKey}).
     */
    public static Summary lockstep(Trace trace, MachineFactory reference, MachineFactory other, String otherKey,
            PrintStream out) {
        try (Lockstep pair = new Lockstep(trace.config(), reference, SeededBug.NONE, other, SeededBug.NONE)) {
            int mismatches = 0;
            int divergences = 0;
            for (Step step : trace.steps()) {
                Lockstep.Result r = pair.step(step.op());
                JsonObject.Builder line = start(step).put("result", r.a()).put(otherKey, r.b());
                if (r.diverged()) {
                    divergences++;
                    line.put("diverged", JsonBoolean.TRUE);
                    if (r.memoryDifference().isPresent()) {
                        line.put("memory", Hex.format(r.memoryDifference().getAsLong()));
                    }
                }
                if (step.expect() != null && !(ResultEquality.equal(step.expect(), r.a())
                        && ResultEquality.equal(step.expect(), r.b()))) {
                    mismatches++;
                    line.put("mismatch", JsonBoolean.TRUE).put("expected", step.expect());
                }
                out.println(line.build().toJson());
            }
            out.flush();
            return new Summary(trace.steps().size(), mismatches, divergences);
        }
    }

    private static JsonObject.Builder start(Step step) {
        return JsonObject.builder().put("step", step.number()).put("op", step.op().name());
    }
}
