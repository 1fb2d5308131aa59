package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptoracle.model.Fixture.A;
import static org.ptoracle.model.Fixture.D;
import static org.ptoracle.model.Fixture.E1;
import static org.ptoracle.model.Fixture.E2;
import static org.ptoracle.model.Fixture.E3;
import static org.ptoracle.model.Fixture.E4;
import static org.ptoracle.model.Fixture.GLOBAL;
import static org.ptoracle.model.Fixture.HUGE;
import static org.ptoracle.model.Fixture.NX;
import static org.ptoracle.model.Fixture.P;
import static org.ptoracle.model.Fixture.SIZE_1G;
import static org.ptoracle.model.Fixture.SIZE_2M;
import static org.ptoracle.model.Fixture.SIZE_4K;
import static org.ptoracle.model.Fixture.U;
import static org.ptoracle.model.Fixture.VA;
import static org.ptoracle.model.Fixture.W;
import static org.ptoracle.model.Fixture.assertErr;
import static org.ptoracle.model.Fixture.assertFlushAll;
import static org.ptoracle.model.Fixture.assertFrame;
import static org.ptoracle.model.Fixture.assertMapped;
import static org.ptoracle.model.Fixture.assertNotMapped;
import static org.ptoracle.model.Fixture.assertOkFlush;
import static org.ptoracle.model.Fixture.assertPanic;
import static org.ptoracle.model.Fixture.assertTableFault;
import static org.ptoracle.model.Fixture.assertUnmapped;
import static org.ptoracle.model.Fixture.hex;
import static org.ptoracle.model.Fixture.rec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ptoracle.spec.MapperError;
import org.ptoracle.spec.MapperResult;

/**
 * crate-semantics §6.5 (check order of every Mapper method, summary matrix) and §6.6 (translate), row by
 * row and size by size, on the §8 fixture (r = 100, P4 at 0x1000) and its chain for VA (1,2,3,4).
 *
 * <p>Exact values include the ACCESSED/DIRTY bits the crate's own recursive accesses set (§8 Q14): a
 * load of a level-k entry (k &lt; 4) marks ACCESSED in the path's entries above k, a store to a level-k
 * entry also marks DIRTY in the level k+1 entry (the PTE of that access), and every access to the level 4
 * table marks P4[r] (ACCESSED, and DIRTY for a store).
 */
class SummaryMatrixTest {
    private static final long ER = Fixture.P4 + 8 * Fixture.R;

    /** The page of {@code size} that contains VA. */
    static long pageFor(int size) {
        if (size == SIZE_4K) {
            return VA;
        }
        if (size == SIZE_2M) {
            return rec(1, 2, 3, 0);
        }
        return rec(1, 2, 0, 0);
    }

    static long entryAddr(int level) {
        switch (level) {
            case 4:
                return E4;
            case 3:
                return E3;
            case 2:
                return E2;
            default:
                return E1;
        }
    }

    /** The standard path to a mapped page of {@code size}: tables, then a huge or 4 KiB leaf. */
    static long pathValue(int size, int level) {
        switch (level) {
            case 4:
                return 0x2003L;
            case 3:
                return size == SIZE_1G ? 0x4000_0083L : 0x3003L;
            case 2:
                return size == SIZE_2M ? 0x20_0083L : 0x4003L;
            default:
                return 0x80_0003L;
        }
    }

    static Fixture withPath(int size) {
        Fixture fx = Fixture.standard();
        for (int level = 4; level >= size; level--) {
            fx.poke(entryAddr(level), pathValue(size, level));
        }
        return fx;
    }

    static String load(long va) {
        return "L " + hex(va);
    }

    static String store(long va) {
        return "S " + hex(va);
    }

    /**
     * After a read-only walk of the path of {@code size} down to {@code lowest}: every entry above
     * {@code lowest} has ACCESSED (its table was read through it), the others are as built.
     */
    static void assertReadDownTo(Fixture fx, int size, int lowest) {
        fx.assertWord(ER, 0x1023L, 0x1003L);
        for (int level = 4; level >= size; level--) {
            long v = fx.peek(entryAddr(level)) == 0 ? 0 : pathValue(size, level);
            long expected = level > lowest ? v | A : v;
            fx.assertWord(entryAddr(level), expected);
        }
    }

    /** (size, level of the zero entry) for every level from 4 down to the leaf. */
    static Stream<Arguments> zeroRows() {
        List<Arguments> rows = new ArrayList<>();
        for (int size = SIZE_4K; size <= SIZE_1G; size++) {
            for (int level = 4; level >= size; level--) {
                rows.add(Arguments.of(size, level));
            }
        }
        return rows.stream();
    }

    // =============================================================================================
    // translate (§6.6)
    // =============================================================================================

    @Test
    void translate_p4Zero_notMappedAfterOneLoad() {
        Fixture fx = Fixture.standard();
        assertNotMapped(fx.translate(VA));
        assertEquals(List.of(load(fx.p4Table() + 8)), fx.cpu.log());
        fx.assertWord(ER, 0x1023L, 0x1003L);
    }

    @Test
    void translate_p4Huge_panicsBeforeAnyRecursiveAccess() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2083L);
        assertPanic(() -> fx.table.translate(VA), "level 4 entry has huge page bit set");
        assertEquals(List.of(load(fx.p4Table() + 8)), fx.cpu.log());
        fx.assertWord(E4, 0x2083L);
    }

    @Test
    void translate_p3Zero_notMapped() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        assertNotMapped(fx.translate(VA));
        fx.assertWord(E4, 0x2023L, 0x2003L);
    }

    @Test
    void translate_p3Huge_mapped1GiB_leafFlagsOnly() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x4000_0083L | U);
        assertMapped(fx.translate(VA + 0x10), SIZE_1G, 0x4000_0000L, 0x60_4010L, 0x87L);
        fx.assertWord(E4, 0x2023L, 0x2003L);
        fx.assertWord(E3, 0x4000_0087L);
        assertEquals(2, fx.cpu.loads());
    }

    @Test
    void translate_p3Huge_offsetMask_example() {
        // §6.6: a 1 GiB leaf at 0x4000_0000; translate(v + 0x1234_5678) gives offset 0x1234_5678.
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x4000_0083L);
        long v = rec(1, 2, 0, 0);
        assertMapped(fx.translate(v + 0x1234_5678L), SIZE_1G, 0x4000_0000L, 0x1234_5678L, 0x83L);
        assertEquals(hex(0x5234_5678L), hex(fx.translateAddr(v + 0x1234_5678L)));
    }

    @Test
    void translate_p2Zero_notMapped() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x3003L);
        assertNotMapped(fx.translate(VA));
        fx.assertWord(E4, 0x2023L);
        fx.assertWord(E3, 0x3023L, 0x3003L);
    }

    @Test
    void translate_p2Huge_mapped2MiB_offsetMask_example() {
        Fixture fx = withPath(SIZE_2M);
        long v = rec(1, 2, 3, 0);
        assertMapped(fx.translate(v + 0x12345), SIZE_2M, 0x20_0000L, 0x12345L, 0x83L);
        assertEquals(hex(0x21_2345L), hex(fx.translateAddr(v + 0x12345)));
        fx.assertWord(E3, 0x3023L);
        fx.assertWord(E2, 0x20_0083L);
    }

    /** §11 item 8: offset masks 0x3fff_ffff, 0x1f_ffff and 0xfff, tested at their top bits. */
    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {1, 2, 3})
    void translate_offsetMaskCoversEveryBitBelowThePageSize(int size) {
        Fixture fx = withPath(size);
        long mask = Fixture.pageSize(size) - 1;
        long frame = pathValue(size, size) & ~0xfffL;
        long flags = pathValue(size, size) & 0xfffL;
        for (long offset : new long[] {mask, mask >>> 1, (mask >>> 1) + 1, 0}) {
            assertMapped(fx.translate(pageFor(size) + offset), size, frame, offset, flags);
            assertEquals(hex(frame + offset), hex(fx.translateAddr(pageFor(size) + offset)));
        }
    }

    @Test
    void translate_p1Zero_notMapped() {
        Fixture fx = Fixture.withChain();
        fx.poke(E1, 0);
        assertNotMapped(fx.translate(VA));
        fx.assertWord(E2, 0x4023L, 0x4003L);
    }

    @Test
    void translate_p1Huge_panics() {
        Fixture fx = Fixture.withChain();
        fx.poke(E1, 0x80_0083L);
        assertPanic(() -> fx.table.translate(VA), "level 1 entry has huge page bit set");
    }

    @Test
    void translate_p1_mapped4KiB_withOffset_andAccessedPath() {
        Fixture fx = Fixture.withChain();
        assertMapped(fx.translate(VA + 0x123), SIZE_4K, 0x80_0000L, 0x123L, 0x3L);
        assertEquals(List.of(load(fx.p4Table() + 8), load(fx.p3Table(1) + 16), load(fx.p2Table(1, 2) + 24),
                load(fx.p1Table(1, 2, 3) + 32)), fx.cpu.log());
        fx.assertWord(ER, 0x1023L, 0x1003L);
        fx.assertWord(E4, 0x2023L, 0x2003L);
        fx.assertWord(E3, 0x3023L, 0x3003L);
        fx.assertWord(E2, 0x4023L, 0x4003L);
        fx.assertWord(E1, 0x80_0003L);
    }

    @Test
    void translateAddr_noneWhenNotMapped_physWhenMapped() {
        Fixture fx = Fixture.withChain();
        assertEquals(hex(0x80_0123L), hex(fx.translateAddr(VA + 0x123)));
        assertEquals(-1L, fx.translateAddr(VA + 0x1000));
    }

    // =============================================================================================
    // translate_page (§6.5): zero tests only, alignment for 1G/2M
    // =============================================================================================

    @ParameterizedTest(name = "size {0}, zero entry at level {1}")
    @MethodSource("zeroRows")
    void translatePage_zeroEntry_pageNotMapped(int size, int level) {
        Fixture fx = withPath(size);
        fx.poke(entryAddr(level), 0);
        assertErr(fx.translatePage(size, pageFor(size)), MapperError.PAGE_NOT_MAPPED);
        assertEquals(0, fx.cpu.stores());
        assertEquals(5 - level, fx.cpu.loads());
        assertReadDownTo(fx, size, level);
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {1, 2, 3})
    void translatePage_mapped_ok(int size) {
        Fixture fx = withPath(size);
        long expected = size == SIZE_4K ? 0x80_0000L : size == SIZE_2M ? 0x20_0000L : 0x4000_0000L;
        assertFrame(fx.translatePage(size, pageFor(size)), expected, size);
        assertReadDownTo(fx, size, size);
    }

    @Test
    void translatePage1G_unalignedLeaf_invalidFrameAddress() {
        Fixture fx = withPath(SIZE_1G);
        fx.poke(E3, 0x4000_1083L);
        assertErr(fx.translatePage(SIZE_1G, pageFor(SIZE_1G)), MapperError.INVALID_FRAME_ADDRESS, 0x4000_1000L);
    }

    @Test
    void translatePage2M_unalignedLeaf_invalidFrameAddress() {
        Fixture fx = withPath(SIZE_2M);
        fx.poke(E2, 0x20_1083L);
        assertErr(fx.translatePage(SIZE_2M, pageFor(SIZE_2M)), MapperError.INVALID_FRAME_ADDRESS, 0x20_1000L);
    }

    @Test
    void translatePage_noPresentOrHugeCheckAtLeaf() {
        Fixture fx = Fixture.withChain();
        fx.poke(E1, 0x80_1000L | NX); // not present
        assertFrame(fx.translatePage(SIZE_4K, VA), 0x80_1000L, SIZE_4K);
        fx.poke(E1, 0x80_0083L); // HUGE in a level 1 entry
        assertFrame(fx.translatePage(SIZE_4K, VA), 0x80_0000L, SIZE_4K);
        fx.poke(E2, 0x20_0003L); // a 2 MiB-aligned table pointer read as a 2 MiB leaf
        assertFrame(fx.translatePage(SIZE_2M, pageFor(SIZE_2M)), 0x20_0000L, SIZE_2M);
    }

    @Test
    void translatePage4K_nonPresentNonZeroParent_isReadThroughAndFaultsOnHardware() {
        // Zero test only: P2[3] = 0x4002 counts as in use, so the crate reads "P1" through it.
        Fixture fx = Fixture.withChain();
        fx.poke(E2, 0x4002L);
        assertTableFault(() -> fx.table.translatePage(Fixture.page4k(VA)), 0x0, fx.p1Table(1, 2, 3) + 32);
    }

    // =============================================================================================
    // unmap (§6.5): frame() on parents; leaf rules per size
    // =============================================================================================

    static Stream<Arguments> unmapParentRows() {
        List<Arguments> rows = new ArrayList<>();
        for (int size = SIZE_4K; size <= SIZE_1G; size++) {
            for (int level = 4; level > size; level--) {
                long table = pathValue(size, level) & ~0xfffL;
                rows.add(Arguments.of(size, level, 0L, MapperError.PAGE_NOT_MAPPED));
                rows.add(Arguments.of(size, level, table | 0x202L, MapperError.PAGE_NOT_MAPPED)); // W, BIT_9, no P
                rows.add(Arguments.of(size, level, table | 0x82L, MapperError.PAGE_NOT_MAPPED)); // HUGE, no P
                rows.add(Arguments.of(size, level, table | 0x83L, MapperError.PARENT_ENTRY_HUGE_PAGE));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "size {0}, level {1} entry {2}: error {3}")
    @MethodSource("unmapParentRows")
    void unmap_parentFrameCheck_noChildReadThroughIt(int size, int level, long raw, int error) {
        Fixture fx = withPath(size);
        fx.poke(entryAddr(level), raw);
        assertErr(fx.unmap(size, pageFor(size)), error);
        assertEquals(0, fx.cpu.stores());
        assertEquals(5 - level, fx.cpu.loads(), "never reads a child through the failing parent");
        fx.assertWord(entryAddr(level), raw);
        fx.assertWord(ER, 0x1023L);
    }

    @Test
    void unmap1G_leafRules() {
        long page = pageFor(SIZE_1G);
        Fixture fx = withPath(SIZE_1G);
        fx.poke(E3, 0);
        assertErr(fx.unmap(SIZE_1G, page), MapperError.PAGE_NOT_MAPPED);
        fx.poke(E3, 0x4000_0082L);
        assertErr(fx.unmap(SIZE_1G, page), MapperError.PAGE_NOT_MAPPED);
        fx.poke(E3, 0x3003L);
        assertErr(fx.unmap(SIZE_1G, page), MapperError.PARENT_ENTRY_HUGE_PAGE);
        fx.poke(E3, 0x4000_1083L);
        assertErr(fx.unmap(SIZE_1G, page), MapperError.INVALID_FRAME_ADDRESS, 0x4000_1000L);
        fx.assertWord(E3, 0x4000_1083L);
        assertEquals(0, fx.cpu.stores());
    }

    @Test
    void unmap1G_ok_zeroesLeafAndReturnsFrame() {
        Fixture fx = withPath(SIZE_1G);
        assertUnmapped(fx.unmap(SIZE_1G, pageFor(SIZE_1G)), 0x4000_0000L, pageFor(SIZE_1G), SIZE_1G);
        fx.assertWord(E3, 0);
        fx.assertWord(E4, 0x2063L, 0x2003L);
        fx.assertWord(ER, 0x1023L);
    }

    @Test
    void unmap2M_leafRules() {
        long page = pageFor(SIZE_2M);
        Fixture fx = withPath(SIZE_2M);
        fx.poke(E2, 0);
        assertErr(fx.unmap(SIZE_2M, page), MapperError.PAGE_NOT_MAPPED);
        fx.poke(E2, 0x20_0082L);
        assertErr(fx.unmap(SIZE_2M, page), MapperError.PAGE_NOT_MAPPED);
        fx.poke(E2, 0x4003L);
        assertErr(fx.unmap(SIZE_2M, page), MapperError.PARENT_ENTRY_HUGE_PAGE);
        fx.poke(E2, 0x20_1083L);
        assertErr(fx.unmap(SIZE_2M, page), MapperError.INVALID_FRAME_ADDRESS, 0x20_1000L);
        fx.assertWord(E2, 0x20_1083L);
        assertEquals(0, fx.cpu.stores());
    }

    @Test
    void unmap2M_ok_zeroesLeafAndReturnsFrame() {
        Fixture fx = withPath(SIZE_2M);
        assertUnmapped(fx.unmap(SIZE_2M, pageFor(SIZE_2M)), 0x20_0000L, pageFor(SIZE_2M), SIZE_2M);
        fx.assertWord(E2, 0);
        fx.assertWord(E3, 0x3063L, 0x3003L);
        fx.assertWord(E4, 0x2023L);
    }

    @Test
    void unmap4K_leafRules() {
        Fixture fx = Fixture.withChain();
        fx.poke(E1, 0);
        assertErr(fx.unmap(SIZE_4K, VA), MapperError.PAGE_NOT_MAPPED);
        fx.poke(E1, 0x80_0002L);
        assertErr(fx.unmap(SIZE_4K, VA), MapperError.PAGE_NOT_MAPPED);
        fx.poke(E1, 0x80_0082L); // PRESENT is tested before HUGE
        assertErr(fx.unmap(SIZE_4K, VA), MapperError.PAGE_NOT_MAPPED);
        fx.poke(E1, 0x80_0083L);
        assertErr(fx.unmap(SIZE_4K, VA), MapperError.PARENT_ENTRY_HUGE_PAGE);
        assertEquals(0, fx.cpu.stores());
    }

    @Test
    void unmap4K_ok_zeroesWholeLeafAndFreesNoTable() {
        Fixture fx = Fixture.withChain();
        fx.poke(E1, 0x8000_0000_0080_0167L); // NX, GLOBAL, A, D: the whole word goes
        assertUnmapped(fx.unmap(SIZE_4K, VA), 0x80_0000L, VA, SIZE_4K);
        fx.assertWord(E1, 0);
        fx.assertWord(E2, 0x4063L, 0x4003L);
        fx.assertWord(E3, 0x3023L);
        fx.assertWord(E4, 0x2023L);
        assertEquals(0, fx.allocator.takeFreed().length);
    }

    // =============================================================================================
    // update_flags (§6.5): zero tests at every level including the leaf, then set_flags
    // =============================================================================================

    @ParameterizedTest(name = "size {0}, zero entry at level {1}")
    @MethodSource("zeroRows")
    void updateFlags_zeroEntry_pageNotMapped(int size, int level) {
        Fixture fx = withPath(size);
        fx.poke(entryAddr(level), 0);
        assertErr(fx.updateFlags(size, pageFor(size), P | W), MapperError.PAGE_NOT_MAPPED);
        assertEquals(0, fx.cpu.stores(), "no store");
        assertReadDownTo(fx, size, level);
    }

    @Test
    void updateFlags4K_replacesAllFlagBits_keepsAddress() {
        Fixture fx = Fixture.withChain();
        fx.poke(E1, 0x80_0163L); // A, D and GLOBAL are overwritten
        assertOkFlush(fx.updateFlags(SIZE_4K, VA, P | W | U | NX), VA);
        fx.assertWord(E1, 0x8000_0000_0080_0007L);
        fx.assertWord(E2, 0x4063L, 0x4003L);
    }

    @Test
    void updateFlags4K_hugeIsAllowedAndNotAdded() {
        Fixture fx = Fixture.withChain();
        assertOkFlush(fx.updateFlags(SIZE_4K, VA, P | HUGE), VA);
        fx.assertWord(E1, 0x80_0081L);
        assertOkFlush(fx.updateFlags(SIZE_4K, VA, P), VA);
        fx.assertWord(E1, 0x80_0001L);
    }

    @Test
    void updateFlags2M_addsHuge() {
        Fixture fx = withPath(SIZE_2M);
        fx.poke(E2, 0x20_00e3L);
        assertOkFlush(fx.updateFlags(SIZE_2M, pageFor(SIZE_2M), P | W), pageFor(SIZE_2M));
        fx.assertWord(E2, 0x20_0083L);
        fx.assertWord(E3, 0x3063L);
    }

    @Test
    void updateFlags1G_addsHuge() {
        Fixture fx = withPath(SIZE_1G);
        fx.poke(E3, 0x4000_00e3L);
        assertOkFlush(fx.updateFlags(SIZE_1G, pageFor(SIZE_1G), P | NX), pageFor(SIZE_1G));
        fx.assertWord(E3, 0x8000_0000_4000_0081L);
        fx.assertWord(E4, 0x2063L);
    }

    @Test
    void updateFlags_neverParentEntryHugePage() {
        // No HUGE checks at any level: update_flags<1G> on a table pointer succeeds (Q10).
        Fixture fx = Fixture.withChain();
        assertOkFlush(fx.updateFlags(SIZE_1G, rec(1, 2, 0, 0), P | W), rec(1, 2, 0, 0));
        fx.assertWord(E3, 0x3083L);
    }

    // =============================================================================================
    // set_flags_p4_entry / p3 / p2 (§6.5)
    // =============================================================================================

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {1, 2, 3})
    void setFlagsP4_zero_pageNotMapped(int size) {
        Fixture fx = Fixture.standard();
        assertErr(fx.setFlagsP4(size, pageFor(size), P | W), MapperError.PAGE_NOT_MAPPED);
        assertEquals(1, fx.cpu.log().size());
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {1, 2, 3})
    void setFlagsP4_replacesFlags_keepsAddress_noRecursiveAccess(int size) {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2063L | NX);
        assertFlushAll(fx.setFlagsP4(size, pageFor(size), P | W | U));
        fx.assertWord(E4, 0x2007L);
        fx.assertWord(ER, 0x1063L, 0x1003L);
        assertEquals(List.of(load(fx.p4Table() + 8), store(fx.p4Table() + 8)), fx.cpu.log());
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {1, 2})
    void setFlagsP3_zeroTests(int size) {
        Fixture fx = Fixture.standard();
        assertErr(fx.setFlagsP3(size, pageFor(size), P | W), MapperError.PAGE_NOT_MAPPED);
        fx.poke(E4, 0x2003L);
        assertErr(fx.setFlagsP3(size, pageFor(size), P | W), MapperError.PAGE_NOT_MAPPED);
        assertEquals(0, fx.cpu.stores());
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {1, 2})
    void setFlagsP3_replacesFlags(int size) {
        Fixture fx = Fixture.withChain();
        fx.poke(E3, 0x3063L);
        assertFlushAll(fx.setFlagsP3(size, pageFor(size), P | W | U | NX));
        fx.assertWord(E3, 0x8000_0000_0000_3007L);
        fx.assertWord(E4, 0x2063L, 0x2003L);
    }

    @Test
    void setFlagsP2_4K_zeroTests() {
        Fixture fx = Fixture.standard();
        assertErr(fx.setFlagsP2(SIZE_4K, VA, P), MapperError.PAGE_NOT_MAPPED);
        fx.poke(E4, 0x2003L);
        assertErr(fx.setFlagsP2(SIZE_4K, VA, P), MapperError.PAGE_NOT_MAPPED);
        fx.poke(E3, 0x3003L);
        assertErr(fx.setFlagsP2(SIZE_4K, VA, P), MapperError.PAGE_NOT_MAPPED);
        assertEquals(0, fx.cpu.stores());
    }

    @Test
    void setFlagsP2_4K_replacesFlags() {
        Fixture fx = Fixture.withChain();
        assertFlushAll(fx.setFlagsP2(SIZE_4K, VA, P | U));
        fx.assertWord(E2, 0x4005L);
        fx.assertWord(E3, 0x3063L, 0x3003L);
        fx.assertWord(E4, 0x2023L);
    }

    static Stream<Arguments> constantParentEntryHugePage() {
        List<Arguments> rows = new ArrayList<>();
        for (boolean chain : new boolean[] {false, true}) {
            rows.add(Arguments.of("set_flags_p3_entry<1G>", 3, SIZE_1G, chain));
            rows.add(Arguments.of("set_flags_p2_entry<1G>", 2, SIZE_1G, chain));
            rows.add(Arguments.of("set_flags_p2_entry<2M>", 2, SIZE_2M, chain));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}, chain present: {3}")
    @MethodSource("constantParentEntryHugePage")
    void setFlags_constantParentEntryHugePage_touchesNoMemory(String name, int level, int size, boolean chain) {
        Fixture fx = chain ? Fixture.withChain() : Fixture.standard();
        MapperResult res = level == 3 ? fx.setFlagsP3(size, pageFor(size), P | W)
                : fx.setFlagsP2(size, pageFor(size), P | W);
        assertErr(res, MapperError.PARENT_ENTRY_HUGE_PAGE);
        assertEquals(List.of(), fx.cpu.log(), "no table access");
        fx.assertNoMemoryAccess();
        fx.assertWord(ER, 0x1003L); // not even ACCESSED
    }

    // =============================================================================================
    // map_to (§6.4 create_next_table, §6.5)
    // =============================================================================================

    @Test
    void mapTo4K_onEmpty_allocatesTopDown_zeroesNewTables_exactValues() {
        Fixture fx = Fixture.standard();
        for (long frame = 0x100000L; frame <= 0x102000L; frame += 0x1000) {
            fx.poke(frame + 0x800, 0xdead_b003L); // garbage that zeroing must clear
        }
        assertOkFlush(fx.mapTo(SIZE_4K, VA, 0x80_0000L, P | W), VA);
        fx.assertWord(ER, 0x1063L, 0x1003L);
        fx.assertWord(E4, 0x10_0063L, 0x10_0003L);
        fx.assertWord(0x10_0010L, 0x10_1063L, 0x10_1003L);
        fx.assertWord(0x10_1018L, 0x10_2063L, 0x10_2003L);
        fx.assertWord(0x10_2020L, 0x80_0003L);
        for (long frame = 0x100000L; frame <= 0x102000L; frame += 0x1000) {
            fx.assertWord(frame + 0x800, 0);
        }
        assertEquals(hex(0x103000L), hex(fx.allocator.allocateFrame()), "three frames taken");
        // each new table zeroed with 512 stores, in order, through its recursive address
        List<String> log = fx.cpu.log();
        int firstZero = log.indexOf(store(fx.p3Table(1)));
        for (int i = 0; i < 512; i++) {
            assertEquals(store(fx.p3Table(1) + 8L * i), log.get(firstZero + i));
        }
    }

    @Test
    void mapTo4K_userNoExecute_parentsGetOnlyPresentWritableUser() {
        Fixture fx = Fixture.standard();
        assertOkFlush(fx.mapTo(SIZE_4K, VA, 0x80_0000L, P | W | U | NX | GLOBAL), VA);
        fx.assertWord(E4, 0x10_0067L, 0x10_0007L);
        fx.assertWord(0x10_0010L, 0x10_1067L, 0x10_1007L);
        fx.assertWord(0x10_1018L, 0x10_2067L, 0x10_2007L);
        fx.assertWord(0x10_2020L, 0x8000_0000_0080_0107L);
    }

    @Test
    void mapTo2M_onEmpty_leafGetsHuge() {
        Fixture fx = Fixture.standard();
        long page = rec(1, 2, 3, 0);
        assertOkFlush(fx.mapTo(SIZE_2M, page, 0x20_0000L, P | W | NX), page);
        fx.assertWord(E4, 0x10_0063L, 0x10_0003L);
        fx.assertWord(0x10_0010L, 0x10_1063L, 0x10_1003L);
        fx.assertWord(0x10_1018L, 0x8000_0000_0020_0083L);
        assertEquals(hex(0x102000L), hex(fx.allocator.allocateFrame()), "two frames taken");
    }

    @Test
    void mapTo1G_onEmpty_oneTable_leafGetsHuge() {
        Fixture fx = Fixture.standard();
        long page = rec(1, 2, 0, 0);
        assertOkFlush(fx.mapTo(SIZE_1G, page, 0x4000_0000L, P | U), page);
        fx.assertWord(E4, 0x10_0067L, 0x10_0007L);
        fx.assertWord(0x10_0010L, 0x4000_0085L);
        assertEquals(hex(0x101000L), hex(fx.allocator.allocateFrame()), "one frame taken");
    }

    @Test
    void mapTo_existingParents_getParentFlagsOred_noAllocation() {
        Fixture fx = Fixture.withChain();
        fx.poke(E1, 0);
        assertOkFlush(fx.mapTo(SIZE_4K, VA, 0x90_0000L, P | W | U), VA);
        fx.assertWord(E4, 0x2067L, 0x2007L);
        fx.assertWord(E3, 0x3067L, 0x3007L);
        fx.assertWord(E2, 0x4067L, 0x4007L);
        fx.assertWord(E1, 0x90_0007L);
        assertEquals(hex(0x100000L), hex(fx.allocator.allocateFrame()), "nothing allocated");
    }

    @Test
    void mapTo_existingParentsAlreadyContainingFlags_areNotStored() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2007L);
        fx.poke(E3, 0x3007L);
        fx.poke(E2, 0x4007L);
        assertOkFlush(fx.mapTo(SIZE_4K, VA, 0x90_0000L, P | W), VA);
        assertEquals(1, fx.cpu.stores(), "only the leaf is stored");
        fx.assertWord(ER, 0x1023L); // the level 4 table was only read
        fx.assertWord(E4, 0x2027L);
        fx.assertWord(E3, 0x3027L);
        fx.assertWord(E2, 0x4067L);
        fx.assertWord(E1, 0x90_0003L);
    }

    @Test
    void mapTo_existingParent_presentAndWritableNotForced() {
        // Only insert_flags are ORed in: with parent flags P (flags P), a read-only parent stays read-only.
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2005L); // P|U, not writable
        fx.poke(E3, 0x3007L);
        fx.poke(E2, 0x4007L);
        // the leaf store goes through P2[3] as PTE; P4[1] is the PDPTE of that access and is not writable
        assertTableFault(() -> fx.table.mapTo(Fixture.page4k(VA), Fixture.frame(SIZE_4K, 0x90_0000L),
                Fixture.flags(P), fx.allocator), 0x3, fx.p1Table(1, 2, 3) + 32);
        fx.assertWord(E4, 0x2025L);
    }

    @Test
    void mapTo_parentBecomesHugeAfterOr_parentEntryHugePage() {
        Fixture fx = Fixture.withChain();
        fx.poke(E2, 0x20_0083L); // a 2 MiB page where map_to<4K> needs a P1 table
        assertErr(fx.mapTo(SIZE_4K, VA, 0x90_0000L, P | W | U), MapperError.PARENT_ENTRY_HUGE_PAGE);
        fx.assertWord(E2, 0x20_0087L); // USER was ORed in before the HUGE test
        fx.assertWord(E3, 0x3067L, 0x3007L);
    }

    @Test
    void mapTo_pageAlreadyMapped4K_carriesRequestedFrame_leafUnchanged() {
        Fixture fx = Fixture.withChain();
        assertErr(fx.mapTo(SIZE_4K, VA, 0x90_0000L, P | W), MapperError.PAGE_ALREADY_MAPPED, 0x90_0000L);
        fx.assertWord(E1, 0x80_0003L);
        fx.assertWord(ER, 0x1023L);
        fx.assertWord(E4, 0x2023L);
        fx.assertWord(E3, 0x3023L);
        fx.assertWord(E2, 0x4023L);
    }

    @Test
    void mapTo_pageAlreadyMapped2M_carriesRequestedFrame() {
        Fixture fx = withPath(SIZE_2M);
        assertErr(fx.mapTo(SIZE_2M, pageFor(SIZE_2M), 0x40_0000L, P | W), MapperError.PAGE_ALREADY_MAPPED,
                0x40_0000L);
        fx.assertWord(E2, 0x20_0083L);
    }

    @Test
    void mapTo_pageAlreadyMapped1G_carriesRequestedFrame() {
        Fixture fx = withPath(SIZE_1G);
        assertErr(fx.mapTo(SIZE_1G, pageFor(SIZE_1G), 0xc000_0000L, P | W), MapperError.PAGE_ALREADY_MAPPED,
                0xc000_0000L);
        fx.assertWord(E3, 0x4000_0083L);
    }

    @Test
    void mapTo_frameAllocationFailed_leavesPartialTables() {
        Fixture fx = Fixture.options().pool(Fixture.POOL, 2).build();
        assertErr(fx.mapTo(SIZE_4K, VA, 0x80_0000L, P | W), MapperError.FRAME_ALLOCATION_FAILED);
        fx.assertWord(E4, 0x10_0063L, 0x10_0003L);
        fx.assertWord(0x10_0010L, 0x10_1063L, 0x10_1003L);
        fx.assertWord(0x10_1018L, 0);
        assertTrue(fx.allocator.inUse(0x100000L) && fx.allocator.inUse(0x101000L), "frames not returned");
    }

    @Test
    void mapTo_frameAllocationFailed_emptyPool_nothingChanged() {
        Fixture fx = Fixture.options().pool(Fixture.POOL, 0).build();
        assertErr(fx.mapTo(SIZE_1G, rec(1, 2, 0, 0), 0x4000_0000L, P | W), MapperError.FRAME_ALLOCATION_FAILED);
        fx.assertWord(E4, 0);
        fx.assertWord(ER, 0x1023L);
        assertEquals(0, fx.cpu.stores());
    }

    @Test
    void mapTo4K_hugeInFlags_panicsAfterAllTablesExist() {
        Fixture fx = Fixture.standard();
        assertPanic(() -> fx.table.mapTo(Fixture.page4k(VA), Fixture.frame(SIZE_4K, 0x80_0000L),
                Fixture.flags(P | W | HUGE), fx.allocator), null);
        fx.assertWord(E4, 0x10_0063L, 0x10_0003L);
        fx.assertWord(0x10_0010L, 0x10_1063L, 0x10_1003L);
        fx.assertWord(0x10_1018L, 0x10_2063L, 0x10_2003L);
        fx.assertWord(0x10_2020L, 0);
    }

    @Test
    void mapTo_hugeInParentFlags_whenCreating_panics_entryStaysZero_frameLeaks() {
        Fixture fx = Fixture.standard();
        assertPanic(() -> fx.table.mapToWithTableFlags(Fixture.page4k(VA), Fixture.frame(SIZE_4K, 0x80_0000L),
                Fixture.flags(P | W), Fixture.flags(P | W | HUGE), fx.allocator), null);
        fx.assertWord(E4, 0);
        fx.assertWord(ER, 0x1023L);
        assertTrue(fx.allocator.inUse(0x100000L), "the frame was taken and leaks");
        assertFalse(fx.allocator.inUse(0x101000L));
    }

    @Test
    void mapToWithTableFlags_newParentsGetPresentWritableAndParentFlagsOnly() {
        Fixture fx = Fixture.standard();
        assertOkFlush(fx.mapToWithTableFlags(SIZE_4K, VA, 0x80_0000L, P, GLOBAL | NX), VA);
        fx.assertWord(E4, 0x8000_0000_0010_0163L, 0x8000_0000_0010_0103L);
        fx.assertWord(0x10_0010L, 0x8000_0000_0010_1163L, 0x8000_0000_0010_1103L);
        fx.assertWord(0x10_1018L, 0x8000_0000_0010_2163L, 0x8000_0000_0010_2103L);
        fx.assertWord(0x10_2020L, 0x80_0001L);
    }

    @Test
    void mapTo_pageAlreadyMappedEvenForNonPresentLeaf() {
        Fixture fx = Fixture.withChain();
        fx.poke(E1, 0x200L);
        assertErr(fx.mapTo(SIZE_4K, VA, 0x90_0000L, P | W), MapperError.PAGE_ALREADY_MAPPED, 0x90_0000L);
        fx.assertWord(E1, 0x200L);
    }
}
