package org.ptoracle.difftest.unicorn;

/**
 * A Unicorn C call returned a non-zero {@code uc_err}. Carries the call's name, the code and
 * {@code uc_strerror}'s text.
 */
public final class UnicornException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int error;

    public UnicornException(String call, int error, String text) {
        super(call + " failed: " + UcConst.errName(error) + " (" + text + ")");
        this.call = call;
        this.error = error;
    }

    /** The C function that failed, for example {@code "uc_mem_map"}. */
    public String call() {
        return call;
    }

    /** The {@code uc_err} value. */
    public int error() {
        return error;
    }
}
