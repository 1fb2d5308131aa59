package org.ptoracle.difftest.trace;

import java.util.ArrayList;
import java.util.List;
import org.ptoracle.difftest.json.JsonArray;
import org.ptoracle.difftest.json.JsonString;
import org.ptoracle.difftest.json.JsonValue;
import org.ptoracle.spec.Flags;

/**
 * The 24 flag names of the format (the crate's PageTableFlags): bits 0..11 and 52..63. Bits 12..51 are
 * address bits in an entry and no flag names them.
 */
public final class FlagNames {
    private static final String[] LOW = {
        "PRESENT", "WRITABLE", "USER_ACCESSIBLE", "WRITE_THROUGH", "NO_CACHE", "ACCESSED", "DIRTY",
        "HUGE_PAGE", "GLOBAL", "BIT_9", "BIT_10", "BIT_11",
    };
    private static final String[] HIGH = {
        "BIT_52", "BIT_53", "BIT_54", "BIT_55", "BIT_56", "BIT_57", "BIT_58", "BIT_59", "BIT_60", "BIT_61",
        "BIT_62", "NO_EXECUTE",
    };
    /** Raw bits that no flag names: the entry's address field. */
    public static final long ADDRESS_BITS = 0x000f_ffff_ffff_f000L;

    private FlagNames() {
    }

    /** The bit number of a flag name, or -1 when there is no such flag. Names are case-sensitive. */
    public static int bitOf(String name) {
        for (int i = 0; i < 12; i++) {
            if (LOW[i].equals(name)) {
                return i;
            }
            if (HIGH[i].equals(name)) {
                return 52 + i;
            }
        }
        return -1;
    }

    /** The name of flag bit {@code bit} (0..11 or 52..63). */
    public static String nameOf(int bit) {
        return bit < 12 ? LOW[bit] : HIGH[bit - 52];
    }

    /** Every flag name, by ascending bit. */
    public static List<String> all() {
        List<String> names = new ArrayList<>(List.of(LOW));
        names.addAll(List.of(HIGH));
        return names;
    }

    /** The names of the set bits of {@code raw} (address bits ignored), by ascending bit. */
    public static List<String> names(long raw) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((bit < 12 || bit >= 52) && (raw >>> bit & 1) != 0) {
                names.add(nameOf(bit));
            }
        }
        return names;
    }

    /** The format's output for flags: an array of names by ascending bit. */
    public static JsonArray toJson(Flags flags) {
        return toJson(flags.toRaw());
    }

    /** As {@link #toJson(Flags)}, from raw bits (address bits ignored). */
    public static JsonArray toJson(long raw) {
        List<JsonValue> names = new ArrayList<>();
        for (String name : names(raw)) {
            names.add(new JsonString(name));
        }
        return new JsonArray(names);
    }
}
