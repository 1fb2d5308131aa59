package org.ptoracle.spec;

/**
 * The crate's code faulted while it loaded or stored a table entry through the recursive mapping. The
 * crate has no error value for this (crate-semantics §6.0): on hardware it is a kernel page fault in
 * the middle of the call. It is its own outcome, distinct from the crate's error variants and panics.
 */
public final class TableAccessFault extends Exception {
    private static final long serialVersionUID = 1L;

    /** What the CPU reported. */
    public final Fault fault;

    /*@ public normal_behavior
      @ requires fault != null;
      @ ensures this.fault == fault;
      @ assignable \nothing;
      @*/
    public TableAccessFault(Fault fault) {
        super("page fault during a table access");
        this.fault = fault;
    }
}
