package org.ptoracle.model;

import org.ptoracle.spec.VirtAddr;

/**
 * The virtual addresses of the tables and entries {@link RecursivePageTable} loads and stores: the
 * level 4 table through the mapper's reference, the others through the recursive mapping
 * (crate-semantics §6.0), with the two seeded address bugs of the campaigns.
 *
 * Why a class of its own (proofs/README.md, twelfth session): KeY 2.12.3 defines a pure method by its
 * body only in the proofs of the class that declares it. {@link #entry} says {@code \result == itself}
 * (without a seeded bug), so in the mapper's proofs the address the code computes and the address a
 * contract names ({@code lastAt == \old(MapperAddresses.entry(..))}) are one term, and neither its
 * body nor its arithmetic enter them; declared in the mapper, the body was expanded into every case and
 * pushed unmap's past the 20,000-step budget (eleventh session). What the address is, is proved here
 * ({@link #lemmaEntry}: T3 (a)'s table address plus 8 times the page's index).
 */
public final class MapperAddresses {
    private MapperAddresses() {
    }

    /**
     * The virtual address of the entry at {@code level} of the page starting at {@code start}, in the
     * mapper with level 4 table {@code l4}, recursive index {@code r} and seeded bug {@code bug}: entry
     * {@code index(start, level)} of {@link #table}.
     */
    /*@ public normal_behavior
      @ requires -VirtAddr.HALF <= l4 && l4 < VirtAddr.HALF && l4 % 4096 == 0 && 0 <= r && r < 512;
      @ requires -VirtAddr.HALF <= start && start < VirtAddr.HALF && 1 <= level && level <= 4;
      @ ensures \result % 8 == 0;
      @ ensures bug == SeededBug.NONE ==> \result == entry(l4, r, bug, start, level);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ strictly_pure @*/ long entry(long l4, int r, int bug, long start, int level) {
        return entryIn(table(l4, r, bug, start, level), WalkAddresses.index(start, level));
    }

    /**
     * The table at {@code level} (4: the level 4 table) of the page starting at {@code start}; without a
     * seeded bug, below level 4, T3 (a)'s {@code RecursiveAddresses.table} of the page's indices.
     */
    /*@ public normal_behavior
      @ requires -VirtAddr.HALF <= l4 && l4 < VirtAddr.HALF && l4 % 4096 == 0 && 0 <= r && r < 512;
      @ requires -VirtAddr.HALF <= start && start < VirtAddr.HALF && 1 <= level && level <= 4;
      @ ensures -VirtAddr.HALF <= \result && \result < VirtAddr.SPAN && \result % 4096 == 0;
      @ ensures level == 4 ==> \result == l4;
      @ ensures bug == SeededBug.NONE && level < 4 ==> \result == RecursiveAddresses.table(r, level,
      @         WalkAddresses.index(start, 4), WalkAddresses.index(start, 3), WalkAddresses.index(start, 2));
      @ assignable \strictly_nothing;
      @*/
    public static /*@ strictly_pure @*/ long table(long l4, int r, int bug, long start, int level) {
        if (level == 4) {
            return l4;
        }
        return recursiveTable(r, bug, level, WalkAddresses.index(start, 4), WalkAddresses.index(start, 3),
                WalkAddresses.index(start, 2));
    }

    /**
     * {@link RecursiveAddresses#table} for recursive index {@code r}, where the two address seeded bugs
     * ({@code bug}) can intervene. NO_SIGN_EXTENSION keeps the low 48 bits of a higher-half address: for
     * a canonical negative address that is {@code address + 2^48} (= {@code address & 0x0000ffffffffffffL}).
     */
    /*@ public normal_behavior
      @ requires 0 <= r && r < 512;
      @ requires 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512;
      @ requires 1 <= level && level <= 3;
      @ ensures bug == SeededBug.NONE ==> \result == RecursiveAddresses.table(r, level, i4, i3, i2);
      @ ensures -VirtAddr.HALF <= \result && \result < VirtAddr.SPAN && \result % 4096 == 0;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long recursiveTable(int r, int bug, int level, int i4, int i3, int i2) {
        if (bug == SeededBug.RECURSIVE_INDEX_ORDER && level == 1) {
            return RecursiveAddresses.table(r, level, i2, i3, i4);
        }
        long address = RecursiveAddresses.table(r, level, i4, i3, i2);
        if (bug == SeededBug.NO_SIGN_EXTENSION && address < 0) {
            return address + VirtAddr.SPAN;
        }
        return address;
    }

    /**
     * The address of entry {@code index} of the table at {@code table}. Its own method so that
     * {@link #entry}'s proof only chains contracts: done inline, with the table and the index as
     * results of calls whose contracts carry division terms, the same sum stopped at 20,000 rule
     * applications (ninth session).
     */
    /*@ public normal_behavior
      @ requires -VirtAddr.HALF <= table && table < VirtAddr.SPAN && table % 4096 == 0;
      @ requires 0 <= index && index < 512;
      @ ensures \result == table + 8L * index && \result % 8 == 0;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ strictly_pure @*/ long entryIn(long table, int index) {
        return table + 8L * index;
    }

    /**
     * What {@link #entry} is without a seeded bug: entry {@code index(start, 4)} of the level 4 table,
     * or entry {@code index(start, level)} of T3 (a)'s recursive table of the page (so, with
     * RecursiveAddresses.entry's contract, the recursive address of that entry, whose walk
     * RecursiveWalk resolves).
     */
    /*@ public normal_behavior
      @ requires -VirtAddr.HALF <= l4 && l4 < VirtAddr.HALF && l4 % 4096 == 0 && 0 <= r && r < 512;
      @ requires -VirtAddr.HALF <= start && start < VirtAddr.HALF && level == 4;
      @ ensures entry(l4, r, SeededBug.NONE, start, level) == l4 + 8L * WalkAddresses.index(start, 4);
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires -VirtAddr.HALF <= l4 && l4 < VirtAddr.HALF && l4 % 4096 == 0 && 0 <= r && r < 512;
      @ requires -VirtAddr.HALF <= start && start < VirtAddr.HALF && 1 <= level && level <= 3;
      @ ensures entry(l4, r, SeededBug.NONE, start, level) == RecursiveAddresses.table(r, level,
      @         WalkAddresses.index(start, 4), WalkAddresses.index(start, 3), WalkAddresses.index(start, 2))
      @         + 8L * WalkAddresses.index(start, level);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ void lemmaEntry(long l4, int r, long start, int level) {
    }

    /**
     * The parts of the address of a 4 KiB page's level 1 entry, as the MMU's walk takes them apart
     * ({@link WalkAddresses#index}, {@link WalkAddresses#low}): the recursive index, then the page's
     * level 4, 3 and 2 indices, and 8 times its level 1 index as the offset. So the walk of that address
     * is T3's walk of entry {@code index(start, 1)} of the page's level 1 table (MapperWalk).
     */
    /*@ public normal_behavior
      @ requires -VirtAddr.HALF <= l4 && l4 < VirtAddr.HALF && l4 % 4096 == 0 && 0 <= r && r < 512;
      @ requires -VirtAddr.HALF <= start && start < VirtAddr.HALF;
      @ requires va == entry(l4, r, SeededBug.NONE, start, 1);
      @ ensures VirtAddr.isCanonical(va);
      @ ensures WalkAddresses.index(va, 4) == r && WalkAddresses.index(va, 3) == WalkAddresses.index(start, 4);
      @ ensures WalkAddresses.index(va, 2) == WalkAddresses.index(start, 3);
      @ ensures WalkAddresses.index(va, 1) == WalkAddresses.index(start, 2);
      @ ensures WalkAddresses.low(va) % 4096 == 8L * WalkAddresses.index(start, 1);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ void lemmaLeafParts(long l4, int r, long start, long va) {
        lemmaEntry(l4, r, start, 1);
        long recursive = RecursiveAddresses.entry(r, 1, WalkAddresses.index(start, 4), WalkAddresses.index(start, 3),
                WalkAddresses.index(start, 2), WalkAddresses.index(start, 1));
        WalkAddresses.lemmaParts(recursive);
    }
}
