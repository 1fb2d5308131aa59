package org.ptoracle.difftest.unicorn;

import java.util.ArrayList;
import java.util.List;

/**
 * A machine set up as a default trace header would (level 4 table = first pool frame with its recursive
 * entry, harness below the pool, CR3 loaded), plus a small table builder: every {@link #map} call builds
 * a fresh chain of tables from the pool, with exactly the flags given at each level, so tests can put a
 * bit at one level only.
 */
final class PagingFixture implements AutoCloseable {
    static final long P = 1;
    static final long W = 1 << 1;
    static final long U = 1 << 2;
    static final long A = 1 << 5;
    static final long D = 1 << 6;
    static final long PS = 1 << 7;
    static final long XD = 1L << 63;
    static final long PW = P | W;
    static final long PWU = P | W | U;

    static final long POOL = 0x100000;
    static final int RECURSIVE = 510;
    static final int HARNESS_SLOT = 511;

    enum Size { K4, M2, G1 }

    final EmulatedMachine m;
    final long level4 = POOL;
    private long nextFrame = POOL + 0x1000;

    PagingFixture(int memoryMib) {
        m = EmulatedMachine.open(memoryMib);
        m.writePhys64(level4 + 8L * RECURSIVE, level4 | PW);
        m.installHarness(level4, HARNESS_SLOT, EmulatedMachine.harnessFrameForPool(POOL));
        m.setCr3(level4);
    }

    PagingFixture() {
        this(8);
    }

    long frame() {
        long f = nextFrame;
        nextFrame += 0x1000;
        return f;
    }

    /**
     * Maps {@code va} with fresh tables: level 4 entry flags {@code f4}, level 3 {@code f3}, level 2
     * {@code f2} (ignored for 1 GiB), and the leaf {@code leaf} (PS is added for huge pages) pointing at
     * {@code pa}. Returns the physical addresses of the entries used, top down.
     */
    long[] map(long va, Size size, long pa, long f4, long f3, long f2, long leaf) {
        List<Long> entries = new ArrayList<>();
        long l3 = frame();
        long e4 = level4 + 8 * ((va >>> 39) & 511);
        m.writePhys64(e4, l3 | f4);
        entries.add(e4);
        long e3 = l3 + 8 * ((va >>> 30) & 511);
        entries.add(e3);
        if (size == Size.G1) {
            m.writePhys64(e3, pa | leaf | PS);
            return toArray(entries);
        }
        long l2 = frame();
        m.writePhys64(e3, l2 | f3);
        long e2 = l2 + 8 * ((va >>> 21) & 511);
        entries.add(e2);
        if (size == Size.M2) {
            m.writePhys64(e2, pa | leaf | PS);
            return toArray(entries);
        }
        long l1 = frame();
        m.writePhys64(e2, l1 | f2);
        long e1 = l1 + 8 * ((va >>> 12) & 511);
        entries.add(e1);
        m.writePhys64(e1, pa | leaf);
        return toArray(entries);
    }

    /**
     * Maps the 4 KiB page {@code va}, reusing tables that are already present and creating the others with
     * {@code tableFlags}. Returns the entry addresses, top down.
     */
    long[] ensure4k(long va, long pa, long tableFlags, long leaf) {
        long table = level4;
        long[] entries = new long[4];
        for (int level = 4; level >= 2; level--) {
            long e = table + 8 * ((va >>> (12 + 9 * (level - 1))) & 511);
            entries[4 - level] = e;
            long value = m.readPhys64(e);
            if ((value & P) == 0) {
                long next = frame();
                m.writePhys64(e, next | tableFlags);
                table = next;
            } else {
                table = value & 0x000F_FFFF_FFFF_F000L;
            }
        }
        long e1 = table + 8 * ((va >>> 12) & 511);
        entries[3] = e1;
        m.writePhys64(e1, pa | leaf);
        return entries;
    }

    /** A 4 KiB page with the same flags at every level. */
    long[] map4k(long va, long pa, long flags) {
        return map(va, Size.K4, pa, flags & ~XD | P, flags & ~XD | P, flags & ~XD | P, flags);
    }

    /** Snapshot of all physical memory. */
    long[] snapshot() {
        return m.memory().toLongArray();
    }

    /** Words that differ from {@code before}, as "pa: old -> new" strings, in address order. */
    List<String> changesSince(long[] before) {
        long[] after = snapshot();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < after.length; i++) {
            if (after[i] != before[i]) {
                out.add(change(8L * i, before[i], after[i]));
            }
        }
        return out;
    }

    static String change(long pa, long before, long after) {
        return "0x" + Long.toHexString(pa) + ": 0x" + Long.toHexString(before) + " -> 0x" + Long.toHexString(after);
    }

    /** The expected change of entry {@code pa} when {@code bits} get set in it. */
    String setBits(long[] before, long pa, long bits) {
        return change(pa, before[(int) (pa / 8)], before[(int) (pa / 8)] | bits);
    }

    private static long[] toArray(List<Long> list) {
        long[] a = new long[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    @Override
    public void close() {
        m.close();
    }
}
