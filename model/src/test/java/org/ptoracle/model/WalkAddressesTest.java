package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ptoracle.spec.VirtAddr;

/**
 * WalkAddresses' functions against the bit definitions of SDM Vol. 3A §4.5 (index i is bits
 * 12+9(i-1) .. 20+9(i-1), the low 48 bits, the entry address table + 8 index), and the statements of
 * its lemmas as KeY proves them, on random canonical addresses and tables from a fixed seed.
 */
class WalkAddressesTest {
    private static final long SEED = 0x3a1cL;

    @Test
    void functionsAgreeWithTheBitDefinitionsAndTheLemmas() {
        System.out.println("WalkAddressesTest seed = 0x" + Long.toHexString(SEED));
        Random rnd = new Random(SEED);
        for (int n = 0; n < 100_000; n++) {
            long va = (rnd.nextLong() << 16) >> 16; // canonical
            long low = va >= 0 ? va : va + VirtAddr.SPAN;
            assertEquals(va & 0xffff_ffff_ffffL, WalkAddresses.low(va), Fixture.hex(va));
            for (int level = 1; level <= 4; level++) {
                int bits = (int) ((va >>> (12 + 9 * (level - 1))) & 511);
                assertEquals(bits, WalkAddresses.index(va, level), Fixture.hex(va) + " level " + level);
            }
            assertEquals(low / (1L << 39), WalkAddresses.index(va, 4));
            assertEquals((low / (1L << 30)) % 512, WalkAddresses.index(va, 3));
            assertEquals((low / (1L << 21)) % 512, WalkAddresses.index(va, 2));
            assertEquals((low / (1L << 12)) % 512, WalkAddresses.index(va, 1));
            assertEquals(low % 4096, WalkAddresses.low(va) % 4096);
            long table = (rnd.nextLong() >>> 12) & ~4095L; // below 2^52, 4 KiB aligned
            int index = rnd.nextInt(512);
            assertEquals(table | ((long) index << 3), WalkAddresses.entry(table, index));
        }
    }
}
