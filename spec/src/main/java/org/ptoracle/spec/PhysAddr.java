package org.ptoracle.spec;

/**
 * A physical address below 2^52, the architectural limit (x86_64 crate, src/addr.rs, PhysAddr). The
 * crate never looks at the CPU's real MAXPHYADDR; the MMU model does (see {@link MmuRules}).
 */
public final class PhysAddr {
    /** 2^52: the first address the crate's PhysAddr refuses. */
    public static final long LIMIT = 4503599627370496L;

    private PhysAddr() {
    }

    /** {@code PhysAddr::try_new}: bits 52..63 clear. */
    /*@ public normal_behavior
      @ ensures \result <==> (0 <= a && a < LIMIT);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean isValid(long a) {
        return 0 <= a && a < LIMIT;
    }

    /** Alignment test for a valid physical address. */
    /*@ public normal_behavior
      @ requires 0 <= a && a < LIMIT;
      @ requires align == 4096L || align == 2097152L || align == 1073741824L;
      @ ensures \result <==> a % align == 0;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean isAligned(long a, long align) {
        return a % align == 0;
    }

    /** {@code align_down} for a valid address and a page size. */
    /*@ public normal_behavior
      @ requires 0 <= a && a < LIMIT;
      @ requires align == 4096L || align == 2097152L || align == 1073741824L;
      @ ensures \result == a - a % align;
      @ ensures 0 <= \result && \result <= a && \result % align == 0;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long alignDown(long a, long align) {
        return a - a % align;
    }
}
