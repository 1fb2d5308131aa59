package org.ptoracle.difftest.unicorn;

/**
 * No usable Unicorn library: none was found where {@link UnicornLibraryLocator} looks, or the one found
 * has a version this project cannot use. The message says what was tried and how to fix it.
 */
public final class UnicornUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnicornUnavailableException(String message) {
        super(message);
    }

    public UnicornUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
