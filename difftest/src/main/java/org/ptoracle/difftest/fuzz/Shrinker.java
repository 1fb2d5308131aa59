package org.ptoracle.difftest.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Makes a diverging trace short and plain while it keeps diverging the same way: first delta debugging
 * over the steps (Zeller and Hildebrandt's ddmin, removing ever smaller chunks), then one argument at a
 * time: fewer flags, smaller and rounder addresses, smaller page sizes, no optional fields. A candidate
 * is kept only when the oracle reports the same kind of divergence as the original.
 */
public final class Shrinker {
    private final Function<GeneratedTrace, String> oracle;
    private final int budget;
    private int runs;

    /**
     * @param oracle the divergence kind of a trace (for example {@code "map_to:result"}), or null when
     *     it does not diverge
     * @param budget the most oracle runs to spend
     */
    public Shrinker(Function<GeneratedTrace, String> oracle, int budget) {
        this.oracle = oracle;
        this.budget = budget;
    }

    /** Oracle runs spent so far. */
    public int runs() {
        return runs;
    }

    /** The smallest trace found that diverges with {@code kind}. */
    public GeneratedTrace shrink(GeneratedTrace failing, String kind) {
        GeneratedTrace current = removeAllocatingSteps(removeSteps(failing, kind), kind);
        GeneratedTrace previous;
        do {
            previous = current;
            current = simplifyArguments(current, kind);
            current = removeSteps(current, kind);
            current = removeAllocatingSteps(current, kind);
        } while (!current.equals(previous) && runs < budget);
        return current;
    }

    private boolean reproduces(GeneratedTrace candidate, String kind) {
        if (runs >= budget) {
            return false;
        }
        runs++;
        return kind.equals(oracle.apply(candidate));
    }

    private GeneratedTrace removeSteps(GeneratedTrace trace, String kind) {
        List<TraceStep> steps = new ArrayList<>(trace.steps());
        int chunks = 2;
        while (steps.size() >= 2 && runs < budget) {
            int chunk = (int) Math.ceil(steps.size() / (double) chunks);
            boolean removed = false;
            for (int start = 0; start < steps.size(); start += chunk) {
                List<TraceStep> candidate = new ArrayList<>(steps.subList(0, start));
                candidate.addAll(steps.subList(Math.min(steps.size(), start + chunk), steps.size()));
                if (!candidate.isEmpty() && reproduces(trace.withSteps(candidate), kind)) {
                    steps = candidate;
                    chunks = Math.max(chunks - 1, 2);
                    removed = true;
                    break;
                }
            }
            if (!removed) {
                if (chunk == 1) {
                    break;
                }
                chunks = Math.min(steps.size(), chunks * 2);
            }
        }
        return trace.withSteps(steps);
    }

    /**
     * A step that allocates frames often cannot go alone: a later poke or peek aims at a pool frame that
     * only that allocation order puts a table in. So try removing each step together with moving every
     * later pool address down by one to three frames (a step allocates at most three).
     */
    private GeneratedTrace removeAllocatingSteps(GeneratedTrace trace, String kind) {
        long[] pool = poolBounds(trace);
        if (pool == null) {
            return trace;
        }
        List<TraceStep> steps = new ArrayList<>(trace.steps());
        for (int i = 0; i < steps.size() && steps.size() > 1 && runs < budget; i++) {
            for (int frames = 1; frames <= 3; frames++) {
                List<TraceStep> candidate = new ArrayList<>(steps.subList(0, i));
                boolean moved = false;
                for (TraceStep later : steps.subList(i + 1, steps.size())) {
                    Object phys = later.fields().get("phys");
                    long shifted = phys instanceof Long p ? p - 0x1000L * frames : -1;
                    if (phys instanceof Long p && p >= pool[0] + 0x1000L * (frames + 1) && p < pool[1]) {
                        candidate.add(later.with("phys", shifted));
                        moved = true;
                    } else {
                        candidate.add(later);
                    }
                }
                if (moved && reproduces(trace.withSteps(candidate), kind)) {
                    steps = candidate;
                    i = -1;
                    break;
                }
            }
        }
        return trace.withSteps(steps);
    }

    /** The pool's first and one-past-last address, from the header (null when it has no pool field). */
    private static long[] poolBounds(GeneratedTrace trace) {
        if (!(trace.header().get("pool") instanceof Map<?, ?> pool)) {
            return null;
        }
        if (!(pool.get("start") instanceof Long start) || !(pool.get("frames") instanceof Integer frames)) {
            return null;
        }
        return new long[] {start, start + 0x1000L * frames};
    }

    private GeneratedTrace simplifyArguments(GeneratedTrace trace, String kind) {
        List<TraceStep> steps = new ArrayList<>(trace.steps());
        for (int i = 0; i < steps.size() && runs < budget; i++) {
            for (TraceStep candidate : simplerVersions(steps.get(i))) {
                List<TraceStep> attempt = new ArrayList<>(steps);
                attempt.set(i, candidate);
                if (reproduces(trace.withSteps(attempt), kind)) {
                    steps = attempt;
                    i--;
                    break;
                }
            }
        }
        return trace.withSteps(steps);
    }

    /** Simpler variants of one step, simplest first. */
    static List<TraceStep> simplerVersions(TraceStep step) {
        Set<TraceStep> out = new LinkedHashSet<>();
        if (step.fields().containsKey("parent_flags")) {
            out.add(step.without("parent_flags"));
        }
        for (Map.Entry<String, Object> field : step.fields().entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            if (value instanceof List<?> list && !list.isEmpty()) {
                for (int k = 0; k < list.size(); k++) {
                    List<Object> fewer = new ArrayList<>(list);
                    fewer.remove(k);
                    out.add(step.with(name, fewer));
                }
            } else if (value instanceof Long number && number != 0L) {
                for (Long simpler : simplerNumbers(number, name)) {
                    out.add(step.with(name, simpler));
                }
            } else if ("size".equals(name) && !"4KiB".equals(value)) {
                out.add(step.with(name, "4KiB"));
                if ("1GiB".equals(value)) {
                    out.add(step.with(name, "2MiB"));
                }
            } else if (value instanceof Boolean flag && flag && step.op().equals("set_cr") && step.fields().size() > 1) {
                out.add(step.without(name));
            }
        }
        out.remove(step);
        return new ArrayList<>(out);
    }

    /** Smaller and rounder numbers: zero, then with low bits cleared, then with high parts dropped. */
    private static List<Long> simplerNumbers(long value, String field) {
        Set<Long> out = new LinkedHashSet<>();
        boolean entryValue = "value".equals(field);
        if (!entryValue) {
            out.add(0L);
        }
        for (int bits : new int[] {39, 30, 21, 12}) {
            long rounded = value & -(1L << bits);
            if (rounded != value) {
                out.add(rounded);
            }
        }
        if (!entryValue && value > 0) {
            // One page or one word lower: moves a poke or a frame towards the first frames handed out.
            long[] steps = "phys".equals(field) ? new long[] {0x1000L, 8L} : new long[] {0x1000L};
            for (long step : steps) {
                if (value - step >= 0 && (value - step) % step == 0) {
                    out.add(value - step);
                }
            }
        }
        if (entryValue) {
            out.add(value & 0x0000_ffff_ffff_ffffL);
            out.add(value & ~0x1f0L);
        } else if (value < 0) {
            out.add(value & 0x0000_7fff_ffff_ffffL);
        }
        out.remove(value);
        return new ArrayList<>(out);
    }
}
