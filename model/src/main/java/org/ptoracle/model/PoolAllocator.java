package org.ptoracle.model;

import org.ptoracle.spec.FrameAllocator;
import org.ptoracle.spec.FrameDeallocator;
import org.ptoracle.spec.PhysAddr;

/**
 * The trace format's frame allocator: a pool of 4 KiB frames from {@code start}; allocation hands out
 * the lowest-addressed free frame; deallocation of a pool frame returns it. Every deallocation is
 * recorded in order (the {@code freed} list of a clean_up result), pool frame or not.
 */
public final class PoolAllocator implements FrameAllocator, FrameDeallocator {
    private final /*@ spec_public @*/ long start;
    private final /*@ spec_public @*/ boolean[] used;
    private /*@ spec_public @*/ long[] freed = new long[16];
    private /*@ spec_public @*/ int freedCount;

    // The pool lies in physical memory and its frames are aligned; the record of deallocations has room
    // to grow by doubling (length at least 1) and holds freedCount of them.
    /*@ public invariant used != null && freed != null;
      @ public invariant 0 <= start && start % 4096 == 0 && start + 4096L * used.length <= PhysAddr.LIMIT;
      @ public invariant 1 <= freed.length && 0 <= freedCount && freedCount <= freed.length;
      @*/

    /*@ public normal_behavior
      @ requires 0 <= start && start % 4096 == 0 && frames >= 0 && start + 4096L * frames <= PhysAddr.LIMIT;
      @ ensures poolStart() == start && poolFrames() == frames;
      @ ensures freedCount == 0 && (\forall int k; 0 <= k && k < frames; !used[k]);
      @ assignable \nothing;
      @*/
    public PoolAllocator(long start, int frames) {
        this.start = start;
        this.used = new boolean[frames];
    }

    /*@ public normal_behavior
      @ ensures \result == start;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long poolStart() {
        return start;
    }

    /*@ public normal_behavior
      @ ensures \result == used.length;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int poolFrames() {
        return used.length;
    }

    /*
     * A helper (FrameAllocator says why), so these cases cannot assume the invariant: they require the
     * parts of it they read.
     */
    /*@ also public normal_behavior
      @ requires used != null && 0 <= start && start % 4096 == 0 && start + 4096L * used.length <= PhysAddr.LIMIT;
      @ requires (\exists int k; 0 <= k && k < used.length; !used[k]);
      @ ensures start <= \result && \result < start + 4096L * used.length && (\result - start) % 4096 == 0;
      @ ensures !\old(used[(int) ((\result - start) / 4096)]) && used[(int) ((\result - start) / 4096)];
      @ ensures (\forall int k; 0 <= k && k < (\result - start) / 4096; \old(used[k]));
      @ ensures (\forall int k; 0 <= k && k < used.length && k != (\result - start) / 4096; used[k] == \old(used[k]));
      @ assignable used[*];
      @ also public normal_behavior
      @ requires used != null;
      @ requires (\forall int k; 0 <= k && k < used.length; used[k]);
      @ ensures \result == -1 && (\forall int k; 0 <= k && k < used.length; used[k] == \old(used[k]));
      @ assignable used[*]; // the scan's frame (stated as no change above): KeY cannot frame a loop per case
      @*/
    @Override
    public /*@ helper @*/ long allocateFrame() {
        /*@ loop_invariant 0 <= i && i <= used.length && (\forall int k; 0 <= k && k < i; used[k]);
          @ loop_invariant (\forall int k; 0 <= k && k < used.length; used[k] == \old(used[k]));
          @ decreases used.length - i;
          @ assignable used[*];
          @*/
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                used[i] = true;
                return start + 4096L * i;
            }
        }
        return -1;
    }

    /*
     * Deallocation appends to the record, doubling its array when full; the doubling needs
     * freedCount < 2^30 (a record of a billion deallocations), which the interface's case cannot require.
     */
    /*@ also public normal_behavior
      @ requires 0 <= frame && frame < PhysAddr.LIMIT && frame % 4096 == 0 && freedCount < 1073741824;
      @ requires start <= frame && frame < start + 4096L * used.length;
      @ ensures !used[(int) ((frame - start) / 4096)];
      @ ensures (\forall int k; 0 <= k && k < used.length && k != (frame - start) / 4096; used[k] == \old(used[k]));
      @ ensures freedCount == \old(freedCount) + 1 && freed[freedCount - 1] == frame;
      @ ensures (\forall int k; 0 <= k && k < \old(freedCount); freed[k] == \old(freed[k]));
      @ assignable used[*], freed, freed[*], freedCount;
      @ also public normal_behavior
      @ requires 0 <= frame && frame < PhysAddr.LIMIT && frame % 4096 == 0 && freedCount < 1073741824;
      @ requires frame < start || start + 4096L * used.length <= frame;
      @ ensures (\forall int k; 0 <= k && k < used.length; used[k] == \old(used[k]));
      @ ensures freedCount == \old(freedCount) + 1 && freed[freedCount - 1] == frame;
      @ ensures (\forall int k; 0 <= k && k < \old(freedCount); freed[k] == \old(freed[k]));
      @ assignable freed, freed[*], freedCount;
      @*/
    @Override
    public void deallocateFrame(long frame) {
        if (freedCount == freed.length) {
            long[] more = new long[freedCount * 2];
            /*@ loop_invariant 0 <= i && i <= freedCount
              @     && (\forall int k; 0 <= k && k < i; more[k] == freed[k]);
              @ decreases freedCount - i;
              @ assignable more[*];
              @*/
            for (int i = 0; i < freedCount; i++) {
                more[i] = freed[i];
            }
            freed = more;
        }
        freed[freedCount] = frame;
        freedCount++;
        if (frame >= start && frame < start + 4096L * used.length) {
            used[(int) ((frame - start) / 4096)] = false;
        }
    }

    /** The frames deallocated since the last call, in order; clears the record. */
    /*@ public normal_behavior
      @ ensures \result != null && \fresh(\result) && \result.length == \old(freedCount);
      @ ensures (\forall int k; 0 <= k && k < \result.length; \result[k] == freed[k]);
      @ ensures freedCount == 0;
      @ assignable freedCount;
      @*/
    public long[] takeFreed() {
        long[] out = new long[freedCount];
        /*@ loop_invariant 0 <= i && i <= freedCount && (\forall int k; 0 <= k && k < i; out[k] == freed[k]);
          @ decreases freedCount - i;
          @ assignable out[*];
          @*/
        for (int i = 0; i < freedCount; i++) {
            out[i] = freed[i];
        }
        freedCount = 0;
        return out;
    }

    /** A copy of the pool's use marks, for undoing an operation. */
    /*@ public normal_behavior
      @ ensures \result != null && \fresh(\result) && \result.length == used.length;
      @ ensures (\forall int k; 0 <= k && k < used.length; \result[k] == used[k]);
      @ assignable \nothing;
      @*/
    public boolean[] snapshot() {
        boolean[] copy = new boolean[used.length];
        /*@ loop_invariant 0 <= i && i <= used.length && (\forall int k; 0 <= k && k < i; copy[k] == used[k]);
          @ decreases used.length - i;
          @ assignable copy[*];
          @*/
        for (int i = 0; i < used.length; i++) {
            copy[i] = used[i];
        }
        return copy;
    }

    /** Puts back the use marks of {@link #snapshot} and forgets recorded deallocations. */
    /*@ public normal_behavior
      @ requires marks != null && marks.length == used.length;
      @ ensures (\forall int k; 0 <= k && k < used.length; used[k] == \old(marks[k]));
      @ ensures freedCount == 0;
      @ assignable used[*], freedCount;
      @*/
    public void restore(boolean[] marks) {
        /*@ loop_invariant 0 <= i && i <= used.length;
          @ loop_invariant (\forall int k; 0 <= k && k < i; used[k] == \old(marks[k]));
          @ loop_invariant (\forall int k; i <= k && k < used.length; marks[k] == \old(marks[k]));
          @ decreases used.length - i;
          @ assignable used[*];
          @*/
        for (int i = 0; i < used.length; i++) {
            used[i] = marks[i];
        }
        freedCount = 0;
    }

    /** True when the pool frame at {@code frame} is handed out. */
    /*@ public normal_behavior
      @ requires start <= frame && frame < start + 4096L * used.length;
      @ ensures \result == used[(int) ((frame - start) / 4096)];
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean inUse(long frame) {
        return used[(int) ((frame - start) / 4096)];
    }
}
