package org.ptoracle.difftest.json;

/** Text that is not one strict JSON value, with the 1-based column (in UTF-16 units) where it went wrong. */
public final class JsonSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int column;
    private final String problem;

    public JsonSyntaxException(int column, String problem) {
        super("column " + column + ": " + problem);
        this.column = column;
        this.problem = problem;
    }

    /** 1-based column of the offending character (one past the end for an unexpected end of text). */
    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }
}
