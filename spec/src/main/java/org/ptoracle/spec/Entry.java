package org.ptoracle.spec;

/**
 * One 64-bit page-table entry, held structured: flag bits 0..11 ({@code low}), the address field bits
 * 12..51 ({@code addr}, a multiple of 4096 below 2^52), flag bits 52..63 ({@code high}). This is the
 * crate's PageTableEntry (src/structures/paging/page_table.rs), whose address mask is
 * 0x000f_ffff_ffff_f000 and whose flags are every other bit, so the split loses nothing. The raw word
 * exists only at the hardware boundary ({@link #toRaw}, {@link #fromRaw}).
 */
public final class Entry {
    /** Bits 12..51 of a raw entry: the crate's address mask. */
    public static final long ADDR_MASK = 0x000ffffffffff000L;
    /** 2^52, the weight of bit 52, where the high flag bits start. */
    private static final long BIT_52 = 4503599627370496L;

    /*@ public invariant 0 <= low && low < 4096 && 0 <= high && high < 4096;
      @ public invariant 0 <= addr && addr < 4503599627370496L && addr % 4096 == 0;
      @*/
    /** Flag bits 0..11. */
    public final int low;
    /** The address field: bits 12..51, in place (a 4 KiB-aligned physical address). */
    public final long addr;
    /** Flag bits 52..63, shifted down by 52. */
    public final int high;

    /*@ public normal_behavior
      @ requires 0 <= low && low < 4096 && 0 <= high && high < 4096;
      @ requires 0 <= addr && addr < 4503599627370496L && addr % 4096 == 0;
      @ ensures this.low == low && this.addr == addr && this.high == high;
      @ assignable \nothing;
      @*/
    private Entry(int low, long addr, int high) {
        this.low = low;
        this.addr = addr;
        this.high = high;
    }

    /** The entry of three parts: flag bits 0..11, the address field and flag bits 52..63. */
    /*@ public normal_behavior
      @ requires 0 <= low && low < 4096 && 0 <= high && high < 4096;
      @ requires 0 <= addr && addr < 4503599627370496L && addr % 4096 == 0;
      @ ensures \result != null && \result.low == low && \result.addr == addr && \result.high == high;
      @ assignable \nothing;
      @*/
    public static Entry of(int low, long addr, int high) {
        return new Entry(low, addr, high);
    }

    /** The entry made of an address and flags ({@code set_addr} on an empty entry). */
    /*@ public normal_behavior
      @ requires flags != null && \invariant_for(flags);
      @ requires 0 <= addr && addr < 4503599627370496L && addr % 4096 == 0;
      @ ensures \result != null && \result.addr == addr;
      @ ensures \result.low == flags.low && \result.high == flags.high;
      @ assignable \nothing;
      @*/
    public static Entry of(long addr, Flags flags) {
        return new Entry(flags.low, addr, flags.high);
    }

    /** The all-zero entry ({@code PageTableEntry::new}, {@code set_unused}). */
    /*@ public normal_behavior
      @ ensures \result != null && \result.low == 0 && \result.addr == 0 && \result.high == 0;
      @ assignable \nothing;
      @*/
    public static Entry zero() {
        return new Entry(0, 0L, 0);
    }

    /** {@code is_unused}: the whole word is zero (not "PRESENT is clear"; crate-semantics §3). */
    /*@ public normal_behavior
      @ ensures \result <==> (low == 0 && addr == 0 && high == 0);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean isUnused() {
        return low == 0 && addr == 0 && high == 0;
    }

    /** {@code flags()}: every non-address bit. */
    /*@ public normal_behavior
      @ ensures \result != null && \result.low == low && \result.high == high;
      @ assignable \nothing;
      @*/
    public Flags flags() {
        return Flags.of(low, high);
    }

    /*@ public normal_behavior
      @ ensures \result <==> low % 2 == 1;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean present() {
        return low % 2 == 1;
    }

    /** Bit 7: PS in a PDPTE or PDE, PAT in a PTE, reserved in a PML4E; the crate's HUGE_PAGE. */
    /*@ public normal_behavior
      @ ensures \result <==> (low / 128) % 2 == 1;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean huge() {
        return (low / 128) % 2 == 1;
    }

    /** Result of {@link #frameCheck}: the entry names a 4 KiB frame. */
    public static final int FRAME_OK = 0;
    /** {@code FrameError::FrameNotPresent}. */
    public static final int FRAME_NOT_PRESENT = 1;
    /** {@code FrameError::HugeFrame}. */
    public static final int HUGE_FRAME = 2;

    /**
     * The checks of the crate's {@code frame()}, in its order: PRESENT clear first (even with HUGE_PAGE
     * set), then HUGE_PAGE, else the address is the frame.
     */
    /*@ public normal_behavior
      @ ensures low % 2 == 0 ==> \result == FRAME_NOT_PRESENT;
      @ ensures low % 2 == 1 && (low / 128) % 2 == 1 ==> \result == HUGE_FRAME;
      @ ensures low % 2 == 1 && (low / 128) % 2 == 0 ==> \result == FRAME_OK;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int frameCheck() {
        if (low % 2 == 0) {
            return FRAME_NOT_PRESENT;
        }
        if ((low / 128) % 2 == 1) {
            return HUGE_FRAME;
        }
        return FRAME_OK;
    }

    /** {@code set_flags}: every flag bit replaced, the address kept. */
    /*@ public normal_behavior
      @ requires flags != null && \invariant_for(flags);
      @ ensures \result != null && \result.addr == addr;
      @ ensures \result.low == flags.low && \result.high == flags.high;
      @ assignable \nothing;
      @*/
    public Entry withFlags(Flags flags) {
        return new Entry(flags.low, addr, flags.high);
    }

    /** The same entry with ACCESSED set (what a page walk writes back). */
    /*@ public normal_behavior
      @ ensures \result != null && \result.addr == addr && \result.high == high;
      @ ensures (low / 32) % 2 == 1 ==> \result.low == low;
      @ ensures (low / 32) % 2 == 0 ==> \result.low == low + 32;
      @ assignable \nothing;
      @*/
    public Entry withAccessed() {
        if ((low / 32) % 2 == 1) {
            return this;
        }
        return new Entry(low + 32, addr, high);
    }

    /** The same entry with DIRTY set (what a write through a leaf writes back). */
    /*@ public normal_behavior
      @ ensures \result != null && \result.addr == addr && \result.high == high;
      @ ensures (low / 64) % 2 == 1 ==> \result.low == low;
      @ ensures (low / 64) % 2 == 0 ==> \result.low == low + 64;
      @ assignable \nothing;
      @*/
    public Entry withDirty() {
        if ((low / 64) % 2 == 1) {
            return this;
        }
        return new Entry(low + 64, addr, high);
    }

    /*@ public normal_behavior
      @ requires other != null;
      @ ensures \result <==> (low == other.low && addr == other.addr && high == other.high);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean sameAs(Entry other) {
        return low == other.low && addr == other.addr && high == other.high;
    }

    /** The hardware word: {@code high << 52 | addr | low}. */
    /*@ public normal_behavior
      @ ensures high < 2048 ==> \result == high * 4503599627370496L + addr + low;
      @ ensures high >= 2048 ==> \result == (high - 4096) * 4503599627370496L + addr + low;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long toRaw() {
        return word(low, addr, high);
    }

    /** The hardware word of an entry's three parts (also {@link Flags#toRaw}, with no address). */
    /*@ public normal_behavior
      @ requires 0 <= low && low < 4096 && 0 <= high && high < 4096;
      @ requires 0 <= addr && addr < 4503599627370496L && addr % 4096 == 0;
      @ ensures high < 2048 ==> \result == high * 4503599627370496L + addr + low;
      @ ensures high >= 2048 ==> \result == (high - 4096) * 4503599627370496L + addr + low;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long word(int low, long addr, int high) {
        // Arithmetic, not shifts and ORs (which KeY 2.12.3 cannot reason about): bit 63 is the sign, so
        // flag bits 52..63 of 2048 or more make the word negative.
        long top = high;
        if (high >= 2048) {
            top = high - 4096;
        }
        return top * BIT_52 + addr + low;
    }

    /** The entry a raw hardware word holds; lossless. */
    /*@ public normal_behavior
      @ ensures \result != null && \result.toRaw() == raw;
      @ assignable \nothing;
      @*/
    public static Entry fromRaw(long raw) {
        // Arithmetic, like toRaw. A negative word has bit 63 set: adding 2^63 (raw - Long.MIN_VALUE)
        // clears it, and it comes back as bit 11 of the high flags (2048), so that / and % (which round
        // toward zero in Java) see a non-negative number.
        long bits = raw;
        int top = 0;
        if (raw < 0) {
            bits = raw - Long.MIN_VALUE;
            top = 2048;
        }
        long below52 = bits % BIT_52;
        return new Entry((int) (below52 % 4096), below52 - below52 % 4096, top + (int) (bits / BIT_52));
    }
}
