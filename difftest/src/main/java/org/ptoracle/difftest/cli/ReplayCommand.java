package org.ptoracle.difftest.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.ptoracle.difftest.fuzz.Side;
import org.ptoracle.difftest.machine.EntryPath;
import org.ptoracle.difftest.replay.StepAddress;
import org.ptoracle.difftest.replay.WalkView;
import org.ptoracle.difftest.run.BackendUnavailableException;
import org.ptoracle.difftest.run.Lockstep;
import org.ptoracle.difftest.trace.Hex;
import org.ptoracle.difftest.trace.MalformedTraceException;
import org.ptoracle.difftest.trace.Step;
import org.ptoracle.difftest.trace.Trace;
import org.ptoracle.difftest.trace.TraceParser;
import org.ptoracle.model.SeededBug;

/**
 * {@code ptoracle replay FILE}: runs a saved trace on the model and on Unicorn and shows every step; at a
 * divergence, the 4-level walk of the step's address on both sides, entry by entry.
 */
final class ReplayCommand implements Command {
    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String summary() {
        return "replay a saved trace on both backends, with the walks side by side at a divergence";
    }

    @Override
    public String usage() {
        return """
                usage: ptoracle replay [--against unicorn|model] [--mutant NAME] FILE

                Runs FILE on the model and on Unicorn (or, with --against model, on the model with the
                seeded bug NAME against the bug-free model) and prints each step with both results. At a
                step where the results or the physical memories differ, it prints the 4-level walk of the
                step's address in both memories after the step, entry by entry, marking the entries that
                differ, and the first differing memory word.
                exit status: 0 no divergence, 1 a divergence, 2 malformed trace or bad command line""";
    }

    @Override
    public int run(List<String> args, Io io) throws UsageException {
        String against = "unicorn";
        int bug = SeededBug.NONE;
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--against") || arg.equals("--mutant")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(arg + " needs a value");
                }
                String value = args.get(++i);
                if (arg.equals("--against")) {
                    against = value;
                } else {
                    bug = SeededBug.byName(value);
                    if (bug <= 0) {
                        throw new UsageException("unknown seeded bug '" + value + "'; ./ptoracle mutants lists them");
                    }
                }
            } else if (file == null) {
                file = arg;
            } else {
                throw new UsageException("replay takes one trace file; unexpected '" + arg + "'");
            }
        }
        if (file == null) {
            throw new UsageException("replay needs a trace file");
        }
        Trace trace;
        try {
            trace = TraceParser.parse(Files.readAllBytes(Path.of(file)));
        } catch (NoSuchFileException e) {
            io.err().println("ptoracle replay: no such file: " + file);
            return Main.EXIT_USAGE;
        } catch (IOException e) {
            io.err().println("ptoracle replay: cannot read " + file + ": " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (MalformedTraceException e) {
            io.err().println("ptoracle replay: " + file + ": " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Side other;
        try {
            other = FuzzCommand.otherSide(against);
        } catch (BackendUnavailableException e) {
            io.err().println("ptoracle replay: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        return replay(trace, Side.model(bug), other, io);
    }

    private static int replay(Trace trace, Side reference, Side other, Io io) {
        int divergences = 0;
        try (Lockstep pair = new Lockstep(trace.config(), reference.machines(), reference.crateBug(),
                other.machines(), other.crateBug())) {
            for (Step step : trace.steps()) {
                Lockstep.Result r = pair.step(step.op());
                io.out().printf("step %d  %s%n", step.number(), step.op().name());
                io.out().printf("  %-9s %s%n", reference.name() + ":", r.a().toJson());
                io.out().printf("  %-9s %s%n", other.name() + ":", r.b().toJson());
                if (!r.diverged()) {
                    continue;
                }
                divergences++;
                OptionalLong memory = r.memoryDifference();
                io.out().println("  DIVERGED: " + (r.resultsDiffer() ? "the results differ" : "")
                        + (r.resultsDiffer() && memory.isPresent() ? "; " : "")
                        + (memory.isPresent() ? "physical memory differs" : ""));
                if (memory.isPresent()) {
                    long pa = memory.getAsLong() & ~7L;
                    io.out().printf("  first differing word at physical %s: %s %s, %s %s%n", Hex.format(pa),
                            reference.name(), Hex.format(pair.a().machine().peek(pa).toRaw()), other.name(),
                            Hex.format(pair.b().machine().peek(pa).toRaw()));
                }
                Long address = StepAddress.addressOf(step.op());
                if (address != null) {
                    io.out().printf("  walk of %s after the step:%n", Hex.format(address));
                    for (String line : WalkView.sideBySide(reference.name(), EntryPath.of(pair.a().machine(), address),
                            other.name(), EntryPath.of(pair.b().machine(), address))) {
                        io.out().println(line);
                    }
                }
            }
        }
        io.out().println(divergences == 0 ? "no divergence" : divergences + " diverging step(s)");
        return divergences == 0 ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
