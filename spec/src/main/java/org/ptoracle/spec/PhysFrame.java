package org.ptoracle.spec;

/**
 * A physical frame of one of the three sizes: start below 2^52 and a multiple of the size (crate:
 * {@code PhysFrame<S>}, src/structures/paging/frame.rs).
 */
public final class PhysFrame {
    /*@ public invariant size == 1 || size == 2 || size == 3;
      @ public invariant 0 <= start && start < PhysAddr.LIMIT;
      @ public invariant start % PageSize.bytes(size) == 0;
      @*/
    /** {@link PageSize} constant. */
    public final int size;
    /** The start address. */
    public final long start;

    /*@ public normal_behavior
      @ requires size == 1 || size == 2 || size == 3;
      @ requires 0 <= start && start < PhysAddr.LIMIT && start % PageSize.bytes(size) == 0;
      @ ensures this.size == size && this.start == start;
      @ assignable \nothing;
      @*/
    private PhysFrame(int size, long start) {
        this.size = size;
        this.start = start;
    }

    /** {@code PhysFrame::from_start_address}: null when invalid or not aligned. */
    /*@ public normal_behavior
      @ requires size == 1 || size == 2 || size == 3;
      @ ensures (0 <= start && start < PhysAddr.LIMIT && start % PageSize.bytes(size) == 0)
      @         ==> (\result != null && \result.start == start && \result.size == size);
      @ ensures !(0 <= start && start < PhysAddr.LIMIT && start % PageSize.bytes(size) == 0)
      @         ==> \result == null;
      @ assignable \nothing;
      @*/
    public static /*@ nullable @*/ PhysFrame fromStartAddress(int size, long start) {
        if (start < 0 || start >= PhysAddr.LIMIT) {
            return null;
        }
        if (start % PageSize.bytes(size) != 0) {
            return null;
        }
        return new PhysFrame(size, start);
    }

    /** {@code PhysFrame::containing_address}: the frame of this size holding {@code addr}. */
    /*@ public normal_behavior
      @ requires size == 1 || size == 2 || size == 3;
      @ requires 0 <= addr && addr < PhysAddr.LIMIT;
      @ ensures \result != null && \result.size == size;
      @ ensures \result.start == addr - addr % PageSize.bytes(size);
      @ assignable \nothing;
      @*/
    public static PhysFrame containing(int size, long addr) {
        return new PhysFrame(size, addr - addr % PageSize.bytes(size));
    }
}
