package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ptoracle.model.Fixture.E1;
import static org.ptoracle.model.Fixture.E2;
import static org.ptoracle.model.Fixture.E3;
import static org.ptoracle.model.Fixture.E4;
import static org.ptoracle.model.Fixture.VA;

import org.junit.jupiter.api.Test;
import org.ptoracle.spec.Access;

/**
 * The rights of the crate's own accesses, supervisor reads and writes, over every combination of R/W
 * and U/S on the four entries of a 4 KiB walk, with CR0.WP and CR4.SMAP on and off (1,024 walks of
 * each kind). The walk decides them before it asks MmuModel.permits (which the proofs of T3 (b) need),
 * so this checks that shortcut against the rule itself, written here from the SDM (Vol. 3A §4.6.1,
 * mmu-facts part 1 §5; RFLAGS.AC clear): a supervisor access to a user page (U/S on every level) faults
 * under SMAP; a supervisor write faults when some level lacks R/W and WP is on.
 */
class SupervisorAccessRightsTest {
    private static final long[] ENTRIES = {E4, E3, E2, E1};
    private static final long[] TARGETS = {0x2000L, 0x3000L, 0x4000L, 0x80_0000L};

    @Test
    void supervisorReadsAndWritesFollowTheRule() {
        int faults = 0;
        for (int writable = 0; writable < 16; writable++) {
            for (int user = 0; user < 16; user++) {
                for (boolean wp : new boolean[] {false, true}) {
                    for (boolean smap : new boolean[] {false, true}) {
                        boolean allWritable = writable == 15;
                        boolean userPage = user == 15;
                        boolean readFaults = smap && userPage;
                        boolean writeFaults = readFaults || (wp && !allWritable);
                        faults += check(Access.READ, writable, user, wp, smap, readFaults);
                        faults += check(Access.WRITE, writable, user, wp, smap, writeFaults);
                    }
                }
            }
        }
        // Not a vacuous sweep: both outcomes occur for both kinds. Reads fault only under SMAP on a user
        // page (every R/W pattern, either WP: 16 x 2 of the 1,024); writes fault then too, and besides
        // with WP on and some level without R/W (15 patterns) unless SMAP already did (31 of the 32
        // U/S x SMAP settings).
        int readFaults = 16 * 2;
        int writeFaults = readFaults + 15 * 31;
        assertEquals(readFaults + writeFaults, faults);
    }

    /** Walks VA once with these bits; returns 1 if it faulted as expected, 0 if it resolved as expected. */
    private static int check(int kind, int writable, int user, boolean wp, boolean smap, boolean faults) {
        Fixture fx = Fixture.options().wp(wp).smap(smap).build();
        for (int level = 0; level < 4; level++) {
            long raw = TARGETS[level] | Fixture.P;
            raw |= ((writable >> level) & 1) == 1 ? Fixture.W : 0;
            raw |= ((user >> level) & 1) == 1 ? Fixture.U : 0;
            fx.poke(ENTRIES[level], raw);
        }
        String where = (kind == Access.WRITE ? "write" : "read") + " R/W " + Integer.toBinaryString(writable)
                + " U/S " + Integer.toBinaryString(user) + " WP " + wp + " SMAP " + smap;
        if (faults) {
            // P (a protection fault), and W for a write (SDM Vol. 3A §4.7).
            int code = kind == Access.WRITE ? 0x3 : 0x1;
            try {
                Fixture.assertPageFault(fx.access(VA, kind, Access.SUPERVISOR), code, VA);
            } catch (AssertionError e) {
                throw new AssertionError(where + ": " + e.getMessage(), e);
            }
            return 1;
        }
        assertEquals(0x80_0000L + VA % 4096, fx.access(VA, kind, Access.SUPERVISOR).phys, where);
        return 0;
    }
}
