package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MapperAddresses against the crate's recursive addresses written with shifts and sign extension
 * (x86_64 0.15.4, recursive_page_table.rs: {@code p1_ptr}/{@code p2_ptr}/{@code p3_ptr} build
 * {@code Page::from_page_table_indices} of (r, i4, i3, i2), (r, r, i4, i3), (r, r, r, i4); crate-semantics
 * §6.0), the statement of {@code lemmaEntry} as KeY proves it, and the two seeded address bugs, on random
 * pages and recursive indices from a fixed seed.
 */
class MapperAddressesTest {
    private static final long SEED = 0x12a7L;

    @Test
    void entryIsTheCratesRecursiveAddressAndTheLemmasStatement() {
        System.out.println("MapperAddressesTest seed = 0x" + Long.toHexString(SEED));
        Random rnd = new Random(SEED);
        for (int n = 0; n < 50_000; n++) {
            long start = ((rnd.nextLong() << 16) >> 16) & ~4095L; // a canonical 4 KiB page
            int r = rnd.nextInt(512);
            long l4 = ((rnd.nextLong() << 16) >> 16) & ~4095L;
            int[] idx = {0, Fixture.tableIndex(start, 1), Fixture.tableIndex(start, 2), Fixture.tableIndex(start, 3),
                Fixture.tableIndex(start, 4)};
            assertEquals(l4 + 8L * idx[4], MapperAddresses.entry(l4, r, SeededBug.NONE, start, 4), Fixture.hex(start));
            long[] tables = {0, crate(r, idx[4], idx[3], idx[2]), crate(r, r, idx[4], idx[3]), crate(r, r, r, idx[4])};
            for (int level = 1; level <= 3; level++) {
                String where = Fixture.hex(start) + " r " + r + " level " + level;
                long expected = tables[level] + 8L * idx[level];
                assertEquals(expected, MapperAddresses.entry(l4, r, SeededBug.NONE, start, level), where);
                // lemmaEntry's second case, as stated
                long lemma = RecursiveAddresses.table(r, level, WalkAddresses.index(start, 4),
                        WalkAddresses.index(start, 3), WalkAddresses.index(start, 2)) + 8L * WalkAddresses.index(start, level);
                assertEquals(expected, lemma, where);
                assertEquals(RecursiveAddresses.entry(r, level, idx[4], idx[3], idx[2], idx[level]), expected, where);
            }
            // The seeded bugs: indices of the level 1 table's address in reverse order; no sign extension.
            assertEquals(crate(r, idx[2], idx[3], idx[4]) + 8L * idx[1],
                    MapperAddresses.entry(l4, r, SeededBug.RECURSIVE_INDEX_ORDER, start, 1), Fixture.hex(start));
            assertEquals((tables[2] & 0xffff_ffff_ffffL) + 8L * idx[2],
                    MapperAddresses.entry(l4, r, SeededBug.NO_SIGN_EXTENSION, start, 2), Fixture.hex(start));
        }
    }

    /** translate passes the address itself, not its page: entry depends only on the four table indices. */
    @Test
    void entryOfAnAddressIsEntryOfItsPage() {
        Random rnd = new Random(SEED + 1);
        System.out.println("MapperAddressesTest seed = 0x" + Long.toHexString(SEED + 1));
        for (int n = 0; n < 50_000; n++) {
            long addr = (rnd.nextLong() << 16) >> 16;
            long page = addr & ~4095L;
            int r = rnd.nextInt(512);
            long l4 = ((rnd.nextLong() << 16) >> 16) & ~4095L;
            for (int bug : new int[] {SeededBug.NONE, SeededBug.RECURSIVE_INDEX_ORDER, SeededBug.NO_SIGN_EXTENSION}) {
                for (int level = 1; level <= 4; level++) {
                    assertEquals(MapperAddresses.entry(l4, r, bug, page, level), MapperAddresses.entry(l4, r, bug, addr, level),
                            Fixture.hex(addr) + " bug " + bug + " level " + level);
                }
            }
        }
    }

    /** The canonical address with these four table indices and page offset 0: bits 47..12, sign-extended. */
    private static long crate(long a, long b, long c, long d) {
        long raw = (a << 39) | (b << 30) | (c << 21) | (d << 12);
        return (raw << 16) >> 16;
    }
}
