package org.ptoracle.difftest.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ptoracle.difftest.fuzz.Campaign;
import org.ptoracle.difftest.fuzz.Side;
import org.ptoracle.difftest.run.BackendUnavailableException;
import org.ptoracle.difftest.run.Backends;
import org.ptoracle.difftest.run.MachineFactory;
import org.ptoracle.model.SeededBug;

/** {@code ptoracle fuzz}: a differential campaign of random traces, model against Unicorn. */
final class FuzzCommand implements Command {
    @Override
    public String name() {
        return "fuzz";
    }

    @Override
    public String summary() {
        return "run random traces on the model and on Unicorn, shrink and save any divergence";
    }

    @Override
    public String usage() {
        return """
                usage: ptoracle fuzz [--seed S] [--traces N | --time DURATION] [--jobs J] [--out DIR]
                                     [--steps N] [--mutant NAME] [--against unicorn|model]

                Generates random traces from the seed and runs each on the model and on Unicorn in
                lock-step, comparing every result and all physical memory after every step. A
                divergence is shrunk to a short trace and saved in DIR (default out/fuzz), with a
                comment header saying how it was found; replay it with ./ptoracle replay FILE.

                  --seed S          campaign seed (default: taken from the clock and printed)
                  --traces N        run N traces (default 200 when --time is not given)
                  --time DURATION   run until the time is up, e.g. 60s, 5m, 1h
                  --jobs J          threads, each with its own engines (default 1)
                  --steps N         operations per trace (default 40)
                  --mutant NAME     switch on a seeded bug in the model (./ptoracle mutants lists them)
                  --against SIDE    unicorn (default) or model (the bug-free model; no Unicorn needed)
                  --out DIR         where counterexamples go

                The same seed gives the same traces, whatever the number of jobs.
                exit status: 0 nothing diverged, 1 something did, 2 bad command line""";
    }

    @Override
    public int run(List<String> args, Io io) throws UsageException {
        Options o = Options.parse(args);
        Side other;
        try {
            other = otherSide(o.against);
        } catch (BackendUnavailableException e) {
            io.err().println("ptoracle fuzz: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Side first = other;
        java.util.concurrent.atomic.AtomicBoolean firstTaken = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.Supplier<Side> others = () -> firstTaken.compareAndSet(false, true) ? first
                : otherSideUnchecked(o.against);
        int bug = o.mutant;
        String command = "./ptoracle fuzz --seed " + o.seed + " --steps " + o.steps
                + (bug == SeededBug.NONE ? "" : " --mutant " + SeededBug.name(bug)) + " --against " + o.against;
        Campaign.Settings settings = new Campaign.Settings(o.seed, o.traces, o.time, o.jobs, o.steps, o.out, false, 3000,
                command, "./ptoracle replay" + (bug == SeededBug.NONE ? "" : " --mutant " + SeededBug.name(bug))
                + " --against " + o.against);
        io.err().println("fuzz: seed " + o.seed + ", " + o.jobs + (o.jobs == 1 ? " job" : " jobs") + ", "
                + (o.time != null ? "for " + o.time.toSeconds() + " s" : o.traces + " traces") + " of " + o.steps
                + " steps, model" + (bug == SeededBug.NONE ? "" : " with seeded bug " + SeededBug.name(bug))
                + " against " + other.name());
        Campaign.Result result;
        try {
            result = new Campaign(settings, () -> Side.model(bug), others, Campaign.Progress.on(io.err(),
                    System.console() != null)).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXIT_INTERNAL;
        }
        printSummary(io, o, result);
        return result.findings().isEmpty() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    static Side otherSide(String against) throws BackendUnavailableException {
        if (against.equals("model")) {
            return Side.model(SeededBug.NONE).withName("reference-model");
        }
        MachineFactory unicorn = Backends.unicorn();
        return Side.of("unicorn", unicorn);
    }

    /** A fresh other side for one more thread (its own engines); availability was checked already. */
    static Side otherSideUnchecked(String against) {
        try {
            return otherSide(against);
        } catch (BackendUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void printSummary(Io io, Options o, Campaign.Result r) {
        io.out().printf("seed %d%n", o.seed);
        io.out().printf("traces %d, steps %d, %.1f s, %.0f steps/s, divergences %d%n", r.traces(), r.steps(),
                r.elapsed().toMillis() / 1000.0, r.stepsPerSecond(), r.findings().size());
        io.out().println("outcomes per operation (reference side):");
        for (Map.Entry<String, Map<String, Integer>> op : r.outcomes().entrySet()) {
            StringBuilder line = new StringBuilder(String.format("  %-20s", op.getKey()));
            op.getValue().forEach((kind, n) -> line.append(' ').append(kind).append('=').append(n));
            io.out().println(line);
        }
        for (Campaign.Finding f : r.findings()) {
            io.out().printf("divergence in trace %d (trace seed %d) at step %d: %s%n", f.index(), f.traceSeed(),
                    f.divergence().step(), f.divergence().kind());
            io.out().printf("  %s%n", f.divergence().detail());
            io.out().printf("  shrunk to %d steps%s%n", f.shrunk().steps().size(),
                    f.saved() == null ? "" : ", saved in " + f.saved());
        }
    }

    /** The parsed command line. */
    static final class Options {
        long seed = System.nanoTime() ^ System.currentTimeMillis();
        int traces;
        Duration time;
        int jobs = 1;
        int steps = 40;
        Path out = Path.of("out", "fuzz");
        int mutant = SeededBug.NONE;
        String against = "unicorn";

        static Options parse(List<String> args) throws UsageException {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String value = i + 1 < args.size() ? args.get(i + 1) : null;
                switch (arg) {
                    case "--seed" -> o.seed = parseLong(arg, need(arg, value));
                    case "--traces" -> o.traces = positive(arg, need(arg, value));
                    case "--time" -> o.time = duration(need(arg, value));
                    case "--jobs" -> o.jobs = positive(arg, need(arg, value));
                    case "--steps" -> o.steps = positive(arg, need(arg, value));
                    case "--out" -> o.out = Path.of(need(arg, value));
                    case "--mutant" -> {
                        o.mutant = SeededBug.byName(need(arg, value));
                        if (o.mutant <= 0) {
                            throw new UsageException("unknown seeded bug '" + value + "'; ./ptoracle mutants lists them");
                        }
                    }
                    case "--against" -> {
                        o.against = need(arg, value);
                        if (!o.against.equals("unicorn") && !o.against.equals("model")) {
                            throw new UsageException("--against takes unicorn or model, not '" + value + "'");
                        }
                    }
                    default -> throw new UsageException("unknown option '" + arg + "' (see ./ptoracle help fuzz)");
                }
                i++;
            }
            if (o.traces > 0 && o.time != null) {
                throw new UsageException("give --traces or --time, not both");
            }
            if (o.traces == 0 && o.time == null) {
                o.traces = 200;
            }
            return o;
        }

        private static String need(String option, String value) throws UsageException {
            if (value == null) {
                throw new UsageException(option + " needs a value");
            }
            return value;
        }

        private static long parseLong(String option, String value) throws UsageException {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new UsageException(option + " takes an integer, not '" + value + "'");
            }
        }

        private static int positive(String option, String value) throws UsageException {
            try {
                int n = Integer.parseInt(value);
                if (n <= 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException(option + " takes a positive integer, not '" + value + "'");
            }
        }

        /** 90, 90s, 5m, 1h. */
        static Duration duration(String value) throws UsageException {
            try {
                if (value.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
                }
                char unit = value.charAt(value.length() - 1);
                long n = Long.parseLong(Character.isDigit(unit) ? value : value.substring(0, value.length() - 1));
                return switch (unit) {
                    case 'h' -> Duration.ofHours(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> {
                        if (unit != 's' && !Character.isDigit(unit)) {
                            throw new NumberFormatException();
                        }
                        yield Duration.ofSeconds(n);
                    }
                };
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new UsageException("--time takes a duration such as 60s, 5m or 1h, not '" + value + "'");
            }
        }
    }
}
