package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.ptoracle.spec.Access;
import org.ptoracle.spec.Walk;

/**
 * RecursiveWalk's lemmas (T3) run on the §8 fixture with its chain (P4 at 0x1000 with P4[100] pointing
 * to itself; P4[1] -> 0x2000, P3[2] -> 0x3000, P2[3] -> 0x4000): the recursive address of entry j of
 * each table resolves to that table's physical address plus 8 j, and the address has the parts the
 * lemmas' hypotheses name.
 */
class RecursiveWalkTest {
    private static final int R = Fixture.R;

    private static void assertParts(long va, int a4, int a3, int a2, int a1, int j) {
        assertEquals(a4, WalkAddresses.index(va, 4));
        assertEquals(a3, WalkAddresses.index(va, 3));
        assertEquals(a2, WalkAddresses.index(va, 2));
        assertEquals(a1, WalkAddresses.index(va, 1));
        assertEquals(8L * j, WalkAddresses.low(va) % 4096);
    }

    private static void assertResolved(Walk w, long phys) {
        assertNull(w.fault, "fault");
        assertEquals(phys, w.phys, Fixture.hex(w.phys));
    }

    @Test
    void eachTableLevelResolvesToTheTablesEntry() throws Exception {
        for (int j : new int[] {0, 1, 255, 511}) {
            Fixture fx = Fixture.withChain();
            long va3 = RecursiveAddresses.entry(R, 3, 1, 0, 0, j);
            assertParts(va3, R, R, R, 1, j);
            assertResolved(RecursiveWalk.level3TableEntry(fx.mmu, va3, R, 1, j, Access.READ), 0x2000L + 8L * j);
            assertResolved(RecursiveWalk.level3TableEntry(fx.mmu, va3, R, 1, j, Access.WRITE), 0x2000L + 8L * j);

            long va2 = RecursiveAddresses.entry(R, 2, 1, 2, 0, j);
            assertParts(va2, R, R, 1, 2, j);
            assertResolved(RecursiveWalk.level2TableEntry(fx.mmu, va2, R, 1, 2, j, Access.READ), 0x3000L + 8L * j);
            assertResolved(RecursiveWalk.level2TableEntry(fx.mmu, va2, R, 1, 2, j, Access.WRITE), 0x3000L + 8L * j);

            long va1 = RecursiveAddresses.entry(R, 1, 1, 2, 3, j);
            assertParts(va1, R, 1, 2, 3, j);
            assertResolved(RecursiveWalk.level1TableEntry(fx.mmu, va1, R, 1, 2, 3, j, Access.READ), 0x4000L + 8L * j);
            assertResolved(RecursiveWalk.level1TableEntry(fx.mmu, va1, R, 1, 2, 3, j, Access.WRITE), 0x4000L + 8L * j);
        }
    }
}
