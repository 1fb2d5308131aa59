package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ptoracle.spec.Access;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.MapperResult;
import org.ptoracle.spec.Walk;

/**
 * MapperWalk's lemma run on the model, end to end, around a real map_to, translate_page and unmap of one
 * page. On the §8 fixture (CR0.WP on) with a random recursive index, map a random 4 KiB page to a random
 * frame; then the lemma's walk of the mapper's address of the leaf resolves to the word {@code table + 8 j}
 * (table: the address in the page's level 2 entry, read from memory with the crate's shifts, not the
 * model's arithmetic), that word holds the frame and flags map_to stored, and the walk of an address in
 * the page resolves to the frame plus its offset; translate_page returns that frame; unmap returns it
 * and leaves the word zero, after which the page's walk faults. This also covers the links KeY does not
 * prove (a store is a write walk; the walks in between set ACCESSED/DIRTY bits): here they are what the
 * model does.
 */
class MapperWalkTest {
    private static final long SEED = 0x3a1fL;

    @Test
    void theMappersLeafIsTheWordThePagesWalkReadsThroughMapTranslateAndUnmap() throws Exception {
        System.out.println("MapperWalkTest seed = 0x" + Long.toHexString(SEED));
        Random rnd = new Random(SEED);
        int checked = 0;
        while (checked < 300) {
            long start = ((rnd.nextLong() << 16) >> 16) & ~4095L; // a canonical 4 KiB page
            int r = rnd.nextInt(512); // the recursive index, and with it the level 4 table's own address
            int i4 = Fixture.tableIndex(start, 4);
            if (i4 == r) {
                continue; // the recursive region's pages are the tables themselves; not a page to map here
            }
            int i3 = Fixture.tableIndex(start, 3);
            int i2 = Fixture.tableIndex(start, 2);
            int j = Fixture.tableIndex(start, 1);
            long frame = (rnd.nextLong() & (Fixture.MEMORY - 1)) & ~4095L;
            long flags = Fixture.P | Fixture.W | (rnd.nextBoolean() ? Fixture.U : 0) | (rnd.nextBoolean() ? Fixture.NX : 0);
            Fixture fx = Fixture.options().r(r).build();
            MapperResult res = fx.table.mapTo(Fixture.page4k(start), Fixture.frame(Fixture.SIZE_4K, frame),
                    Fixture.flags(flags), fx.allocator);
            String where = "page " + Fixture.hex(start) + " frame " + Fixture.hex(frame) + " r " + r;
            Fixture.assertOkFlush(res, start);

            long l4 = RecursiveAddresses.level4(r);
            long va = MapperAddresses.entry(l4, r, SeededBug.NONE, start, 1);
            long e3 = fx.get(fx.p4, i4) & Entry.ADDR_MASK;
            long e2 = fx.get(e3, i3) & Entry.ADDR_MASK;
            long table = fx.get(e2, i2) & Entry.ADDR_MASK;
            long leafWord = table + 8L * j;
            Walk leaf = MapperWalk.leafEntry(fx.mmu, l4, r, start, i4, i3, i2, j, va, table, Access.READ);
            Fixture.assertPhys(leaf, leafWord);
            assertEquals(leafWord, WalkAddresses.entry(table, j), where);
            long word = fx.peek(leafWord);
            assertEquals(Fixture.hex(frame), Fixture.hex(word & Entry.ADDR_MASK), where + ": the leaf's frame");
            assertEquals(Fixture.hex(flags), Fixture.hex(word & ~Entry.ADDR_MASK & ~Fixture.AD_MASK), where + ": the leaf's flags");

            long off = rnd.nextInt(4096);
            Fixture.assertPhys(fx.mmu.access(start + off, Access.READ, Access.SUPERVISOR), frame + off);

            // translate_page reads that word (T6's link) ...
            Fixture.assertFrame(fx.table.translatePage(Fixture.page4k(start)), frame, Fixture.SIZE_4K);
            // ... and unmap zeroes it (T5's): the page's walk then faults, not present (supervisor
            // read: error code 0), where the leaf's address still resolves to the same word.
            Fixture.assertUnmapped(fx.table.unmap(Fixture.page4k(start)), frame, start, Fixture.SIZE_4K);
            assertEquals(0L, fx.peek(leafWord), where + ": the leaf after unmap");
            Fixture.assertPageFault(fx.mmu.access(start + off, Access.READ, Access.SUPERVISOR), 0, start + off);
            // The store that zeroed it was a write through the same address: a write walk ends there too.
            Fixture.assertPhys(MapperWalk.leafEntry(fx.mmu, l4, r, start, i4, i3, i2, j, va, table, Access.WRITE),
                    leafWord);
            checked++;
        }
    }
}
