package org.ptoracle.difftest.machine;

import java.util.ArrayList;
import java.util.List;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.Flags;

/**
 * The non-zero words of the initial machine, identical in every backend (trace-format.md, Header): the
 * recursive entry of the level 4 table, and the harness's three tables and level 4 entry, whose
 * accessed and dirty bits are set from the start so that running the harness never changes a table.
 */
public final class InitialLayout {
    /** One word to write: physical address and value. */
    public record Word(long pa, Entry value) {
    }

    private static final int P = Flags.PRESENT;
    private static final int W = Flags.WRITABLE;
    private static final int U = Flags.USER_ACCESSIBLE;
    private static final int AD = Flags.ACCESSED | Flags.DIRTY;

    private InitialLayout() {
    }

    /** The words to write into zeroed memory, for the level 4 table at {@code level4Frame}. */
    public static List<Word> words(MachineConfig config, long level4Frame) {
        long h = config.harnessBase();
        List<Word> words = new ArrayList<>();
        words.add(new Word(level4Frame + 8L * config.recursiveIndex(), entry(level4Frame, P | W)));
        words.add(new Word(config.harnessSlotEntry(level4Frame), entry(h, P | W | U | AD)));
        words.add(new Word(h, entry(h + 0x1000, P | W | U | AD)));
        words.add(new Word(h + 0x1000, entry(h + 0x2000, P | W | U | AD)));
        words.add(new Word(h + 0x2000, entry(h + 0x3000, P | AD)));
        words.add(new Word(h + 0x2000 + 8, entry(h + 0x4000, P | U | AD)));
        words.add(new Word(h + 0x2000 + 16, entry(h + 0x5000, P | W | AD)));
        return words;
    }

    /** The virtual address of harness page {@code page} (0 supervisor code, 1 user code, 2 scratch). */
    public static long harnessPage(MachineConfig config, int page) {
        long slot = (long) config.harnessSlot() << 39;
        if (config.harnessSlot() >= 256) {
            slot |= 0xffff_0000_0000_0000L;
        }
        return slot + 0x1000L * page;
    }

    private static Entry entry(long address, int lowFlags) {
        return Entry.of(address, Flags.of(lowFlags, 0));
    }
}
