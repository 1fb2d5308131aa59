package org.ptoracle.model;

import org.ptoracle.spec.FrameAllocator;
import org.ptoracle.spec.FrameDeallocator;

/**
 * The trace format's frame allocator: a pool of 4 KiB frames from {@code start}; allocation hands out
 * the lowest-addressed free frame; deallocation of a pool frame returns it. Every deallocation is
 * recorded in order (the {@code freed} list of a clean_up result), pool frame or not.
 */
public final class PoolAllocator implements FrameAllocator, FrameDeallocator {
    private final long start;
    private final boolean[] used;
    private long[] freed = new long[16];
    private int freedCount;

    /*@ public normal_behavior
      @ requires 0 <= start && start % 4096 == 0 && frames >= 0;
      @ ensures poolStart() == start && poolFrames() == frames;
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

    /*@ also public normal_behavior
      @ ensures \result == -1 || (start <= \result && \result < start + 4096L * used.length
      @                           && (\result - start) % 4096 == 0);
      @*/
    @Override
    public /*@ helper @*/ long allocateFrame() {
        /*@ loop_invariant 0 <= i && i <= used.length;
          @ decreases used.length - i;
          @*/
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                used[i] = true;
                return start + 4096L * i;
            }
        }
        return -1;
    }

    @Override
    public void deallocateFrame(long frame) {
        if (freedCount == freed.length) {
            long[] more = new long[freedCount * 2];
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
      @ ensures \result != null && \result.length == \old(freedCount);
      @*/
    public long[] takeFreed() {
        long[] out = new long[freedCount];
        for (int i = 0; i < freedCount; i++) {
            out[i] = freed[i];
        }
        freedCount = 0;
        return out;
    }

    /** A copy of the pool's use marks, for undoing an operation. */
    /*@ public normal_behavior
      @ ensures \result != null && \result.length == used.length;
      @*/
    public boolean[] snapshot() {
        boolean[] copy = new boolean[used.length];
        for (int i = 0; i < used.length; i++) {
            copy[i] = used[i];
        }
        return copy;
    }

    /** Puts back the use marks of {@link #snapshot} and forgets recorded deallocations. */
    /*@ public normal_behavior
      @ requires marks != null && marks.length == used.length;
      @*/
    public void restore(boolean[] marks) {
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
