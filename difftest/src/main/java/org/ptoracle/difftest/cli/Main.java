package org.ptoracle.difftest.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ptoracle COMMAND [ARGS...]}: the command-line entry point of the difftest module. Exit status:
 * 0 success, 1 an expectation failed or two backends diverged, 2 malformed input or a wrong command
 * line (or a backend that is not available), 3 an internal error (a bug in ptoracle).
 */
public final class Main {
    /** The subcommands, in the order {@code --help} lists them. */
    static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        register(new RunCommand());
        register(new FuzzCommand());
        register(new MutantsCommand());
        register(new ReplayCommand());
        register(new VectorsCommand());
        register(new BenchCommand());
    }

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INTERNAL = 3;

    private Main() {
    }

    private static void register(Command command) {
        COMMANDS.put(command.name(), command);
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        int status = run(args, System.in, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs one command line with the given streams and returns the exit status (for tests, in-process). */
    public static int run(String[] args, InputStream in, OutputStream out, OutputStream err) {
        PrintStream o = out instanceof PrintStream p ? p : new PrintStream(out, false, StandardCharsets.UTF_8);
        PrintStream e = err instanceof PrintStream p ? p : new PrintStream(err, true, StandardCharsets.UTF_8);
        try {
            return dispatch(Arrays.asList(args), new Io(in, o, e));
        } catch (RuntimeException | Error internal) {
            e.println("ptoracle: internal error (a bug in ptoracle, please report it with the input): " + internal);
            internal.printStackTrace(e);
            return EXIT_INTERNAL;
        } finally {
            o.flush();
            e.flush();
        }
    }

    private static int dispatch(List<String> args, Io io) {
        if (args.isEmpty()) {
            io.err().println(usage());
            return EXIT_USAGE;
        }
        String first = args.get(0);
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            if (args.size() > 1 && COMMANDS.containsKey(args.get(1))) {
                io.out().println(COMMANDS.get(args.get(1)).usage());
            } else {
                io.out().println(usage());
            }
            return EXIT_OK;
        }
        Command command = COMMANDS.get(first);
        if (command == null) {
            io.err().println("ptoracle: unknown command \"" + first + "\"; the commands are "
                    + String.join(", ", COMMANDS.keySet()) + " (ptoracle --help lists them)");
            return EXIT_USAGE;
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        if (rest.contains("--help") || rest.contains("-h")) {
            io.out().println(command.usage());
            return EXIT_OK;
        }
        try {
            return command.run(rest, io);
        } catch (UsageException u) {
            io.err().println("ptoracle " + command.name() + ": " + u.getMessage());
            io.err().println(command.usage());
            return EXIT_USAGE;
        }
    }

    /** The general usage text. */
    static String usage() {
        StringBuilder b = new StringBuilder();
        b.append("usage: ptoracle COMMAND [ARGS...]\n\ncommands:\n");
        for (Command c : COMMANDS.values()) {
            b.append(String.format("  %-8s %s%n", c.name(), c.summary()));
        }
        b.append("\n'ptoracle COMMAND --help' describes one command.\n");
        b.append("exit status: 0 ok, 1 a check failed, 2 malformed input or usage, 3 internal error");
        return b.toString();
    }
}
