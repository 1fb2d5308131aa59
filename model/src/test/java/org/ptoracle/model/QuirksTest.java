package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import static org.ptoracle.model.Fixture.assertOkFlush;
import static org.ptoracle.model.Fixture.assertPageFault;
import static org.ptoracle.model.Fixture.assertPanic;
import static org.ptoracle.model.Fixture.assertPhys;
import static org.ptoracle.model.Fixture.assertTableFault;
import static org.ptoracle.model.Fixture.assertUnmapped;
import static org.ptoracle.model.Fixture.hex;
import static org.ptoracle.model.Fixture.rec;

import org.junit.jupiter.api.Test;
import org.ptoracle.spec.Access;
import org.ptoracle.spec.MapperError;
import org.ptoracle.spec.MapperResult;
import org.ptoracle.spec.PhysFrame;

/**
 * crate-semantics §8, quirks Q1 to Q20, on the §8 fixture: r = 100, P4 at phys 0x1000 with P4[100] =
 * 0x1003, CR3 = 0x1000, CR0.WP = 1, EFER.NXE = 1, supervisor accesses; VA = 0x0000_0080_8060_4000 with
 * indices (1,2,3,4); "chain" P4[1] = 0x2003, P3@0x2000[2] = 0x3003, P2@0x3000[3] = 0x4003, P1@0x4000[4] =
 * 0x80_0003.
 *
 * <p>Each test checks the crate side (result, error, panic, or the fault the crate's own recursive access
 * takes on the MMU: the model reports the crate's result and the hardware's fault) and, where §8 gives
 * it, the hardware side through {@link MmuModel#access}. Exact words include the accessed/dirty bits
 * the walks set (Q14); the two-value form of assertWord also checks the document's value masked of them.
 */
class QuirksTest {
    private static final long ER = Fixture.P4 + 8 * Fixture.R;
    private static final int READ = Access.READ;
    private static final int WRITE = Access.WRITE;
    private static final int SUP = Access.SUPERVISOR;
    private static final int USER = Access.USER;

    // ---- Q1: is_unused means "whole word zero" -------------------------------------------------

    @Test
    void q1a_nonPresentNonZeroP4EntryFaultsOnRecursiveRead_translate() {
        Fixture fx = Fixture.withChain();
        fx.poke(E4, 0x2200L);
        // P4[1] is the PTE of rec(r,r,r,1): the crate's read of P3[2] is a not-present #PF (a software
        // view would read table 0x2000 and answer Mapped 0x800000).
        assertTableFault(() -> fx.table.translate(VA), 0x0, fx.p3Table(1) + 16);
        fx.assertWord(E4, 0x2200L);
        fx.assertWord(ER, 0x1023L);
        // HW translation of VA: not present at the PML4E.
        assertPageFault(fx.access(VA, READ, SUP), 0x0, VA);
    }

    @Test
    void q1a_nonPresentNonZeroP4EntryFaultsOnRecursiveRead_translatePage() {
        Fixture fx = Fixture.withChain();
        fx.poke(E4, 0x2200L);
        assertTableFault(() -> fx.table.translatePage(Fixture.page4k(VA)), 0x0, fx.p3Table(1) + 16);
    }

    @Test
    void q1b_nonPresentNonZeroP4Entry_updateFlagsFaultsOnRecursiveRead() {
        Fixture fx = Fixture.withChain();
        fx.poke(E4, 0x2200L);
        assertTableFault(() -> fx.table.updateFlags(Fixture.page4k(VA), Fixture.flags(P | W)), 0x0,
                fx.p3Table(1) + 16);
        fx.assertWord(E1, 0x80_0003L);
    }

    @Test
    void q1b_nonPresentNonZeroP4Entry_mapToWithEmptyParentFlagsFaults() {
        Fixture fx = Fixture.withChain();
        fx.poke(E4, 0x2200L);
        fx.poke(E1, 0);
        // flags NO_EXECUTE only: parent flags are empty, nothing is ORed in, the read of P3 faults.
        assertTableFault(() -> fx.table.mapTo(Fixture.page4k(VA), Fixture.frame(SIZE_4K, 0x80_0000L),
                Fixture.flags(NX), fx.allocator), 0x0, fx.p3Table(1) + 16);
        fx.assertWord(E4, 0x2200L);
        assertEquals(0, fx.cpu.stores());
    }

    @Test
    void q1c_nonPresentAddressZeroEntry_mapToOrsPresentAndUsesFrameZeroUnzeroed() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x200L);
        fx.poke(0x8L, 0x5555_5000L); // garbage in "P3" = frame 0: not zeroed, because not created
        assertOkFlush(fx.mapTo(SIZE_4K, VA, 0x80_0000L, P | W), VA);
        fx.assertWord(E4, 0x263L, 0x203L); // present, pointing to phys 0
        fx.assertWord(0x10L, 0x10_0063L, 0x10_0003L); // P3[2] written at phys 0x10
        fx.assertWord(0x8L, 0x5555_5000L);
        fx.assertWord(0x10_0018L, 0x10_1063L, 0x10_1003L);
        fx.assertWord(0x10_1020L, 0x80_0003L);
        fx.assertTranslates(VA + 0x10, 0x80_0010L);
    }

    @Test
    void q1d_unmapSeesNonPresent_noRecursiveAccess_thenSetFlagsP4MakesItWork() {
        Fixture fx = Fixture.withChain();
        fx.poke(E4, 0x2200L);
        assertErr(fx.unmap(SIZE_4K, VA), MapperError.PAGE_NOT_MAPPED);
        assertEquals(1, fx.cpu.log().size(), "only the P4 entry was read");
        assertFlushAll(fx.setFlagsP4(SIZE_4K, VA, P | W));
        fx.assertWord(E4, 0x2003L);
        assertUnmapped(fx.unmap(SIZE_4K, VA), 0x80_0000L, VA, SIZE_4K);
        fx.assertWord(E1, 0);
        fx.assertWord(E4, 0x2023L, 0x2003L);
        fx.assertWord(E2, 0x4063L, 0x4003L);
    }

    // ---- Q2: a non-present leaf is reported as mapped --------------------------------------------

    private static Fixture q2Fixture() {
        Fixture fx = Fixture.withChain();
        fx.poke(E1 + 8, 0x8000_0000_0080_1000L); // P1[5]
        return fx;
    }

    @Test
    void q2_mapToWithoutPresentWritesNonPresentLeafAndReturnsOk() {
        Fixture fx = Fixture.withChain();
        assertOkFlush(fx.mapTo(SIZE_4K, VA + 0x1000, 0x80_1000L, NX), VA + 0x1000);
        fx.assertWord(E1 + 8, 0x8000_0000_0080_1000L);
        fx.assertWord(E4, 0x2023L, 0x2003L); // parent flags empty: nothing ORed in
        fx.assertWord(E3, 0x3023L, 0x3003L);
        fx.assertWord(E2, 0x4063L, 0x4003L);
        assertPageFault(fx.access(VA + 0x1000, READ, SUP), 0x0, VA + 0x1000);
    }

    @Test
    void q2_nonPresentLeaf_translateAndTranslateAddrReportMapped_hardwareFaults() {
        Fixture fx = q2Fixture();
        assertMapped(fx.translate(VA + 0x1000), SIZE_4K, 0x80_1000L, 0, NX);
        assertEquals(hex(0x80_1000L), hex(fx.translateAddr(VA + 0x1000)));
        assertPageFault(fx.access(VA + 0x1000, READ, SUP), 0x0, VA + 0x1000);
    }

    @Test
    void q2_nonPresentLeaf_translatePageOk_unmapNotMapped() {
        Fixture fx = q2Fixture();
        assertFrame(fx.translatePage(SIZE_4K, VA + 0x1000), 0x80_1000L, SIZE_4K);
        assertErr(fx.unmap(SIZE_4K, VA + 0x1000), MapperError.PAGE_NOT_MAPPED);
        fx.assertWord(E1 + 8, 0x8000_0000_0080_1000L);
    }

    @Test
    void q2_nonPresentLeaf_updateFlagsOk_mapToAlreadyMapped() {
        Fixture fx = q2Fixture();
        assertOkFlush(fx.updateFlags(SIZE_4K, VA + 0x1000, P | W), VA + 0x1000);
        fx.assertWord(E1 + 8, 0x80_1003L);
        Fixture fy = q2Fixture();
        assertErr(fy.mapTo(SIZE_4K, VA + 0x1000, 0x90_0000L, P | W), MapperError.PAGE_ALREADY_MAPPED, 0x90_0000L);
    }

    // ---- Q3: non-present huge entries are reported as mapped -------------------------------------

    @Test
    void q3_nonPresentHuge1GiB_mappedByCrate_notMappedOnHardware() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(0x2000L + 8 * 6, 0x4000_0080L); // P3[6]
        long page = rec(1, 6, 0, 0);
        assertMapped(fx.translate(page), SIZE_1G, 0x4000_0000L, 0, HUGE);
        assertFrame(fx.translatePage(SIZE_1G, page), 0x4000_0000L, SIZE_1G);
        assertErr(fx.unmap(SIZE_1G, page), MapperError.PAGE_NOT_MAPPED);
        assertPageFault(fx.access(page, READ, SUP), 0x0, page);
    }

    @Test
    void q3_nonPresentHuge2MiB_mappedByCrate_notMappedOnHardware() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x3003L);
        fx.poke(0x3000L + 8 * 5, 0x20_0080L); // P2[5]
        long page = rec(1, 2, 5, 0);
        assertMapped(fx.translate(page + 0x42), SIZE_2M, 0x20_0000L, 0x42, HUGE);
        assertFrame(fx.translatePage(SIZE_2M, page), 0x20_0000L, SIZE_2M);
        assertErr(fx.unmap(SIZE_2M, page), MapperError.PAGE_NOT_MAPPED);
        assertPageFault(fx.access(page, READ, SUP), 0x0, page);
    }

    // ---- Q4: translate_page<1G>/<2M> ignore HUGE and PRESENT at the leaf -------------------------

    @Test
    void q4_translatePage1G_onTablePointer_ok_hardwareUsesItAsTable() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x4000_0003L);
        assertFrame(fx.translatePage(SIZE_1G, rec(1, 2, 0, 0)), 0x4000_0000L, SIZE_1G);
        fx.poke(0x4000_0018L, 0x5003L); // P2@0x4000_0000[3]
        fx.poke(0x5020L, 0x66_6003L); // P1@0x5000[4]
        fx.assertTranslates(VA, 0x66_6000L);
    }

    @Test
    void q4_translatePage1G_unalignedTablePointer_invalidFrameAddress_andBit9Only_frameZero() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(0x2000L + 8 * 3, 0x3003L);
        fx.poke(0x2000L + 8 * 7, 0x200L);
        assertErr(fx.translatePage(SIZE_1G, rec(1, 3, 0, 0)), MapperError.INVALID_FRAME_ADDRESS, 0x3000L);
        assertFrame(fx.translatePage(SIZE_1G, rec(1, 7, 0, 0)), 0x0L, SIZE_1G);
    }

    @Test
    void q4_translatePage2M_onTablePointers() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x3003L);
        fx.poke(0x3000L + 8 * 4, 0x20_0003L);
        fx.poke(0x3000L + 8 * 5, 0x5003L);
        assertFrame(fx.translatePage(SIZE_2M, rec(1, 2, 4, 0)), 0x20_0000L, SIZE_2M);
        assertErr(fx.translatePage(SIZE_2M, rec(1, 2, 5, 0)), MapperError.INVALID_FRAME_ADDRESS, 0x5000L);
    }

    // ---- Q5: smaller-size operations walk through a huge parent ----------------------------------

    private static Fixture q5Fixture2M() {
        Fixture fx = Fixture.withChain();
        fx.poke(E2, 0x20_0083L);
        fx.poke(E1, 0);
        fx.poke(0x20_0020L, 0x99_9001L);
        return fx;
    }

    @Test
    void q5_translatePage4K_under2MiBPage_readsHugePageData() {
        Fixture fx = q5Fixture2M();
        assertFrame(fx.translatePage(SIZE_4K, VA), 0x99_9000L, SIZE_4K);
        fx.assertWord(E2, 0x20_00a3L, 0x20_0083L); // P2[3] acted as the PTE of the crate's read
    }

    @Test
    void q5_updateFlags4K_under2MiBPage_overwritesHugePageData() {
        Fixture fx = q5Fixture2M();
        assertOkFlush(fx.updateFlags(SIZE_4K, VA, P | W | U), VA);
        fx.assertWord(0x20_0020L, 0x99_9007L);
        fx.assertWord(E2, 0x20_00e3L, 0x20_0083L);
    }

    @Test
    void q5_unmap4K_under2MiBPage_parentEntryHugePage() {
        Fixture fx = q5Fixture2M();
        assertErr(fx.unmap(SIZE_4K, VA), MapperError.PARENT_ENTRY_HUGE_PAGE);
        fx.assertWord(0x20_0020L, 0x99_9001L);
    }

    @Test
    void q5_translate_under2MiBPage_mapped2MiB_hardwareAgrees() {
        Fixture fx = q5Fixture2M();
        assertMapped(fx.translate(VA), SIZE_2M, 0x20_0000L, 0x4000L, 0x83L);
        fx.assertTranslates(VA, 0x20_4000L);
    }

    @Test
    void q5_translatePage4K_under2MiBPage_zeroDataWord_pageNotMapped() {
        Fixture fx = q5Fixture2M();
        fx.poke(0x20_0020L, 0);
        assertErr(fx.translatePage(SIZE_4K, VA), MapperError.PAGE_NOT_MAPPED);
    }

    @Test
    void q5_translatePage2M_under1GiBPage_readsHugePageData() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x4000_0083L);
        fx.poke(0x4000_0018L, 0x1234_5001L);
        long page = rec(1, 2, 3, 0);
        assertErr(fx.translatePage(SIZE_2M, page), MapperError.INVALID_FRAME_ADDRESS, 0x1234_5000L);
        assertOkFlush(fx.updateFlags(SIZE_2M, page, P | W), page);
        fx.assertWord(0x4000_0018L, 0x1234_5083L);
    }

    @Test
    void q5_translatePage4K_under1GiBPage_mmuViewDivergesFromSoftwareView() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x4000_0083L);
        fx.poke(0x4000_0018L, 0x5003L); // software view's "P2[3]"
        fx.poke(0x5020L, 0x66_6001L); // software view's "P1[4]": would give 0x666000
        fx.poke(0x4000_3020L, 0x77_7001L); // MMU view: rec(r,1,2,3) through P3[2] as a 2 MiB PDE
        assertFrame(fx.translatePage(SIZE_4K, VA), 0x77_7000L, SIZE_4K);
    }

    @Test
    void q5_setFlagsP2_4K_under1GiBPage_readsZeroWord_pageNotMapped() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x4000_0083L);
        assertErr(fx.setFlagsP2(SIZE_4K, VA, P | W), MapperError.PAGE_NOT_MAPPED);
        assertEquals(0, fx.cpu.stores());
    }

    // ---- Q6: errors that leave side effects -------------------------------------------------------

    @Test
    void q6a_pageAlreadyMapped_afterUserWasOredIntoParents() {
        Fixture fx = Fixture.withChain();
        assertErr(fx.mapTo(SIZE_4K, VA, 0x90_0000L, P | W | U | GLOBAL), MapperError.PAGE_ALREADY_MAPPED,
                0x90_0000L);
        fx.assertWord(E4, 0x2067L, 0x2007L);
        fx.assertWord(E3, 0x3067L, 0x3007L);
        fx.assertWord(E2, 0x4027L, 0x4007L);
        fx.assertWord(E1, 0x80_0003L);
    }

    @Test
    void q6b_parentEntryHugePage_after1GiBPageBecameUserAccessible() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x4000_0083L);
        assertPageFault(fx.access(VA, READ, USER), 0x5, VA);
        // that faulting user read already marked the 1 GiB leaf ACCESSED (QEMU, mmu-facts D4)
        fx.assertWord(E3, 0x4000_00a3L, 0x4000_0083L);
        assertErr(fx.mapTo(SIZE_4K, VA, 0x80_0000L, P | W | U), MapperError.PARENT_ENTRY_HUGE_PAGE);
        fx.assertWord(E4, 0x2067L, 0x2007L);
        fx.assertWord(E3, 0x4000_00a7L, 0x4000_0087L);
        assertPhys(fx.access(VA, READ, USER), 0x4060_4000L);
    }

    @Test
    void q6b_sameFor2MiB() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x4000_0083L);
        assertErr(fx.mapTo(SIZE_2M, rec(1, 2, 3, 0), 0x20_0000L, P | W | U), MapperError.PARENT_ENTRY_HUGE_PAGE);
        fx.assertWord(E3, 0x4000_0087L);
    }

    @Test
    void q6c_hugeInParentFlagsOnExistingEntry_psInPml4e_everythingBelowIsReserved() {
        Fixture fx = Fixture.withChain();
        assertErr(fx.mapToWithTableFlags(SIZE_4K, VA, 0x90_0000L, P | W, P | W | HUGE),
                MapperError.PARENT_ENTRY_HUGE_PAGE);
        fx.assertWord(E4, 0x2083L);
        assertPageFault(fx.access(VA, READ, SUP), 0x9, VA);
        assertPanic(() -> fx.table.translate(VA), "level 4 entry has huge page bit set");
    }

    @Test
    void q6d_hugeInParentFlagsOnZeroEntry_panicsAfterAllocation_frameLeaks() {
        Fixture fx = Fixture.standard();
        assertPanic(() -> fx.table.mapToWithTableFlags(Fixture.page4k(VA), Fixture.frame(SIZE_4K, 0x80_0000L),
                Fixture.flags(P | W), Fixture.flags(P | W | HUGE), fx.allocator), null);
        fx.assertWord(E4, 0);
        assertTrue(fx.allocator.inUse(0x10_0000L));
    }

    @Test
    void q6e_hugeIn4KiBFlags_threeTablesLinkedThenPanic() {
        Fixture fx = Fixture.standard();
        assertPanic(() -> fx.table.mapTo(Fixture.page4k(VA), Fixture.frame(SIZE_4K, 0x80_0000L),
                Fixture.flags(P | W | HUGE), fx.allocator), null);
        fx.assertWord(E4, 0x10_0063L, 0x10_0003L);
        fx.assertWord(0x10_0010L, 0x10_1063L, 0x10_1003L);
        fx.assertWord(0x10_1018L, 0x10_2063L, 0x10_2003L);
        fx.assertWord(0x10_2020L, 0);
    }

    @Test
    void q6f_oneFrame_p4EntryLeftBehind_frameAllocationFailed() {
        Fixture fx = Fixture.options().pool(Fixture.POOL, 1).build();
        assertErr(fx.mapTo(SIZE_4K, VA, 0x80_0000L, P | W), MapperError.FRAME_ALLOCATION_FAILED);
        fx.assertWord(E4, 0x10_0063L, 0x10_0003L);
        fx.assertWord(0x10_0010L, 0);
    }

    // ---- Q7: HUGE_PAGE in a P4 entry --------------------------------------------------------------

    private static Fixture q7Fixture() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2083L);
        fx.poke(E3, 0x4000_0083L);
        return fx;
    }

    @Test
    void q7_translatePanics_unmapAnySizeParentEntryHugePage_hardwareReserved() {
        Fixture fx = q7Fixture();
        assertPanic(() -> fx.table.translate(VA), "level 4 entry has huge page bit set");
        assertErr(fx.unmap(SIZE_4K, VA), MapperError.PARENT_ENTRY_HUGE_PAGE);
        assertErr(fx.unmap(SIZE_2M, rec(1, 2, 3, 0)), MapperError.PARENT_ENTRY_HUGE_PAGE);
        assertErr(fx.unmap(SIZE_1G, rec(1, 2, 0, 0)), MapperError.PARENT_ENTRY_HUGE_PAGE);
        assertPageFault(fx.access(VA, READ, SUP), 0x9, VA);
    }

    @Test
    void q7_mapTo1G_parentEntryHugePageAfterOringUser() {
        Fixture fx = q7Fixture();
        assertErr(fx.mapTo(SIZE_1G, rec(1, 3, 0, 0), 0x4000_0000L, P | W | U), MapperError.PARENT_ENTRY_HUGE_PAGE);
        fx.assertWord(E4, 0x2087L);
    }

    @Test
    void q7_p3AccessesStillWork_p4EntryActsAsPte() {
        Fixture fx = q7Fixture();
        assertFrame(fx.translatePage(SIZE_1G, rec(1, 2, 0, 0)), 0x4000_0000L, SIZE_1G);
        fx.assertWord(E4, 0x20a3L, 0x2083L);
        assertOkFlush(fx.updateFlags(SIZE_1G, rec(1, 2, 0, 0), P | W | U), rec(1, 2, 0, 0));
        fx.assertWord(E3, 0x4000_0087L);
        fx.assertWord(E4, 0x20e3L, 0x2083L);
        assertFlushAll(fx.setFlagsP4(SIZE_1G, rec(1, 2, 0, 0), P | W));
        fx.assertWord(E4, 0x2003L);
    }

    @Test
    void q7_p2AccessesTreatP4EntryAs2MiBPde() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x20_0083L);
        fx.poke(0x20_0010L, 0x3003L); // "P3[2]" as read through P4[1] acting as a PTE
        fx.poke(0x3018L, 0x40_0083L); // the software view's P2[3] (from P3[2].addr()): not used
        fx.poke(0x20_2018L, 0x60_0083L); // rec(r,r,1,2) through P4[1] as a 2 MiB PDE: 0x200000 + 2*4096
        assertFrame(fx.translatePage(SIZE_2M, rec(1, 2, 3, 0)), 0x60_0000L, SIZE_2M);
    }

    @Test
    void q7_p2AccessFaultsWhenBits20to13OfP4EntrySet() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x20_2083L);
        fx.poke(0x20_2010L, 0x3003L);
        assertTableFault(() -> fx.table.translatePage(Fixture.page2m(rec(1, 2, 3, 0))), 0x9,
                fx.p2Table(1, 2) + 24);
    }

    // ---- Q8: HUGE_PAGE in a P1 entry (PAT on hardware) ------------------------------------------

    @Test
    void q8_hugeInP1Entry() {
        Fixture fx = Fixture.withChain();
        fx.poke(E1, 0x80_0083L);
        assertPanic(() -> fx.table.translate(VA), "level 1 entry has huge page bit set");
        assertErr(fx.unmap(SIZE_4K, VA), MapperError.PARENT_ENTRY_HUGE_PAGE);
        assertFrame(fx.translatePage(SIZE_4K, VA), 0x80_0000L, SIZE_4K);
        fx.assertTranslates(VA + 0x8, 0x80_0008L); // HW: a valid 4 KiB mapping with PAT
        assertOkFlush(fx.updateFlags(SIZE_4K, VA, P | W), VA);
        fx.assertWord(E1, 0x80_0003L);
    }

    // ---- Q9: huge leaves with address bits below the page size ---------------------------------

    @Test
    void q9_2MiBLeafWithPatBit12() {
        Fixture fx = Fixture.withChain();
        fx.poke(E2, 0x20_1083L);
        long page = rec(1, 2, 3, 0);
        assertMapped(fx.translate(VA), SIZE_2M, 0x20_0000L, 0x4000L, 0x83L);
        assertErr(fx.translatePage(SIZE_2M, page), MapperError.INVALID_FRAME_ADDRESS, 0x20_1000L);
        assertErr(fx.unmap(SIZE_2M, page), MapperError.INVALID_FRAME_ADDRESS, 0x20_1000L);
        fx.assertWord(E2, 0x20_1083L);
        fx.assertTranslates(VA, 0x20_4000L);
    }

    @Test
    void q9_2MiBLeafWithBit13_crateMapped_hardwareReserved() {
        Fixture fx = Fixture.withChain();
        fx.poke(E2, 0x20_2083L);
        assertMapped(fx.translate(VA), SIZE_2M, 0x20_0000L, 0x4000L, 0x83L);
        assertPageFault(fx.access(VA, READ, SUP), 0x9, VA);
    }

    @Test
    void q9_1GiBLeafWithPatBit12() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x4000_1081L);
        long page = rec(1, 2, 0, 0);
        assertMapped(fx.translate(page), SIZE_1G, 0x4000_0000L, 0, 0x81L);
        assertErr(fx.translatePage(SIZE_1G, page), MapperError.INVALID_FRAME_ADDRESS, 0x4000_1000L);
        fx.assertTranslates(page + 0x10, 0x4000_0010L);
    }

    @Test
    void q9_1GiBLeafWithBit21_crateMapped_hardwareReserved() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x4020_0081L);
        long page = rec(1, 2, 0, 0);
        assertMapped(fx.translate(page), SIZE_1G, 0x4000_0000L, 0, 0x81L);
        assertEquals(hex(0x4000_0010L), hex(fx.translateAddr(page + 0x10)));
        assertPageFault(fx.access(page + 0x10, READ, SUP), 0x9, page + 0x10);
    }

    // ---- Q10: update_flags<1G> on a table pointer turns it into a huge page ---------------------

    @Test
    void q10_updateFlags1G_onTablePointer_makesHugePage() {
        Fixture fx = Fixture.withChain();
        long page = rec(1, 2, 0, 0);
        assertOkFlush(fx.updateFlags(SIZE_1G, page, P | W), page);
        fx.assertWord(E3, 0x3083L);
        assertMapped(fx.translate(page + 0x1234), SIZE_1G, 0x0L, 0x1234L, 0x83L);
        assertPageFault(fx.access(page + 0x1234, READ, SUP), 0x9, page + 0x1234);
    }

    // ---- Q11: misleading error names ----------------------------------------------------------

    @Test
    void q11_unmapHugeSizesOnTablePointer_parentEntryHugePage() {
        Fixture fx = Fixture.withChain();
        assertErr(fx.unmap(SIZE_1G, rec(1, 2, 0, 0)), MapperError.PARENT_ENTRY_HUGE_PAGE);
        assertErr(fx.unmap(SIZE_2M, rec(1, 2, 3, 0)), MapperError.PARENT_ENTRY_HUGE_PAGE);
        assertEquals(0, fx.cpu.stores());
    }

    @Test
    void q11_mapToHugeSizesOverTablePointer_pageAlreadyMappedWithRequestedFrame() {
        Fixture fx = Fixture.withChain();
        assertErr(fx.mapTo(SIZE_2M, rec(1, 2, 3, 0), 0x20_0000L, P | W), MapperError.PAGE_ALREADY_MAPPED, 0x20_0000L);
        assertErr(fx.mapTo(SIZE_1G, rec(1, 2, 0, 0), 0x4000_0000L, P | W), MapperError.PAGE_ALREADY_MAPPED,
                0x4000_0000L);
    }

    @Test
    void q11_constantSetFlagsVariants_parentEntryHugePage_evenOnEmptyP4() {
        Fixture fx = Fixture.standard();
        assertErr(fx.setFlagsP3(SIZE_1G, rec(1, 2, 0, 0), P), MapperError.PARENT_ENTRY_HUGE_PAGE);
        assertErr(fx.setFlagsP2(SIZE_1G, rec(1, 2, 0, 0), P), MapperError.PARENT_ENTRY_HUGE_PAGE);
        assertErr(fx.setFlagsP2(SIZE_2M, rec(1, 2, 3, 0), P), MapperError.PARENT_ENTRY_HUGE_PAGE);
        fx.assertNoMemoryAccess();
    }

    // ---- Q12: the recursive region is not protected --------------------------------------------

    @Test
    void q12_mapTo1GInRecursiveRegion_writesPsIntoPml4e() {
        Fixture fx = Fixture.standard();
        long page = rec(Fixture.R, 7, 0, 0);
        assertOkFlush(fx.mapTo(SIZE_1G, page, 0x4000_0000L, P | W), page);
        fx.assertWord(Fixture.P4 + 8 * 7, 0x4000_0083L);
        fx.assertWord(ER, 0x1063L, 0x1003L);
        long under = rec(7, 0, 0, 0);
        assertPageFault(fx.access(under, READ, SUP), 0x9, under);
    }

    @Test
    void q12_mapTo4KInRecursiveRegion_orsUserIntoRecursiveEntry_exposesTablesToUser() {
        Fixture fx = Fixture.standard();
        int r = Fixture.R;
        long page = rec(r, r, r, 9);
        assertPageFault(fx.access(fx.p4Table(), READ, USER), 0x5, fx.p4Table());
        assertOkFlush(fx.mapTo(SIZE_4K, page, 0x80_0000L, P | W | U), page);
        fx.assertWord(Fixture.P4 + 8 * 9, 0x80_0007L);
        fx.assertWord(ER, 0x1067L, 0x1007L);
        assertPhys(fx.access(page, READ, USER), 0x80_0000L);
        assertPhys(fx.access(fx.p4Table(), READ, USER), 0x1000L); // the level 4 table, read by user mode
    }

    @Test
    void q12_unmapOfRecursivePage_zeroesRecursiveEntry_thenEveryOperationFaults() {
        Fixture fx = Fixture.withChain();
        int r = Fixture.R;
        long page = rec(r, r, r, r);
        assertUnmapped(fx.unmap(SIZE_4K, page), 0x1000L, page, SIZE_4K);
        fx.assertWord(ER, 0);
        assertTableFault(() -> fx.table.translate(VA), 0x0, fx.p4Table() + 8);
        assertTableFault(() -> fx.table.unmap(Fixture.page4k(VA)), 0x0, fx.p4Table() + 8);
    }

    @Test
    void q12_translateOfRecursivePage_isTheLevel4Frame_consistentWithHardware() {
        Fixture fx = Fixture.standard();
        long page = fx.p4Table();
        assertMapped(fx.translate(page + 0x320), SIZE_4K, 0x1000L, 0x320L, 0x23L);
        fx.assertTranslates(page + 0x320, 0x1320L);
    }

    // ---- Q13: write permission on the recursive path -------------------------------------------

    @Test
    void q13_readOnlyP4Entry_parentFlagsPresentOnly_storeOfP3EntryFaults() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2001L);
        assertTableFault(() -> fx.table.mapTo(Fixture.page4k(VA), Fixture.frame(SIZE_4K, 0x80_0000L),
                Fixture.flags(P), fx.allocator), 0x3, fx.p3Table(1) + 16);
        fx.assertWord(E4, 0x2021L, 0x2001L); // unchanged but for ACCESSED
        fx.assertWord(E3, 0);
        fx.assertWord(ER, 0x1023L);
        assertTrue(fx.allocator.inUse(0x10_0000L), "the frame was taken before the faulting store");
    }

    @Test
    void q13_readOnlyP4Entry_withWritableFlags_writableIsOredFirst_succeeds() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2001L);
        assertOkFlush(fx.mapTo(SIZE_4K, VA, 0x80_0000L, P | W), VA);
        fx.assertWord(E4, 0x2063L, 0x2003L);
        fx.assertWord(E3, 0x10_0063L, 0x10_0003L);
        fx.assertWord(0x10_0018L, 0x10_1063L, 0x10_1003L);
        fx.assertWord(0x10_1020L, 0x80_0003L);
    }

    @Test
    void q13_readOnlyP4Entry_withWriteProtectOff_succeeds() {
        Fixture fx = Fixture.options().wp(false).build();
        fx.poke(E4, 0x2001L);
        assertOkFlush(fx.mapTo(SIZE_4K, VA, 0x80_0000L, P), VA);
        fx.assertWord(E4, 0x2061L, 0x2001L);
        fx.assertWord(0x10_1020L, 0x80_0001L);
    }

    @Test
    void q13_recursiveEntryWithoutWritable_everyStoreFaults() {
        Fixture fx = Fixture.options().recursiveEntry(0x1001L).build();
        assertTableFault(() -> fx.table.mapTo(Fixture.page4k(VA), Fixture.frame(SIZE_4K, 0x80_0000L),
                Fixture.flags(P | W), fx.allocator), 0x3, fx.p4Table() + 8);
        fx.assertWord(E4, 0);
        assertTrue(fx.allocator.inUse(0x10_0000L));
        // reads still work
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x3003L);
        fx.poke(E2, 0x4003L);
        fx.poke(E1, 0x80_0003L);
        assertMapped(fx.translate(VA), SIZE_4K, 0x80_0000L, 0, 0x3L);
        assertTableFault(() -> fx.table.setFlagsP4Entry(Fixture.page4k(VA), Fixture.flags(P | W)), 0x3,
                fx.p4Table() + 8);
    }

    // ---- Q14: the hardware writes A/D bits into the tables the crate reads ----------------------

    @Test
    void q14_mapTo_parentsRead063_recursiveEntryGainsAccessedAndDirty() {
        Fixture fx = Fixture.standard();
        assertOkFlush(fx.mapTo(SIZE_4K, VA, 0x80_0000L, P | W), VA);
        fx.assertWord(E4, 0x10_0063L, 0x10_0003L);
        fx.assertWord(ER, 0x1063L, 0x1003L);
    }

    @Test
    void q14_readOnlyOperation_setsAccessedOnly() {
        Fixture fx = Fixture.withChain();
        assertFrame(fx.translatePage(SIZE_4K, VA), 0x80_0000L, SIZE_4K);
        fx.assertWord(ER, 0x1023L);
        fx.assertWord(E4, 0x2023L);
        fx.assertWord(E3, 0x3023L);
        fx.assertWord(E2, 0x4023L);
        fx.assertWord(E1, 0x80_0003L);
    }

    @Test
    void q14_dirtyGoesToTheEntryActingAsPte_ofEachStore() {
        Fixture fx = Fixture.withChain();
        assertFlushAll(fx.setFlagsP3(SIZE_4K, VA, P | W)); // store into P3: P4[1] is the PTE
        fx.assertWord(E4, 0x2063L);
        fx.assertWord(E3, 0x3003L);
        Fixture fy = Fixture.withChain();
        assertFlushAll(fy.setFlagsP2(SIZE_4K, VA, P | W)); // store into P2: P3[2] is the PTE
        fy.assertWord(E4, 0x2023L);
        fy.assertWord(E3, 0x3063L);
        fy.assertWord(E2, 0x4003L);
        Fixture fz = Fixture.withChain();
        assertOkFlush(fz.updateFlags(SIZE_4K, VA, P | W), VA); // store into P1: P2[3] is the PTE
        fz.assertWord(E3, 0x3023L);
        fz.assertWord(E2, 0x4063L);
    }

    @Test
    void q14_setFlagsAndUpdateFlagsOverwriteAccessedDirty() {
        Fixture fx = Fixture.withChain();
        fx.poke(E4, 0x2063L);
        fx.poke(E1, 0x80_0063L);
        assertOkFlush(fx.updateFlags(SIZE_4K, VA, P | W), VA);
        fx.assertWord(E1, 0x80_0003L);
        assertFlushAll(fx.setFlagsP4(SIZE_4K, VA, P | W));
        fx.assertWord(E4, 0x2003L);
    }

    // ---- Q15: no TLB maintenance (nothing to observe in a TLB-less model) -----------------------

    @Test
    void q15_noTlb_tableRecreatedAfterCleanUpIsReachedThroughTheNewFrame() {
        // On hardware a stale translation of rec(r,r,r,1) could make map_to write into the freed frame.
        // The format-1 model walks afresh for every access (trace-format.md, Accesses): the new frame is
        // zeroed and linked, the old one is left alone. Only a TLB-modelling backend can show the quirk.
        Fixture fx = Fixture.standard();
        assertOkFlush(fx.mapTo(SIZE_4K, VA, 0x80_0000L, P | W), VA);
        assertUnmapped(fx.unmap(SIZE_4K, VA), 0x80_0000L, VA, SIZE_4K);
        long[] freed = fx.cleanUp();
        assertEquals("[0x102000, 0x101000, 0x100000]", hexList(freed));
        fx.poke(0x10_0010L, 0xbad_0003L); // the freed old P3 frame, reused by someone else
        assertEquals(0x10_0000L, fx.allocator.allocateFrame());
        assertOkFlush(fx.mapTo(SIZE_4K, VA, 0x80_0000L, P | W), VA);
        fx.assertWord(0x10_0010L, 0xbad_0003L);
        fx.assertWord(E4, 0x10_1063L, 0x10_1003L);
        fx.assertWord(0x10_1010L, 0x10_2063L, 0x10_2003L);
        fx.assertTranslates(VA, 0x80_0000L);
    }

    // ---- Q16: reserved and unsupported features the crate treats as valid ------------------------

    @Test
    void q16_addressBitAtMaxPhyAddr_crateMapped_hardwareReserved() {
        Fixture fx = Fixture.withChain();
        fx.poke(E1, 0x0000_0100_0000_1003L);
        assertMapped(fx.translate(VA), SIZE_4K, 0x100_0000_1000L, 0, 0x3L);
        assertPageFault(fx.access(VA, READ, SUP), 0x9, VA);
    }

    @Test
    void q16_noExecuteWithNxeOff_crateMapped_hardwareReserved() {
        Fixture fx = Fixture.options().nxe(false).build();
        fx.chain();
        fx.poke(E1, 0x80_0003L | NX);
        assertMapped(fx.translate(VA), SIZE_4K, 0x80_0000L, 0, 0x3L | NX);
        assertPageFault(fx.access(VA, READ, SUP), 0x9, VA);
    }

    @Test
    void q16_noExecuteWithNxeOff_onTheCratesOwnPath_faultsReserved() {
        Fixture fx = Fixture.options().nxe(false).build();
        fx.chain();
        fx.poke(E4, 0x2003L | NX);
        assertTableFault(() -> fx.table.translate(VA), 0x9, fx.p3Table(1) + 16);
    }

    @Test
    void q16_1GiBLeafAlwaysSupported_globalInPml4eIgnored() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2103L); // GLOBAL in a PML4E
        fx.poke(E3, 0x4000_0083L);
        fx.assertTranslates(VA, 0x4060_4000L);
    }

    // ---- Q17: translate flags are the leaf's only ------------------------------------------------

    @Test
    void q17_translateReportsLeafUser_hardwareDeniesUser() {
        Fixture fx = Fixture.standard();
        fx.poke(E4, 0x2003L);
        fx.poke(E3, 0x3007L);
        fx.poke(E2, 0x4007L);
        fx.poke(E1, 0x80_0007L);
        assertMapped(fx.translate(VA), SIZE_4K, 0x80_0000L, 0, 0x7L);
        assertPageFault(fx.access(VA, READ, USER), 0x5, VA);
    }

    // ---- Q18: new() ------------------------------------------------------------------------------

    private static MapperResult checkNew(Fixture fx, long tableAddr) {
        return Fixture.call(() -> RecursivePageTable.checkNew(fx.cpu, tableAddr, fx.p4));
    }

    @Test
    void q18_recursiveEntryWithExtraFlags_accepted() {
        Fixture fx = Fixture.options().recursiveEntry(0x8000_0000_0000_1205L).build(); // P|U|BIT_9|NX, no W
        MapperResult res = checkNew(fx, fx.p4Table());
        assertEquals(MapperResult.OK_RECURSIVE, res.kind);
        assertEquals(Fixture.R, res.value);
    }

    @Test
    void q18_notRecursiveTakesPriority_noMemoryAccess() {
        Fixture fx = Fixture.options().recursiveEntry(0x1002L).build(); // would also be NotActive / fault
        assertErr(checkNew(fx, fx.p3Table(5)), MapperError.NOT_RECURSIVE);
        assertErr(checkNew(fx, rec(Fixture.R, Fixture.R, 5, Fixture.R)), MapperError.NOT_RECURSIVE);
        fx.assertNoMemoryAccess();
    }

    @Test
    void q18_hugeRecursiveEntry_faultsReservedBeforeComparing() {
        Fixture fx = Fixture.options().recursiveEntry(0x1083L).build();
        assertTableFault(() -> RecursivePageTable.checkNew(fx.cpu, fx.p4Table(), fx.p4), 0x9,
                fx.p4Table() + 8L * Fixture.R);
    }

    @Test
    void q18_nonPresentRecursiveEntry_faultsNotPresentBeforeComparing() {
        Fixture fx = Fixture.options().recursiveEntry(0x1002L).build();
        assertTableFault(() -> RecursivePageTable.checkNew(fx.cpu, fx.p4Table(), fx.p4), 0x0,
                fx.p4Table() + 8L * Fixture.R);
    }

    @Test
    void q18_notActive_whenTableIsMappedThroughADifferentChain() {
        int r = Fixture.R;
        long slot = 8L * r;
        Fixture fx = Fixture.options().recursiveEntry(0x5003L).build(); // P4[r] -> 0x5000, not CR3
        fx.poke(0x5000L + slot, 0x5003L); // 0x5000 is "recursive" on itself
        assertErr(checkNew(fx, fx.p4Table()), MapperError.NOT_ACTIVE);
        // A four-table chain whose last word (the data the crate reads) is not present, then names CR3.
        Fixture fy = Fixture.options().recursiveEntry(0x5003L).build();
        fy.poke(0x5000L + slot, 0x6003L);
        fy.poke(0x6000L + slot, 0x7003L);
        fy.poke(0x7000L + slot, 0x8003L);
        assertErr(checkNew(fy, fy.p4Table()), MapperError.NOT_ACTIVE);
        fy.poke(0x8000L + slot, 0x1003L);
        assertEquals(MapperResult.OK_RECURSIVE, checkNew(fy, fy.p4Table()).kind);
    }

    // ---- Q19: recursive index 511 --------------------------------------------------------------

    @Test
    void q19_recursiveIndex511_acceptedAndWorksEndToEnd() {
        Fixture fx = Fixture.options().r(511).build();
        assertEquals(-4096L, fx.p4Table());
        MapperResult created = checkNew(fx, fx.p4Table());
        assertEquals(MapperResult.OK_RECURSIVE, created.kind);
        assertEquals(511, created.value);
        assertOkFlush(fx.mapTo(SIZE_4K, VA, 0x80_0000L, P | W), VA);
        assertEquals(hex(0x80_0123L), hex(fx.translateAddr(VA + 0x123)));
        fx.assertTranslates(VA + 0x123, 0x80_0123L);
        assertUnmapped(fx.unmap(SIZE_4K, VA), 0x80_0000L, VA, SIZE_4K);
        assertEquals("[0x102000, 0x101000, 0x100000]", hexList(fx.cleanUp()));
        fx.assertWord(Fixture.P4 + 8 * 511, 0x1063L, 0x1003L);
    }

    // ---- Q20: identity_map panics at or above 2^47 ----------------------------------------------

    @Test
    void q20_identityMapPanicsForFramesAtOrAbove2pow47() {
        Fixture fx = Fixture.standard();
        PhysFrame frame = Fixture.frame(SIZE_4K, 0x8000_0000_0000L);
        assertPanic(() -> fx.table.identityMap(frame, Fixture.flags(P | W), fx.allocator),
                "virtual address must be sign extended in bits 48 to 64");
        fx.assertNoMemoryAccess();
        assertFalse(fx.allocator.inUse(0x10_0000L));
    }

    @Test
    void q20_identityMapBelow2pow47_mapsFrameAtItsOwnAddress() {
        Fixture fx = Fixture.standard();
        PhysFrame frame = Fixture.frame(SIZE_2M, 0x7fff_ffe0_0000L);
        assertOkFlush(Fixture.call(() -> fx.table.identityMap(frame, Fixture.flags(P | W), fx.allocator)),
                0x7fff_ffe0_0000L);
        assertMapped(fx.translate(0x7fff_ffe0_1234L), SIZE_2M, 0x7fff_ffe0_0000L, 0x1234L, 0x83L);
    }

    static String hexList(long[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(hex(values[i]));
        }
        return sb.append("]").toString();
    }
}
