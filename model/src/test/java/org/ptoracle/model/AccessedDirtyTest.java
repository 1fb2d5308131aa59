package org.ptoracle.model;

import static org.ptoracle.model.Fixture.E1;
import static org.ptoracle.model.Fixture.E2;
import static org.ptoracle.model.Fixture.E3;
import static org.ptoracle.model.Fixture.E4;
import static org.ptoracle.model.Fixture.VA;
import static org.ptoracle.model.Fixture.assertPageFault;
import static org.ptoracle.model.Fixture.assertPhys;

import org.junit.jupiter.api.Test;
import org.ptoracle.spec.Access;

/**
 * Accessed and dirty bits as the emulated CPU sets them: mmu-facts part 1 §7 and §10 steps 3-9, and the
 * Unicorn probe rows g.1-g.18 and c.d of part 2, with the two departures the model follows on purpose:
 * D4 (a 1 GiB leaf gets ACCESSED even when the access faults) and D5 (upper levels get ACCESSED as the
 * walk passes them, even when it faults further down). 4 KiB and 2 MiB leaves are untouched on a fault;
 * DIRTY is never set in a non-leaf entry.
 */
class AccessedDirtyTest {
    private static final int R = Access.READ;
    private static final int WR = Access.WRITE;
    private static final int S = Access.SUPERVISOR;
    private static final int US = Access.USER;
    private static final long BIT51 = 1L << 51;

    private static Fixture chain(long e4, long e3, long e2, long e1) {
        Fixture fx = Fixture.standard();
        fx.poke(E4, e4);
        fx.poke(E3, e3);
        if (e2 != 0) {
            fx.poke(E2, e2);
        }
        if (e1 != 0) {
            fx.poke(E1, e1);
        }
        return fx;
    }

    @Test
    void g1_read4K_accessedInAllFourLevels_noDirty() {
        Fixture fx = chain(0x2003, 0x3003, 0x4003, 0x80_0003);
        assertPhys(fx.access(VA, R, S), 0x80_0000L);
        fx.assertWord(E4, 0x2023);
        fx.assertWord(E3, 0x3023);
        fx.assertWord(E2, 0x4023);
        fx.assertWord(E1, 0x80_0023);
    }

    @Test
    void g2_writeAfterRead4K_dirtyInLeafOnly() {
        Fixture fx = chain(0x2003, 0x3003, 0x4003, 0x80_0003);
        assertPhys(fx.access(VA, R, S), 0x80_0000L);
        assertPhys(fx.access(VA, WR, S), 0x80_0000L);
        fx.assertWord(E4, 0x2023);
        fx.assertWord(E3, 0x3023);
        fx.assertWord(E2, 0x4023);
        fx.assertWord(E1, 0x80_0063);
    }

    @Test
    void g3_firstAccessWrite4K_accessedAndDirtyTogether() {
        Fixture fx = chain(0x2003, 0x3003, 0x4003, 0x80_0003);
        assertPhys(fx.access(VA, WR, S), 0x80_0000L);
        fx.assertWord(E2, 0x4023);
        fx.assertWord(E1, 0x80_0063);
    }

    @Test
    void g4_read2M_accessedInPsPde() {
        Fixture fx = chain(0x2003, 0x3003, 0x20_0083, 0);
        assertPhys(fx.access(VA, R, S), 0x20_4000L);
        fx.assertWord(E4, 0x2023);
        fx.assertWord(E3, 0x3023);
        fx.assertWord(E2, 0x20_00a3);
    }

    @Test
    void g5_write2M_dirtyInPsPde() {
        Fixture fx = chain(0x2003, 0x3003, 0x20_0083, 0);
        assertPhys(fx.access(VA, WR, S), 0x20_4000L);
        fx.assertWord(E3, 0x3023);
        fx.assertWord(E2, 0x20_00e3);
    }

    @Test
    void g6_write1G_accessedPml4e_accessedDirtyPdpte() {
        Fixture fx = chain(0x2003, 0x4000_0083L, 0, 0);
        assertPhys(fx.access(VA, WR, S), 0x4060_4000L);
        fx.assertWord(E4, 0x2023);
        fx.assertWord(E3, 0x4000_00e3L);
    }

    @Test
    void g7_writeToReadOnly4K_upperAccessed_leafUntouched() {
        Fixture fx = chain(0x2003, 0x3003, 0x4003, 0x80_0001);
        assertPageFault(fx.access(VA, WR, S), 0x3, VA);
        fx.assertWord(E4, 0x2023);
        fx.assertWord(E3, 0x3023);
        fx.assertWord(E2, 0x4023);
        fx.assertWord(E1, 0x80_0001);
    }

    @Test
    void g8_readLeafNotPresent_upperAccessed() {
        Fixture fx = chain(0x2003, 0x3003, 0x4003, 0x80_0002);
        assertPageFault(fx.access(VA, R, S), 0x0, VA);
        fx.assertWord(E4, 0x2023);
        fx.assertWord(E3, 0x3023);
        fx.assertWord(E2, 0x4023);
        fx.assertWord(E1, 0x80_0002);
    }

    @Test
    void g9_g18_readNonLeafPdeWithReservedBit_thatPdeAndBelowUntouched() {
        Fixture fx = chain(0x2003, 0x3003, 0x4003 | BIT51, 0x80_0003);
        assertPageFault(fx.access(VA, R, S), 0x9, VA);
        fx.assertWord(E4, 0x2023);
        fx.assertWord(E3, 0x3023);
        fx.assertWord(E2, 0x4003 | BIT51);
        fx.assertWord(E1, 0x80_0003);
    }

    @Test
    void reservedPsInPml4e_pml4eNotMarked() {
        Fixture fx = chain(0x2083, 0x3003, 0x4003, 0x80_0003);
        assertPageFault(fx.access(VA, R, S), 0x9, VA);
        fx.assertWord(E4, 0x2083);
        fx.assertWord(E3, 0x3003);
        fx.assertNoWrites();
    }

    @Test
    void notPresentPml4e_nothingWritten() {
        Fixture fx = chain(0x2002, 0x3003, 0x4003, 0x80_0003);
        assertPageFault(fx.access(VA, WR, S), 0x2, VA);
        fx.assertNoWrites();
    }

    @Test
    void g10_userRead_accessedInAllLevels() {
        Fixture fx = chain(0x2007, 0x3007, 0x4007, 0x80_0007);
        assertPhys(fx.access(VA, R, US), 0x80_0000L);
        fx.assertWord(E4, 0x2027);
        fx.assertWord(E3, 0x3027);
        fx.assertWord(E2, 0x4027);
        fx.assertWord(E1, 0x80_0027);
    }

    @Test
    void g11_userWrite_nonLeafEntriesNeverGetDirty() {
        Fixture fx = chain(0x2007, 0x3007, 0x4007, 0x80_0007);
        assertPhys(fx.access(VA, WR, US), 0x80_0000L);
        fx.assertWord(E4, 0x2027);
        fx.assertWord(E3, 0x3027);
        fx.assertWord(E2, 0x4027);
        fx.assertWord(E1, 0x80_0067);
    }

    @Test
    void write2M_upperLevelsGetAccessedOnly() {
        Fixture fx = chain(0x2003, 0x3003, 0x20_0083, 0);
        assertPhys(fx.access(VA, WR, S), 0x20_4000L);
        fx.assertWord(E4, 0x2023);
    }

    @Test
    void g14_d4_writeToReadOnly1G_leafGetsAccessedAnyway() {
        Fixture fx = chain(0x2003, 0x4000_0081L, 0, 0);
        assertPageFault(fx.access(VA, WR, S), 0x3, VA);
        fx.assertWord(E4, 0x2023);
        fx.assertWord(E3, 0x4000_00a1L);
    }

    @Test
    void g15_d4_read1GWithReservedBit13_leafGetsAccessedAnyway() {
        Fixture fx = chain(0x2003, 0x4000_2083L, 0, 0);
        assertPageFault(fx.access(VA, R, S), 0x9, VA);
        fx.assertWord(E3, 0x4000_20a3L);
    }

    @Test
    void d4_userReadOfSupervisor1G_leafGetsAccessedAnyway() {
        Fixture fx = chain(0x2007, 0x4000_0083L, 0, 0);
        assertPageFault(fx.access(VA, R, US), 0x5, VA);
        fx.assertWord(E4, 0x2027);
        fx.assertWord(E3, 0x4000_00a3L);
    }

    @Test
    void g16_writeToReadOnly2M_leafUntouched() {
        Fixture fx = chain(0x2003, 0x3003, 0x20_0081, 0);
        assertPageFault(fx.access(VA, WR, S), 0x3, VA);
        fx.assertWord(E3, 0x3023);
        fx.assertWord(E2, 0x20_0081);
    }

    @Test
    void g17_read2MWithReservedBit13_leafUntouched() {
        Fixture fx = chain(0x2003, 0x3003, 0x20_2083, 0);
        assertPageFault(fx.access(VA, R, S), 0x9, VA);
        fx.assertWord(E3, 0x3023);
        fx.assertWord(E2, 0x20_2083);
    }

    @Test
    void d5_userReadOfSupervisor4K_upperAccessed_leafUntouched() {
        Fixture fx = chain(0x2007, 0x3007, 0x4007, 0x80_0003);
        assertPageFault(fx.access(VA, R, US), 0x5, VA);
        fx.assertWord(E4, 0x2027);
        fx.assertWord(E3, 0x3027);
        fx.assertWord(E2, 0x4027);
        fx.assertWord(E1, 0x80_0003);
    }

    @Test
    void d5_pdeNotPresent_pml4eAndPdpteAccessed() {
        Fixture fx = chain(0x2003, 0x3003, 0x4002, 0x80_0003);
        assertPageFault(fx.access(VA, R, S), 0x0, VA);
        fx.assertWord(E4, 0x2023);
        fx.assertWord(E3, 0x3023);
        fx.assertWord(E2, 0x4002);
    }

    @Test
    void cd_writeProtectOff_supervisorWriteToReadOnlyPage_setsAccessedAndDirty() {
        Fixture fx = Fixture.options().wp(false).build();
        fx.poke(E4, 0x2003);
        fx.poke(E3, 0x3003);
        fx.poke(E2, 0x4003);
        fx.poke(E1, 0x2_8001);
        assertPhys(fx.access(VA + 0x8, WR, S), 0x2_8008L);
        fx.assertWord(E1, 0x2_8061);
    }

    @Test
    void accessedAlreadySet_noWriteOnRead() {
        Fixture fx = chain(0x2023, 0x3023, 0x4023, 0x80_0023);
        assertPhys(fx.access(VA, R, S), 0x80_0000L);
        fx.assertNoWrites();
    }

    @Test
    void fetch_setsAccessedNotDirty() {
        Fixture fx = chain(0x2003, 0x3003, 0x4003, 0x80_0003);
        assertPhys(fx.access(VA, Access.EXEC, S), 0x80_0000L);
        fx.assertWord(E1, 0x80_0023);
    }
}
