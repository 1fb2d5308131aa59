package org.ptoracle.difftest.unicorn;

/**
 * An exception the emulated CPU raised for an access: vector 14 (#PF) with its error code and CR2, or
 * vector 13 (#GP, non-canonical address) with error code 0. {@code cr2} is meaningful only for vector 14
 * and is 0 otherwise (a #GP leaves CR2 unchanged, mmu-facts §3).
 */
public record UcFault(int vector, long errorCode, long cr2) {
    /** Vector of a page fault. */
    public static final int PAGE_FAULT = 14;
    /** Vector of a general-protection fault. */
    public static final int GENERAL_PROTECTION = 13;

    @Override
    public String toString() {
        return vector == PAGE_FAULT
            ? "#PF(err=0x" + Long.toHexString(errorCode) + ", cr2=0x" + Long.toHexString(cr2) + ")"
            : "vector " + vector + "(err=0x" + Long.toHexString(errorCode) + ")";
    }
}
