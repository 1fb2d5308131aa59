package org.ptoracle.model;

import org.ptoracle.spec.CleanUp;
import org.ptoracle.spec.CratePanic;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.Flags;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.FrameAllocator;
import org.ptoracle.spec.FrameDeallocator;
import org.ptoracle.spec.Mapper;
import org.ptoracle.spec.MapperError;
import org.ptoracle.spec.MapperResult;
import org.ptoracle.spec.Page;
import org.ptoracle.spec.PageSize;
import org.ptoracle.spec.PhysAddr;
import org.ptoracle.spec.PhysFrame;
import org.ptoracle.spec.SupervisorAccess;
import org.ptoracle.spec.TableAccessFault;
import org.ptoracle.spec.Translate;
import org.ptoracle.spec.TranslateResult;
import org.ptoracle.spec.VirtAddr;

/**
 * The x86_64 crate's {@code RecursivePageTable} (v0.15.4, src/structures/paging/mapper/
 * recursive_page_table.rs), behaviour by behaviour as crate-semantics.md §6 and §8 describe it: the
 * checks in the crate's order, its error variants, its panics, its side effects without rollback.
 *
 * <p>Every table access goes through {@link SupervisorAccess} at the address the crate computes: the
 * level 4 table through the reference the mapper holds, the others through the recursive mapping. So
 * what the crate does on a real CPU (accessed/dirty bits, faults in the middle of a call) happens here
 * too. Each entry the crate examines is loaded once and each entry it changes is stored once, as the
 * compiled crate does through its {@code &mut} references (a value just stored is reused, not reloaded).
 *
 * <p>One walk, parameterised by level: the three page sizes differ only in their leaf level
 * ({@link PageSize}: 1, 2 or 3), and every method descends from level 4 to it.
 */
public final class RecursivePageTable implements Mapper, Translate, CleanUp {
    /** The 4 KiB page range of {@code clean_up}: from 0 to the last page of the address space. */
    private static final long LAST_PAGE = -4096L;

    /*
     * nullable for KeY, never null at run time (the constructors require a CPU): a call through
     * SupervisorAccess may change any heap location (its implementations change memory, and an
     * interface cannot name what it owns), so after the first table access KeY cannot show that this
     * field still holds a CPU. Were it non-null by the class's implicit invariant, no method that
     * touches a table could re-establish that invariant and every contract below would stay open
     * (shown on a two-line probe). The contracts that need a CPU say so (`requires cpu != null`) and
     * the methods read the field once, before the first access.
     */
    private final /*@ spec_public nullable @*/ SupervisorAccess cpu;
    private final /*@ spec_public @*/ long level4Table;
    private final /*@ spec_public @*/ int recursiveIndex;
    /** {@link SeededBug#NONE} except in campaigns; the contracts of the crate's behaviour assume NONE. */
    private final /*@ spec_public @*/ int seededBug;

    /*
     * What the last map, unmap, updateFlags, translatePage or translate examined, recorded for their
     * contracts (T4-T6 and the error-variant cases): calls through SupervisorAccess may change any heap
     * location, so a contract can speak about the entries the crate loaded only through values
     * recorded after the last call.
     */
    /** The level of the entry that decided the outcome (the first that stopped the walk, or the leaf). */
    //@ public ghost int lastLevel;
    /** The virtual address the crate loaded that entry from. */
    //@ public ghost long lastAt;
    /** That entry's flag bits 0..11, address field and flag bits 52..63, as loaded. */
    //@ public ghost int lastLow;
    //@ public ghost long lastAddr;
    //@ public ghost int lastHigh;
    /** Where the last map, unmap or updateFlags stored the leaf. */
    //@ public ghost long lastStoreAt;
    /** The entry it stored there: flag bits 0..11, address field, flag bits 52..63. */
    //@ public ghost int lastStoreLow;
    //@ public ghost long lastStoreAddr;
    //@ public ghost int lastStoreHigh;
    /** Whether the last mapToWithTableFlags stored the leaf. */
    //@ public ghost boolean leafStored;

    /**
     * {@code new_unchecked(table, r)}: no checks; the level 4 table is reached at {@code level4Table}.
     */
    /*@ public normal_behavior
      @ requires cpu != null && 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires VirtAddr.isCanonical(level4Table) && VirtAddr.low48(level4Table) % 4096 == 0;
      @ ensures recursiveIndex() == recursiveIndex && level4Table() == level4Table;
      @ assignable \nothing;
      @*/
    public RecursivePageTable(SupervisorAccess cpu, long level4Table, int recursiveIndex) {
        this(cpu, level4Table, recursiveIndex, SeededBug.NONE);
    }

    /** The same mapper with one crate-side {@link SeededBug} switched on (for campaigns only). */
    /*@ public normal_behavior
      @ requires cpu != null && 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires VirtAddr.isCanonical(level4Table) && VirtAddr.low48(level4Table) % 4096 == 0;
      @ ensures recursiveIndex() == recursiveIndex && level4Table() == level4Table;
      @ assignable \nothing;
      @*/
    public RecursivePageTable(SupervisorAccess cpu, long level4Table, int recursiveIndex, int seededBug) {
        this.seededBug = seededBug;
        this.cpu = cpu;
        this.level4Table = level4Table;
        this.recursiveIndex = recursiveIndex;
    }

    /*@ public normal_behavior
      @ ensures \result == recursiveIndex;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int recursiveIndex() {
        return recursiveIndex;
    }

    /*@ public normal_behavior
      @ ensures \result == level4Table;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long level4Table() {
        return level4Table;
    }

    /**
     * The checks of {@code RecursivePageTable::new(table)} (crate-semantics §6.1): NotRecursive when the
     * address is not {@code rec(r,r,r,r)} for its own p4 index r (no memory touched); otherwise one
     * load of {@code table[r]}, and NotActive unless its {@code frame()} is CR3's frame.
     */
    /*@ public behavior
      @ requires cpu != null && VirtAddr.isCanonical(tableAddr) && VirtAddr.low48(tableAddr) % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_RECURSIVE || (\result.kind == MapperResult.ERR && \result.error == MapperError.NOT_RECURSIVE)
      @      || (\result.kind == MapperResult.ERR && \result.error == MapperError.NOT_ACTIVE);
      @ ensures \result.kind == MapperResult.OK_RECURSIVE ==>
      @         \result.value == VirtAddr.tableIndex(tableAddr, 4)
      @         && tableAddr == RecursiveAddresses.level4(VirtAddr.tableIndex(tableAddr, 4));
      @ ensures (VirtAddr.tableIndex(tableAddr, 3) != VirtAddr.tableIndex(tableAddr, 4)
      @          || VirtAddr.tableIndex(tableAddr, 2) != VirtAddr.tableIndex(tableAddr, 4)
      @          || VirtAddr.tableIndex(tableAddr, 1) != VirtAddr.tableIndex(tableAddr, 4))
      @         ==> (\result.kind == MapperResult.ERR && \result.error == MapperError.NOT_RECURSIVE);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    public static MapperResult checkNew(SupervisorAccess cpu, long tableAddr, long cr3Frame)
            throws TableAccessFault, ForbiddenAccess {
        int r = VirtAddr.tableIndex(tableAddr, 4);
        if (VirtAddr.tableIndex(tableAddr, 3) != r || VirtAddr.tableIndex(tableAddr, 2) != r
                || VirtAddr.tableIndex(tableAddr, 1) != r) {
            return MapperResult.err(MapperError.NOT_RECURSIVE, 0L, 0);
        }
        Entry recursive = cpu.load(tableAddr + 8L * r);
        if (recursive.frameCheck() != Entry.FRAME_OK || recursive.addr != cr3Frame) {
            return MapperResult.err(MapperError.NOT_ACTIVE, 0L, 0);
        }
        return MapperResult.recursive(r);
    }

    /**
     * The virtual address of the entry at {@code level} of the page starting at {@code start}
     * ({@link MapperAddresses#entry}), for the walks over the parent entries. Its contract only says
     * what a load needs (alignment to 8): those walks call it once per level, and unmap's cases, the
     * costliest proofs of the mapper, have no room for the address's self-reference at every call
     * (twelfth session). The methods take the address of the entry their contracts name from
     * MapperAddresses directly, once, before the walk.
     */
    /*@ private normal_behavior
      @ requires -VirtAddr.HALF <= l4 && l4 < VirtAddr.HALF && l4 % 4096 == 0 && 0 <= r && r < 512;
      @ requires -VirtAddr.HALF <= start && start < VirtAddr.HALF && 1 <= level && level <= 4;
      @ ensures \result % 8 == 0;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ strictly_pure @*/ long entryAt(long l4, int r, int bug, long start, int level) {
        return MapperAddresses.entry(l4, r, bug, start, level);
    }

    /**
     * Flag bits 0..11 with HUGE_PAGE added, as the crate writes a huge page's flags (map_to and
     * update_flags of 2 MiB and 1 GiB pages); on values, like the stores.
     */
    /*@ private normal_behavior
      @ requires 0 <= low && low < 4096;
      @ ensures (low / Flags.HUGE_PAGE) % 2 == 1 ==> \result == low;
      @ ensures (low / Flags.HUGE_PAGE) % 2 == 0 ==> \result == low + Flags.HUGE_PAGE;
      @ ensures 0 <= \result && \result < 4096;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ strictly_pure @*/ int withHuge(int low) {
        if (Flags.bitSet(low, Flags.HUGE_PAGE)) {
            return low;
        }
        return low + Flags.HUGE_PAGE;
    }

    /*
     * T4 for map_to, 4 KiB: the cases of mapToWithTableFlags below, with the parent flags map_to derives.
     */
    /*@ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires frame != null && 0 <= frame.start && frame.start < PhysAddr.LIMIT && frame.start % 4096 == 0;
      @ requires flags != null && \invariant_for(flags);
      @ requires allocator != null;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH
      @      || (\result.kind == MapperResult.ERR && \result.error == MapperError.FRAME_ALLOCATION_FAILED)
      @      || (\result.kind == MapperResult.ERR && \result.error == MapperError.PARENT_ENTRY_HUGE_PAGE)
      @      || (\result.kind == MapperResult.ERR && \result.error == MapperError.PAGE_ALREADY_MAPPED);
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires frame != null && 0 <= frame.start && frame.start < PhysAddr.LIMIT && frame.start % 4096 == 0;
      @ requires flags != null && \invariant_for(flags);
      @ requires allocator != null;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH <==> leafStored;
      @ ensures \result.kind == MapperResult.OK_FLUSH ==>
      @         (lastLevel == 1 && lastLow == 0 && lastAddr == 0 && lastHigh == 0
      @          && lastStoreAt == lastAt && lastStoreAddr == \old(frame.start)
      @          && lastStoreLow == \old(flags.low) && lastStoreHigh == \old(flags.high)
      @          && \result.page == \old(page.start));
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires frame != null && 0 <= frame.start && frame.start < PhysAddr.LIMIT && frame.start % 4096 == 0;
      @ requires flags != null && \invariant_for(flags);
      @ requires allocator != null;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures (\result.kind == MapperResult.ERR && \result.error == MapperError.PAGE_ALREADY_MAPPED) ==>
      @         (lastLevel == 1 && !(lastLow == 0 && lastAddr == 0 && lastHigh == 0)
      @          && \result.value == \old(frame.start));
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires frame != null && 0 <= frame.start && frame.start < PhysAddr.LIMIT && frame.start % 4096 == 0;
      @ requires flags != null && \invariant_for(flags);
      @ requires allocator != null;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH ==>
      @         lastStoreAt == \old(MapperAddresses.entry(level4Table, recursiveIndex, seededBug, page.start, 1));
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @*/
    @Override
    public MapperResult mapTo(Page page, PhysFrame frame, Flags flags, FrameAllocator allocator)
            throws TableAccessFault, ForbiddenAccess {
        // map_to's parent flags, flags & (PRESENT | WRITABLE | USER_ACCESSIBLE) (Flags.parentTableFlags),
        // as values (see map).
        return map(page, frame, flags, Flags.parentTableBits(flags.low), 0, allocator);
    }

    /*
     * T4, 4 KiB (seeded bug NONE), over what the crate loaded and stored (the ghost fields above): a
     * successful map found the leaf zero and stored there the entry of the frame with exactly the
     * given flags; PageAlreadyMapped found it non-zero and stored nothing at the leaf, and reports the
     * requested frame; every outcome is one of the four that map_to can return. The last case names
     * where the leaf went: {@link MapperAddresses#entry} of the page at level 1.
     */
    /*@ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires frame != null && 0 <= frame.start && frame.start < PhysAddr.LIMIT && frame.start % 4096 == 0;
      @ requires flags != null && \invariant_for(flags) && parentFlags != null && \invariant_for(parentFlags);
      @ requires allocator != null;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH
      @      || (\result.kind == MapperResult.ERR && \result.error == MapperError.FRAME_ALLOCATION_FAILED)
      @      || (\result.kind == MapperResult.ERR && \result.error == MapperError.PARENT_ENTRY_HUGE_PAGE)
      @      || (\result.kind == MapperResult.ERR && \result.error == MapperError.PAGE_ALREADY_MAPPED);
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires frame != null && 0 <= frame.start && frame.start < PhysAddr.LIMIT && frame.start % 4096 == 0;
      @ requires flags != null && \invariant_for(flags) && parentFlags != null && \invariant_for(parentFlags);
      @ requires allocator != null;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH <==> leafStored;
      @ ensures \result.kind == MapperResult.OK_FLUSH ==>
      @         (lastLevel == 1 && lastLow == 0 && lastAddr == 0 && lastHigh == 0
      @          && lastStoreAt == lastAt && lastStoreAddr == \old(frame.start)
      @          && lastStoreLow == \old(flags.low) && lastStoreHigh == \old(flags.high)
      @          && \result.page == \old(page.start));
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires frame != null && 0 <= frame.start && frame.start < PhysAddr.LIMIT && frame.start % 4096 == 0;
      @ requires flags != null && \invariant_for(flags) && parentFlags != null && \invariant_for(parentFlags);
      @ requires allocator != null;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures (\result.kind == MapperResult.ERR && \result.error == MapperError.PAGE_ALREADY_MAPPED) ==>
      @         (lastLevel == 1 && !(lastLow == 0 && lastAddr == 0 && lastHigh == 0)
      @          && \result.value == \old(frame.start));
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires frame != null && 0 <= frame.start && frame.start < PhysAddr.LIMIT && frame.start % 4096 == 0;
      @ requires flags != null && \invariant_for(flags) && parentFlags != null && \invariant_for(parentFlags);
      @ requires allocator != null;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH ==>
      @         lastStoreAt == \old(MapperAddresses.entry(level4Table, recursiveIndex, seededBug, page.start, 1));
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @*/
    @Override
    public MapperResult mapToWithTableFlags(Page page, PhysFrame frame, Flags flags, Flags parentFlags,
            FrameAllocator allocator) throws TableAccessFault, ForbiddenAccess {
        return map(page, frame, flags, parentFlags.low, parentFlags.high, allocator);
    }

    /**
     * map_to_with_table_flags with the parent flags as their two halves ({@code insertLow}, bits
     * 0..11; {@code insertHigh}, bits 52..63): map_to derives them from the leaf flags without
     * allocating a Flags object, so that its contract can name the leaf's address in the pre-state
     * (an allocation in between is a heap change, and MapperAddresses.entry depends on the heap for
     * KeY; twelfth session).
     */
    /*@ private behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires frame != null && 0 <= frame.start && frame.start < PhysAddr.LIMIT && frame.start % 4096 == 0;
      @ requires flags != null && \invariant_for(flags) && 0 <= insertLow && insertLow < 4096 && 0 <= insertHigh && insertHigh < 4096;
      @ requires allocator != null;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH
      @      || (\result.kind == MapperResult.ERR && \result.error == MapperError.FRAME_ALLOCATION_FAILED)
      @      || (\result.kind == MapperResult.ERR && \result.error == MapperError.PARENT_ENTRY_HUGE_PAGE)
      @      || (\result.kind == MapperResult.ERR && \result.error == MapperError.PAGE_ALREADY_MAPPED);
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @ also private behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires frame != null && 0 <= frame.start && frame.start < PhysAddr.LIMIT && frame.start % 4096 == 0;
      @ requires flags != null && \invariant_for(flags) && 0 <= insertLow && insertLow < 4096 && 0 <= insertHigh && insertHigh < 4096;
      @ requires allocator != null;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH <==> leafStored;
      @ ensures \result.kind == MapperResult.OK_FLUSH ==>
      @         (lastLevel == 1 && lastLow == 0 && lastAddr == 0 && lastHigh == 0
      @          && lastStoreAt == lastAt && lastStoreAddr == \old(frame.start)
      @          && lastStoreLow == \old(flags.low) && lastStoreHigh == \old(flags.high)
      @          && \result.page == \old(page.start));
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @ also private behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires frame != null && 0 <= frame.start && frame.start < PhysAddr.LIMIT && frame.start % 4096 == 0;
      @ requires flags != null && \invariant_for(flags) && 0 <= insertLow && insertLow < 4096 && 0 <= insertHigh && insertHigh < 4096;
      @ requires allocator != null;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures (\result.kind == MapperResult.ERR && \result.error == MapperError.PAGE_ALREADY_MAPPED) ==>
      @         (lastLevel == 1 && !(lastLow == 0 && lastAddr == 0 && lastHigh == 0)
      @          && \result.value == \old(frame.start));
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @ also private behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires frame != null && 0 <= frame.start && frame.start < PhysAddr.LIMIT && frame.start % 4096 == 0;
      @ requires flags != null && \invariant_for(flags) && 0 <= insertLow && insertLow < 4096 && 0 <= insertHigh && insertHigh < 4096;
      @ requires allocator != null;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH ==>
      @         lastStoreAt == \old(MapperAddresses.entry(level4Table, recursiveIndex, seededBug, page.start, 1));
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @*/
    private MapperResult map(Page page, PhysFrame frame, Flags flags, int insertLow, int insertHigh,
            FrameAllocator allocator) throws TableAccessFault, ForbiddenAccess {
        // Fields and arguments are read once, before the first table access (see unmap).
        SupervisorAccess cpu = this.cpu;
        long l4 = level4Table;
        int r = recursiveIndex;
        int bug = seededBug;
        int size = page.size;
        long start = page.start;
        long frameStart = frame.start;
        int flagsLow = flags.low;
        int flagsHigh = flags.high;
        // The leaf the contract names, its address taken before the first table access (KeY
        // evaluates the contract's MapperAddresses.entry in the pre-state).
        long leafAddress = MapperAddresses.entry(l4, r, bug, start, size);
        /*@ loop_invariant size <= level && level <= 4;
          @ decreases level;
          @*/
        for (int level = 4; level > size; level--) {
            int status = createNextTable(cpu, bug, entryAt(l4, r, bug, start, level),
                    MapperAddresses.table(l4, r, bug, start, level - 1), insertLow, insertHigh, allocator);
            if (status != MapperError.NONE) {
                //@ set leafStored = false;
                return MapperResult.err(status, 0L, size);
            }
        }
        Entry existing = cpu.load(leafAddress);
        //@ set lastLevel = size;
        //@ set lastAt = leafAddress;
        //@ set lastLow = existing.low;
        //@ set lastAddr = existing.addr;
        //@ set lastHigh = existing.high;
        //@ set leafStored = false;
        if (!existing.isUnused()) {
            if (bug == SeededBug.ALREADY_MAPPED_WRONG_FRAME) {
                return MapperResult.err(MapperError.PAGE_ALREADY_MAPPED, existing.addr, size);
            }
            return MapperResult.err(MapperError.PAGE_ALREADY_MAPPED, frameStart, size);
        }
        int leafLow = flagsLow;
        if (size != PageSize.SIZE_4KIB) {
            leafLow = withHuge(flagsLow);
        } else if (Flags.bitSet(flagsLow, Flags.HUGE_PAGE)) {
            // set_frame asserts that the flags lack HUGE_PAGE, after every table exists (§6.5, §8 Q6e).
            throw new CratePanic("assertion failed: !flags.contains(PageTableFlags::HUGE_PAGE)");
        }
        cpu.store(leafAddress, leafLow, frameStart, flagsHigh);
        //@ set lastLevel = size;
        //@ set lastAt = leafAddress;
        //@ set lastLow = 0;
        //@ set lastAddr = 0L;
        //@ set lastHigh = 0;
        //@ set lastStoreAt = leafAddress;
        //@ set lastStoreLow = leafLow;
        //@ set lastStoreAddr = frameStart;
        //@ set lastStoreHigh = flagsHigh;
        //@ set leafStored = true;
        return MapperResult.flush(start);
    }

    /**
     * {@code create_next_table} (crate-semantics §6.4): allocate and link a table for a zero entry, or
     * OR the insert flags into an existing one (before the HUGE_PAGE test, never rolled back); a new
     * table is zeroed with 512 stores through its recursive address. Returns {@link MapperError#NONE},
     * FRAME_ALLOCATION_FAILED or PARENT_ENTRY_HUGE_PAGE. Static, on values (see unmap): the insert
     * flags come as their two halves because a table access may change any object.
     */
    /*@ private behavior
      @ requires cpu != null && allocator != null && entryAddress % 8 == 0;
      @ requires -VirtAddr.HALF <= childTable && childTable < VirtAddr.SPAN && childTable % 4096 == 0;
      @ requires 0 <= insertLow && insertLow < 4096 && 0 <= insertHigh && insertHigh < 4096;
      @ ensures \result == MapperError.NONE || \result == MapperError.FRAME_ALLOCATION_FAILED
      @      || \result == MapperError.PARENT_ENTRY_HUGE_PAGE;
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @*/
    private static int createNextTable(SupervisorAccess cpu, int bug, long entryAddress, long childTable,
            int insertLow, int insertHigh, FrameAllocator allocator) throws TableAccessFault, ForbiddenAccess {
        Entry entry = cpu.load(entryAddress);
        int low = entry.low;
        long addr = entry.addr;
        int high = entry.high;
        boolean created = false;
        if (entry.isUnused()) {
            long frame = allocator.allocateFrame();
            if (frame == -1) {
                return MapperError.FRAME_ALLOCATION_FAILED;
            }
            // PRESENT | WRITABLE | insert flags; the base flags have no high bits.
            low = withBits(newTableFlags(bug), insertLow);
            addr = frame;
            high = insertHigh;
            if (Flags.bitSet(low, Flags.HUGE_PAGE)) {
                // set_frame's assertion, after the frame was taken: it leaks and the entry stays zero (§8 Q6d).
                throw new CratePanic("assertion failed: !flags.contains(PageTableFlags::HUGE_PAGE)");
            }
            cpu.store(entryAddress, low, addr, high);
            created = true;
        } else if (addsFlags(low, high, insertLow, insertHigh)) {
            low = withBits(low, insertLow);
            high = withBits(high, insertHigh);
            cpu.store(entryAddress, low, addr, high);
        }
        // The entry as it is now: found (possibly with flags added) or just created.
        if (Flags.bitSet(low, Flags.HUGE_PAGE)) {
            return MapperError.PARENT_ENTRY_HUGE_PAGE;
        }
        if (created && bug != SeededBug.NEW_TABLE_NOT_ZEROED) {
            zeroTable(cpu, childTable);
        }
        return MapperError.NONE;
    }

    /*
     * The two decisions of create_next_table as calls with one result each, not as conditions with
     * branches: KeY 2.12.3 executes the rest of the method once per branch of a condition in the code,
     * and with them inline createNextTable needed about 27,000 rule applications.
     */

    /** The flags of a new table's entry before the insert flags: PRESENT | WRITABLE. */
    /*@ private normal_behavior
      @ ensures bug != SeededBug.PARENT_NOT_WRITABLE ==> \result == Flags.PRESENT + Flags.WRITABLE;
      @ ensures \result == Flags.PRESENT || \result == Flags.PRESENT + Flags.WRITABLE;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ strictly_pure @*/ int newTableFlags(int bug) {
        if (bug == SeededBug.PARENT_NOT_WRITABLE) {
            return Flags.PRESENT;
        }
        return Flags.PRESENT + Flags.WRITABLE;
    }

    /**
     * {@code !insert_flags.is_empty() && !entry.flags().contains(insert_flags)}: whether an existing
     * entry (flag halves {@code low}, {@code high}) gets the insert flags ORed in.
     */
    /*@ private normal_behavior
      @ requires 0 <= low && low < 4096 && 0 <= high && high < 4096;
      @ requires 0 <= insertLow && insertLow < 4096 && 0 <= insertHigh && insertHigh < 4096;
      @ ensures \result <==> (!(insertLow == 0 && insertHigh == 0)
      @         && !((low & insertLow) == insertLow && (high & insertHigh) == insertHigh));
      @ assignable \strictly_nothing;
      @*/
    private static /*@ strictly_pure @*/ boolean addsFlags(int low, int high, int insertLow, int insertHigh) {
        return !(insertLow == 0 && insertHigh == 0)
                && !(Flags.containsBits(low, insertLow) && Flags.containsBits(high, insertHigh));
    }

    /** {@code zero()} on a new table: 512 stores of the zero entry through its recursive address. */
    /*@ private behavior
      @ requires cpu != null;
      @ requires -VirtAddr.HALF <= table && table < VirtAddr.SPAN && table % 4096 == 0;
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    private static void zeroTable(SupervisorAccess cpu, long table) throws TableAccessFault, ForbiddenAccess {
        /*@ loop_invariant 0 <= i && i <= 512;
          @ decreases 512 - i;
          @*/
        for (int i = 0; i < 512; i++) {
            cpu.store(table + 8L * i, 0, 0L, 0);
        }
    }

    /**
     * {@code identity_map}: the page at the frame's own address; panics (VirtAddr::new) when that is not
     * canonical, i.e. for frames at or above 2^47 (§8 Q20).
     */
    /*@ public behavior
      @ requires frame != null && \invariant_for(frame) && flags != null && allocator != null;
      @ requires frame.start < VirtAddr.HALF;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH ==> \result.page == \old(frame.start);
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @ also public exceptional_behavior
      @ requires frame != null && \invariant_for(frame) && flags != null && allocator != null;
      @ requires frame.start >= VirtAddr.HALF;
      @ signals_only CratePanic;
      @*/
    public MapperResult identityMap(PhysFrame frame, Flags flags, FrameAllocator allocator)
            throws TableAccessFault, ForbiddenAccess {
        if (!VirtAddr.isCanonical(frame.start)) {
            throw new CratePanic("virtual address must be sign extended in bits 48 to 64");
        }
        return mapTo(Page.containing(frame.size, frame.start), frame, flags, allocator);
    }

    /*
     * The 4 KiB contract cases (seeded bug NONE), over the entry where the crate's walk stopped
     * (lastLevel, lastAt, lastLow, lastAddr, lastHigh): when unmap succeeds (the first case), one case
     * per error variant, and T5 in the last case: success returns the address field of the leaf it
     * loaded and stores the zero entry where it loaded it.
     *
     * The fifth case names the address the leaf was loaded from: {@link MapperAddresses#entry}, whose
     * lemma gives it as the recursive address of the page's level 1 entry (T3 (a)), the address whose
     * walk RecursiveWalk resolves. The status of each case is in proofs/README.md.
     */
    /*@ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_UNMAPPED <==> (lastLevel == 1 && lastLow % 2 == 1 && (lastLow / 128) % 2 == 0);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures (\result.kind == MapperResult.ERR && \result.error == MapperError.PAGE_NOT_MAPPED) <==> lastLow % 2 == 0;
      @ ensures (\result.kind == MapperResult.ERR && \result.error == MapperError.PAGE_NOT_MAPPED) ==> 1 <= lastLevel && lastLevel <= 4;
      @ signals_only TableAccessFault, ForbiddenAccess;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures (\result.kind == MapperResult.ERR && \result.error == MapperError.PARENT_ENTRY_HUGE_PAGE) <==> (lastLow % 2 == 1 && (lastLow / 128) % 2 == 1);
      @ ensures (\result.kind == MapperResult.ERR && \result.error == MapperError.PARENT_ENTRY_HUGE_PAGE) ==> 1 <= lastLevel && lastLevel <= 4;
      @ signals_only TableAccessFault, ForbiddenAccess;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null && !(\result.kind == MapperResult.ERR && \result.error == MapperError.INVALID_FRAME_ADDRESS);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_UNMAPPED ==>
      @         lastAt == \old(MapperAddresses.entry(level4Table, recursiveIndex, seededBug, page.start, 1));
      @ signals_only TableAccessFault, ForbiddenAccess;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_UNMAPPED ==>
      @         (\result.value == lastAddr && \result.value % 4096 == 0
      @          && lastStoreAt == lastAt && lastStoreLow == 0 && lastStoreAddr == 0 && lastStoreHigh == 0
      @          && \result.page == \old(page.start) && \result.size == PageSize.SIZE_4KIB);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    @Override
    public MapperResult unmap(Page page) throws TableAccessFault, ForbiddenAccess {
        // Fields are read once, before the first table access (KeY: a call through SupervisorAccess
        // may change any heap location). The values are final, so this is the same computation.
        SupervisorAccess cpu = this.cpu;
        long l4 = level4Table;
        int r = recursiveIndex;
        int bug = seededBug;
        int size = page.size;
        long start = page.start;
        // The entry the contract names, its address taken before the first table access (KeY
        // evaluates the contract's MapperAddresses.entry in the pre-state).
        long leafAddress = MapperAddresses.entry(l4, r, bug, start, size);
        /*@ loop_invariant size <= level && level <= 4;
          @ decreases level;
          @*/
        for (int level = 4; level > size; level--) {
            long at = entryAt(l4, r, bug, start, level);
            Entry parent = cpu.load(at);
            int check = parent.frameCheck();
            if (check == Entry.FRAME_NOT_PRESENT) {
                //@ set lastLevel = level;
                //@ set lastAt = at;
                //@ set lastLow = parent.low;
                //@ set lastAddr = parent.addr;
                //@ set lastHigh = parent.high;
                return MapperResult.err(MapperError.PAGE_NOT_MAPPED, 0L, size);
            }
            if (check == Entry.HUGE_FRAME) {
                //@ set lastLevel = level;
                //@ set lastAt = at;
                //@ set lastLow = parent.low;
                //@ set lastAddr = parent.addr;
                //@ set lastHigh = parent.high;
                return MapperResult.err(MapperError.PARENT_ENTRY_HUGE_PAGE, 0L, size);
            }
        }
        Entry leaf = cpu.load(leafAddress);
        //@ set lastLevel = size;
        //@ set lastAt = leafAddress;
        //@ set lastLow = leaf.low;
        //@ set lastAddr = leaf.addr;
        //@ set lastHigh = leaf.high;
        long frame = leaf.addr;
        //@ ghost int low = leaf.low;
        //@ ghost int high = leaf.high;
        if (!leaf.present()) {
            return MapperResult.err(MapperError.PAGE_NOT_MAPPED, 0L, size);
        }
        // A 4 KiB leaf goes through frame() (HUGE set: ParentEntryHugePage); a huge leaf must have
        // HUGE_PAGE (clear: the misleading ParentEntryHugePage of §8 Q11) and an aligned address.
        if (size == PageSize.SIZE_4KIB) {
            if (leaf.huge()) {
                return MapperResult.err(MapperError.PARENT_ENTRY_HUGE_PAGE, 0L, size);
            }
        } else {
            if (!leaf.huge()) {
                return MapperResult.err(MapperError.PARENT_ENTRY_HUGE_PAGE, 0L, size);
            }
            if (frame % PageSize.bytes(size) != 0) {
                return MapperResult.err(MapperError.INVALID_FRAME_ADDRESS, frame, size);
            }
        }
        // set_unused: the zero entry.
        cpu.store(leafAddress, 0, 0L, 0);
        //@ set lastLevel = size;
        //@ set lastAt = leafAddress;
        //@ set lastLow = low;
        //@ set lastAddr = frame;
        //@ set lastHigh = high;
        //@ set lastStoreAt = leafAddress;
        //@ set lastStoreLow = 0;
        //@ set lastStoreAddr = 0L;
        //@ set lastStoreHigh = 0;
        return MapperResult.unmapped(frame, start, size);
    }

    /*
     * The 4 KiB contract cases (seeded bug NONE): success stores the loaded leaf's address with the
     * given flags at the leaf; PageNotMapped exactly when the entry where the walk stopped is zero.
     *
     * The last case names the address the leaf was loaded from ({@link MapperAddresses#entry}, as in
     * unmap). The status of each case is in proofs/README.md.
     */
    /*@ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ requires flags != null && \invariant_for(flags);
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH <==> (lastLevel == 1 && !(lastLow == 0 && lastAddr == 0 && lastHigh == 0));
      @ ensures \result.kind == MapperResult.OK_FLUSH ==>
      @         (lastStoreAt == lastAt && lastStoreAddr == lastAddr
      @          && lastStoreLow == \old(flags.low) && lastStoreHigh == \old(flags.high)
      @          && \result.page == \old(page.start));
      @ signals_only TableAccessFault, ForbiddenAccess;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ requires flags != null && \invariant_for(flags);
      @ ensures \result != null;
      @ ensures (\result.kind == MapperResult.ERR && \result.error == MapperError.PAGE_NOT_MAPPED) <==> (lastLow == 0 && lastAddr == 0 && lastHigh == 0);
      @ ensures (\result.kind == MapperResult.ERR && \result.error == MapperError.PAGE_NOT_MAPPED) ==> 1 <= lastLevel && lastLevel <= 4;
      @ signals_only TableAccessFault, ForbiddenAccess;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ requires flags != null && \invariant_for(flags);
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH ==>
      @         lastAt == \old(MapperAddresses.entry(level4Table, recursiveIndex, seededBug, page.start, 1));
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    @Override
    public MapperResult updateFlags(Page page, Flags flags) throws TableAccessFault, ForbiddenAccess {
        // Fields are read once, before the first table access (see unmap).
        SupervisorAccess cpu = this.cpu;
        long l4 = level4Table;
        int r = recursiveIndex;
        int bug = seededBug;
        int size = page.size;
        long start = page.start;
        // The entry the contract names, its address taken before the first table access (KeY
        // evaluates the contract's MapperAddresses.entry in the pre-state).
        long leafAddress = MapperAddresses.entry(l4, r, bug, start, size);
        int flagsLow = flags.low;
        int flagsHigh = flags.high;
        // The zero tests on the parents (§6.5): PAGE_NOT_MAPPED at the first zero entry; PRESENT and HUGE_PAGE are not looked at.
        /*@ loop_invariant size <= level && level <= 4;
          @ decreases level;
          @*/
        for (int level = 4; level > size; level--) {
            long at = entryAt(l4, r, bug, start, level);
            Entry parent = cpu.load(at);
            if (parent.isUnused()) {
                //@ set lastLevel = level;
                //@ set lastAt = at;
                //@ set lastLow = parent.low;
                //@ set lastAddr = parent.addr;
                //@ set lastHigh = parent.high;
                return MapperResult.err(MapperError.PAGE_NOT_MAPPED, 0L, size);
            }
        }
        Entry leaf = cpu.load(leafAddress);
        //@ set lastLevel = size;
        //@ set lastAt = leafAddress;
        //@ set lastLow = leaf.low;
        //@ set lastAddr = leaf.addr;
        //@ set lastHigh = leaf.high;
        if (leaf.isUnused()) {
            return MapperResult.err(MapperError.PAGE_NOT_MAPPED, 0L, size);
        }
        //@ ghost int low = leaf.low;
        long addr = leaf.addr;
        //@ ghost int high = leaf.high;
        // set_flags keeps the address; a huge page's flags get HUGE_PAGE.
        int updatedLow = flagsLow;
        if (size != PageSize.SIZE_4KIB) {
            updatedLow = withHuge(flagsLow);
        }
        cpu.store(leafAddress, updatedLow, addr, flagsHigh);
        //@ set lastLevel = size;
        //@ set lastAt = leafAddress;
        //@ set lastLow = low;
        //@ set lastAddr = addr;
        //@ set lastHigh = high;
        //@ set lastStoreAt = leafAddress;
        //@ set lastStoreLow = updatedLow;
        //@ set lastStoreAddr = addr;
        //@ set lastStoreHigh = flagsHigh;
        return MapperResult.flush(start);
    }

    @Override
    public MapperResult setFlagsP4Entry(Page page, Flags flags) throws TableAccessFault, ForbiddenAccess {
        return setFlagsAt(page, 4, flags);
    }

    @Override
    public MapperResult setFlagsP3Entry(Page page, Flags flags) throws TableAccessFault, ForbiddenAccess {
        return setFlagsAt(page, 3, flags);
    }

    @Override
    public MapperResult setFlagsP2Entry(Page page, Flags flags) throws TableAccessFault, ForbiddenAccess {
        return setFlagsAt(page, 2, flags);
    }

    /**
     * {@code set_flags_pN_entry}: the level N entry of a page whose leaf is below N. For a page whose
     * leaf is at or above N (1 GiB with N = 3 or 2, 2 MiB with N = 2) the crate returns
     * ParentEntryHugePage without touching a table (§8 Q11).
     */
    /*
     * Error variants of set_flags_p4/p3/p2_entry for a 4 KiB page (seeded bug NONE), over the entry
     * where the walk stopped: success exactly when the level N entry it loaded is non-zero, and then it
     * stored that entry's address with the given flags where it loaded it; PageNotMapped exactly at the
     * first zero entry.
     */
    /*@ private behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB && 2 <= level && level <= 4;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires flags != null && \invariant_for(flags);
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH_ALL
      @         <==> (lastLevel == level && !(lastLow == 0 && lastAddr == 0 && lastHigh == 0));
      @ signals_only TableAccessFault, ForbiddenAccess;
      @ also private behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB && 2 <= level && level <= 4;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires flags != null && \invariant_for(flags);
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH_ALL
      @         ==> (lastStoreAt == lastAt && lastStoreAddr == lastAddr
      @              && lastStoreLow == \old(flags.low) && lastStoreHigh == \old(flags.high));
      @ signals_only TableAccessFault, ForbiddenAccess;
      @ also private behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB && 2 <= level && level <= 4;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires flags != null && \invariant_for(flags);
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures (\result.kind == MapperResult.ERR && \result.error == MapperError.PAGE_NOT_MAPPED)
      @         <==> (lastLow == 0 && lastAddr == 0 && lastHigh == 0);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    private MapperResult setFlagsAt(Page page, int level, Flags flags) throws TableAccessFault, ForbiddenAccess {
        // Fields and arguments are read once, before the first table access (see unmap).
        SupervisorAccess cpu = this.cpu;
        long l4 = level4Table;
        int r = recursiveIndex;
        int bug = seededBug;
        int size = page.size;
        long start = page.start;
        int flagsLow = flags.low;
        int flagsHigh = flags.high;
        if (size >= level) {
            return MapperResult.err(MapperError.PARENT_ENTRY_HUGE_PAGE, 0L, size);
        }
        /*@ loop_invariant level <= l && l <= 4;
          @ decreases l;
          @*/
        for (int l = 4; l > level; l--) {
            long at = entryAt(l4, r, bug, start, l);
            Entry parent = cpu.load(at);
            if (parent.isUnused()) {
                //@ set lastLevel = l;
                //@ set lastAt = at;
                //@ set lastLow = parent.low;
                //@ set lastAddr = parent.addr;
                //@ set lastHigh = parent.high;
                return MapperResult.err(MapperError.PAGE_NOT_MAPPED, 0L, size);
            }
        }
        long entryAddress = entryAt(l4, r, bug, start, level);
        Entry entry = cpu.load(entryAddress);
        //@ set lastLevel = level;
        //@ set lastAt = entryAddress;
        //@ set lastLow = entry.low;
        //@ set lastAddr = entry.addr;
        //@ set lastHigh = entry.high;
        if (entry.isUnused()) {
            return MapperResult.err(MapperError.PAGE_NOT_MAPPED, 0L, size);
        }
        //@ ghost int low = entry.low;
        long addr = entry.addr;
        //@ ghost int high = entry.high;
        cpu.store(entryAddress, flagsLow, addr, flagsHigh);
        //@ set lastLevel = level;
        //@ set lastAt = entryAddress;
        //@ set lastLow = low;
        //@ set lastAddr = addr;
        //@ set lastHigh = high;
        //@ set lastStoreAt = entryAddress;
        //@ set lastStoreLow = flagsLow;
        //@ set lastStoreAddr = addr;
        //@ set lastStoreHigh = flagsHigh;
        return MapperResult.flushAll();
    }

    /*
     * The 4 KiB contract cases (seeded bug NONE), over the entry where the crate's walk stopped:
     * T6 for translate_page, and one case per error variant.
     *
     * The last case names the address the leaf was loaded from ({@link MapperAddresses#entry}, as in
     * unmap). The status of each case is in proofs/README.md.
     */
    /*@ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FRAME <==> (lastLevel == 1 && !(lastLow == 0 && lastAddr == 0 && lastHigh == 0));
      @ ensures \result.kind == MapperResult.OK_FRAME ==>
      @         (\result.value == lastAddr && \result.size == PageSize.SIZE_4KIB);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures (\result.kind == MapperResult.ERR && \result.error == MapperError.PAGE_NOT_MAPPED) <==> (lastLow == 0 && lastAddr == 0 && lastHigh == 0);
      @ ensures (\result.kind == MapperResult.ERR && \result.error == MapperError.PAGE_NOT_MAPPED) ==> 1 <= lastLevel && lastLevel <= 4;
      @ signals_only TableAccessFault, ForbiddenAccess;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null && !(\result.kind == MapperResult.ERR && \result.error == MapperError.INVALID_FRAME_ADDRESS);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @ also public behavior
      @ requires page != null && page.size == PageSize.SIZE_4KIB;
      @ requires -VirtAddr.HALF <= page.start && page.start < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FRAME ==>
      @         lastAt == \old(MapperAddresses.entry(level4Table, recursiveIndex, seededBug, page.start, 1));
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    @Override
    public MapperResult translatePage(Page page) throws TableAccessFault, ForbiddenAccess {
        // Fields are read once, before the first table access (see unmap).
        SupervisorAccess cpu = this.cpu;
        long l4 = level4Table;
        int r = recursiveIndex;
        int bug = seededBug;
        int size = page.size;
        long start = page.start;
        // The entry the contract names, its address taken before the first table access (KeY
        // evaluates the contract's MapperAddresses.entry in the pre-state).
        long leafAddress = MapperAddresses.entry(l4, r, bug, start, size);
        if (bug == SeededBug.PRESENT_INSTEAD_OF_ZERO) {
            /*@ loop_invariant size <= level && level <= 4;
              @ decreases level;
              @*/
            for (int level = 4; level > size; level--) {
                if (!cpu.load(entryAt(l4, r, bug, start, level)).present()) {
                    return MapperResult.err(MapperError.PAGE_NOT_MAPPED, 0L, size);
                }
            }
        }
        // The zero tests on the parents (§6.5): PAGE_NOT_MAPPED at the first zero entry; PRESENT and HUGE_PAGE are not looked at.
        /*@ loop_invariant size <= level && level <= 4;
          @ decreases level;
          @*/
        for (int level = 4; level > size; level--) {
            long at = entryAt(l4, r, bug, start, level);
            Entry parent = cpu.load(at);
            if (parent.isUnused()) {
                //@ set lastLevel = level;
                //@ set lastAt = at;
                //@ set lastLow = parent.low;
                //@ set lastAddr = parent.addr;
                //@ set lastHigh = parent.high;
                return MapperResult.err(MapperError.PAGE_NOT_MAPPED, 0L, size);
            }
        }
        Entry leaf = cpu.load(leafAddress);
        //@ set lastLevel = size;
        //@ set lastAt = leafAddress;
        //@ set lastLow = leaf.low;
        //@ set lastAddr = leaf.addr;
        //@ set lastHigh = leaf.high;
        if (leaf.isUnused()) {
            return MapperResult.err(MapperError.PAGE_NOT_MAPPED, 0L, size);
        }
        if (leaf.addr % PageSize.bytes(size) != 0) {
            return MapperResult.err(MapperError.INVALID_FRAME_ADDRESS, leaf.addr, size);
        }
        return MapperResult.frame(leaf.addr, size);
    }

    /*
     * T6 for translate, 4 KiB, over the entry where the walk stopped (the ghost fields above): a 4 KiB
     * mapping exactly when the walk reached a non-zero level 1 entry, whose address, flags and the
     * address's page offset make the result (the offset as VirtAddr.pageOffset's second contract case
     * states it); NotMapped exactly when the entry where it stopped is zero. The last case names the
     * address the level 1 entry was loaded from ({@link MapperAddresses#entry}, as in unmap).
     */
    /*@ also public behavior
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures (\result.kind == TranslateResult.MAPPED && \result.size == PageSize.SIZE_4KIB)
      @         <==> (lastLevel == 1 && !(lastLow == 0 && lastAddr == 0 && lastHigh == 0));
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @ also public behavior
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures (\result.kind == TranslateResult.MAPPED && \result.size == PageSize.SIZE_4KIB)
      @         ==> (\result.frame == lastAddr && \result.offset == (addr % 4096 + 4096) % 4096
      @              && \result.flags.low == lastLow && \result.flags.high == lastHigh);
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @ also public behavior
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures \result.kind == TranslateResult.NOT_MAPPED <==> (lastLow == 0 && lastAddr == 0 && lastHigh == 0);
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @ also public behavior
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ requires seededBug == SeededBug.NONE && cpu != null;
      @ requires 0 <= recursiveIndex && recursiveIndex < 512;
      @ requires -VirtAddr.HALF <= level4Table && level4Table < VirtAddr.HALF && level4Table % 4096 == 0;
      @ ensures \result != null;
      @ ensures (\result.kind == TranslateResult.MAPPED && \result.size == PageSize.SIZE_4KIB)
      @         ==> lastAt == \old(MapperAddresses.entry(level4Table, recursiveIndex, seededBug, addr, 1));
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @*/
    @Override
    public TranslateResult translate(long addr) throws TableAccessFault, ForbiddenAccess {
        // Fields and the page are read once, before the first table access (see unmap).
        SupervisorAccess cpu = this.cpu;
        long l4 = level4Table;
        int r = recursiveIndex;
        int bug = seededBug;
        long start = pageStart(addr);
        // The level 1 entry the contract names, its address taken before the first table access (see
        // unmap). Of addr rather than of its page: the address depends only on the four table indices,
        // which the two share (MapperAddressesTest), and the contract can name addr.
        long leafAddress = MapperAddresses.entry(l4, r, bug, addr, 1);
        // The parents: NotMapped at a zero entry; a huge one is the leaf (level 3 or 2) or a panic (4).
        /*@ loop_invariant 1 <= level && level <= 4;
          @ decreases level;
          @*/
        for (int level = 4; level > 1; level--) {
            long at = entryAt(l4, r, bug, start, level);
            Entry entry = cpu.load(at);
            //@ set lastLevel = level;
            //@ set lastAt = at;
            //@ set lastLow = entry.low;
            //@ set lastAddr = entry.addr;
            //@ set lastHigh = entry.high;
            if (entry.isUnused()) {
                return TranslateResult.notMapped();
            }
            if (entry.huge()) {
                return hugeLeaf(bug, level, addr, entry);
            }
        }
        Entry leaf = cpu.load(leafAddress);
        //@ set lastLevel = 1;
        //@ set lastAt = leafAddress;
        //@ set lastLow = leaf.low;
        //@ set lastAddr = leaf.addr;
        //@ set lastHigh = leaf.high;
        if (leaf.isUnused()) {
            return TranslateResult.notMapped();
        }
        return leafResult(leaf, addr);
    }

    /**
     * translate at a non-zero level 1 entry: a panic when it has HUGE_PAGE, otherwise the 4 KiB mapping
     * of its address, its flags and the address's page offset. Its own method, like hugeLeaf, so that
     * the panic's path and the page offset's arithmetic stay out of translate's proofs; one fact per
     * case (together they exceed 20,000 rule applications). The offset is stated as pageOffset's
     * second contract case states it (without low48, whose case split on the sign of {@code addr}
     * would run through translate's proofs: computing it there took them past 20,000).
     */
    /*@ private behavior
      @ requires leaf != null && \invariant_for(leaf);
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ ensures \result != null && \result.kind == TranslateResult.MAPPED && \result.size == PageSize.SIZE_4KIB;
      @ ensures \result.frame == leaf.addr;
      @ signals_only CratePanic;
      @ signals (CratePanic e) (leaf.low / Flags.HUGE_PAGE) % 2 == 1;
      @ assignable \nothing;
      @ also private behavior
      @ requires leaf != null && \invariant_for(leaf);
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ ensures \result != null && \result.flags.low == leaf.low && \result.flags.high == leaf.high;
      @ signals_only CratePanic;
      @ assignable \nothing;
      @ also private behavior
      @ requires leaf != null && \invariant_for(leaf);
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ ensures \result != null && \result.offset == (addr % 4096 + 4096) % 4096;
      @ signals_only CratePanic;
      @ assignable \nothing;
      @*/
    private static TranslateResult leafResult(Entry leaf, long addr) {
        if (leaf.huge()) {
            throw new CratePanic("level 1 entry has huge page bit set");
        }
        return TranslateResult.mapped(PageSize.SIZE_4KIB, leaf.addr, offsetInPage(addr), leaf.flags());
    }

    /**
     * {@link VirtAddr#pageOffset}, by the second of its contract's statements only (Java's % on the
     * signed address): through pageOffset itself, the first statement's low48 put a case split on the
     * sign of {@code addr} into each of leafResult's proofs, which left the offset case within 300
     * rule applications of the budget, and over it once unrelated contracts changed.
     */
    /*@ private normal_behavior
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ ensures \result == (addr % 4096 + 4096) % 4096;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ strictly_pure @*/ long offsetInPage(long addr) {
        return VirtAddr.pageOffset(addr);
    }

    /**
     * The start of the 4 KiB page containing the canonical address {@code addr} ({@code
     * Page::containing_address}). Its contract says only what entryAt needs: the address, in arithmetic,
     * is {@link Page#containing}'s, and its case split on the sign of {@code addr} (low48) would run
     * through the whole of translate's proofs.
     */
    /*@ private normal_behavior
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ ensures -VirtAddr.HALF <= \result && \result < VirtAddr.HALF;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ strictly_pure @*/ long pageStart(long addr) {
        return addr - VirtAddr.pageOffset(addr);
    }

    /**
     * translate at a parent entry with HUGE_PAGE: a panic at level 4; at level 3 or 2 the entry is the
     * leaf, its frame aligned down and PRESENT not checked (§6.6). Its own method so that the panic's
     * path and the arithmetic modulo the leaf's span (nonlinear for a symbolic level) stay out of
     * translate's proofs.
     */
    /*@ private behavior
      @ requires entry != null && \invariant_for(entry) && 2 <= level && level <= 4;
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ ensures \result != null && \result.kind == TranslateResult.MAPPED && \result.size == level;
      @ signals_only CratePanic;
      @ signals (CratePanic e) level == 4;
      @ assignable \nothing;
      @*/
    private static TranslateResult hugeLeaf(int bug, int level, long addr, Entry entry) {
        if (level == 4) {
            throw new CratePanic("level 4 entry has huge page bit set");
        }
        long span = VirtAddr.entrySpan(level);
        long offsetSpan = span;
        if (bug == SeededBug.HUGE_OFFSET_MASK && level == 2) {
            offsetSpan = span / 2;
        }
        return TranslateResult.mapped(level, entry.addr - entry.addr % span, VirtAddr.low48(addr) % offsetSpan,
                entry.flags());
    }

    @Override
    public long translateAddr(long addr) throws TableAccessFault, ForbiddenAccess {
        TranslateResult result = translate(addr);
        if (result.kind != TranslateResult.MAPPED) {
            return -1;
        }
        return result.frame + result.offset;
    }

    @Override
    public void cleanUp(FrameDeallocator deallocator) throws TableAccessFault, ForbiddenAccess {
        cleanUpTable(level4Table, 4, 0L, LAST_PAGE, deallocator);
    }

    @Override
    public void cleanUpAddrRange(Page start, Page end, FrameDeallocator deallocator)
            throws TableAccessFault, ForbiddenAccess {
        cleanUpTable(level4Table, 4, start.start, end.start, deallocator);
    }

    /**
     * The crate's recursive clean-up of one table over the 4 KiB pages {@code first ..= last}
     * (crate-semantics §6.7): for each index in range (skipping the recursive one at level 4) whose
     * entry is present and not huge, clean the child over the part of the range it covers; when the
     * child comes back empty, zero the entry, then hand its frame to the deallocator. Returns whether
     * all 512 entries of this table are zero afterwards (stopping at the first that is not).
     */
    private boolean cleanUpTable(long table, int level, long first, long last, FrameDeallocator deallocator)
            throws TableAccessFault, ForbiddenAccess {
        if (!VirtAddr.lessOrEqual(first, last)) {
            return false;
        }
        if (level > 1) {
            long span = VirtAddr.entrySpan(level);
            // table_address_space_alignment(level), with VirtAddr::align_down (new_truncate): 0 at level 4.
            long base = 0L;
            if (level < 4) {
                base = first - VirtAddr.low48(first) % VirtAddr.entrySpan(level + 1);
            }
            int lo = VirtAddr.tableIndex(first, level);
            int hi = VirtAddr.tableIndex(last, level);
            for (int i = lo; i <= hi; i++) {
                if (level == 4 && i == recursiveIndex) {
                    continue;
                }
                long entryAddress = table + 8L * i;
                Entry entry = cpu.load(entryAddress);
                if (entry.frameCheck() != Entry.FRAME_OK) {
                    continue;
                }
                // forward_checked jumps the canonical gap (0.15.1), which truncate reproduces here.
                long entryStart = VirtAddr.truncate(VirtAddr.low48(base) + span * i);
                long entryEnd = entryStart + (span - 1);
                long subFirst = maxPage(entryStart - VirtAddr.low48(entryStart) % 4096, first);
                long subLast = minPage(entryEnd - VirtAddr.low48(entryEnd) % 4096, last);
                Page subPage = Page.containing(PageSize.SIZE_4KIB, subFirst);
                long child = MapperAddresses.recursiveTable(recursiveIndex, seededBug, level - 1, subPage.index(4), subPage.index(3),
                        subPage.index(2));
                if (cleanUpTable(child, level - 1, subFirst, subLast, deallocator)) {
                    cpu.store(entryAddress, 0, 0L, 0);
                    deallocator.deallocateFrame(entry.addr);
                }
            }
        }
        for (int i = 0; i < 512; i++) {
            if (!cpu.load(table + 8L * i).isUnused()) {
                return false;
            }
        }
        return true;
    }

    private static long maxPage(long a, long b) {
        return VirtAddr.lessOrEqual(a, b) ? b : a;
    }

    private static long minPage(long a, long b) {
        return VirtAddr.lessOrEqual(a, b) ? a : b;
    }

    /**
     * A flag half with the bits of {@code insert} added: Flags.unionBits, whose contract gives the exact
     * value. createNextTable's contract says nothing about the flags it stores, and carrying that exact
     * value (Java's % of {@code a | b}, whose sign KeY splits on) took its proof past the 20,000 steps
     * (17,553 -> 20,131), so this states what that proof needs: the result is again a half.
     */
    /*@ private normal_behavior
      @ requires 0 <= half && half < 4096 && 0 <= insert && insert < 4096;
      @ ensures 0 <= \result && \result < 4096;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ int withBits(int half, int insert) {
        return Flags.unionBits(half, insert);
    }
}
