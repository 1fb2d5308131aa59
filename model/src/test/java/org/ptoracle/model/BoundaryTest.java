package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptoracle.model.Fixture.E1;
import static org.ptoracle.model.Fixture.E2;
import static org.ptoracle.model.Fixture.E3;
import static org.ptoracle.model.Fixture.E4;
import static org.ptoracle.model.Fixture.NX;
import static org.ptoracle.model.Fixture.P;
import static org.ptoracle.model.Fixture.SIZE_1G;
import static org.ptoracle.model.Fixture.SIZE_2M;
import static org.ptoracle.model.Fixture.SIZE_4K;
import static org.ptoracle.model.Fixture.VA;
import static org.ptoracle.model.Fixture.W;
import static org.ptoracle.model.Fixture.assertFrame;
import static org.ptoracle.model.Fixture.assertGeneralProtection;
import static org.ptoracle.model.Fixture.assertMapped;
import static org.ptoracle.model.Fixture.assertNotMapped;
import static org.ptoracle.model.Fixture.assertOkFlush;
import static org.ptoracle.model.Fixture.assertPageFault;
import static org.ptoracle.model.Fixture.assertTableFault;
import static org.ptoracle.model.Fixture.assertUnmapped;
import static org.ptoracle.model.Fixture.hex;
import static org.ptoracle.model.Fixture.rec;
import static org.ptoracle.model.QuirksTest.hexList;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ptoracle.spec.Access;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.MapperResult;
import org.ptoracle.spec.Page;
import org.ptoracle.spec.PhysAddr;
import org.ptoracle.spec.PhysFrame;
import org.ptoracle.spec.VirtAddr;

/**
 * Table-driven boundary cases (style.md, Tests): the canonical gap, recursive indices 0, 1, 255, 256,
 * 510, 511 (with crate-semantics §6.0's example addresses), huge-page alignment of pages and frames, and
 * the MAXPHYADDR = 40 edges of the MMU model (mmu-facts §4, §9).
 */
class BoundaryTest {
    private static final int R = Access.READ;
    private static final int S = Access.SUPERVISOR;

    // ---- the canonical gap ---------------------------------------------------------------------

    @Test
    void canonicalGap_lastLowerHalfPage_ok_nextAddressGeneralProtection() {
        Fixture fx = Fixture.standard();
        long last = 0x7fff_ffff_f000L;
        assertOkFlush(fx.mapTo(SIZE_4K, last, 0x80_0000L, P | W), last);
        assertMapped(fx.translate(0x7fff_ffff_ffffL), SIZE_4K, 0x80_0000L, 0xfffL, 0x3L);
        fx.assertTranslates(0x7fff_ffff_ffffL, 0x80_0fffL);
        fx.recorded.reset();
        assertGeneralProtection(fx.access(0x8000_0000_0000L, R, S));
        fx.assertNoMemoryAccess();
        assertNull(VirtAddr.tryNew(0x8000_0000_0000L));
        assertNull(Page.fromStartAddress(SIZE_4K, 0x8000_0000_0000L));
    }

    @Test
    void canonicalGap_firstHigherHalfPage_ok_previousAddressGeneralProtection() {
        Fixture fx = Fixture.standard();
        long first = 0xffff_8000_0000_0000L;
        assertOkFlush(fx.mapTo(SIZE_4K, first, 0x80_0000L, P | W), first);
        fx.assertWord(Fixture.P4 + 8 * 256, 0x10_0063L, 0x10_0003L);
        assertMapped(fx.translate(first + 1), SIZE_4K, 0x80_0000L, 1, 0x3L);
        fx.assertTranslates(first, 0x80_0000L);
        fx.recorded.reset();
        assertGeneralProtection(fx.access(0xffff_7fff_ffff_f000L, R, S));
        fx.assertNoMemoryAccess();
        assertNull(Page.fromStartAddress(SIZE_4K, 0xffff_7fff_ffff_f000L));
    }

    // ---- recursive indices -----------------------------------------------------------------------

    @ParameterizedTest(name = "r = {0}")
    @ValueSource(ints = {0, 1, 255, 256, 510, 511})
    void recursiveIndex_mapTranslateUnmapCleanUp_roundTrip(int r) {
        Fixture fx = Fixture.options().r(r).build();
        long lower = rec(3, 2, 3, 4);
        long upper = rec(300, 5, 6, 7);
        assertOkFlush(fx.mapTo(SIZE_4K, lower, 0x80_0000L, P | W), lower);
        assertOkFlush(fx.mapTo(SIZE_4K, upper, 0x80_1000L, P | W | NX), upper);
        fx.assertWord(fx.recursiveEntryAddress(), 0x1063L, 0x1003L);
        fx.assertWord(Fixture.P4 + 8 * 3, 0x10_0063L, 0x10_0003L);
        fx.assertWord(0x10_2000L + 8 * 4, 0x80_0003L);
        fx.assertWord(Fixture.P4 + 8 * 300, 0x10_3063L, 0x10_3003L);
        fx.assertWord(0x10_5000L + 8 * 7, 0x8000_0000_0080_1003L);

        assertMapped(fx.translate(lower + 0x123), SIZE_4K, 0x80_0000L, 0x123, 0x3L);
        assertMapped(fx.translate(upper + 0x456), SIZE_4K, 0x80_1000L, 0x456, 0x3L | NX);
        assertFrame(fx.translatePage(SIZE_4K, upper), 0x80_1000L, SIZE_4K);
        fx.assertTranslates(lower + 0x123, 0x80_0123L);
        fx.assertTranslates(upper + 0x456, 0x80_1456L);

        assertUnmapped(fx.unmap(SIZE_4K, lower), 0x80_0000L, lower, SIZE_4K);
        assertUnmapped(fx.unmap(SIZE_4K, upper), 0x80_1000L, upper, SIZE_4K);
        assertNotMapped(fx.translate(lower));
        assertNotMapped(fx.translate(upper));
        assertEquals("[0x102000, 0x101000, 0x100000, 0x105000, 0x104000, 0x103000]", hexList(fx.cleanUp()));
        fx.assertWord(Fixture.P4 + 8 * 3, 0);
        fx.assertWord(Fixture.P4 + 8 * 300, 0);
        fx.assertWord(fx.recursiveEntryAddress(), 0x1063L, 0x1003L);
        if (r != 0) { // r = 0 puts the level 4 table at virtual 0: no Rust reference can have it (§6.1)
            MapperResult res = Fixture.call(() -> RecursivePageTable.checkNew(fx.cpu, fx.p4Table(), fx.p4));
            assertEquals(MapperResult.OK_RECURSIVE, res.kind);
            assertEquals(r, res.value);
        }
    }

    /** crate-semantics §6.0, example table: P4, P3 of index 0, P2 of (0,0), P1 of (0,0,0). */
    static Stream<Arguments> exampleTable() {
        return Stream.of(
                Arguments.of(510, 0xffff_ff7f_bfdf_e000L, 0xffff_ff7f_bfc0_0000L, 0xffff_ff7f_8000_0000L,
                        0xffff_ff00_0000_0000L),
                Arguments.of(511, 0xffff_ffff_ffff_f000L, 0xffff_ffff_ffe0_0000L, 0xffff_ffff_c000_0000L,
                        0xffff_ff80_0000_0000L),
                Arguments.of(256, 0xffff_8040_2010_0000L, 0xffff_8040_2000_0000L, 0xffff_8040_0000_0000L,
                        0xffff_8000_0000_0000L),
                Arguments.of(1, 0x0000_0080_4020_1000L, 0x0000_0080_4020_0000L, 0x0000_0080_4000_0000L,
                        0x0000_0080_0000_0000L));
    }

    @ParameterizedTest(name = "r = {0}")
    @MethodSource("exampleTable")
    void recursiveAddresses_matchTheExampleTable(int r, long p4, long p3, long p2, long p1) {
        assertEquals(hex(p4), hex(RecursiveAddresses.level4(r)));
        assertEquals(hex(p3), hex(RecursiveAddresses.table(r, 3, 0, 0, 0)));
        assertEquals(hex(p2), hex(RecursiveAddresses.table(r, 2, 0, 0, 0)));
        assertEquals(hex(p1), hex(RecursiveAddresses.table(r, 1, 0, 0, 0)));
        // "add i<<12 for the last index, i<<21 for the second to last, and so on"
        assertEquals(hex(p3 + (5L << 12)), hex(RecursiveAddresses.table(r, 3, 5, 0, 0)));
        assertEquals(hex(p2 + (5L << 21) + (6L << 12)), hex(RecursiveAddresses.table(r, 2, 5, 6, 0)));
        assertEquals(hex(p1 + (5L << 30) + (6L << 21) + (7L << 12)), hex(RecursiveAddresses.table(r, 1, 5, 6, 7)));
        // the crate's table accesses for map_to<4K>(rec(1,2,3,4)) go to exactly these addresses
        int i4 = r == 1 ? 2 : 1;
        long va = rec(i4, 2, 3, 4);
        Fixture fx = Fixture.options().r(r).build();
        assertOkFlush(fx.mapTo(SIZE_4K, va, 0x80_0000L, P | W), va);
        List<String> log = fx.cpu.log();
        assertEquals("L " + hex(p4 + 8L * i4), log.get(0));
        assertTrue(log.contains("L " + hex(p3 + ((long) i4 << 12) + 16)), log.toString());
        assertTrue(log.contains("L " + hex(p2 + ((long) i4 << 21) + (2L << 12) + 24)), log.toString());
        assertEquals("S " + hex(p1 + ((long) i4 << 30) + (2L << 21) + (3L << 12) + 32), log.get(log.size() - 1));
    }

    // ---- huge-page alignment ---------------------------------------------------------------------

    static Stream<Arguments> pageStarts() {
        return Stream.of(
                Arguments.of(SIZE_4K, 0x1000L, true),
                Arguments.of(SIZE_4K, 0x1001L, false),
                Arguments.of(SIZE_4K, 0xffff_ffff_ffff_f000L, true),
                Arguments.of(SIZE_4K, 0x8000_0000_0000L, false),
                Arguments.of(SIZE_2M, 0x20_0000L, true),
                Arguments.of(SIZE_2M, 0x1000L, false),
                Arguments.of(SIZE_2M, 0x10_0000L, false),
                Arguments.of(SIZE_2M, 0xffff_ffff_ffe0_0000L, true),
                Arguments.of(SIZE_2M, 0xffff_ffff_fff0_0000L, false),
                Arguments.of(SIZE_1G, 0x4000_0000L, true),
                Arguments.of(SIZE_1G, 0x20_0000L, false),
                Arguments.of(SIZE_1G, 0x2000_0000L, false),
                Arguments.of(SIZE_1G, 0x7fff_c000_0000L, true),
                Arguments.of(SIZE_1G, 0xffff_8000_0000_0000L, true),
                Arguments.of(SIZE_1G, 0xffff_ffff_c000_0000L, true),
                Arguments.of(SIZE_1G, 0xffff_ffff_e000_0000L, false),
                Arguments.of(SIZE_1G, 0x8000_0000_0000L, false));
    }

    @ParameterizedTest(name = "size {0} start {1}: {2}")
    @MethodSource("pageStarts")
    void pageFromStartAddress_refusesUnalignedAndNonCanonical(int size, long start, boolean valid) {
        Page p = Page.fromStartAddress(size, start);
        if (valid) {
            assertNotNull(p);
            assertEquals(start, p.start);
            assertEquals(size, p.size);
        } else {
            assertNull(p);
        }
    }

    static Stream<Arguments> frameStarts() {
        return Stream.of(
                Arguments.of(SIZE_4K, 0x1000L, true),
                Arguments.of(SIZE_4K, 0x1008L, false),
                Arguments.of(SIZE_4K, PhysAddr.LIMIT - 4096, true),
                Arguments.of(SIZE_4K, PhysAddr.LIMIT, false),
                Arguments.of(SIZE_4K, -4096L, false),
                Arguments.of(SIZE_2M, 0x20_0000L, true),
                Arguments.of(SIZE_2M, 0x20_1000L, false),
                Arguments.of(SIZE_2M, PhysAddr.LIMIT - (1L << 21), true),
                Arguments.of(SIZE_1G, 0x4000_0000L, true),
                Arguments.of(SIZE_1G, 0x4000_1000L, false),
                Arguments.of(SIZE_1G, 0x4020_0000L, false),
                Arguments.of(SIZE_1G, PhysAddr.LIMIT - (1L << 30), true),
                Arguments.of(SIZE_1G, PhysAddr.LIMIT, false));
    }

    @ParameterizedTest(name = "size {0} start {1}: {2}")
    @MethodSource("frameStarts")
    void physFrameFromStartAddress_refusesUnalignedAndTooHigh(int size, long start, boolean valid) {
        PhysFrame f = PhysFrame.fromStartAddress(size, start);
        if (valid) {
            assertNotNull(f);
            assertEquals(start, f.start);
        } else {
            assertNull(f);
        }
    }

    // ---- MAXPHYADDR = 40 ---------------------------------------------------------------------------

    static final long M = 1L << 40;

    static Stream<Arguments> maxPhysAddrLeaves() {
        return Stream.of(
                Arguments.of("4 KiB leaf 2^40-4096", 0x2003L, 0x3003L, 0x4003L, (M - 4096) | 0x3, M - 4096 + 0xabc),
                Arguments.of("4 KiB leaf 2^40", 0x2003L, 0x3003L, 0x4003L, M | 0x3, -1L),
                Arguments.of("4 KiB leaf bit 39", 0x2003L, 0x3003L, 0x4003L, (1L << 39) | 0x3, (1L << 39) + 0xabc),
                Arguments.of("2 MiB leaf 2^40-2MiB", 0x2003L, 0x3003L, (M - (1L << 21)) | 0x83, 0L,
                        M - (1L << 21) + 0x4abc),
                Arguments.of("2 MiB leaf 2^40", 0x2003L, 0x3003L, M | 0x83, 0L, -1L),
                Arguments.of("1 GiB leaf 2^40-1GiB", 0x2003L, (M - (1L << 30)) | 0x83, 0L, 0L,
                        M - (1L << 30) + 0x60_4abc),
                Arguments.of("1 GiB leaf 2^40", 0x2003L, M | 0x83, 0L, 0L, -1L),
                Arguments.of("PML4E 2^40", M | 0x3, 0x3003L, 0x4003L, 0x80_0003L, -1L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maxPhysAddrLeaves")
    void maxPhysAddr_edges(String name, long e4, long e3, long e2, long e1, long phys) {
        Fixture fx = Fixture.standard();
        fx.poke(E4, e4);
        fx.poke(E3, e3);
        if (e2 != 0) {
            fx.poke(E2, e2);
        }
        if (e1 != 0) {
            fx.poke(E1, e1);
        }
        if (phys >= 0) {
            fx.assertTranslates(VA + 0xabc, phys);
        } else {
            assertPageFault(fx.access(VA + 0xabc, R, S), 0x9, VA + 0xabc);
        }
    }

    @Test
    void nonLeafPointingOutsideMemory_readsZero_notPresent() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, (M - 4096) | 0x3);
        assertPageFault(fx.access(VA, R, S), 0x0, VA);
    }

    @Test
    void cratesTableAccessOutsideMemory_isForbidden() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, (M - 4096) | 0x3);
        ForbiddenAccess e = assertThrows(ForbiddenAccess.class, () -> fx.table.translate(VA));
        assertEquals(hex(M - 4096 + 16), hex(e.phys));
    }

    @Test
    void cratesTableAccessThroughAddressBit40_faultsReserved() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, M | 0x2003);
        assertTableFault(() -> fx.table.translate(VA), 0x9, fx.p3Table(1) + 16);
    }
}
