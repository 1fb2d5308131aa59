package org.ptoracle.difftest.cli;

/** A wrong command line (exit status 2); the message says what is wrong. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
