package org.ptoracle.difftest.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** Where a command reads and writes: the process's streams, or a test's. */
public record Io(InputStream in, PrintStream out, PrintStream err) {
}
