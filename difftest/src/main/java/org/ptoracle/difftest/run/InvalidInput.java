package org.ptoracle.difftest.run;

/**
 * A well-formed argument that the crate's types or the format's rules refuse (an unaligned page, a
 * non-canonical address, ...): the step's result is {@code invalid_input} and nothing ran.
 */
final class InvalidInput extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidInput(String message) {
        super(message);
    }
}
