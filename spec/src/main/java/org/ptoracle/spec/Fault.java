package org.ptoracle.spec;

/**
 * An exception the CPU raised for one access: a page fault (vector 14) with its error code and CR2, or a
 * general-protection fault (vector 13, error code 0) for a non-canonical address. A fault is an
 * observation the MMU returns, not a Java exception; see {@link TableAccessFault} for the one place a
 * fault stops the crate's code.
 */
public final class Fault {
    public static final int GENERAL_PROTECTION = 13;
    public static final int PAGE_FAULT = 14;

    /** Error-code bit 0: the translation existed (protection or reserved-bit fault). SDM Vol. 3A §4.7. */
    public static final int ERR_P = 1;
    /** Bit 1: the access was a write. */
    public static final int ERR_W = 2;
    /** Bit 2: the access was a user-mode access. */
    public static final int ERR_U = 4;
    /** Bit 3: a reserved bit was set in an entry the walk used. */
    public static final int ERR_RSVD = 8;
    /** Bit 4: an instruction fetch, reported only when SMEP is on or NXE is on (with PAE). */
    public static final int ERR_ID = 16;

    /*@ public invariant vector == PAGE_FAULT || (vector == GENERAL_PROTECTION && errorCode == 0);
      @ public invariant 0 <= errorCode && errorCode < 32;
      @*/
    public final int vector;
    public final int errorCode;
    /** The faulting linear address for a page fault; 0 and meaningless for vector 13 (CR2 untouched). */
    public final long cr2;

    /*@ public normal_behavior
      @ requires vector == PAGE_FAULT || (vector == GENERAL_PROTECTION && errorCode == 0);
      @ requires 0 <= errorCode && errorCode < 32;
      @ ensures this.vector == vector && this.errorCode == errorCode && this.cr2 == cr2;
      @ assignable \nothing;
      @*/
    private Fault(int vector, int errorCode, long cr2) {
        this.vector = vector;
        this.errorCode = errorCode;
        this.cr2 = cr2;
    }

    /*@ public normal_behavior
      @ requires 0 <= errorCode && errorCode < 32;
      @ ensures \result != null && \result.vector == PAGE_FAULT;
      @ ensures \result.errorCode == errorCode && \result.cr2 == cr2;
      @ assignable \nothing;
      @*/
    public static Fault pageFault(int errorCode, long cr2) {
        return new Fault(PAGE_FAULT, errorCode, cr2);
    }

    /*@ public normal_behavior
      @ ensures \result != null && \result.vector == GENERAL_PROTECTION && \result.errorCode == 0;
      @ assignable \nothing;
      @*/
    public static Fault generalProtection() {
        return new Fault(GENERAL_PROTECTION, 0, 0L);
    }
}
