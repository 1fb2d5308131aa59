package org.ptoracle.model;

import org.ptoracle.spec.Access;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.VirtAddr;
import org.ptoracle.spec.Walk;

/**
 * Where T4-T6 meet the MMU: the virtual address at which the mapper loads and stores the level 1 entry
 * of a 4 KiB page ({@link MapperAddresses#entry}; map_to stores the new leaf there, unmap zeroes it,
 * translate_page reads it: their contracts' third cases name it) is, to the MMU, the physical word
 * from which the walk of the page itself takes its leaf. Two walks meet in one word: the walk of the
 * recursive address (T3, {@link RecursiveWalk}) ends at entry {@code index(page, 1)} of the level 1
 * table that the page's own level 2 entry names, which is the word {@link MmuModel#access}'s walk of
 * any address of the page reads last (its T3 (b) case, with that address's indices equal to the
 * page's).
 *
 * Proved for the crate's loads and stores: a supervisor read, and (since the fifteenth session) a
 * supervisor write when the entries on the way allow writes (R/W). A write with CR0.WP clear through an
 * entry without R/W also resolves on the model, but is not stated. Not proved, and exercised by
 * MapperWalkTest on the model after a real map_to: that the ACCESSED/DIRTY bits the walks set in
 * between leave the page's path as it was (PhysicalMemory.write has no frame condition). No run-time
 * code calls these lemmas.
 */
public final class MapperWalk {
    private MapperWalk() {
    }

    /**
     * The walk (a supervisor read, or a write through writable entries; SMAP off) of the mapper's
     * address of the page's level 1 entry resolves to {@code WalkAddresses.entry(table, j)}, where
     * {@code table} is the address in the page's level 2 entry (the level 1 table) and {@code j} the
     * page's level 1 index: the word the walk of the page
     * reads as its leaf. The page's indices are {@code i4 .. j}, {@code va} is the mapper's address and
     * {@code table} the level 1 table's (both required equal to what they name, so that the result can
     * say which word). The hypotheses are T3's for that table: the recursive entry r of the level 4
     * table at CR3 points to CR3, and the entries on the page's path above level 1 are present, free of
     * reserved bits and not huge.
     */
    /*@ public behavior
      @ requires mmu != null && mmu.memory != null && mmu.seededBug == SeededBug.NONE && !mmu.smap;
      @ requires 0 <= mmu.cr3 && mmu.cr3 < MmuModel.MAXPHYADDR_LIMIT && mmu.cr3 % 4096 == 0;
      @ requires 0 <= mmu.noExecute && mmu.noExecute <= 1 && Access.READ <= kind && kind <= Access.WRITE;
      @ requires -VirtAddr.HALF <= l4 && l4 < VirtAddr.HALF && l4 % 4096 == 0 && 0 <= r && r < 512;
      @ requires -VirtAddr.HALF <= start && start < VirtAddr.HALF;
      @ requires i4 == WalkAddresses.index(start, 4) && i3 == WalkAddresses.index(start, 3);
      @ requires i2 == WalkAddresses.index(start, 2) && j == WalkAddresses.index(start, 1);
      @ requires va == MapperAddresses.entry(l4, r, SeededBug.NONE, start, 1);
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)) != null && mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)).low % 2 == 1;
      @ requires (mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)).low / 2) % 2 >= kind;
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)).addr < MmuModel.MAXPHYADDR_LIMIT && mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)).high < 2048 * (mmu.noExecute + 1);
      @ requires (mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)).low / 128) % 2 == 0;
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)).addr == mmu.cr3;
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)) != null && mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).low % 2 == 1;
      @ requires (mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).low / 2) % 2 >= kind;
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr < MmuModel.MAXPHYADDR_LIMIT && mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).high < 2048 * (mmu.noExecute + 1);
      @ requires (mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).low / 128) % 2 == 0;
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)) != null && mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)).low % 2 == 1;
      @ requires (mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)).low / 2) % 2 >= kind;
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)).addr < MmuModel.MAXPHYADDR_LIMIT && mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)).high < 2048 * (mmu.noExecute + 1);
      @ requires (mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)).low / 128) % 2 == 0;
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)).addr, i2)) != null && mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)).addr, i2)).low % 2 == 1;
      @ requires (mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)).addr, i2)).low / 2) % 2 >= kind;
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)).addr, i2)).addr < MmuModel.MAXPHYADDR_LIMIT && mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)).addr, i2)).high < 2048 * (mmu.noExecute + 1);
      @ requires table == mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)).addr, i2)).addr;
      @ ensures \result != null && \result.fault == null;
      @ ensures \result.phys == WalkAddresses.entry(table, j);
      @ signals_only ForbiddenAccess;
      @*/
    public static Walk leafEntry(MmuModel mmu, long l4, int r, long start, int i4, int i3, int i2, int j, long va,
            long table, int kind)
            throws ForbiddenAccess {
        // The mapper's address has the parts of T3's recursive address of entry j of the level 1 table ...
        MapperAddresses.lemmaLeafParts(l4, r, start, va);
        // ... and the walk's word of entry j of that table is the table plus 8 j.
        WalkAddresses.lemmaEntry(table, j);
        return RecursiveWalk.level1TableEntry(mmu, va, r, i4, i3, i2, j, kind);
    }
}
