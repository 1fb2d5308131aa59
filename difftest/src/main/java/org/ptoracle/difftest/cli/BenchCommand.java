package org.ptoracle.difftest.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ptoracle.difftest.machine.MachineConfig;
import org.ptoracle.difftest.run.BackendUnavailableException;
import org.ptoracle.difftest.run.Backends;
import org.ptoracle.difftest.run.MachineFactory;
import org.ptoracle.difftest.run.TraceExecutor;
import org.ptoracle.difftest.trace.Op;
import org.ptoracle.difftest.unicorn.UnicornBench;
import org.ptoracle.spec.Access;
import org.ptoracle.spec.Flags;
import org.ptoracle.spec.PageSize;

/**
 * {@code ptoracle bench}: what a step costs on the Unicorn backend, beside the binding's bare
 * {@code uc_emu_start} and the C floor, in one run. A benchmark measures; it asserts nothing.
 */
final class BenchCommand implements Command {
    private static final int BATCHES = 7;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure the cost of an access step and of Mapper steps on Unicorn (and the C floor)";
    }

    @Override
    public String usage() {
        return """
                usage: ptoracle bench [CALLS]

                Prints, in one run: the binding's figures (a bare uc_emu_start of one load through the FFM
                binding, EmulatedMachine access/load64/store64, and shared/reference/bare_load_probe.c
                compiled against the same libunicorn when gcc is there), then the cost per trace step
                through the whole stack (executor, undo bookkeeping, crate model) on the Unicorn and the
                model backends: an access step, a translate, and a map_to + unmap pair in existing tables.
                Each figure is the median of 7 batches. CALLS (default 20000) is the batch size of the
                binding's figures; trace steps use a tenth of it.""";
    }

    @Override
    public int run(List<String> args, Io io) throws UsageException {
        int calls = 20_000;
        if (!args.isEmpty()) {
            try {
                calls = Integer.parseInt(args.get(0));
            } catch (NumberFormatException e) {
                throw new UsageException("bench takes a number of calls, not '" + args.get(0) + "'");
            }
        }
        MachineFactory unicorn;
        try {
            unicorn = Backends.unicorn();
        } catch (BackendUnavailableException e) {
            io.err().println("ptoracle bench: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        try {
            UnicornBench.main(new String[] {Integer.toString(BATCHES), Integer.toString(calls)});
        } catch (Exception e) {
            io.err().println("ptoracle bench: the binding benchmark failed: " + e);
            return Main.EXIT_INTERNAL;
        }
        int steps = Math.max(100, calls / 10);
        io.out().println();
        io.out().printf("trace steps through the whole stack (median of %d batches x %d steps), us per step:%n",
                BATCHES, steps);
        io.out().printf("  %-44s %10s %10s%n", "step", "unicorn", "model");
        for (String[] row : stepRows(unicorn, steps)) {
            io.out().printf("  %-44s %10s %10s%n", row[0], row[1], row[2]);
        }
        return Main.EXIT_OK;
    }

    private static List<String[]> stepRows(MachineFactory unicorn, int steps) {
        MachineConfig config = MachineConfig.defaults();
        Flags pw = Flags.of(Flags.PRESENT | Flags.WRITABLE, 0);
        long page = 0x40_0000_0000L;
        long frame = 0x80_0000L;
        List<String[]> rows = new ArrayList<>();
        try (TraceExecutor u = new TraceExecutor(config, unicorn);
                TraceExecutor m = new TraceExecutor(config, Backends.model())) {
            for (TraceExecutor e : List.of(u, m)) {
                // Tables for the page, and the page itself mapped once, so the steps below stay in place.
                e.execute(new Op.MapTo(PageSize.SIZE_4KIB, page, frame, pw, null));
            }
            Op access = new Op.Access(page + 8, Access.READ, Access.SUPERVISOR);
            Op translate = new Op.Translate(page + 8);
            Op unmap = new Op.Unmap(PageSize.SIZE_4KIB, page);
            Op remap = new Op.MapTo(PageSize.SIZE_4KIB, page, frame, pw, null);
            rows.add(row("access (read, supervisor)", u, m, steps, access));
            rows.add(row("translate (4 table loads)", u, m, steps, translate));
            rows.add(row("unmap + map_to, 4 KiB, tables exist (per step)", u, m, steps, unmap, remap));
        }
        return rows;
    }

    private static String[] row(String name, TraceExecutor u, TraceExecutor m, int steps, Op... cycle) {
        return new String[] {name, format(median(u, steps, cycle)), format(median(m, steps, cycle))};
    }

    private static double median(TraceExecutor executor, int steps, Op... cycle) {
        double[] perStep = new double[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                executor.execute(cycle[i % cycle.length]);
            }
            perStep[b] = (System.nanoTime() - start) / 1000.0 / steps;
        }
        Arrays.sort(perStep);
        return perStep[BATCHES / 2];
    }

    private static String format(double micros) {
        return String.format("%.2f", micros);
    }
}
