package org.ptoracle.difftest.run;

import java.util.BitSet;
import java.util.OptionalLong;
import org.ptoracle.difftest.machine.Machine;
import org.ptoracle.difftest.machine.MachineConfig;

/**
 * Compares the physical memories of two machines outside harness memory (whose code pages each backend
 * fills as it needs). Only pages that either machine may have written are read, when both can say
 * which those are ({@link Machine#writtenPages}); otherwise every page is read.
 */
public final class MemoryComparator {
    private static final int WORDS = 512;

    private final long[] wordsA = new long[WORDS];
    private final long[] wordsB = new long[WORDS];

    /** The lowest 8-byte aligned physical address where the memories differ outside harness memory, if any. */
    public OptionalLong firstDifference(Machine a, Machine b, MachineConfig config) {
        long size = Math.min(a.memorySize(), b.memorySize());
        int pages = (int) (size / 4096);
        BitSet candidates = candidates(a, b, pages);
        long harnessFirstPage = config.harnessBase() / 4096;
        long harnessEndPage = config.harnessEnd() / 4096;
        for (int page = candidates.nextSetBit(0); page >= 0 && page < pages; page = candidates.nextSetBit(page + 1)) {
            if (page >= harnessFirstPage && page < harnessEndPage) {
                continue;
            }
            long pa = (long) page * 4096;
            a.readWords(pa, wordsA);
            b.readWords(pa, wordsB);
            int mismatch = java.util.Arrays.mismatch(wordsA, wordsB);
            if (mismatch >= 0) {
                return OptionalLong.of(pa + 8L * mismatch);
            }
        }
        if (a.memorySize() != b.memorySize()) {
            return OptionalLong.of(size);
        }
        return OptionalLong.empty();
    }

    private static BitSet candidates(Machine a, Machine b, int pages) {
        BitSet wa = a.writtenPages();
        BitSet wb = b.writtenPages();
        if (wa == null || wb == null) {
            BitSet all = new BitSet(pages);
            all.set(0, pages);
            return all;
        }
        BitSet union = (BitSet) wa.clone();
        union.or(wb);
        return union;
    }
}
