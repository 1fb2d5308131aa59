package org.ptoracle.difftest.trace;

import org.ptoracle.spec.Flags;

/**
 * One operation of a trace, with its fields as the file gave them: 64-bit values as raw bit patterns
 * (read unsigned), not yet checked against the crate's types. Checking them (alignment, canonical
 * form, the 2^52 limit, index ranges) is the executor's job, because a value the types refuse is a
 * result ({@code invalid_input}), not a malformed trace. Sizes are {@link org.ptoracle.spec.PageSize}
 * constants; access kinds and modes are {@link org.ptoracle.spec.Access} constants.
 */
public sealed interface Op {
    /** The op's name in the trace ({@code "map_to"}, ...). */
    String name();

    /** {@code Mapper::map_to}, or {@code map_to_with_table_flags} when {@code parentFlags} is not null. */
    record MapTo(int size, long page, long frame, Flags flags, Flags parentFlags) implements Op {
        public String name() {
            return "map_to";
        }
    }

    record IdentityMap(int size, long frame, Flags flags) implements Op {
        public String name() {
            return "identity_map";
        }
    }

    record Unmap(int size, long page) implements Op {
        public String name() {
            return "unmap";
        }
    }

    record UpdateFlags(int size, long page, Flags flags) implements Op {
        public String name() {
            return "update_flags";
        }
    }

    /** {@code set_flags_p4_entry}, {@code set_flags_p3_entry} or {@code set_flags_p2_entry} (level 4, 3, 2). */
    record SetFlagsEntry(int level, int size, long page, Flags flags) implements Op {
        public String name() {
            return "set_flags_p" + level + "_entry";
        }
    }

    record TranslatePage(int size, long page) implements Op {
        public String name() {
            return "translate_page";
        }
    }

    record Translate(long addr) implements Op {
        public String name() {
            return "translate";
        }
    }

    record TranslateAddr(long addr) implements Op {
        public String name() {
            return "translate_addr";
        }
    }

    record CleanUp() implements Op {
        public String name() {
            return "clean_up";
        }
    }

    /** {@code clean_up_addr_range} over the 4 KiB pages {@code start ..= end}. */
    record CleanUpRange(long start, long end) implements Op {
        public String name() {
            return "clean_up_range";
        }
    }

    /** {@code RecursivePageTable::new} on the table at virtual {@code tableAddr}; checks only. */
    record New(long tableAddr) implements Op {
        public String name() {
            return "new";
        }
    }

    /**
     * {@code new_unchecked}: {@code recursiveIndex} as given (512 or more is refused when run);
     * {@code tableAddr} null means the level 4 table's recursive address for that index.
     */
    record NewUnchecked(long recursiveIndex, Long tableAddr) implements Op {
        public String name() {
            return "new_unchecked";
        }
    }

    record Access(long addr, int kind, int mode) implements Op {
        public String name() {
            return "access";
        }
    }

    record Peek(long phys) implements Op {
        public String name() {
            return "peek";
        }
    }

    record Poke(long phys, long value) implements Op {
        public String name() {
            return "poke";
        }
    }

    record Flush(long page) implements Op {
        public String name() {
            return "flush";
        }
    }

    record FlushAll() implements Op {
        public String name() {
            return "flush_all";
        }
    }

    /** {@code set_cr}: a null field keeps its current value; at least one is not null. */
    record SetCr(Boolean cr0Wp, Boolean eferNxe, Boolean cr4Smep, Boolean cr4Smap) implements Op {
        public String name() {
            return "set_cr";
        }
    }
}
