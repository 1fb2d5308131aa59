package org.ptoracle.spec;

/**
 * A canonical x86-64 virtual address (48-bit linear addresses, 4-level paging).
 *
 * <p>Canonical means bits 48..63 copy bit 47 (x86_64 crate, src/addr.rs, VirtAddr; Intel SDM Vol. 1
 * §3.3.7.1). Read as a signed {@code long}, the canonical addresses are exactly the interval
 * [-2^47, 2^47), which is how every contract here states it: in arithmetic, so that KeY can prove it.
 * Ordering is unsigned (the crate compares the u64): every higher-half address is greater than every
 * lower-half address; use {@link #compareUnsigned}.
 */
public final class VirtAddr {
    /** 2^47: the first non-canonical address above the lower half. */
    public static final long HALF = 140737488355328L;
    /** 2^48: the size of the linear address space that the four indices and the offset cover. */
    public static final long SPAN = 281474976710656L;

    /*@ public invariant -HALF <= value && value < HALF; @*/
    /** The address as the crate's u64, read as a signed long. */
    public final long value;

    /*@ public normal_behavior
      @ requires -HALF <= value && value < HALF;
      @ ensures this.value == value;
      @ assignable \nothing;
      @*/
    private VirtAddr(long value) {
        this.value = value;
    }

    /** The checking constructor ({@code VirtAddr::try_new}): null when {@code a} is not canonical. */
    /*@ public normal_behavior
      @ ensures isCanonical(a) ==> (\result != null && \result.value == a);
      @ ensures !isCanonical(a) ==> \result == null;
      @ assignable \nothing;
      @*/
    public static /*@ nullable @*/ VirtAddr tryNew(long a) {
        if (!isCanonical(a)) {
            return null;
        }
        return new VirtAddr(a);
    }

    /** The normalising constructor ({@code VirtAddr::new_truncate}): sign-extends bit 47. */
    /*@ public normal_behavior
      @ ensures \result != null && \result.value == truncate(a);
      @ assignable \nothing;
      @*/
    public static VirtAddr newTruncate(long a) {
        return new VirtAddr(truncate(a));
    }

    /** Bits 48..63 all equal bit 47. */
    /*@ public normal_behavior
      @ ensures \result <==> (-HALF <= a && a < HALF);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean isCanonical(long a) {
        return -HALF <= a && a < HALF;
    }

    /**
     * Sign extension of bit 47: keeps the low 48 bits and copies bit 47 upwards. In arithmetic: the
     * unique canonical value congruent to {@code a} modulo 2^48, which the contract gives exactly from
     * Java's remainder {@code a % 2^48} (it lies in (-2^48, 2^48), so at most one 2^48 is added or
     * taken away). Stated as a function rather than "there is a k with a = result + k 2^48" so that
     * two evaluations are provably equal (newTruncate's proof needs that).
     */
    /*@ public normal_behavior
      @ ensures -HALF <= \result && \result < HALF;
      @ ensures -HALF <= a % SPAN && a % SPAN < HALF ==> \result == a % SPAN;
      @ ensures a % SPAN >= HALF ==> \result == a % SPAN - SPAN;
      @ ensures a % SPAN < -HALF ==> \result == a % SPAN + SPAN;
      @ ensures isCanonical(a) ==> \result == a;
      @ assignable \strictly_nothing;
      @ accessible \nothing;
      @*/
    public static /*@ pure @*/ long truncate(long a) {
        long low = a % SPAN;
        if (low < 0) {
            low = low + SPAN;
        }
        if (low >= HALF) {
            low = low - SPAN;
        }
        return low;
    }

    /** The canonical address's low 48 bits as a non-negative number: what the indices are cut from. */
    /*@ public normal_behavior
      @ requires -HALF <= a && a < HALF;
      @ ensures 0 <= \result && \result < SPAN;
      @ ensures a >= 0 ==> \result == a;
      @ ensures a < 0 ==> \result == a + SPAN;
      @ assignable \strictly_nothing;
      @ accessible \nothing;
      @*/
    public static /*@ pure @*/ long low48(long a) {
        if (a < 0) {
            return a + SPAN;
        }
        return a;
    }

    /**
     * Bytes covered by one entry of a table at {@code level} (crate:
     * {@code entry_address_space_alignment}): 4 KiB, 2 MiB, 1 GiB, 512 GiB for levels 1..4.
     */
    /*@ public normal_behavior
      @ requires 1 <= level && level <= 4;
      @ ensures level == 1 ==> \result == 4096L;
      @ ensures level == 2 ==> \result == 2097152L;
      @ ensures level == 3 ==> \result == 1073741824L;
      @ ensures level == 4 ==> \result == 549755813888L;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long entrySpan(int level) {
        if (level == 1) {
            return 4096L;
        }
        if (level == 2) {
            return 2097152L;
        }
        if (level == 3) {
            return 1073741824L;
        }
        return 549755813888L;
    }

    /**
     * The 9-bit table index of level {@code level} (crate: {@code page_table_index}; SDM Vol. 3A §4.5: bits
     * 47:39, 38:30, 29:21, 20:12). It ensures {@code 0 <= low48(a)}, which callers need before KeY splits a quotient.
     */
    /*@ public normal_behavior
      @ requires -HALF <= a && a < HALF;
      @ requires 1 <= level && level <= 4;
      @ ensures 0 <= \result && \result < 512;
      @ ensures 0 <= low48(a);
      @ ensures level == 1 ==> \result == (low48(a) / 4096L) % 512;
      @ ensures level == 2 ==> \result == (low48(a) / 2097152L) % 512;
      @ ensures level == 3 ==> \result == (low48(a) / 1073741824L) % 512;
      @ ensures level == 4 ==> \result == low48(a) / 549755813888L;
      @ assignable \strictly_nothing;
      @ accessible \nothing;
      @*/
    public static /*@ pure @*/ int tableIndex(long a, int level) {
        long low = low48(a);
        if (level == 1) {
            return mod512(low / 4096L);
        }
        if (level == 2) {
            return mod512(low / 2097152L);
        }
        if (level == 3) {
            return mod512(low / 1073741824L);
        }
        return (int) (low / 549755813888L);
    }

    /** Lemma for {@link #tableIndex}: a non-negative quotient modulo 512 is an index. */
    /*@ private normal_behavior
      @ requires 0 <= q;
      @ ensures 0 <= \result && \result < 512;
      @ ensures \result == q % 512;
      @ assignable \strictly_nothing;
      @ accessible \nothing;
      @*/
    private static /*@ pure @*/ int mod512(long q) {
        return (int) (q % 512);
    }

    /**
     * Bits 0..11 ({@code page_offset}). The second case states the same without low48 (Java's % keeps
     * the sign of {@code a}): the form translate's contracts use, where low48's case split on the sign
     * would cost more than the proof has room for.
     */
    /*@ public normal_behavior
      @ requires -HALF <= a && a < HALF;
      @ ensures 0 <= \result && \result < 4096;
      @ ensures \result == low48(a) % 4096;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires -HALF <= a && a < HALF;
      @ ensures \result == (a % 4096 + 4096) % 4096;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long pageOffset(long a) {
        return low48(a) % 4096;
    }

    /**
     * The address made of four indices (crate: {@code Page::from_page_table_indices}, then the start
     * address): {@code new_truncate(i4<<39 | i3<<30 | i2<<21 | i1<<12)}, written as a sum.
     */
    /*@ public normal_behavior
      @ requires 0 <= i4 && i4 < 512 && 0 <= i3 && i3 < 512;
      @ requires 0 <= i2 && i2 < 512 && 0 <= i1 && i1 < 512;
      @ ensures -HALF <= \result && \result < HALF;
      @ ensures low48(\result) == i4 * 549755813888L + i3 * 1073741824L + i2 * 2097152L + i1 * 4096L;
      @ ensures i4 < 256 ==> \result == i4 * 549755813888L + i3 * 1073741824L + i2 * 2097152L + i1 * 4096L;
      @ ensures i4 >= 256 ==> \result == i4 * 549755813888L + i3 * 1073741824L + i2 * 2097152L + i1 * 4096L - SPAN;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long fromIndices(int i4, int i3, int i2, int i1) {
        long sum = i4 * 549755813888L + i3 * 1073741824L + i2 * 2097152L + i1 * 4096L;
        if (i4 >= 256) {
            return sum - SPAN;
        }
        return sum;
    }

    /** True when {@code a} is a multiple of {@code align} (a power of two here), as the crate's is_aligned. */
    /*@ public normal_behavior
      @ requires -HALF <= a && a < HALF;
      @ requires align == 4096L || align == 2097152L || align == 1073741824L;
      @ ensures \result <==> low48(a) % align == 0;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean isAligned(long a, long align) {
        return low48(a) % align == 0;
    }

    /**
     * The crate's order on canonical addresses (unsigned u64 comparison): the higher half lies above
     * the lower half, which is the order of {@link #low48}.
     */
    /*@ public normal_behavior
      @ requires -HALF <= a && a < HALF && -HALF <= b && b < HALF;
      @ ensures \result <==> low48(a) <= low48(b);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean lessOrEqual(long a, long b) {
        return low48(a) <= low48(b);
    }
}
