package org.ptoracle.spec;

/**
 * A virtual page of one of the three sizes: its start address is canonical and a multiple of the size
 * (crate: {@code Page<S>}, src/structures/paging/page.rs). Lower indices of a huge page are zero.
 */
public final class Page {
    /*@ public invariant size == 1 || size == 2 || size == 3;
      @ public invariant -VirtAddr.HALF <= start && start < VirtAddr.HALF;
      @ public invariant size == 1 ==> start % 4096 == 0;
      @ public invariant size == 2 ==> start % 2097152 == 0;
      @ public invariant size == 3 ==> start % 1073741824 == 0;
      @*/
    /** {@link PageSize} constant. */
    public final int size;
    /** The start address. */
    public final long start;

    /*@ public normal_behavior
      @ requires size == 1 || size == 2 || size == 3;
      @ requires -VirtAddr.HALF <= start && start < VirtAddr.HALF;
      @ requires size == 1 ==> start % 4096 == 0;
      @ requires size == 2 ==> start % 2097152 == 0;
      @ requires size == 3 ==> start % 1073741824 == 0;
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
     * One spec case per size, with {@code PageSize.bytes(size)} written as its literal.
     */
    /*@ public normal_behavior
      @ requires size == 1;
      @ ensures (VirtAddr.isCanonical(start) && VirtAddr.low48(start) % 4096L == 0)
      @         ==> (\result != null && \result.start == start && \result.size == size);
      @ ensures !(VirtAddr.isCanonical(start) && VirtAddr.low48(start) % 4096L == 0)
      @         ==> \result == null;
      @ assignable \nothing;
      @ also public normal_behavior
      @ requires size == 2;
      @ ensures (VirtAddr.isCanonical(start) && VirtAddr.low48(start) % 2097152L == 0)
      @         ==> (\result != null && \result.start == start && \result.size == size);
      @ ensures !(VirtAddr.isCanonical(start) && VirtAddr.low48(start) % 2097152L == 0)
      @         ==> \result == null;
      @ assignable \nothing;
      @ also public normal_behavior
      @ requires size == 3;
      @ ensures (VirtAddr.isCanonical(start) && VirtAddr.low48(start) % 1073741824L == 0)
      @         ==> (\result != null && \result.start == start && \result.size == size);
      @ ensures !(VirtAddr.isCanonical(start) && VirtAddr.low48(start) % 1073741824L == 0)
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
        if (size == 1) {
            lemmaAlign1(start);
        } else if (size == 2) {
            lemmaAlign2(start);
        } else {
            lemmaAlign3(start);
        }
        return new Page(size, start);
    }

    /**
     * {@code Page::containing_address}: the page of this size that holds {@code addr}
     * ({@code addr - low48(addr) % PageSize.bytes(size)}; one spec case per size).
     */
    /*@ public normal_behavior
      @ requires size == 1;
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ ensures \result != null && \result.size == size;
      @ ensures \result.start == addr - VirtAddr.low48(addr) % 4096L;
      @ assignable \nothing;
      @ also public normal_behavior
      @ requires size == 2;
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ ensures \result != null && \result.size == size;
      @ ensures \result.start == addr - VirtAddr.low48(addr) % 2097152L;
      @ assignable \nothing;
      @ also public normal_behavior
      @ requires size == 3;
      @ requires -VirtAddr.HALF <= addr && addr < VirtAddr.HALF;
      @ ensures \result != null && \result.size == size;
      @ ensures \result.start == addr - VirtAddr.low48(addr) % 1073741824L;
      @ assignable \nothing;
      @*/
    public static Page containing(int size, long addr) {
        long start = addr - VirtAddr.low48(addr) % PageSize.bytes(size);
        if (size == 1) {
            lemmaAlign1(addr);
        } else if (size == 2) {
            lemmaAlign2(addr);
        } else {
            lemmaAlign3(addr);
        }
        return new Page(size, start);
    }

    /**
     * Lemma for pages of size 1 (4096 bytes; 2^48 is a multiple of it): a canonical address's low 48 bits
     * are aligned exactly when the address is, and rounding the low 48 bits down keeps the address
     * canonical and aligned.
     */
    /*@ private normal_behavior
      @ requires -140737488355328L <= a && a < 140737488355328L;
      @ ensures a >= 0 ==> (a - a % 4096L <= a && a - a % 4096L >= 0 && (a - a % 4096L) % 4096L == 0);
      @ ensures a < 0 ==> ((a + 281474976710656L) % 4096L == 0 <==> a % 4096L == 0);
      @ ensures a < 0 ==> (a - (a + 281474976710656L) % 4096L <= a
      @                    && a - (a + 281474976710656L) % 4096L >= -140737488355328L
      @                    && (a - (a + 281474976710656L) % 4096L) % 4096L == 0);
      @ assignable \nothing;
      @*/
    private static /*@ pure @*/ void lemmaAlign1(long a) {
    }

    /**
     * Lemma for pages of size 2 (2097152 bytes; 2^48 is a multiple of it): a canonical address's low 48 bits
     * are aligned exactly when the address is, and rounding the low 48 bits down keeps the address
     * canonical and aligned.
     */
    /*@ private normal_behavior
      @ requires -140737488355328L <= a && a < 140737488355328L;
      @ ensures a >= 0 ==> (a - a % 2097152L <= a && a - a % 2097152L >= 0 && (a - a % 2097152L) % 2097152L == 0);
      @ ensures a < 0 ==> ((a + 281474976710656L) % 2097152L == 0 <==> a % 2097152L == 0);
      @ ensures a < 0 ==> (a - (a + 281474976710656L) % 2097152L <= a
      @                    && a - (a + 281474976710656L) % 2097152L >= -140737488355328L
      @                    && (a - (a + 281474976710656L) % 2097152L) % 2097152L == 0);
      @ assignable \nothing;
      @*/
    private static /*@ pure @*/ void lemmaAlign2(long a) {
    }

    /**
     * Lemma for pages of size 3 (1073741824 bytes; 2^48 is a multiple of it): a canonical address's low 48 bits
     * are aligned exactly when the address is, and rounding the low 48 bits down keeps the address
     * canonical and aligned.
     */
    /*@ private normal_behavior
      @ requires -140737488355328L <= a && a < 140737488355328L;
      @ ensures a >= 0 ==> (a - a % 1073741824L <= a && a - a % 1073741824L >= 0 && (a - a % 1073741824L) % 1073741824L == 0);
      @ ensures a < 0 ==> ((a + 281474976710656L) % 1073741824L == 0 <==> a % 1073741824L == 0);
      @ ensures a < 0 ==> (a - (a + 281474976710656L) % 1073741824L <= a
      @                    && a - (a + 281474976710656L) % 1073741824L >= -140737488355328L
      @                    && (a - (a + 281474976710656L) % 1073741824L) % 1073741824L == 0);
      @ assignable \nothing;
      @*/
    private static /*@ pure @*/ void lemmaAlign3(long a) {
    }

    /** The index of this page's start at {@code level} (p4_index .. p1_index). */
    /*@ public normal_behavior
      @ requires 1 <= level && level <= 4;
      @ ensures 0 <= \result && \result < 512;
      @ ensures level == 1 ==> \result == (VirtAddr.low48(start) / 4096L) % 512;
      @ ensures level == 2 ==> \result == (VirtAddr.low48(start) / 2097152L) % 512;
      @ ensures level == 3 ==> \result == (VirtAddr.low48(start) / 1073741824L) % 512;
      @ ensures level == 4 ==> \result == VirtAddr.low48(start) / 549755813888L;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int index(int level) {
        return VirtAddr.tableIndex(start, level);
    }
}
