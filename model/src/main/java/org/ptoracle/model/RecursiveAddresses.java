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
     * leading indices. The last postcondition repeats canonical form and alignment as plain bounds and
     * a remainder of the value: MapperAddresses.recursiveTable needs exactly these, and from the
     * isCanonical/low48 form it stopped at 20,000 rule applications (ninth session; 11,341 with it).
     */
    /*@ public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires 1 <= level && level <= 3;
      @ ensures level == 3 ==> \result == VirtAddr.fromIndices(r, r, r, i4);
      @ ensures level == 2 ==> \result == VirtAddr.fromIndices(r, r, i4, i3);
      @ ensures level == 1 ==> \result == VirtAddr.fromIndices(r, i4, i3, i2);
      @ ensures VirtAddr.isCanonical(\result) && VirtAddr.low48(\result) % 4096 == 0;
      @ ensures -VirtAddr.HALF <= \result && \result < VirtAddr.HALF && \result % 4096 == 0;
      @ assignable \strictly_nothing;
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

    /**
     * T3 (a), the arithmetic of the recursive mapping: the virtual address of entry {@code j} of the
     * table at {@code level} ({@code table(r, level, i4, i3, i2) + 8 j}) is canonical, its page offset
     * is {@code 8 j}, and its four indices are (r, r, r, i4) for level 3, (r, r, i4, i3) for level 2 and
     * (r, i4, i3, i2) for level 1. So the MMU walk of that address follows entry r of the level 4 table
     * 5 - level times and then the page's own leading indices (see {@link MmuModel#access}).
     * One spec case per level and per fact, so that each proof obligation stays small. KeY's query expansion
     * of {@code tableIndex}/{@code pageOffset} on the result exceeds 20000 steps, so those facts are stated
     * with their contracts' arithmetic: {@code tableIndex(a, k)} is {@code (low48(a) / 2^(3+9k)) % 512}
     * ({@code low48(a) / 2^39} for k = 4), {@code pageOffset(a)} is {@code low48(a) % 4096}, and
     * {@code low48(a)} of a canonical {@code a} is {@code a >= 0 ? a : a + SPAN}. The body computes the
     * sum itself (as {@link VirtAddr#fromIndices} does) instead of calling {@link #composed}: the callee's
     * division facts in the antecedent cost more steps than the arithmetic they save.
     */
    /*@ public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 3 && 0 <= j && j < 512;
      @ ensures \result == table(r, level, i4, i3, i2) + 8L * j;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 3 && 0 <= j && j < 512;
      @ ensures VirtAddr.isCanonical(\result);
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 3 && 0 <= j && j < 512;
      @ ensures (\result >= 0 ? \result : \result + VirtAddr.SPAN) % 4096 == 8L * j;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 3 && 0 <= j && j < 512;
      @ ensures (\result >= 0 ? \result : \result + VirtAddr.SPAN) / 549755813888L == r;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 3 && 0 <= j && j < 512;
      @ ensures ((\result >= 0 ? \result : \result + VirtAddr.SPAN) / 1073741824L) % 512 == r;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 3 && 0 <= j && j < 512;
      @ ensures ((\result >= 0 ? \result : \result + VirtAddr.SPAN) / 2097152L) % 512 == r;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 3 && 0 <= j && j < 512;
      @ ensures ((\result >= 0 ? \result : \result + VirtAddr.SPAN) / 4096L) % 512 == i4;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 2 && 0 <= j && j < 512;
      @ ensures \result == table(r, level, i4, i3, i2) + 8L * j;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 2 && 0 <= j && j < 512;
      @ ensures VirtAddr.isCanonical(\result);
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 2 && 0 <= j && j < 512;
      @ ensures (\result >= 0 ? \result : \result + VirtAddr.SPAN) % 4096 == 8L * j;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 2 && 0 <= j && j < 512;
      @ ensures (\result >= 0 ? \result : \result + VirtAddr.SPAN) / 549755813888L == r;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 2 && 0 <= j && j < 512;
      @ ensures ((\result >= 0 ? \result : \result + VirtAddr.SPAN) / 1073741824L) % 512 == r;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 2 && 0 <= j && j < 512;
      @ ensures ((\result >= 0 ? \result : \result + VirtAddr.SPAN) / 2097152L) % 512 == i4;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 2 && 0 <= j && j < 512;
      @ ensures ((\result >= 0 ? \result : \result + VirtAddr.SPAN) / 4096L) % 512 == i3;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 1 && 0 <= j && j < 512;
      @ ensures \result == table(r, level, i4, i3, i2) + 8L * j;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 1 && 0 <= j && j < 512;
      @ ensures VirtAddr.isCanonical(\result);
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 1 && 0 <= j && j < 512;
      @ ensures (\result >= 0 ? \result : \result + VirtAddr.SPAN) % 4096 == 8L * j;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 1 && 0 <= j && j < 512;
      @ ensures (\result >= 0 ? \result : \result + VirtAddr.SPAN) / 549755813888L == r;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 1 && 0 <= j && j < 512;
      @ ensures ((\result >= 0 ? \result : \result + VirtAddr.SPAN) / 1073741824L) % 512 == i4;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 1 && 0 <= j && j < 512;
      @ ensures ((\result >= 0 ? \result : \result + VirtAddr.SPAN) / 2097152L) % 512 == i3;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires level == 1 && 0 <= j && j < 512;
      @ ensures ((\result >= 0 ? \result : \result + VirtAddr.SPAN) / 4096L) % 512 == i2;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long entry(int r, int level, int i4, int i3, int i2, int j) {
        long sum;
        if (level == 3) {
            sum = r * 549755813888L + r * 1073741824L + r * 2097152L + i4 * 4096L;
        } else if (level == 2) {
            sum = r * 549755813888L + r * 1073741824L + i4 * 2097152L + i3 * 4096L;
        } else {
            sum = r * 549755813888L + i4 * 1073741824L + i3 * 2097152L + i2 * 4096L;
        }
        if (r >= 256) {
            sum = sum - VirtAddr.SPAN;
        }
        return sum + 8L * j;
    }

    /**
     * The address made of four indices plus the offset {@code 8 j}, with its decomposition: the lemma
     * behind {@link #entry} (VirtAddr.fromIndices, then tableIndex and pageOffset give the parts back).
     * One spec case per fact; page offset and indices are stated with the arithmetic of the contracts of
     * pageOffset, tableIndex and low48 (see {@link #entry}), the body computes fromIndices' sum inline.
     */
    /*@ public normal_behavior
      @ requires 0 <= a4 && a4 < 512 && 0 <= a3 && a3 < 512 && 0 <= a2 && a2 < 512 && 0 <= a1 && a1 < 512;
      @ requires 0 <= j && j < 512;
      @ ensures \result == VirtAddr.fromIndices(a4, a3, a2, a1) + 8L * j;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= a4 && a4 < 512 && 0 <= a3 && a3 < 512 && 0 <= a2 && a2 < 512 && 0 <= a1 && a1 < 512;
      @ requires 0 <= j && j < 512;
      @ ensures VirtAddr.isCanonical(\result);
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= a4 && a4 < 512 && 0 <= a3 && a3 < 512 && 0 <= a2 && a2 < 512 && 0 <= a1 && a1 < 512;
      @ requires 0 <= j && j < 512;
      @ ensures VirtAddr.low48(\result) == a4 * 549755813888L + a3 * 1073741824L + a2 * 2097152L + a1 * 4096L + 8L * j;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= a4 && a4 < 512 && 0 <= a3 && a3 < 512 && 0 <= a2 && a2 < 512 && 0 <= a1 && a1 < 512;
      @ requires 0 <= j && j < 512;
      @ ensures (\result >= 0 ? \result : \result + VirtAddr.SPAN) % 4096 == 8L * j;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= a4 && a4 < 512 && 0 <= a3 && a3 < 512 && 0 <= a2 && a2 < 512 && 0 <= a1 && a1 < 512;
      @ requires 0 <= j && j < 512;
      @ ensures ((\result >= 0 ? \result : \result + VirtAddr.SPAN) / 4096L) % 512 == a1;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= a4 && a4 < 512 && 0 <= a3 && a3 < 512 && 0 <= a2 && a2 < 512 && 0 <= a1 && a1 < 512;
      @ requires 0 <= j && j < 512;
      @ ensures ((\result >= 0 ? \result : \result + VirtAddr.SPAN) / 2097152L) % 512 == a2;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= a4 && a4 < 512 && 0 <= a3 && a3 < 512 && 0 <= a2 && a2 < 512 && 0 <= a1 && a1 < 512;
      @ requires 0 <= j && j < 512;
      @ ensures ((\result >= 0 ? \result : \result + VirtAddr.SPAN) / 1073741824L) % 512 == a3;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires 0 <= a4 && a4 < 512 && 0 <= a3 && a3 < 512 && 0 <= a2 && a2 < 512 && 0 <= a1 && a1 < 512;
      @ requires 0 <= j && j < 512;
      @ ensures (\result >= 0 ? \result : \result + VirtAddr.SPAN) / 549755813888L == a4;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long composed(int a4, int a3, int a2, int a1, int j) {
        long sum = a4 * 549755813888L + a3 * 1073741824L + a2 * 2097152L + a1 * 4096L;
        if (a4 >= 256) {
            sum = sum - VirtAddr.SPAN;
        }
        return sum + 8L * j;
    }

    /*
     * The five facts below were the lemmas composed used to call; composed and entry now state them
     * directly (calling the lemmas put their division facts into every case), and they stay as proved
     * statements of the same arithmetic.
     */
    /** A proved fact about the sum behind {@link #composed}: the page offset of the sum is 8 j. */
    /*@ public normal_behavior
      @ requires 0 <= a4 && a4 < 512 && 0 <= a3 && a3 < 512 && 0 <= a2 && a2 < 512 && 0 <= a1 && a1 < 512 && 0 <= j && j < 512;
      @ ensures (a4 * 549755813888L + a3 * 1073741824L + a2 * 2097152L + a1 * 4096L + 8L * j) % 4096 == 8L * j;
      @ assignable \nothing;
      @*/
    public static /*@ pure @*/ void lemmaOffset(int a4, int a3, int a2, int a1, int j) {
    }

    /** A proved fact about the sum behind {@link #composed}: bits 20:12 of the sum are a1. */
    /*@ public normal_behavior
      @ requires 0 <= a4 && a4 < 512 && 0 <= a3 && a3 < 512 && 0 <= a2 && a2 < 512 && 0 <= a1 && a1 < 512 && 0 <= j && j < 512;
      @ ensures ((a4 * 549755813888L + a3 * 1073741824L + a2 * 2097152L + a1 * 4096L + 8L * j) / 4096L) % 512 == a1;
      @ assignable \nothing;
      @*/
    public static /*@ pure @*/ void lemmaIndex1(int a4, int a3, int a2, int a1, int j) {
    }

    /** A proved fact about the sum behind {@link #composed}: bits 29:21 of the sum are a2. */
    /*@ public normal_behavior
      @ requires 0 <= a4 && a4 < 512 && 0 <= a3 && a3 < 512 && 0 <= a2 && a2 < 512 && 0 <= a1 && a1 < 512 && 0 <= j && j < 512;
      @ ensures ((a4 * 549755813888L + a3 * 1073741824L + a2 * 2097152L + a1 * 4096L + 8L * j) / 2097152L) % 512 == a2;
      @ assignable \nothing;
      @*/
    public static /*@ pure @*/ void lemmaIndex2(int a4, int a3, int a2, int a1, int j) {
    }

    /** A proved fact about the sum behind {@link #composed}: bits 38:30 of the sum are a3. */
    /*@ public normal_behavior
      @ requires 0 <= a4 && a4 < 512 && 0 <= a3 && a3 < 512 && 0 <= a2 && a2 < 512 && 0 <= a1 && a1 < 512 && 0 <= j && j < 512;
      @ ensures ((a4 * 549755813888L + a3 * 1073741824L + a2 * 2097152L + a1 * 4096L + 8L * j) / 1073741824L) % 512 == a3;
      @ assignable \nothing;
      @*/
    public static /*@ pure @*/ void lemmaIndex3(int a4, int a3, int a2, int a1, int j) {
    }

    /** A proved fact about the sum behind {@link #composed}: bits 47:39 of the sum are a4. */
    /*@ public normal_behavior
      @ requires 0 <= a4 && a4 < 512 && 0 <= a3 && a3 < 512 && 0 <= a2 && a2 < 512 && 0 <= a1 && a1 < 512 && 0 <= j && j < 512;
      @ ensures (a4 * 549755813888L + a3 * 1073741824L + a2 * 2097152L + a1 * 4096L + 8L * j) / 549755813888L == a4;
      @ assignable \nothing;
      @*/
    public static /*@ pure @*/ void lemmaIndex4(int a4, int a3, int a2, int a1, int j) {
    }

    /** The level 4 table itself: {@code rec(r,r,r,r)} (only {@code new} computes it). */
    /*@ public normal_behavior
      @ requires 0 <= r && r < 512;
      @ ensures \result == VirtAddr.fromIndices(r, r, r, r);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long level4(int r) {
        return VirtAddr.fromIndices(r, r, r, r);
    }
}
