package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptoracle.model.Fixture.hex;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.Flags;
import org.ptoracle.spec.Page;
import org.ptoracle.spec.PageSize;
import org.ptoracle.spec.PhysAddr;
import org.ptoracle.spec.VirtAddr;

/**
 * The spec's arithmetic definitions (written as sums and divisions so that KeY can prove them) against
 * the bit-operation definitions of crate-semantics §1 and §3, on many random values from a fixed seed,
 * plus raw round trips of entries and flags.
 */
class AddressArithmeticTest {
    private static final long SEED = 0x5eed_0f_7ab1eL;
    private static final int N = 200_000;
    private static final long LOW48 = 0xffff_ffff_ffffL;

    @BeforeAll
    static void printSeed() {
        System.out.println("AddressArithmeticTest seed = 0x" + Long.toHexString(SEED) + ", " + N + " values");
    }

    /** Random values biased towards the interesting regions: raw u64, canonical, near the gap, aligned. */
    private static long[] values() {
        Random rnd = new Random(SEED);
        long[] out = new long[N];
        for (int i = 0; i < N; i++) {
            long v = rnd.nextLong();
            switch (i % 5) {
                case 0:
                    out[i] = v;
                    break;
                case 1:
                    out[i] = (v << 16) >> 16; // canonical
                    break;
                case 2:
                    out[i] = 0x0000_8000_0000_0000L + (v % 0x10000); // around the upper edge of the lower half
                    break;
                case 3:
                    out[i] = 0xffff_8000_0000_0000L + (v % 0x10000); // around the lower edge of the higher half
                    break;
                default:
                    out[i] = ((v << 16) >> 16) & ~((1L << (12 + 9 * rnd.nextInt(3))) - 1); // page-aligned
                    break;
            }
        }
        return out;
    }

    private static long signExtend47(long a) {
        return (a << 16) >> 16;
    }

    @Test
    void truncate_isSignExtensionOfBit47() {
        for (long a : values()) {
            assertEquals(hex(signExtend47(a)), hex(VirtAddr.truncate(a)), () -> "truncate " + hex(a));
        }
        assertEquals(0xffff_8000_0000_0000L, VirtAddr.truncate(0x1234_8000_0000_0000L)); // §1.1 example
        assertEquals(0xffff_8000_0000_0000L, VirtAddr.newTruncate(0x0000_8000_0000_0000L).value);
    }

    @Test
    void isCanonical_andTryNew_matchBitDefinition() {
        for (long a : values()) {
            boolean canonical = signExtend47(a) == a;
            assertEquals(canonical, VirtAddr.isCanonical(a), () -> hex(a));
            if (canonical) {
                assertEquals(a, VirtAddr.tryNew(a).value);
            } else {
                assertNull(VirtAddr.tryNew(a));
            }
        }
    }

    @Test
    void low48_tableIndex_pageOffset_matchShiftsAndMasks() {
        for (long raw : values()) {
            long a = signExtend47(raw);
            assertEquals(a & LOW48, VirtAddr.low48(a), () -> hex(a));
            assertEquals(a & 0xfff, VirtAddr.pageOffset(a), () -> hex(a));
            for (int level = 1; level <= 4; level++) {
                int expected = (int) ((a >>> (12 + 9 * (level - 1))) & 511);
                assertEquals(expected, VirtAddr.tableIndex(a, level), "level " + level + " of " + hex(a));
            }
        }
    }

    @Test
    void fromIndices_isOrOfShiftedIndicesSignExtended() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < N; i++) {
            int i4 = rnd.nextInt(512);
            int i3 = rnd.nextInt(512);
            int i2 = rnd.nextInt(512);
            int i1 = rnd.nextInt(512);
            long expected = signExtend47(((long) i4 << 39) | ((long) i3 << 30) | ((long) i2 << 21) | ((long) i1 << 12));
            long got = VirtAddr.fromIndices(i4, i3, i2, i1);
            assertEquals(hex(expected), hex(got));
            assertEquals(i4, VirtAddr.tableIndex(got, 4));
            assertEquals(i1, VirtAddr.tableIndex(got, 1));
        }
        assertEquals(0xffff_8000_0000_0000L, VirtAddr.fromIndices(256, 0, 0, 0)); // §2 example
    }

    @Test
    void isAligned_lessOrEqual_pageContaining_matchBitDefinitions() {
        long[] v = values();
        long[] aligns = {4096L, 1L << 21, 1L << 30};
        for (int i = 0; i + 1 < v.length; i++) {
            long a = signExtend47(v[i]);
            long b = signExtend47(v[i + 1]);
            assertEquals(Long.compareUnsigned(a, b) <= 0, VirtAddr.lessOrEqual(a, b), () -> hex(a) + " <= " + hex(b));
            for (int s = 0; s < 3; s++) {
                long al = aligns[s];
                assertEquals((a & (al - 1)) == 0, VirtAddr.isAligned(a, al));
                Page p = Page.containing(s + 1, a);
                assertEquals(hex(a & ~(al - 1)), hex(p.start));
                assertEquals(al, PageSize.bytes(s + 1));
            }
        }
        // ordering is unsigned: every higher-half address is above every lower-half address
        assertTrue(VirtAddr.lessOrEqual(0x7fff_ffff_ffffL, 0xffff_8000_0000_0000L));
        assertFalse(VirtAddr.lessOrEqual(0xffff_8000_0000_0000L, 0x7fff_ffff_ffffL));
    }

    @Test
    void physAddr_validAndAlignDown_matchMasks() {
        long[] aligns = {4096L, 1L << 21, 1L << 30};
        for (long raw : values()) {
            assertEquals((raw >>> 52) == 0, PhysAddr.isValid(raw), () -> hex(raw));
            long a = raw & 0x000f_ffff_ffff_ffffL;
            for (long al : aligns) {
                assertEquals(hex(a & ~(al - 1)), hex(PhysAddr.alignDown(a, al)));
                assertEquals((a & (al - 1)) == 0, PhysAddr.isAligned(a, al));
            }
        }
    }

    // ---- entries and flags ---------------------------------------------------------------------

    @Test
    void entry_rawRoundTrip_andFieldSplit() {
        for (long raw : values()) {
            Entry e = Entry.fromRaw(raw);
            assertEquals(hex(raw), hex(e.toRaw()));
            assertEquals(hex(raw & Entry.ADDR_MASK), hex(e.addr));
            assertEquals(hex(raw & ~Entry.ADDR_MASK), hex(e.flags().toRaw()));
            assertEquals(raw == 0, e.isUnused());
            assertEquals((raw & 1) != 0, e.present());
            assertEquals((raw & 0x80) != 0, e.huge());
            int expectedCheck = (raw & 1) == 0 ? Entry.FRAME_NOT_PRESENT
                    : (raw & 0x80) != 0 ? Entry.HUGE_FRAME : Entry.FRAME_OK;
            assertEquals(expectedCheck, e.frameCheck(), () -> hex(raw));
            assertEquals(hex(raw | 0x20), hex(e.withAccessed().toRaw()));
            assertEquals(hex(raw | 0x40), hex(e.withDirty().toRaw()));
        }
    }

    @Test
    void entry_bit63_roundTrips() {
        long raw = 0x8000_0000_0000_0000L | 0x1234_5000L | 0x7;
        Entry e = Entry.fromRaw(raw);
        assertEquals(0x800, e.high);
        assertEquals(hex(raw), hex(e.toRaw()));
        assertEquals(hex(0x8000_0000_0000_0007L), hex(e.flags().toRaw()));
        assertEquals(hex(-1L), hex(Entry.fromRaw(-1L).toRaw()));
    }

    @Test
    void entry_withAccessedAlreadySet_returnsSameObject() {
        Entry e = Entry.fromRaw(0x2063);
        assertSame(e, e.withAccessed());
        assertSame(e, e.withDirty());
    }

    @Test
    void entry_ofAndWithFlags() {
        Flags f = Flags.fromRaw(0x8000_0000_0000_0103L);
        assertEquals(hex(0x8000_0000_1234_5103L), hex(Entry.of(0x1234_5000L, f).toRaw()));
        assertEquals(hex(0x1234_5007L), hex(Entry.fromRaw(0x8000_0000_1234_5163L).withFlags(Flags.fromRaw(7)).toRaw()));
    }

    @Test
    void flags_fromRaw_refusesEachAddressBit12to51() {
        for (int bit = 12; bit <= 51; bit++) {
            assertNull(Flags.fromRaw(1L << bit), "bit " + bit);
            assertNull(Flags.fromRaw((1L << bit) | 0x3), "bit " + bit + " with P|W");
        }
    }

    @Test
    void flags_fromRaw_acceptsEveryFlagBit_andRoundTrips() {
        for (int bit = 0; bit < 64; bit++) {
            if (bit >= 12 && bit <= 51) {
                continue;
            }
            Flags f = Flags.fromRaw(1L << bit);
            assertNotNull(f, "bit " + bit);
            assertEquals(hex(1L << bit), hex(f.toRaw()));
        }
        long all = ~Entry.ADDR_MASK;
        assertEquals(hex(all), hex(Flags.fromRaw(all).toRaw()));
    }

    /** unionBits and containsBits against Java's | and & on every pair of 12-bit halves (2^24 pairs). */
    @Test
    void halfOperations_matchBitOperations_forEveryPair() {
        for (int a = 0; a < 4096; a++) {
            for (int b = 0; b < 4096; b++) {
                if (Flags.unionBits(a, b) != (a | b)) {
                    assertEquals(a | b, Flags.unionBits(a, b), "unionBits(" + a + ", " + b + ")");
                }
                if (Flags.containsBits(a, b) != ((a & b) == b)) {
                    assertEquals((a & b) == b, Flags.containsBits(a, b), "containsBits(" + a + ", " + b + ")");
                }
            }
        }
    }

    @Test
    void flags_operations_matchBitOperations() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < N / 10; i++) {
            long a = rnd.nextLong() & ~Entry.ADDR_MASK;
            long b = rnd.nextLong() & ~Entry.ADDR_MASK;
            if (i % 3 == 0) {
                b &= a; // make contains() true often
            }
            Flags fa = Flags.fromRaw(a);
            Flags fb = Flags.fromRaw(b);
            assertEquals(hex(a | b), hex(fa.union(fb).toRaw()));
            assertEquals((a & b) == b, fa.contains(fb));
            assertEquals(hex(a & 7), hex(fa.parentTableFlags().toRaw()));
            assertEquals(hex(a | 0x80), hex(fa.withHuge().toRaw()));
            assertEquals(a == 0, fa.isEmpty());
            assertEquals((a & 1) != 0, fa.present());
            assertEquals((a & 0x80) != 0, fa.huge());
        }
    }
}
