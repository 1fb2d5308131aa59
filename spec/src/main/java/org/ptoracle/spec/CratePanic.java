package org.ptoracle.spec;

/**
 * The crate would panic here (a Rust panic: no value returned, side effects made so far stay). The
 * message is the crate's panic text where it has one.
 */
public final class CratePanic extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /*@ public normal_behavior
      @ requires message != null;
      @ assignable \nothing;
      @*/
    public CratePanic(String message) {
        super(message);
    }
}
