package org.ptoracle.difftest.trace;

import org.ptoracle.spec.PageSize;

/** The format's page sizes: "4KiB", "2MiB", "1GiB" for {@link PageSize} 1, 2, 3. */
public final class Sizes {
    private Sizes() {
    }

    /** The {@link PageSize} constant of a size name, or 0 when it is not one. */
    public static int parse(String name) {
        return switch (name) {
            case "4KiB" -> PageSize.SIZE_4KIB;
            case "2MiB" -> PageSize.SIZE_2MIB;
            case "1GiB" -> PageSize.SIZE_1GIB;
            default -> 0;
        };
    }

    public static String name(int size) {
        return switch (size) {
            case PageSize.SIZE_4KIB -> "4KiB";
            case PageSize.SIZE_2MIB -> "2MiB";
            case PageSize.SIZE_1GIB -> "1GiB";
            default -> throw new IllegalArgumentException("page size " + size);
        };
    }
}
