package org.ptoracle.difftest.unicorn;

/** The kind of a 1-byte CPU access (trace-format.md, op {@code access}). */
public enum AccessKind {
    /** A 1-byte load. */
    READ,
    /** A 1-byte store; the overwritten byte is put back afterwards, bypassing paging. */
    WRITE,
    /** An instruction fetch at the address. */
    EXEC
}
