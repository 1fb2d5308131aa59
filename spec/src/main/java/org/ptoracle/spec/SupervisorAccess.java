package org.ptoracle.spec;

/**
 * The CPU as the crate's code uses it: 8-byte supervisor loads and stores of table entries at virtual
 * addresses (the recursive mapping), each a full access through the MMU. The model implements it with
 * {@link Mmu} over {@link PhysicalMemory}; the Unicorn backend with real loads and stores by the
 * emulated CPU.
 *
 * <p>Both methods are {@code helper}s: a caller need not establish an invariant of the CPU object
 * (it declares none), because the implementation's state may change under any call.
 */
public interface SupervisorAccess {
    /** Loads the entry at {@code va}. */
    /*@ public behavior
      @ requires va % 8 == 0;
      @ ensures \result != null && \invariant_for(\result);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    /*@ helper @*/ Entry load(long va) throws TableAccessFault, ForbiddenAccess;

    /**
     * Stores the entry with flag bits 0..11 {@code low}, address field {@code addr} and flag bits 52..63
     * {@code high} (an {@link Entry}'s three parts) at {@code va}.
     *
     * <p>The entry comes as its parts, not as an {@code Entry}: KeY 2.12.3 splits on whether an object
     * passed to a call that may change any heap location was created before each earlier such call.
     * unmap's cheapest case needed 23,257 nodes with a zero entry allocated for its store and 18,120
     * with the parts (proofs/README.md). Values carry no such history.
     */
    /*@ public behavior
      @ requires va % 8 == 0;
      @ requires 0 <= low && low < 4096 && 0 <= high && high < 4096;
      @ requires 0 <= addr && addr < 4503599627370496L && addr % 4096 == 0;
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    /*@ helper @*/ void store(long va, int low, long addr, int high) throws TableAccessFault, ForbiddenAccess;
}
