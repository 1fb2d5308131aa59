package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ptoracle.model.Fixture.P;
import static org.ptoracle.model.Fixture.SIZE_4K;
import static org.ptoracle.model.Fixture.VA;
import static org.ptoracle.model.Fixture.W;
import static org.ptoracle.model.Fixture.assertOkFlush;
import static org.ptoracle.model.Fixture.assertUnmapped;
import static org.ptoracle.model.Fixture.hex;
import static org.ptoracle.model.Fixture.rec;
import static org.ptoracle.model.QuirksTest.hexList;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptoracle.spec.FrameDeallocator;

/**
 * crate-semantics §6.7: clean_up and clean_up_addr_range on the verification fixture (r = 100, P4 at
 * 0x1000): post-order, increasing index, recursive slot skipped at level 4 only, non-present and huge
 * entries skipped, a table freed only when all 512 entries are zero, the parent entry zeroed before the
 * frame is handed back.
 */
class CleanUpTest {
    private static final long ER = Fixture.P4 + 8 * Fixture.R;

    /**
     * The §6.7 fixture:
     * P4[1]->P3@0x2000, P3[2]->P2@0x3000, P2[3]->empty P1@0x4000, P2[4]->P1@0x5000 with [9] = 0x200;
     * P3[5] = a 1 GiB huge entry; P4[2]->empty P3@0x6000; P4[3] = 0x7200 (not present);
     * P4[4]->P3@0x8000->P2@0x9000 with [0]->empty P1@0xa000 and [1] = 0xb000 (not present);
     * P4[300]->P3@0xc000 with [511]->empty P2@0xd000.
     */
    static Fixture cleanUpFixture() {
        Fixture fx = Fixture.standard();
        fx.set(0x1000, 1, 0x2003);
        fx.set(0x2000, 2, 0x3003);
        fx.set(0x3000, 3, 0x4003);
        fx.set(0x3000, 4, 0x5003);
        fx.set(0x5000, 9, 0x200);
        fx.set(0x2000, 5, 0x4000_0083L);
        fx.set(0x1000, 2, 0x6003);
        fx.set(0x1000, 3, 0x7200);
        fx.set(0x1000, 4, 0x8003);
        fx.set(0x8000, 0, 0x9003);
        fx.set(0x9000, 0, 0xa003);
        fx.set(0x9000, 1, 0xb000);
        fx.set(0x1000, 300, 0xc003);
        fx.set(0xc000, 511, 0xd003);
        return fx;
    }

    @Test
    void cleanUp_fixture_deallocationOrder() {
        Fixture fx = cleanUpFixture();
        assertEquals("[0x4000, 0x6000, 0xa000, 0xd000, 0xc000]", hexList(fx.cleanUp()));
    }

    @Test
    void cleanUp_fixture_entriesAfterwards_exact() {
        Fixture fx = cleanUpFixture();
        fx.cleanUp();
        // freed tables: parent entries zeroed
        fx.assertWord(0x1000 + 8 * 2, 0);
        fx.assertWord(0x1000 + 8 * 300, 0);
        fx.assertWord(0x3000 + 8 * 3, 0);
        fx.assertWord(0x9000 + 8 * 0, 0);
        fx.assertWord(0xc000 + 8 * 511, 0);
        // unchanged but for the accessed/dirty bits the recursive accesses set
        fx.assertWord(0x1000 + 8 * 1, 0x2023L, 0x2003L);
        fx.assertWord(0x1000 + 8 * 3, 0x7200L);
        fx.assertWord(0x1000 + 8 * 4, 0x8023L, 0x8003L);
        fx.assertWord(ER, 0x1063L, 0x1003L);
        fx.assertWord(0x2000 + 8 * 2, 0x3063L, 0x3003L);
        fx.assertWord(0x2000 + 8 * 5, 0x4000_0083L); // huge: skipped, not descended
        fx.assertWord(0x3000 + 8 * 4, 0x5023L, 0x5003L);
        fx.assertWord(0x5000 + 8 * 9, 0x200L); // keeps P1@0x5000 alive
        fx.assertWord(0x8000 + 8 * 0, 0x9063L, 0x9003L);
        fx.assertWord(0x9000 + 8 * 1, 0xb000L); // keeps P2@0x9000 alive
    }

    @Test
    void cleanUp_zeroesParentEntryBeforeDeallocating() {
        Fixture fx = cleanUpFixture();
        List<String> seen = new ArrayList<>();
        FrameDeallocator checking = frame -> {
            long parent = frame == 0x4000 ? 0x3018 : frame == 0x6000 ? 0x1010 : frame == 0xa000 ? 0x9000
                    : frame == 0xd000 ? 0xcff8 : 0x1960;
            seen.add(hex(frame) + ":" + hex(fx.peek(parent)));
        };
        Fixture.call(() -> {
            fx.table.cleanUp(checking);
            return null;
        });
        assertEquals(List.of("0x4000:0x0", "0x6000:0x0", "0xa000:0x0", "0xd000:0x0", "0xc000:0x0"), seen);
    }

    @Test
    void cleanUp_skipsTheRecursiveIndexAtLevel4Only() {
        // index r (100) at levels 3 and 2 is an ordinary entry: descended into and freed when empty
        Fixture fx = Fixture.standard();
        fx.set(0x1000, 1, 0x2003);
        fx.set(0x2000, Fixture.R, 0x3003); // P3[100] -> empty P2@0x3000
        fx.set(0x1000, 2, 0x6003);
        fx.set(0x6000, 0, 0x7003);
        fx.set(0x7000, Fixture.R, 0x8003); // P2[100] -> empty P1@0x8000
        assertEquals("[0x3000, 0x2000, 0x8000, 0x7000, 0x6000]", hexList(fx.cleanUp()));
        fx.assertWord(ER, 0x1063L, 0x1003L);
    }

    @Test
    void cleanUp_isCleanUpAddrRangeOverTheWholeSpace() {
        Fixture fx = cleanUpFixture();
        assertEquals("[0x4000, 0x6000, 0xa000, 0xd000, 0xc000]",
                hexList(fx.cleanUpRange(0, 0xffff_ffff_ffff_f000L)));
    }

    @Test
    void cleanUp_emptyLevel4_freesNothing_neverFreesTheLevel4Table() {
        Fixture fx = Fixture.standard();
        assertEquals("[]", hexList(fx.cleanUp()));
        fx.assertWord(ER, 0x1023L, 0x1003L);
        assertEquals(0, fx.cpu.stores());
    }

    @Test
    void cleanUpRange_startAfterEnd_higherToLowerHalf_isNoOp_touchesNothing() {
        Fixture fx = cleanUpFixture();
        assertEquals("[]", hexList(fx.cleanUpRange(0xffff_8000_0000_0000L, 0)));
        assertEquals(List.of(), fx.cpu.log());
        fx.assertNoMemoryAccess();
    }

    @Test
    void cleanUpRange_startAfterEnd_lowerHalf_isNoOp() {
        Fixture fx = cleanUpFixture();
        assertEquals("[]", hexList(fx.cleanUpRange(rec(1, 2, 3, 1), rec(1, 2, 3, 0))));
        fx.assertNoMemoryAccess();
    }

    @Test
    void cleanUpRange_singlePage_freesItsEmptyLevel1Table_only() {
        Fixture fx = cleanUpFixture();
        long page = rec(1, 2, 3, 0);
        assertEquals("[0x4000]", hexList(fx.cleanUpRange(page, page)));
        fx.assertWord(0x3000 + 8 * 3, 0);
        fx.assertWord(0x1000 + 8 * 2, 0x6003L); // outside the range: untouched, not even read
        fx.assertWord(0x2000 + 8 * 2, 0x3063L, 0x3003L);
    }

    @Test
    void cleanUpRange_singlePage_freesParentsThatBecomeEmpty() {
        Fixture fx = Fixture.standard();
        assertOkFlush(fx.mapTo(SIZE_4K, VA, 0x80_0000L, P | W), VA);
        assertUnmapped(fx.unmap(SIZE_4K, VA), 0x80_0000L, VA, SIZE_4K);
        assertEquals("[0x102000, 0x101000, 0x100000]", hexList(fx.cleanUpRange(VA, VA)));
        fx.assertWord(Fixture.E4, 0);
    }

    @Test
    void cleanUpRange_onlyTheRecursiveSlot_doesNothing() {
        Fixture fx = cleanUpFixture();
        int r = Fixture.R;
        assertEquals("[]", hexList(fx.cleanUpRange(rec(r, 0, 0, 0), rec(r, 511, 511, 511))));
        assertEquals(0, fx.cpu.stores());
        fx.assertWord(ER, 0x1023L, 0x1003L);
        fx.assertWord(0x1000 + 8 * 2, 0x6003L);
    }

    @Test
    void cleanUpRange_higherHalfSlot_freesItsTables() {
        Fixture fx = cleanUpFixture();
        assertEquals("[0xd000, 0xc000]", hexList(fx.cleanUpRange(rec(300, 0, 0, 0), rec(300, 511, 511, 511))));
        fx.assertWord(0x1000 + 8 * 300, 0);
        fx.assertWord(0x1000 + 8 * 2, 0x6003L);
    }

    @Test
    void cleanUpRange_acrossTheCanonicalGap() {
        Fixture fx = cleanUpFixture();
        assertEquals("[0x6000, 0xa000, 0xd000, 0xc000]",
                hexList(fx.cleanUpRange(rec(2, 0, 0, 0), 0xffff_ffff_ffff_f000L)));
    }

    @Test
    void cleanUpRange_partialTable_entryRangeClippedToTheRange() {
        // range inside P2@0x9000 entry 0 only: frees P1@0xa000; P2@0x9000 keeps its non-present entry 1
        Fixture fx = cleanUpFixture();
        assertEquals("[0xa000]", hexList(fx.cleanUpRange(rec(4, 0, 0, 5), rec(4, 0, 0, 7))));
        fx.assertWord(0x8000, 0x9063L, 0x9003L);
    }
}
