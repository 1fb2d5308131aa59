package org.ptoracle.model;

import org.ptoracle.spec.PhysAddr;

/**
 * The read half of one page walk ({@link MmuModel#access}): the outcome, decided from the entries as
 * they were before the access, and the entries that then get ACCESSED, in walk order (at most one per
 * level, so at most four), the leaf of a write also DIRTY.
 *
 * <p>Why the walk is split in two: ACCESSED and DIRTY never change a decision of the walk (present,
 * reserved bits, page size, rights and address are all other bits; mmu-facts §10), so deciding
 * everything first and writing afterwards gives the same outcome and the same memory as QEMU's
 * read-mark-read order, and every read of a walk then sees one and the same memory. That is what lets
 * KeY follow a walk (T3b): a read after a write of an abstract memory is out of its reach.
 */
final class WalkPlan {
    /** Words of physical memory below {@link PhysAddr#LIMIT}. */
    static final long WORDS = 562949953421312L;

    /*@ invariant 0 <= marks && marks <= 4;
      @ invariant 0 <= phys && phys < PhysAddr.LIMIT;
      @ invariant 0 <= first && first < WORDS && 0 <= second && second < WORDS;
      @ invariant 0 <= third && third < WORDS && 0 <= fourth && fourth < WORDS;
      @ invariant -1 <= dirtyAt && dirtyAt < WORDS;
      @*/
    /**
     * True when the walk ends in a page fault: a protection fault, a reserved-bit fault or (neither)
     * an entry that is not present. The error code is made from these by the caller, which knows the
     * access.
     */
    final boolean faulted;
    final boolean protection;
    final boolean reserved;
    /** The physical address the access resolves to, when it does not fault (else 0). */
    final long phys;
    /**
     * How many of {@link #first} .. {@link #fourth} get ACCESSED, in that order. Entries are named by
     * their word number (physical address / 8), so that "aligned" needs no remainder in a proof.
     */
    final int marks;
    final long first;
    final long second;
    final long third;
    final long fourth;
    /** The word of the leaf entry that gets DIRTY after the marks, or -1. */
    final long dirtyAt;

    /*@ normal_behavior
      @ requires 0 <= marks && marks <= 4;
      @ requires 0 <= phys && phys < PhysAddr.LIMIT;
      @ requires 0 <= first && first < WORDS && 0 <= second && second < WORDS;
      @ requires 0 <= third && third < WORDS && 0 <= fourth && fourth < WORDS;
      @ requires -1 <= dirtyAt && dirtyAt < WORDS;
      @ ensures this.faulted == faulted && this.protection == protection && this.reserved == reserved;
      @ ensures this.phys == phys;
      @ ensures this.marks == marks && this.first == first && this.second == second;
      @ ensures this.third == third && this.fourth == fourth && this.dirtyAt == dirtyAt;
      @ assignable \nothing;
      @*/
    private WalkPlan(boolean faulted, boolean protection, boolean reserved, long phys, int marks, long first, long second,
            long third, long fourth, long dirtyAt) {
        this.faulted = faulted;
        this.protection = protection;
        this.reserved = reserved;
        this.phys = phys;
        this.marks = marks;
        this.first = first;
        this.second = second;
        this.third = third;
        this.fourth = fourth;
        this.dirtyAt = dirtyAt;
    }

    /** A page fault found at an entry the walk does not mark. */
    /*@ normal_behavior
      @ ensures \result != null && \fresh(\result) && \invariant_for(\result) && \result.faulted;
      @ ensures \result.protection == protection && \result.reserved == reserved;
      @ ensures \result.marks == 0 && \result.dirtyAt == -1;
      @ assignable \nothing;
      @*/
    static WalkPlan pageFault(boolean protection, boolean reserved) {
        return new WalkPlan(true, protection, reserved, 0L, 0, 0L, 0L, 0L, 0L, -1L);
    }

    /** The walk reached its leaf (word {@code leafAt}) and may access {@code phys}: the leaf gets ACCESSED. */
    /*@ normal_behavior
      @ requires 0 <= phys && phys < PhysAddr.LIMIT && 0 <= leafAt && leafAt < WORDS;
      @ ensures \result != null && \fresh(\result) && \invariant_for(\result) && !\result.faulted && \result.phys == phys;
      @ ensures \result.marks == 1 && \result.first == leafAt;
      @ ensures \result.dirtyAt == (dirty ? leafAt : -1);
      @ assignable \nothing;
      @*/
    static WalkPlan resolved(long phys, long leafAt, boolean dirty) {
        return new WalkPlan(false, false, false, phys, 1, leafAt, 0L, 0L, 0L, dirty ? leafAt : -1L);
    }

    /** The same outcome with the entry at word {@code at} marked before the others (an upper level). */
    /*@ normal_behavior
      @ requires marks < 4 && 0 <= at && at < WORDS;
      @ ensures \result != null && \fresh(\result) && \invariant_for(\result);
      @ ensures \result.faulted == faulted && \result.protection == protection;
      @ ensures \result.reserved == reserved;
      @ ensures \result.phys == phys && \result.dirtyAt == dirtyAt;
      @ ensures \result.marks == marks + 1 && \result.first == at && \result.second == first;
      @ ensures \result.third == second && \result.fourth == third;
      @ assignable \nothing;
      @*/
    WalkPlan markedFirst(long at) {
        return new WalkPlan(faulted, protection, reserved, phys, marks + 1, at, first, second, third, dirtyAt);
    }
}
