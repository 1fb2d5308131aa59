package org.ptoracle.difftest.replay;

import java.util.ArrayList;
import java.util.List;
import org.ptoracle.difftest.machine.EntryPath;
import org.ptoracle.difftest.machine.EntryPath.Row;

/** A 4-level walk of an address on two machines, side by side, for people ({@link EntryPath} rows). */
public final class WalkView {
    private WalkView() {
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
