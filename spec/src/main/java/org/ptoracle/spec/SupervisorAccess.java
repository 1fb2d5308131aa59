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

    /** Stores {@code value} at {@code va}. */
    /*@ public behavior
      @ requires va % 8 == 0 && value != null;
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    /*@ helper @*/ void store(long va, Entry value) throws TableAccessFault, ForbiddenAccess;
}
