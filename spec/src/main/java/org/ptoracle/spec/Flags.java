package org.ptoracle.spec;

/**
 * The 24 flag bits of a page-table entry (x86_64 crate PageTableFlags: bits 0..11 and 52..63, every one
 * named), held structured: {@code low} is bits 0..11, {@code high} is bits 52..63 shifted down, so bit 63
 * (NO_EXECUTE) is {@code high}'s bit 11. Single-bit tests are arithmetic (division by the bit's value,
 * then parity) so that KeY proves what depends on them. The union of halves is bits 0..11 of {@code |}
 * (stated and computed as a remainder, so that its range is proved); the subset test uses {@code &}; both
 * are checked against Java's operators for every pair of halves by AddressArithmeticTest.
 */
public final class Flags {
    public static final int PRESENT = 1;
    public static final int WRITABLE = 2;
    public static final int USER_ACCESSIBLE = 4;
    public static final int WRITE_THROUGH = 8;
    public static final int NO_CACHE = 16;
    public static final int ACCESSED = 32;
    public static final int DIRTY = 64;
    public static final int HUGE_PAGE = 128;
    public static final int GLOBAL = 256;
    /** NO_EXECUTE (bit 63) as a bit of {@code high}. */
    public static final int HIGH_NO_EXECUTE = 2048;

    /*@ public invariant 0 <= low && low < 4096 && 0 <= high && high < 4096; @*/
    /** Bits 0..11. */
    public final int low;
    /** Bits 52..63, shifted down by 52. */
    public final int high;

    /*@ public normal_behavior
      @ requires 0 <= low && low < 4096 && 0 <= high && high < 4096;
      @ ensures this.low == low && this.high == high;
      @ assignable \nothing;
      @*/
    private Flags(int low, int high) {
        this.low = low;
        this.high = high;
    }

    /*@ public normal_behavior
      @ requires 0 <= low && low < 4096 && 0 <= high && high < 4096;
      @ ensures \result != null && \result.low == low && \result.high == high;
      @ assignable \nothing;
      @*/
    public static Flags of(int low, int high) {
        return new Flags(low, high);
    }

    /** True when the single bit {@code bit} (a power of two below 4096) is set in {@code bits}. */
    /*@ public normal_behavior
      @ requires 0 <= bits && bits < 4096;
      @ requires bit == 1 || bit == 2 || bit == 4 || bit == 8 || bit == 16 || bit == 32 || bit == 64
      @       || bit == 128 || bit == 256 || bit == 512 || bit == 1024 || bit == 2048;
      @ ensures \result <==> (bits / bit) % 2 == 1;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean bitSet(int bits, int bit) {
        return (bits / bit) % 2 == 1;
    }

    /*@ public normal_behavior
      @ ensures \result <==> (low / PRESENT) % 2 == 1;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean present() {
        return bitSet(low, PRESENT);
    }

    /*@ public normal_behavior
      @ ensures \result <==> (low / HUGE_PAGE) % 2 == 1;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean huge() {
        return bitSet(low, HUGE_PAGE);
    }

    /*@ public normal_behavior
      @ ensures \result <==> (low == 0 && high == 0);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean isEmpty() {
        return low == 0 && high == 0;
    }

    /**
     * The parent-table flags {@code map_to} derives: {@code flags & (PRESENT | WRITABLE | USER_ACCESSIBLE)}
     * (crate mapper/mod.rs, Mapper::map_to), i.e. the low three bits.
     */
    /*@ public normal_behavior
      @ ensures \result != null && \result.low == low % 8 && \result.high == 0 && \invariant_for(\result);
      @ assignable \nothing;
      @*/
    public Flags parentTableFlags() {
        return new Flags(parentTableBits(low), 0);
    }

    /**
     * The parent-table flags of {@link #parentTableFlags} from flag bits 0..11 {@code low}, as a value
     * (bits 52..63 are none of them): for callers that must not allocate (RecursivePageTable.mapTo).
     */
    /*@ public normal_behavior
      @ requires 0 <= low && low < 4096;
      @ ensures \result == low % 8 && 0 <= \result && \result < 8;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ strictly_pure @*/ int parentTableBits(int low) {
        return low % 8;
    }

    /** The same flags with HUGE_PAGE added (what huge {@code map_to} and {@code update_flags} write). */
    /*@ public normal_behavior
      @ ensures \result != null && \result.high == high;
      @ ensures (low / HUGE_PAGE) % 2 == 1 ==> \result.low == low;
      @ ensures (low / HUGE_PAGE) % 2 == 0 ==> \result.low == low + HUGE_PAGE;
      @ assignable \nothing;
      @*/
    public Flags withHuge() {
        if (bitSet(low, HUGE_PAGE)) {
            return this;
        }
        return new Flags(low + HUGE_PAGE, high);
    }

    /** Bitwise union (the crate's {@code |}), half by half: see {@link #unionBits}. */
    /*@ public normal_behavior
      @ requires other != null && \invariant_for(other);
      @ ensures \result != null && \result.low == ((low | other.low) % 4096 + 4096) % 4096
      @      && \result.high == ((high | other.high) % 4096 + 4096) % 4096;
      @ ensures \invariant_for(\result);
      @ assignable \nothing;
      @*/
    public Flags union(Flags other) {
        return new Flags(unionBits(low, other.low), unionBits(high, other.high));
    }

    /**
     * The bitwise union of two halves ({@code low} or {@code high}) of flags: bits 0..11 of {@code a | b},
     * which is what a half holds. For halves (both below 2^12) that is {@code a | b} itself, and
     * AddressArithmeticTest checks it for all 2^24 pairs; the contract and the code say "bits 0..11",
     * as {@code ((a | b) % 4096 + 4096) % 4096}, because KeY 2.12.3 has no rule that bounds {@code |}
     * (its one lemma, the user taclet binaryOrGte, gives only {@code a | b <= 2 max(a, b)}), so the
     * range of {@code a | b} itself cannot be proved there.
     */
    /*@ public normal_behavior
      @ requires 0 <= a && a < 4096 && 0 <= b && b < 4096;
      @ ensures \result == ((a | b) % 4096 + 4096) % 4096;
      @ ensures 0 <= \result && \result < 4096;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ int unionBits(int a, int b) {
        return ((a | b) % 4096 + 4096) % 4096;
    }

    /** True when every bit of {@code b} is set in {@code a} (halves of flags, like {@link #unionBits}). */
    /*@ public normal_behavior
      @ requires 0 <= a && a < 4096 && 0 <= b && b < 4096;
      @ ensures \result <==> (a & b) == b;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean containsBits(int a, int b) {
        return (a & b) == b;
    }

    /** {@code self.contains(other)}: every bit of {@code other} is set here. */
    /*@ public normal_behavior
      @ requires other != null && \invariant_for(other);
      @ ensures \result <==> ((low & other.low) == other.low && (high & other.high) == other.high);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean contains(Flags other) {
        return containsBits(low, other.low) && containsBits(high, other.high);
    }

    /*@ public normal_behavior
      @ requires other != null;
      @ ensures \result <==> (low == other.low && high == other.high);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean sameAs(Flags other) {
        return low == other.low && high == other.high;
    }

    /** The raw bits, as the crate's {@code bits()}: the hardware encoding, bit 63 making it negative. */
    /*@ public normal_behavior
      @ ensures high < 2048 ==> \result == high * 4503599627370496L + low;
      @ ensures high >= 2048 ==> \result == (high - 4096) * 4503599627370496L + low;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long toRaw() {
        return Entry.word(low, 0L, high);
    }

    /**
     * The flags of raw bits; bits 12..51 (address bits, no flag names them) must be clear. Returns null
     * when they are not, so that a caller can refuse the input with its own message.
     */
    /*@ public normal_behavior
      @ ensures (raw % 4503599627370496L + 4503599627370496L) % 4503599627370496L >= 4096 ==> \result == null;
      @ ensures (raw % 4503599627370496L + 4503599627370496L) % 4503599627370496L < 4096
      @         ==> (\result != null && \result.toRaw() == raw);
      @ assignable \nothing;
      @*/
    public static /*@ nullable @*/ Flags fromRaw(long raw) {
        // Bits 0..51 of the two's complement word are raw modulo 2^52, taken non-negative (bits 12..51
        // are Entry.ADDR_MASK's); bit 63 is handled as in Entry.fromRaw.
        long below52 = (raw % 4503599627370496L + 4503599627370496L) % 4503599627370496L;
        if (below52 >= 4096) {
            return null;
        }
        long bits = raw;
        int top = 0;
        if (raw < 0) {
            bits = raw - Long.MIN_VALUE;
            top = 2048;
        }
        return new Flags((int) below52, top + (int) (bits / 4503599627370496L));
    }
}
