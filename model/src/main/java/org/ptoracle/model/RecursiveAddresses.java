package org.ptoracle.model;

import org.ptoracle.spec.VirtAddr;

/**
 * Where the crate finds each table through the recursive mapping (crate-semantics §6.0; crate
 * recursive_page_table.rs {@code p3_ptr}/{@code p2_ptr}/{@code p1_ptr}): with recursive index r and a
 * page's indices (i4, i3, i2), the level 3 table is at {@code rec(r,r,r,i4)}, the level 2 table at
 * {@code rec(r,r,i4,i3)} and the level 1 table at {@code rec(r,i4,i3,i2)}.
 */
public final class RecursiveAddresses {
    private RecursiveAddresses() {
    }

    /**
     * The virtual address of the table at {@code level} (3, 2 or 1) that holds the entries of the page
     * with indices i4, i3, i2: the recursive index repeated {@code 5 - level} times, then the page's
     * leading indices.
     */
    /*@ public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires 1 <= level && level <= 3;
      @ ensures level == 3 ==> \result == VirtAddr.fromIndices(r, r, r, i4);
      @ ensures level == 2 ==> \result == VirtAddr.fromIndices(r, r, i4, i3);
      @ ensures level == 1 ==> \result == VirtAddr.fromIndices(r, i4, i3, i2);
      @ ensures VirtAddr.isCanonical(\result) && VirtAddr.low48(\result) % 4096 == 0;
      @ assignable \nothing;
      @*/
    public static /*@ pure @*/ long table(int r, int level, int i4, int i3, int i2) {
        if (level == 3) {
            return VirtAddr.fromIndices(r, r, r, i4);
        }
        if (level == 2) {
            return VirtAddr.fromIndices(r, r, i4, i3);
        }
        return VirtAddr.fromIndices(r, i4, i3, i2);
    }

    /** The level 4 table itself: {@code rec(r,r,r,r)} (only {@code new} computes it). */
    /*@ public normal_behavior
      @ requires 0 <= r && r < 512;
      @ ensures \result == VirtAddr.fromIndices(r, r, r, r);
      @ assignable \nothing;
      @*/
    public static /*@ pure @*/ long level4(int r) {
        return VirtAddr.fromIndices(r, r, r, r);
    }
}
