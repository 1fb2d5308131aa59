package org.ptoracle.difftest.replay;

import java.util.ArrayList;
import java.util.List;
import org.ptoracle.difftest.machine.Machine;

/**
 * The entries a 4-level walk of an address reads in one machine's memory, for people: from CR3, one entry
 * per level, following each present entry until a leaf (PS in a level 3 or 2 entry, or level 1) or a
 * non-present entry. It reads memory only; it checks no rights and changes nothing.
 */
public final class WalkView {
    /** One entry of the walk: its level, where it is, and its raw value. */
    public record Row(int level, int index, long entryAddress, long value) {
    }

    private WalkView() {
    }

    /** The entries a walk of {@code va} reads in {@code machine} (empty for a non-canonical address). */
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
            rows.add(new Row(level, index, entryAddress, value));
            boolean leaf = level == 1 || (level <= 3 && (value & 0x80) != 0);
            if ((value & 1) == 0 || leaf) {
                break;
            }
            table = value & 0x000f_ffff_ffff_f000L;
        }
        return rows;
    }

    /** The flag letters of an entry: P W U PWT PCD A D PS G, NX, and the available bits as AVL. */
    public static String flags(long value) {
        String[] names = {"P", "W", "U", "PWT", "PCD", "A", "D", "PS", "G"};
        StringBuilder out = new StringBuilder();
        for (int bit = 0; bit < names.length; bit++) {
            if ((value & (1L << bit)) != 0) {
                out.append(out.isEmpty() ? "" : " ").append(names[bit]);
            }
        }
        if ((value & 0x0e00L) != 0 || (value & 0x7ff0_0000_0000_0000L) != 0) {
            out.append(out.isEmpty() ? "" : " ").append("AVL");
        }
        if (value < 0) {
            out.append(out.isEmpty() ? "" : " ").append("NX");
        }
        return out.isEmpty() ? "-" : out.toString();
    }

    /** The two walks side by side, one line per level, a marker where the sides differ. */
    public static List<String> sideBySide(String nameA, List<Row> a, String nameB, List<Row> b) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("    %-5s %-5s | %-18s %-18s %-14s | %-18s %-18s %-14s", "level", "index",
                nameA + " entry at", "value", "flags", nameB + " entry at", "value", "flags"));
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            Row ra = i < a.size() ? a.get(i) : null;
            Row rb = i < b.size() ? b.get(i) : null;
            Row any = ra != null ? ra : rb;
            boolean differs = ra == null || rb == null || ra.entryAddress() != rb.entryAddress()
                    || ra.value() != rb.value();
            lines.add(String.format("    %-5d %-5d | %-18s %-18s %-14s | %-18s %-18s %-14s%s", any.level(), any.index(),
                    ra == null ? "" : hex(ra.entryAddress()), ra == null ? "" : hex(ra.value()),
                    ra == null ? "" : flags(ra.value()), rb == null ? "" : hex(rb.entryAddress()),
                    rb == null ? "" : hex(rb.value()), rb == null ? "" : flags(rb.value()),
                    differs ? "  <== differs" : ""));
        }
        return lines;
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
