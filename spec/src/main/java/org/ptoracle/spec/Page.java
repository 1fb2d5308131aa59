package org.ptoracle.spec;

/**
 * A virtual page of one of the three sizes: its start address is canonical and a multiple of the size
 * (crate: {@code Page<S>}, src/structures/paging/page.rs). Lower indices of a huge page are zero.
 */
public final class Page {
    /*@ public invariant size == 1 || size == 2 || size == 3;
      @ public invariant -VirtAddr.HALF <= start && start < VirtAddr.HALF;
      @ public invariant VirtAddr.low48(start) % PageSize.bytes(size) == 0;
      @*/
    /** {@link PageSize} constant. */
    public final int size;
    /** The start address. */
    public final long start;

    /*@ public normal_behavior
      @ requires size == 1 || size == 2 || size == 3;
      @ requires -VirtAddr.HALF <= start && start < VirtAddr.HALF;
      @ requires VirtAddr.low48(start) % PageSize.bytes(size) == 0;
      @ ensures this.size == size && this.start == start;
      @ assignable \nothing;
      @*/
    private Page(int size, long start) {
        this.size = size;
        this.start = start;
    }

    /**
     * {@code Page::from_start_address}: null when {@code start} is not canonical or not aligned to
     * the size (the crate's {@code AddressNotAligned}; a non-canonical value cannot be a VirtAddr).
     */
    /*@ public normal_behavior
      @ requires size == 1 || size == 2 || size == 3;
      @ ensures (VirtAddr.isCanonical(start) && VirtAddr.low48(start) % PageSize.bytes(size) == 0)
      @         ==> (\result != null && \result.start == start && \result.size == size);
      @ ensures !(VirtAddr.isCanonical(start) && VirtAddr.low48(start) % PageSize.bytes(size) == 0)
      @         ==> \result == null;
      @ assignable \nothing;
      @*/
    public static /*@ nullable @*/ Page fromStartAddress(int size, long start) {
        if (!VirtAddr.isCanonical(start)) {
            return null;
        }
        if (VirtAddr.low48(start) % PageSize.bytes(size) != 0) {
            return null;
        }
        return new Page(size, start);
    }

    /** {@code Page::containing_address}: the page of this size that holds {@code addr}. */
    /*@ public normal_behavior
      @ requires size == 1 || size == 2 || size == 3;
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ ensures \result != null && \result.size == size;
      @ ensures \result.start == addr - VirtAddr.low48(addr) % PageSize.bytes(size);
      @ assignable \nothing;
      @*/
    public static Page containing(int size, long addr) {
        return new Page(size, addr - VirtAddr.low48(addr) % PageSize.bytes(size));
    }

    /** The index of this page's start at {@code level} (p4_index .. p1_index). */
    /*@ public normal_behavior
      @ requires 1 <= level && level <= 4;
      @ ensures \result == VirtAddr.tableIndex(start, level);
      @ ensures 0 <= \result && \result < 512;
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ int index(int level) {
        return VirtAddr.tableIndex(start, level);
    }
}
