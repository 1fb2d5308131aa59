package org.ptoracle.spec;

/**
 * Physical memory as 8-byte words, held as structured entries. Memory is {@code [0, size())}; the page
 * walker reads anything outside it as zero (trace-format.md, Accesses), which is why {@link #read} is
 * total. Writes may be refused by the harness rules.
 */
public interface PhysicalMemory {
    /** Bytes of memory: a multiple of 4096. */
    /*@ public normal_behavior
      @ ensures \result > 0 && \result % 4096 == 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ long size();

    /** The word at {@code pa}; zero outside memory. */
    /*@ public normal_behavior
      @ requires 0 <= pa && pa < PhysAddr.LIMIT && pa % 8 == 0;
      @ ensures \result != null && \invariant_for(\result);
      @ ensures pa >= size() ==> \result.isUnused();
      @ assignable \nothing;
      @*/
    /*@ pure @*/ Entry read(long pa);

    /**
     * Stores one word inside memory, unless the harness rules forbid it: then nothing changes and
     * {@link ForbiddenAccess} is thrown.
     */
    /*@ public behavior
      @ requires 0 <= pa && pa + 8 <= size() && pa % 8 == 0 && value != null;
      @ ensures read(pa).sameAs(value);
      @ signals_only ForbiddenAccess;
      @ signals (ForbiddenAccess e) e.phys == pa;
      @*/
    void write(long pa, Entry value) throws ForbiddenAccess;
}
