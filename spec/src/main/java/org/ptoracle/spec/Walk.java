package org.ptoracle.spec;

/** What one access by the CPU came to: the physical address it used, or the fault it raised. */
public final class Walk {
    /*@ public invariant (fault == null) ==> (0 <= phys && phys < PhysAddr.LIMIT); @*/
    /** Null when the access succeeded. */
    public final /*@ nullable @*/ Fault fault;
    /** The physical address the access used (meaningful only when {@code fault} is null). */
    public final long phys;

    /*@ public normal_behavior
      @ requires fault != null || (0 <= phys && phys < PhysAddr.LIMIT);
      @ ensures this.fault == fault && this.phys == phys;
      @ assignable \nothing;
      @*/
    private Walk(/*@ nullable @*/ Fault fault, long phys) {
        this.fault = fault;
        this.phys = phys;
    }

    /*@ public normal_behavior
      @ requires 0 <= phys && phys < PhysAddr.LIMIT;
      @ ensures \result != null && \result.fault == null && \result.phys == phys;
      @ assignable \nothing;
      @*/
    public static Walk ok(long phys) {
        return new Walk(null, phys);
    }

    /*@ public normal_behavior
      @ requires fault != null;
      @ ensures \result != null && \result.fault == fault;
      @ assignable \nothing;
      @*/
    public static Walk faulted(Fault fault) {
        return new Walk(fault, 0L);
    }
}
