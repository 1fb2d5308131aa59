package org.ptoracle.spec;

/** {@code FrameDeallocator<Size4KiB>}: takes back a frame the caller no longer uses. */
public interface FrameDeallocator {
    /*@ public normal_behavior
      @ requires 0 <= frame && frame < PhysAddr.LIMIT && frame % 4096 == 0;
      @*/
    void deallocateFrame(long frame);
}
