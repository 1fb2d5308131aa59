package org.ptoracle.difftest.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ptoracle.difftest.fuzz.Campaign;
import org.ptoracle.difftest.fuzz.Side;
import org.ptoracle.difftest.run.BackendUnavailableException;
import org.ptoracle.model.SeededBug;

/**
 * {@code ptoracle mutants}: runs a campaign against each seeded bug in turn and reports whether it was
 * found, how long that took and how short its counterexample became.
 */
final class MutantsCommand implements Command {
    /** A counterexample this short or shorter passes. */
    static final int MAX_SHRUNK_STEPS = 5;

    @Override
    public String name() {
        return "mutants";
    }

    @Override
    public String summary() {
        return "check that the campaign finds every seeded bug and shrinks it to at most 5 steps";
    }

    @Override
    public String usage() {
        return """
                usage: ptoracle mutants [--seed S] [--budget DURATION] [--against unicorn|model] [--out DIR]

                For each seeded bug, switches it on in the model and fuzzes (one job) until the first
                divergence or until the budget per bug is spent (default 60s), then shrinks the
                counterexample and saves it in DIR (default out/mutants). Prints one row per bug: found or
                not, the time to find it, and the length of the shrunk trace.

                exit status: 0 every bug was found and shrunk to at most 5 steps, 1 otherwise,
                             2 bad command line""";
    }

    @Override
    public int run(List<String> args, Io io) throws UsageException {
        long seed = 20261130L;
        Duration budget = Duration.ofSeconds(60);
        String against = "unicorn";
        Path out = Path.of("out", "mutants");
        for (int i = 0; i < args.size(); i += 2) {
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            if (value == null) {
                throw new UsageException(args.get(i) + " needs a value");
            }
            switch (args.get(i)) {
                case "--seed" -> {
                    try {
                        seed = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--seed takes an integer, not '" + value + "'");
                    }
                }
                case "--budget" -> budget = FuzzCommand.Options.duration(value);
                case "--against" -> against = value;
                case "--out" -> out = Path.of(value);
                default -> throw new UsageException("unknown option '" + args.get(i) + "' (see ./ptoracle help mutants)");
            }
        }
        Side other;
        try {
            other = FuzzCommand.otherSide(against);
        } catch (BackendUnavailableException e) {
            io.err().println("ptoracle mutants: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        io.out().printf("seeded bugs against %s, seed %d, budget %d s each%n", other.name(), seed, budget.toSeconds());
        io.out().printf("%-28s %-6s %10s %8s %7s  %s%n", "bug", "found", "time", "traces", "steps", "divergence");
        boolean allGood = true;
        for (int bug = 1; bug <= SeededBug.count(); bug++) {
            int b = bug;
            String command = "./ptoracle fuzz --seed " + seed + " --steps 40 --mutant " + SeededBug.name(bug)
                    + " --against " + against;
            Campaign.Settings settings = new Campaign.Settings(seed, 0, budget, 1, 40, out.resolve(SeededBug.name(bug)),
                    true, 3000, command, "./ptoracle replay --mutant " + SeededBug.name(bug) + " --against " + against);
            Campaign.Result r;
            try {
                r = new Campaign(settings, () -> Side.model(b), () -> other, Campaign.Progress.none()).run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Main.EXIT_INTERNAL;
            }
            if (r.findings().isEmpty()) {
                allGood = false;
                io.out().printf("%-28s %-6s %10s %8d %7s  %s%n", SeededBug.name(bug), "no", "-", r.traces(), "-", "-");
                continue;
            }
            Campaign.Finding f = r.findings().get(0);
            int length = f.shrunk().steps().size();
            allGood &= length <= MAX_SHRUNK_STEPS;
            io.out().printf("%-28s %-6s %8.2f s %8d %7d  %s%n", SeededBug.name(bug), "yes", r.elapsed().toMillis() / 1000.0,
                    f.index() + 1, length, f.shrunkDivergence() == null ? f.divergence().kind() : f.shrunkDivergence().kind());
        }
        io.out().println(allGood ? "all seeded bugs found and shrunk to at most " + MAX_SHRUNK_STEPS + " steps"
                : "NOT all seeded bugs were found and shrunk to at most " + MAX_SHRUNK_STEPS + " steps");
        return allGood ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
