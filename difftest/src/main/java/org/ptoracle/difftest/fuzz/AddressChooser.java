package org.ptoracle.difftest.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ptoracle.spec.VirtAddr;

/**
 * Picks virtual pages and physical frames so that operations collide: pages already used, their
 * neighbours and table-mates, the recursive region, the canonical edges and the higher half; frames in
 * the pool (aliasing the tables), in free memory, outside memory and above MAXPHYADDR. Frames that
 * would make a backend read the harness's code as a table are avoided: only the model's zeros and the
 * emulator's code bytes would differ there, and that is not a page-table question.
 */
final class AddressChooser {
    static final long KIB4 = 0x1000L;
    static final long MIB2 = 0x200000L;
    static final long GIB1 = 0x40000000L;

    private final SplittableRandom random;
    private final int recursiveIndex;
    private final long poolStart;
    private final int poolFrames;
    private final long memoryBytes;
    private final List<Long> usedPages = new ArrayList<>();
    private final List<long[]> mappedPages = new ArrayList<>();

    AddressChooser(SplittableRandom random, int recursiveIndex, long poolStart, int poolFrames, long memoryBytes) {
        this.random = random;
        this.recursiveIndex = recursiveIndex;
        this.poolStart = poolStart;
        this.poolFrames = poolFrames;
        this.memoryBytes = memoryBytes;
    }

    static long spanOf(String size) {
        return switch (size) {
            case "2MiB" -> MIB2;
            case "1GiB" -> GIB1;
            default -> KIB4;
        };
    }

    /** The canonical address with these indices (each 0..511). */
    static long fromIndices(long i4, long i3, long i2, long i1) {
        return VirtAddr.fromIndices((int) i4, (int) i3, (int) i2, (int) i1);
    }

    private int index(long address, int level) {
        return (int) ((address >>> (12 + 9 * (level - 1))) & 511);
    }

    private int smallIndex() {
        return random.nextInt(10) < 7 ? random.nextInt(4) : random.nextInt(512);
    }

    /** A page start for {@code size}; now and then deliberately unaligned (an invalid_input case). */
    long page(String size) {
        long span = spanOf(size);
        long address = virtualAddress();
        if (random.nextInt(100) < 2) {
            return address | KIB4;
        }
        address = address & -span;
        usedPages.add(address);
        if (usedPages.size() > 64) {
            usedPages.remove(0);
        }
        return address;
    }

    /** Remembers a page that a map_to step asked for, so that accesses and translations find it. */
    void noteMapped(long page, String size) {
        mappedPages.add(new long[] {page, spanOf(size)});
        if (mappedPages.size() > 32) {
            mappedPages.remove(0);
        }
    }

    /** Any address, for translate and access: most often inside a page a map_to asked for. */
    long address() {
        if (!mappedPages.isEmpty() && random.nextInt(10) < 6) {
            long[] mapped = mappedPages.get(mappedPages.size() - 1 - random.nextInt(Math.min(mappedPages.size(), 6)));
            long offset = random.nextInt(3) == 0 ? random.nextLong(mapped[1]) : random.nextInt(4096);
            return mapped[0] + offset;
        }
        long base = virtualAddress();
        int choice = random.nextInt(100);
        if (choice < 3) {
            return 0x0000_8000_0000_0000L + random.nextInt(4096);
        }
        if (choice < 60) {
            return base + random.nextInt(4096);
        }
        return base + (random.nextLong() & 0x3fff_ffffL);
    }

    private long virtualAddress() {
        int choice = random.nextInt(100);
        if (choice < 30 && !usedPages.isEmpty()) {
            return recent();
        }
        if (choice < 45 && !usedPages.isEmpty()) {
            return neighbour(recent());
        }
        if (choice < 50) {
            return recursiveRegion();
        }
        if (choice < 63) {
            long[] edges = {0L, 0x7fff_ffff_f000L, 0xffff_8000_0000_0000L, 0xffff_ffff_ffff_f000L,
                0x7fff_ffe0_0000L, 0x7fff_c000_0000L};
            return edges[random.nextInt(edges.length)];
        }
        if (choice < 72) {
            return fromIndices(256 + random.nextInt(256), smallIndex(), smallIndex(), smallIndex());
        }
        return fromIndices(smallIndex(), smallIndex(), smallIndex(), smallIndex());
    }

    private long recent() {
        return usedPages.get(usedPages.size() - 1 - random.nextInt(Math.min(usedPages.size(), 8)));
    }

    private long neighbour(long page) {
        int level = 1 + random.nextInt(3);
        long step = 1L << (12 + 9 * (level - 1));
        long sum = random.nextBoolean() ? page + step : page - step;
        if (random.nextBoolean()) {
            int i4 = index(page, 4);
            return fromIndices(i4, index(page, 3), index(page, 2), random.nextInt(512));
        }
        return (sum << 16) >> 16;
    }

    private long recursiveRegion() {
        long r = recursiveIndex;
        long other = usedPages.isEmpty() ? random.nextInt(4) : index(recent(), 4);
        return switch (random.nextInt(4)) {
            case 0 -> fromIndices(r, r, r, other);
            case 1 -> fromIndices(r, r, other, smallIndex());
            case 2 -> fromIndices(r, other, smallIndex(), smallIndex());
            default -> fromIndices(r, r, r, r);
        };
    }

    /** A frame start for {@code size}. */
    long frame(String size) {
        long span = spanOf(size);
        int choice = random.nextInt(100);
        if (choice < 2) {
            return (1L << 52) + span;
        }
        if (choice < 5) {
            return (1L << 40) + span * random.nextInt(4);
        }
        if (choice < 10) {
            return (memoryBytes + span * random.nextInt(8) + span - 1) & -span;
        }
        if (span == GIB1) {
            return GIB1 * (1 + random.nextInt(3));
        }
        if (span == MIB2) {
            long top = Math.max(2, memoryBytes / MIB2);
            return MIB2 * (1 + random.nextInt((int) top - 1));
        }
        if (choice < 25) {
            return poolFrame();
        }
        long freeStart = poolStart + KIB4 * poolFrames;
        long freeFrames = Math.max(1, (memoryBytes - freeStart) / KIB4);
        if (choice < 35) {
            return KIB4 * (1 + random.nextInt(16));
        }
        return freeStart + KIB4 * random.nextInt((int) Math.min(freeFrames, 256));
    }

    /** A frame of the pool, most likely one of the first handed out (the level 4 table and early tables). */
    long poolFrame() {
        int k = random.nextInt(10) < 7 ? random.nextInt(Math.min(poolFrames, 8)) : random.nextInt(poolFrames);
        return poolStart + KIB4 * k;
    }

    /** The physical address of a word likely to be a table entry, for peek and poke. */
    long tableWord(int harnessSlot) {
        long frame = poolFrame();
        int index;
        int choice = random.nextInt(10);
        if (choice < 4 && !usedPages.isEmpty()) {
            index = index(recent(), 1 + random.nextInt(4));
        } else if (random.nextInt(20) == 0) {
            index = recursiveIndex;
        } else {
            index = smallIndex();
        }
        if (frame == poolStart && index == harnessSlot) {
            index = (index + 1) % 512;
        }
        return frame + 8L * index;
    }
}
