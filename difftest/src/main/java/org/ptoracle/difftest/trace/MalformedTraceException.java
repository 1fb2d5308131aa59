package org.ptoracle.difftest.trace;

/**
 * The trace is malformed (exit status 2): the line that is wrong, what is wrong, and how to fix it.
 * Line numbers count every line of the file from 1, blank and comment lines included.
 */
public final class MalformedTraceException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    public MalformedTraceException(int line, String message) {
        super(line > 0 ? "line " + line + ": " + message : message);
        this.line = line;
    }

    /** The 1-based line number; 0 when the problem is the file as a whole (for example, no header). */
    public int line() {
        return line;
    }
}
