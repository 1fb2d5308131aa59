package org.ptoracle.difftest.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.ptoracle.difftest.run.BackendUnavailableException;
import org.ptoracle.difftest.run.Backends;
import org.ptoracle.difftest.run.MachineFactory;
import org.ptoracle.difftest.run.TraceRunner;
import org.ptoracle.difftest.trace.MalformedTraceException;
import org.ptoracle.difftest.trace.Trace;
import org.ptoracle.difftest.trace.TraceParser;

/** {@code ptoracle run [--backend model|unicorn|both] FILE|-}: runs one trace and checks its expectations. */
final class RunCommand implements Command {
    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run a trace (JSON Lines) and check its expectations";
    }

    @Override
    public String usage() {
        return """
                usage: ptoracle run [--backend model|unicorn|both] FILE|-

                Runs the trace in FILE (or standard input for -) and prints one JSON line per operation:
                  {"step": N, "op": NAME, "result": RESULT}
                with "mismatch": true, "expected": ... where an "expect" did not hold.

                  --backend model    the Java reference model (default)
                  --backend unicorn  the Unicorn emulator
                  --backend both     both in lock-step: Unicorn's result is printed as "unicorn", and a
                                     different result or physical memory adds "diverged": true
                                     (and "memory": ADDR, the lowest differing address)

                The whole trace is read and checked before any step runs: a malformed line stops
                everything with exit status 2 and a message naming the line.
                exit status: 0 every expectation held, 1 one did not or the backends diverged,
                             2 malformed trace, bad command line or backend not available""";
    }

    @Override
    public int run(List<String> args, Io io) throws UsageException {
        String backend = "model";
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--backend") || arg.startsWith("--backend=")) {
                String value;
                if (arg.equals("--backend")) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--backend needs a value: model, unicorn or both");
                    }
                    value = args.get(++i);
                } else {
                    value = arg.substring("--backend=".length());
                }
                if (!Backends.NAMES.contains(value)) {
                    throw new UsageException("unknown backend \"" + value + "\"; use model, unicorn or both");
                }
                backend = value;
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                throw new UsageException("unknown option " + arg);
            } else if (file != null) {
                throw new UsageException("one trace at a time: got " + file + " and " + arg);
            } else {
                file = arg;
            }
        }
        if (file == null) {
            throw new UsageException("which trace? give a FILE, or - for standard input");
        }

        String label = file.equals("-") ? "<stdin>" : file;
        byte[] bytes;
        try {
            bytes = file.equals("-") ? io.in().readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            io.err().println("ptoracle run: " + label + ": no such file");
            return Main.EXIT_USAGE;
        } catch (IOException e) {
            io.err().println("ptoracle run: " + label + ": cannot read it: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Trace trace;
        try {
            trace = TraceParser.parse(bytes);
        } catch (MalformedTraceException e) {
            io.err().println("ptoracle run: " + label + ": malformed trace, nothing was run: " + e.getMessage());
            return Main.EXIT_USAGE;
        }

        TraceRunner.Summary summary;
        try {
            summary = switch (backend) {
                case "model" -> TraceRunner.run(trace, Backends.model(), io.out());
                case "unicorn" -> TraceRunner.run(trace, Backends.unicorn(), io.out());
                default -> {
                    MachineFactory unicorn = Backends.unicorn();
                    yield TraceRunner.lockstep(trace, Backends.model(), unicorn, "unicorn", io.out());
                }
            };
        } catch (BackendUnavailableException e) {
            io.err().println("ptoracle run: backend " + backend + ": " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        if (!summary.passed()) {
            io.err().println("ptoracle run: " + label + ": " + summary.mismatches() + " mismatch(es), "
                    + summary.divergences() + " divergence(s) in " + summary.steps() + " steps");
            return Main.EXIT_FAILED;
        }
        return Main.EXIT_OK;
    }
}
