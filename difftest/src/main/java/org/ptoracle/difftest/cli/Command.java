package org.ptoracle.difftest.cli;

import java.util.List;

/**
 * One subcommand of {@code ptoracle} ({@code run}; later {@code fuzz}, {@code replay}, {@code vectors},
 * {@code mutants}, {@code bench}). Register a new one in {@link Main#COMMANDS}.
 */
public interface Command {
    /** The word that selects it on the command line. */
    String name();

    /** One line for the list of commands. */
    String summary();

    /** Its full usage text (several lines, no trailing newline). */
    String usage();

    /**
     * Runs it and returns the exit status: 0 success, 1 a check failed, 2 malformed input or usage.
     * Throws {@link UsageException} for a wrong command line.
     */
    int run(List<String> args, Io io) throws UsageException;
}
