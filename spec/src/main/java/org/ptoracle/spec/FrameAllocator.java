package org.ptoracle.spec;

/** {@code FrameAllocator<Size4KiB>} (crate-semantics §7): hands out unused 4 KiB frames. */
public interface FrameAllocator {
    /**
     * A frame's start address, or -1 when none is left (the crate's {@code None}). A {@code helper}, like
     * {@link SupervisorAccess}'s methods: the mapper calls it after table accesses that may change any
     * object, so it cannot establish an allocator's invariant first.
     */
    /*@ public normal_behavior
      @ ensures \result == -1 || (0 <= \result && \result < PhysAddr.LIMIT && \result % 4096 == 0);
      @*/
    /*@ helper @*/ long allocateFrame();
}
