package org.ptoracle.spec;

/**
 * An operation reached past the rules of the trace format: it would store into harness memory or the
 * harness slot's level 4 entry, or the crate's code would load or store a table entry outside physical
 * memory. The whole operation is then undone and its result is {@code invalid_input}.
 */
public final class ForbiddenAccess extends Exception {
    private static final long serialVersionUID = 1L;

    /** The physical address the operation would have touched. */
    public final long phys;

    /*@ public normal_behavior
      @ ensures this.phys == phys;
      @ assignable \nothing;
      @*/
    public ForbiddenAccess(String reason, long phys) {
        super(reason);
        this.phys = phys;
    }
}
