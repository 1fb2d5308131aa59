package org.ptoracle.difftest.run;

import java.util.OptionalLong;
import org.ptoracle.difftest.json.JsonObject;
import org.ptoracle.difftest.machine.MachineConfig;
import org.ptoracle.difftest.trace.Op;
import org.ptoracle.difftest.trace.ResultEquality;

/**
 * Two executors of the same trace, stepped together: each operation runs on both, then their results
 * are compared (trace-format.md's equality) and so are their physical memories outside harness memory.
 * Every two-backend command ({@code run --backend both}, fuzz, replay, vectors) goes through here.
 */
public final class Lockstep implements AutoCloseable {
    /** What one operation gave on both sides. */
    public record Result(JsonObject a, JsonObject b, boolean resultsDiffer, OptionalLong memoryDifference) {
        /** True when the results or the memories differ. */
        public boolean diverged() {
            return resultsDiffer || memoryDifference.isPresent();
        }
    }

    private final MachineConfig config;
    private final TraceExecutor a;
    private final TraceExecutor b;
    private final MemoryComparator comparator = new MemoryComparator();

    /** Both initial machines of {@code config}; each side's mapper may carry a seeded bug. */
    public Lockstep(MachineConfig config, MachineFactory factoryA, int seededBugA, MachineFactory factoryB,
            int seededBugB) {
        this.config = config;
        this.a = new TraceExecutor(config, factoryA, seededBugA);
        TraceExecutor second;
        try {
            second = new TraceExecutor(config, factoryB, seededBugB);
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        this.b = second;
    }

    /** Runs {@code op} on both sides and compares. */
    public Result step(Op op) {
        JsonObject resultA = a.execute(op);
        JsonObject resultB = b.execute(op);
        return new Result(resultA, resultB, !ResultEquality.equal(resultA, resultB),
                comparator.firstDifference(a.machine(), b.machine(), config));
    }

    public TraceExecutor a() {
        return a;
    }

    public TraceExecutor b() {
        return b;
    }

    @Override
    public void close() {
        try {
            a.close();
        } finally {
            b.close();
        }
    }
}
