package org.ptoracle.model;

/**
 * Realistic page-table bugs that can be switched on in the model, one at a time, to show that the
 * differential campaign finds them (issue: seeded bugs). With {@link #NONE}, the model is the reference
 * and the proved code paths are the only ones taken. Crate-side bugs live in {@link RecursivePageTable},
 * hardware-side bugs in {@link MmuModel}.
 */
public final class SeededBug {
    public static final int NONE = 0;
    /** The level 1 table is looked for at rec(r, i2, i3, i4) instead of rec(r, i4, i3, i2). */
    public static final int RECURSIVE_INDEX_ORDER = 1;
    /** Recursive addresses with an index of 256 or more are not sign-extended (a non-canonical address). */
    public static final int NO_SIGN_EXTENSION = 2;
    /** Parents that map_to creates get PRESENT and the insert flags, but not WRITABLE. */
    public static final int PARENT_NOT_WRITABLE = 3;
    /** A table that map_to creates is not zeroed. */
    public static final int NEW_TABLE_NOT_ZEROED = 4;
    /** translate_page tests PRESENT where the crate tests for a zero entry. */
    public static final int PRESENT_INSTEAD_OF_ZERO = 5;
    /** translate gives 2 MiB pages a 1 MiB offset mask (bit 20 lost). */
    public static final int HUGE_OFFSET_MASK = 6;
    /** PageAlreadyMapped carries the frame that is mapped, not the one asked for. */
    public static final int ALREADY_MAPPED_WRONG_FRAME = 7;
    /** The MMU combines U/S across levels with OR instead of AND. */
    public static final int USER_BITS_ORED = 8;
    /** The MMU lets supervisor writes through read-only pages even with CR0.WP set. */
    public static final int WRITE_PROTECT_IGNORED = 9;
    /** The MMU sets the fetch (I/D) bit of the error code only when NXE is on, ignoring SMEP. */
    public static final int FETCH_BIT_WRONG = 10;
    /** The MMU sets ACCESSED only in the leaf, not in the upper levels. */
    public static final int UPPER_ACCESSED_NOT_SET = 11;
    /** The MMU checks reserved address bits against 52 bits instead of MAXPHYADDR = 40. */
    public static final int MAXPHYADDR_IGNORED = 12;
    /** The MMU never sets DIRTY. */
    public static final int DIRTY_NOT_SET = 13;
    /** The MMU ignores CR4.SMAP. */
    public static final int SMAP_IGNORED = 14;

    private SeededBug() {
    }

    /** How many bugs there are (NONE excluded). */
    /*@ public normal_behavior
      @ ensures \result == 14;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ int count() {
        // The bugs are numbered 1 to the last one, SMAP_IGNORED.
        return SMAP_IGNORED;
    }

    /** The bug's command-line name. */
    /*@ public normal_behavior
      @ requires 0 <= bug && bug <= 14;
      @ ensures \result != null;
      @ assignable \nothing;
      @*/
    public static String name(int bug) {
        // A switch, not a static array: KeY 2.12.3 does not model static initialisation, so an
        // array's contents would be unknown to the proof (proofs/README.md).
        switch (bug) {
            case NONE:
                return "none";
            case RECURSIVE_INDEX_ORDER:
                return "recursive-index-order";
            case NO_SIGN_EXTENSION:
                return "no-sign-extension";
            case PARENT_NOT_WRITABLE:
                return "parent-not-writable";
            case NEW_TABLE_NOT_ZEROED:
                return "new-table-not-zeroed";
            case PRESENT_INSTEAD_OF_ZERO:
                return "present-instead-of-zero";
            case HUGE_OFFSET_MASK:
                return "huge-offset-mask";
            case ALREADY_MAPPED_WRONG_FRAME:
                return "already-mapped-wrong-frame";
            case USER_BITS_ORED:
                return "user-bits-ored";
            case WRITE_PROTECT_IGNORED:
                return "write-protect-ignored";
            case FETCH_BIT_WRONG:
                return "fetch-bit-wrong";
            case UPPER_ACCESSED_NOT_SET:
                return "upper-accessed-not-set";
            case MAXPHYADDR_IGNORED:
                return "maxphyaddr-ignored";
            case DIRTY_NOT_SET:
                return "dirty-not-set";
            case SMAP_IGNORED:
                return "smap-ignored";
            default:
                throw new IllegalArgumentException("no seeded bug numbered " + bug + " (0 to " + count() + ")");
        }
    }

    /** The bug named {@code name}, or -1. */
    /*@ public normal_behavior
      @ ensures -1 <= \result && \result <= 14;
      @ assignable \nothing;
      @*/
    public static int byName(String name) {
        /*@ loop_invariant 0 <= i && i <= count() + 1;
          @ decreases count() + 1 - i;
          @ assignable \nothing;
          @*/
        for (int i = 0; i <= count(); i++) {
            if (name(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
