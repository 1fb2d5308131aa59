package org.ptoracle.model;

import org.ptoracle.spec.Access;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.VirtAddr;
import org.ptoracle.spec.Walk;

/**
 * T3, the MMU walk of a recursive address, as three lemmas KeY proves: one per table level. Each
 * performs the walk ({@link MmuModel#access}, a supervisor read, or a supervisor write through entries
 * that allow writes, SMAP off) of an address whose indices
 * and page offset are those of entry {@code j} of a level 3, 2 or 1 table in the recursive mapping with
 * index {@code r}, and states where it resolves: the address held by the entry that points to that
 * table, plus {@code 8 j}, that is, the physical address of entry {@code j} of the table. The
 * hypotheses are the condition under which crate-semantics §6.0's two views agree: entry r of the
 * level 4 table at CR3 is present, free of reserved bits, not huge and points to CR3, and the entries
 * the walk then meets are present, free of reserved bits and (above the last) not huge.
 *
 * The address is stated by its parts, {@code WalkAddresses.index(va, k)} and {@code low(va) % 4096}.
 * That the recursive address {@code RecursiveAddresses.entry(r, level, i4, i3, i2, j)} has these parts
 * is T3 (a) ({@code RecursiveAddresses.entry}'s contract, in low48 arithmetic) together with
 * {@code WalkAddresses.lemmaParts} (the parts in that arithmetic). Taking the address from
 * {@code RecursiveAddresses.entry} inside the lemma, or T3 (a)'s arithmetic as the hypothesis, ran
 * KeY to the budget: it substitutes the address's value into every division (proofs/README.md,
 * eleventh session). No run-time code calls these; RecursiveWalkTest runs them on a model.
 */
public final class RecursiveWalk {
    private RecursiveWalk() {
    }

    /**
     * T3 for a level 3 table: the walk of the address of its entry j (indices r r r i4, offset 8 j) meets entry r
     * three times and ends at entry i4 of the level 4 table as a leaf; the result is the address that entry
     * holds (the level 3 table) plus 8 j.
     */
    /*@ public behavior
      @ requires mmu != null && mmu.memory != null && mmu.seededBug == SeededBug.NONE && !mmu.smap;
      @ requires 0 <= mmu.cr3 && mmu.cr3 < MmuModel.MAXPHYADDR_LIMIT && mmu.cr3 % 4096 == 0;
      @ requires 0 <= mmu.noExecute && mmu.noExecute <= 1;
      @ requires Access.READ <= kind && kind <= Access.WRITE;
      @ requires VirtAddr.isCanonical(va);
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= j && j < 512;
      @ requires WalkAddresses.index(va, 4) == r && WalkAddresses.index(va, 3) == r;
      @ requires WalkAddresses.index(va, 2) == r && WalkAddresses.index(va, 1) == i4;
      @ requires WalkAddresses.low(va) % 4096 == 8L * j;
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)) != null && mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)).low % 2 == 1;
      @ requires (mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)).low / 2) % 2 >= kind;
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)).addr < MmuModel.MAXPHYADDR_LIMIT && mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)).high < 2048 * (mmu.noExecute + 1);
      @ requires (mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)).low / 128) % 2 == 0;
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.cr3, r)).addr == mmu.cr3;
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)) != null && mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).low % 2 == 1;
      @ requires (mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).low / 2) % 2 >= kind;
      @ requires mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr < MmuModel.MAXPHYADDR_LIMIT && mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).high < 2048 * (mmu.noExecute + 1);
      @ ensures \result != null && \result.fault == null;
      @ ensures \result.phys == \old(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr) + 8L * j;
      @ signals_only ForbiddenAccess;
      @*/
    public static Walk level3TableEntry(MmuModel mmu, long va, int r, int i4, int j, int kind)
            throws ForbiddenAccess {
        return mmu.access(va, kind, Access.SUPERVISOR);
    }

    /**
     * T3 for a level 2 table: indices r r i4 i3; entry r twice, entry i4 of the level 4 table as a level 2
     * entry, then entry i3 of the table it names as the leaf: the level 2 table's address plus 8 j.
     */
    /*@ public behavior
      @ requires mmu != null && mmu.memory != null && mmu.seededBug == SeededBug.NONE && !mmu.smap;
      @ requires 0 <= mmu.cr3 && mmu.cr3 < MmuModel.MAXPHYADDR_LIMIT && mmu.cr3 % 4096 == 0;
      @ requires 0 <= mmu.noExecute && mmu.noExecute <= 1;
      @ requires Access.READ <= kind && kind <= Access.WRITE;
      @ requires VirtAddr.isCanonical(va);
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= j && j < 512;
      @ requires WalkAddresses.index(va, 4) == r && WalkAddresses.index(va, 3) == r;
      @ requires WalkAddresses.index(va, 2) == i4 && WalkAddresses.index(va, 1) == i3;
      @ requires WalkAddresses.low(va) % 4096 == 8L * j;
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
      @ ensures \result != null && \result.fault == null;
      @ ensures \result.phys == \old(mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)).addr) + 8L * j;
      @ signals_only ForbiddenAccess;
      @*/
    public static Walk level2TableEntry(MmuModel mmu, long va, int r, int i4, int i3, int j, int kind)
            throws ForbiddenAccess {
        return mmu.access(va, kind, Access.SUPERVISOR);
    }

    /**
     * T3 for a level 1 table: indices r i4 i3 i2; entry r once, then entries i4, i3 and i2 in turn, the last
     * as the leaf: the level 1 table's address plus 8 j. For a supervisor read ({@code kind} READ) or a
     * supervisor write (WRITE) through entries that allow writes: the crate loads and stores the entries of
     * a level 1 table at these addresses (map_to's and unmap's stores of the leaf, MapperWalk).
     */
    /*@ public behavior
      @ requires mmu != null && mmu.memory != null && mmu.seededBug == SeededBug.NONE && !mmu.smap;
      @ requires 0 <= mmu.cr3 && mmu.cr3 < MmuModel.MAXPHYADDR_LIMIT && mmu.cr3 % 4096 == 0;
      @ requires 0 <= mmu.noExecute && mmu.noExecute <= 1;
      @ requires Access.READ <= kind && kind <= Access.WRITE;
      @ requires VirtAddr.isCanonical(va);
      @ requires 0 <= r && r < 512 && 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512 && 0 <= i2 && i2 < 512 && 0 <= j && j < 512;
      @ requires WalkAddresses.index(va, 4) == r && WalkAddresses.index(va, 3) == i4;
      @ requires WalkAddresses.index(va, 2) == i3 && WalkAddresses.index(va, 1) == i2;
      @ requires WalkAddresses.low(va) % 4096 == 8L * j;
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
      @ ensures \result != null && \result.fault == null;
      @ ensures \result.phys == \old(mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.memory.read(WalkAddresses.entry(mmu.cr3, i4)).addr, i3)).addr, i2)).addr) + 8L * j;
      @ signals_only ForbiddenAccess;
      @*/
    public static Walk level1TableEntry(MmuModel mmu, long va, int r, int i4, int i3, int i2, int j, int kind)
            throws ForbiddenAccess {
        return mmu.access(va, kind, Access.SUPERVISOR);
    }
}
