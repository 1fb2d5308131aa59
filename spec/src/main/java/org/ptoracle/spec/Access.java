package org.ptoracle.spec;

/** The kinds and privilege levels of one memory access (SDM Vol. 3A §4.6). */
public final class Access {
    /** A data load. */
    public static final int READ = 0;
    /** A data store. */
    public static final int WRITE = 1;
    /** An instruction fetch. */
    public static final int EXEC = 2;

    /** CPL 0..2 (the crate's own accesses are supervisor accesses). */
    public static final int SUPERVISOR = 0;
    /** CPL 3. */
    public static final int USER = 1;

    private Access() {
    }

    /*@ public normal_behavior
      @ ensures \result <==> (kind == READ || kind == WRITE || kind == EXEC);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean isKind(int kind) {
        return kind == READ || kind == WRITE || kind == EXEC;
    }

    /*@ public normal_behavior
      @ ensures \result <==> (mode == SUPERVISOR || mode == USER);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean isMode(int mode) {
        return mode == SUPERVISOR || mode == USER;
    }
}
