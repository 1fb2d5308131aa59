package org.ptoracle.difftest.run;

/** A backend that was asked for cannot run here (not built yet, or its native library is missing). */
public final class BackendUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }
}
