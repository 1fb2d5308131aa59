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
    /*@ pure helper @*/ long size();

    /**
     * The word at {@code pa}; zero outside memory. A function of the memory's state: reading twice
     * with no write between gives the same object (that is what {@code \result == read(pa)} tells
     * KeY, which otherwise treats each call as a new unknown value), and reading allocates nothing.
     * Total (below 0 the contract says nothing, SparseMemory gives zero), though the walk reads only
     * aligned words below 2^52: KeY expands each {@code read(..)} of a contract, and with a precondition
     * each expansion first proved its address in range (500-1,000 rule applications for an entry's).
     */
    /*@ public normal_behavior
      @ ensures \result != null && \invariant_for(\result);
      @ ensures pa >= size() ==> (\result.low == 0 && \result.addr == 0 && \result.high == 0);
      @ ensures \result == read(pa);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ Entry read(long pa);

    /**
     * Stores one word inside memory, unless the harness rules forbid it: then nothing changes and
     * {@link ForbiddenAccess} is thrown.
     */
    /*@ public behavior
      @ requires 0 <= pa && pa + 8 <= size() && pa % 8 == 0 && value != null;
      @ ensures read(pa).sameAs(value);
      @ ensures size() == \old(size());
      @ signals_only ForbiddenAccess;
      @ signals (ForbiddenAccess e) e.phys == pa;
      @*/
    /*@ helper @*/ void write(long pa, Entry value) throws ForbiddenAccess;

    /**
     * {@link #write(long, Entry)} of the entry with these parts (flag bits 0..11, the address field,
     * flag bits 52..63 shifted down), and total: a word outside memory is refused with
     * {@link ForbiddenAccess} too. The page walker and the model CPU store through this one: with no
     * entry allocated and no memory bound to establish before the call, a proof of the walk stays
     * small.
     */
    /*@ public behavior
      @ requires 0 <= pa && pa < PhysAddr.LIMIT && pa % 8 == 0;
      @ requires 0 <= low && low < 4096 && 0 <= high && high < 4096;
      @ requires 0 <= addr && addr < PhysAddr.LIMIT && addr % 4096 == 0;
      @ ensures pa + 8 <= size();
      @ ensures read(pa).low == low && read(pa).addr == addr && read(pa).high == high;
      @ signals_only ForbiddenAccess;
      @ signals (ForbiddenAccess e) e.phys == pa;
      @*/
    /*@ helper @*/ void write(long pa, int low, long addr, int high) throws ForbiddenAccess;
}
