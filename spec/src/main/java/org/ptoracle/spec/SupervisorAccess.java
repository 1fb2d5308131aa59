package org.ptoracle.spec;

/**
 * The CPU as the crate's code uses it: 8-byte supervisor loads and stores of table entries at virtual
 * addresses (the recursive mapping), each a full access through the MMU. The model implements it with
 * {@link Mmu} over {@link PhysicalMemory}; the Unicorn backend with real loads and stores by the
 * emulated CPU.
 */
public interface SupervisorAccess {
    /** Loads the entry at {@code va}. */
    /*@ public normal_behavior
      @ requires va % 8 == 0;
      @ ensures \result != null;
      @ also public exceptional_behavior
      @ requires va % 8 == 0;
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    Entry load(long va) throws TableAccessFault, ForbiddenAccess;

    /** Stores {@code value} at {@code va}. */
    /*@ public normal_behavior
      @ requires va % 8 == 0 && value != null;
      @ also public exceptional_behavior
      @ requires va % 8 == 0 && value != null;
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    void store(long va, Entry value) throws TableAccessFault, ForbiddenAccess;
}
