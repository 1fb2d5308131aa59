package org.ptoracle.difftest.machine;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries a 4-level walk of an address reads in a machine's memory: from CR3, one entry per level,
 * following each present entry until a leaf (PS in a level 3 or 2 entry, or level 1) or a non-present
 * entry. A plain read of memory: no rights are checked and nothing changes. It is a superset of what
 * the walker itself reads (it does not stop at reserved bits), which is what both of its users need:
 * the pages an access may change, and the walk shown to a person at a divergence.
 */
public final class EntryPath {
    /** One entry of the path: its level, its index, where it is, and its raw value. */
    public record Row(int level, int index, long entryAddress, long value) {
        /** True when this entry ends the walk with a translation (PS at level 3 or 2, or level 1). */
        public boolean leaf() {
            return (value & 1) != 0 && (level == 1 || (level <= 3 && (value & 0x80) != 0));
        }
    }

    private EntryPath() {
    }

    /** The entries read for {@code va} (empty for a non-canonical address: #GP comes first). */
    public static List<Row> of(Machine machine, long va) {
        List<Row> rows = new ArrayList<>();
        if (((va << 16) >> 16) != va) {
            return rows;
        }
        long table = machine.cr3();
        for (int level = 4; level >= 1; level--) {
            int index = (int) ((va >>> (12 + 9 * (level - 1))) & 511);
            long entryAddress = table + 8L * index;
            long value = entryAddress + 8 <= machine.memorySize() ? machine.peek(entryAddress).toRaw() : 0L;
            Row row = new Row(level, index, entryAddress, value);
            rows.add(row);
            if ((value & 1) == 0 || row.leaf()) {
                break;
            }
            table = value & 0x000f_ffff_ffff_f000L;
        }
        return rows;
    }

    /** Where an access at {@code va} lands if the path ends in a leaf, else -1. */
    public static long landing(List<Row> rows, long va) {
        if (rows.isEmpty() || !rows.get(rows.size() - 1).leaf()) {
            return -1;
        }
        Row leaf = rows.get(rows.size() - 1);
        long span = 1L << (12 + 9 * (leaf.level() - 1));
        return ((leaf.value() & 0x000f_ffff_ffff_f000L) & -span) + (va & (span - 1));
    }
}
