package org.ptoracle.difftest.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds one step of a given op with arguments drawn for collisions and odd cases. */
final class StepFactory {
    private static final String[][] FLAG_SETS = {
        {"PRESENT", "WRITABLE"}, {"PRESENT", "WRITABLE"}, {"PRESENT", "WRITABLE"}, {"PRESENT", "WRITABLE"},
        {"PRESENT", "WRITABLE", "USER_ACCESSIBLE"}, {"PRESENT", "WRITABLE", "USER_ACCESSIBLE"},
        {"PRESENT", "WRITABLE", "USER_ACCESSIBLE"}, {"PRESENT"}, {"PRESENT", "USER_ACCESSIBLE"},
        {"PRESENT", "WRITABLE", "NO_EXECUTE"}, {"PRESENT", "WRITABLE", "USER_ACCESSIBLE", "NO_EXECUTE"},
        {"NO_EXECUTE"}, {}, {"PRESENT", "WRITABLE", "GLOBAL"}, {"PRESENT", "WRITABLE", "BIT_9"},
        {"PRESENT", "WRITABLE", "ACCESSED", "DIRTY"}, {"BIT_9"}, {"PRESENT", "WRITABLE", "HUGE_PAGE"},
        {"PRESENT", "WRITABLE", "USER_ACCESSIBLE", "WRITE_THROUGH", "NO_CACHE"},
        {"PRESENT", "WRITABLE", "BIT_52", "BIT_62"},
    };
    private static final String[] ALL_FLAGS = {"PRESENT", "WRITABLE", "USER_ACCESSIBLE", "WRITE_THROUGH",
        "NO_CACHE", "ACCESSED", "DIRTY", "HUGE_PAGE", "GLOBAL", "BIT_9", "BIT_10", "BIT_11", "BIT_52",
        "BIT_53", "BIT_54", "BIT_55", "BIT_56", "BIT_57", "BIT_58", "BIT_59", "BIT_60", "BIT_61", "BIT_62",
        "NO_EXECUTE"};
    private static final String[][] PARENT_FLAG_SETS = {
        {"PRESENT", "WRITABLE"}, {"PRESENT", "WRITABLE", "USER_ACCESSIBLE"}, {"PRESENT"}, {},
        {"PRESENT", "WRITABLE", "NO_EXECUTE"}, {"PRESENT", "WRITABLE", "HUGE_PAGE"},
    };

    private final SplittableRandom random;
    private final AddressChooser addresses;
    private final int recursiveIndex;
    private final int harnessSlot;

    StepFactory(SplittableRandom random, AddressChooser addresses, int recursiveIndex, int harnessSlot) {
        this.random = random;
        this.addresses = addresses;
        this.recursiveIndex = recursiveIndex;
        this.harnessSlot = harnessSlot;
    }

    TraceStep step(String op, String size) {
        return switch (op) {
            case "map_to" -> mapTo(size);
            case "identity_map" -> TraceStep.of(op, "size", size, "frame", addresses.frame(size), "flags", flags());
            case "unmap", "translate_page" -> TraceStep.of(op, "size", size, "page", addresses.page(size));
            case "update_flags", "set_flags_p4_entry", "set_flags_p3_entry", "set_flags_p2_entry" ->
                TraceStep.of(op, "size", size, "page", addresses.page(size), "flags", flags());
            case "translate", "translate_addr" -> TraceStep.of(op, "addr", addresses.address());
            case "clean_up", "flush_all" -> TraceStep.of(op);
            case "clean_up_range" -> cleanUpRange();
            case "new" -> TraceStep.of(op, "table_addr", tableAddress());
            case "new_unchecked" -> TraceStep.of(op, "recursive_index",
                    random.nextInt(8) == 0 ? random.nextInt(512) : recursiveIndex);
            case "access" -> access();
            case "peek" -> TraceStep.of(op, "phys", addresses.tableWord(harnessSlot));
            case "poke" -> TraceStep.of(op, "phys", addresses.tableWord(harnessSlot), "value", oddEntry());
            case "flush" -> TraceStep.of(op, "page", addresses.page("4KiB"));
            case "set_cr" -> setCr();
            default -> throw new IllegalArgumentException("no generator for op " + op);
        };
    }

    private TraceStep mapTo(String size) {
        long page = addresses.page(size);
        addresses.noteMapped(page, size);
        TraceStep step = TraceStep.of("map_to", "size", size, "page", page,
                "frame", addresses.frame(size), "flags", flags());
        if (random.nextInt(5) == 0) {
            step = step.with("parent_flags", List.of(PARENT_FLAG_SETS[random.nextInt(PARENT_FLAG_SETS.length)]));
        }
        return step;
    }

    private List<String> flags() {
        if (random.nextInt(20) == 0) {
            List<String> any = new ArrayList<>();
            for (String name : ALL_FLAGS) {
                if (random.nextInt(4) == 0) {
                    any.add(name);
                }
            }
            return any;
        }
        return List.of(FLAG_SETS[random.nextInt(FLAG_SETS.length)]);
    }

    private TraceStep cleanUpRange() {
        long a = addresses.page("4KiB") & ~0xfffL;
        long b = addresses.page("4KiB") & ~0xfffL;
        if (random.nextInt(4) != 0 && Long.compareUnsigned(a, b) > 0) {
            long t = a;
            a = b;
            b = t;
        }
        return TraceStep.of("clean_up_range", "start", a, "end", b);
    }

    private long tableAddress() {
        long r = recursiveIndex;
        return switch (random.nextInt(8)) {
            case 0 -> AddressChooser.fromIndices(r, r, r, (r + 1) % 512);
            case 1 -> AddressChooser.fromIndices((r + 1) % 512, (r + 1) % 512, (r + 1) % 512, (r + 1) % 512);
            case 2 -> addresses.page("4KiB");
            default -> AddressChooser.fromIndices(r, r, r, r);
        };
    }

    private TraceStep access() {
        String[] kinds = {"read", "read", "write", "write", "exec"};
        String mode = random.nextInt(3) == 0 ? "user" : "supervisor";
        return TraceStep.of("access", "addr", addresses.address(), "kind", kinds[random.nextInt(kinds.length)],
                "mode", mode);
    }

    private TraceStep setCr() {
        TraceStep step = TraceStep.of("set_cr");
        String[] fields = {"cr0_wp", "efer_nxe", "cr4_smep", "cr4_smap"};
        for (String field : fields) {
            if (random.nextInt(3) == 0) {
                step = step.with(field, random.nextBoolean());
            }
        }
        if (step.fields().isEmpty()) {
            step = step.with(fields[random.nextInt(fields.length)], random.nextBoolean());
        }
        return step;
    }

    /** An entry value: mostly plausible, often odd (crate-semantics §8, mmu-facts §4). */
    private long oddEntry() {
        long frame = addresses.poolFrame();
        return switch (random.nextInt(10)) {
            case 0 -> frame | 0x200L;                                  // non-zero, not present
            case 1 -> frame | 0x3L | (1L << (40 + random.nextInt(12))); // address bit above MAXPHYADDR
            case 2 -> frame | 0x83L;                                    // PS (in a level 4 entry: reserved)
            case 3 -> (AddressChooser.MIB2 * (1 + random.nextInt(3))) | 0x1000L * (1 + random.nextInt(2)) | 0x83L;
            case 4 -> frame | 0x3L | Long.MIN_VALUE;                    // NO_EXECUTE
            case 5 -> 0L;                                               // unmapped behind the crate's back
            case 6 -> frame | 0x7L;
            default -> frame | 0x3L;
        };
    }
}
