package org.ptoracle.difftest.trace;

import org.ptoracle.difftest.json.JsonNumber;
import org.ptoracle.difftest.json.JsonObject;
import org.ptoracle.difftest.json.JsonString;
import org.ptoracle.difftest.machine.MachineConfig;
import org.ptoracle.spec.Access;

/**
 * Writes headers and operations as trace lines, in the format's output style (hex strings, flags as
 * names): the inverse of {@link TraceParser}, for generated traces, saved counterexamples and tests.
 */
public final class TraceWriter {
    private TraceWriter() {
    }

    /** The header line of {@code config}, every field written out. */
    public static JsonObject header(MachineConfig config) {
        return JsonObject.builder()
                .put("ptoracle", 1)
                .put("recursive_index", config.recursiveIndex())
                .put("harness_slot", config.harnessSlot())
                .put("memory_mib", config.memoryMib())
                .put("pool", JsonObject.builder().put("start", Hex.format(config.poolStart()))
                        .put("frames", config.poolFrames()).build())
                .put("cr0_wp", config.cr0Wp())
                .put("efer_nxe", config.eferNxe())
                .put("cr4_smep", config.cr4Smep())
                .put("cr4_smap", config.cr4Smap())
                .build();
    }

    /** The line of {@code step}: its op, and its expectation when it has one. */
    public static JsonObject step(Step step) {
        JsonObject op = op(step.op());
        if (step.expect() == null) {
            return op;
        }
        JsonObject.Builder b = JsonObject.builder();
        op.members().forEach(b::put);
        return b.put("expect", step.expect()).build();
    }

    /** The line of one operation, without an expectation. */
    public static JsonObject op(Op op) {
        JsonObject.Builder b = JsonObject.builder().put("op", op.name());
        switch (op) {
            case Op.MapTo m -> {
                b.put("size", Sizes.name(m.size())).put("page", Hex.format(m.page()))
                        .put("frame", Hex.format(m.frame())).put("flags", FlagNames.toJson(m.flags()));
                if (m.parentFlags() != null) {
                    b.put("parent_flags", FlagNames.toJson(m.parentFlags()));
                }
            }
            case Op.IdentityMap m -> b.put("size", Sizes.name(m.size())).put("frame", Hex.format(m.frame()))
                    .put("flags", FlagNames.toJson(m.flags()));
            case Op.Unmap u -> b.put("size", Sizes.name(u.size())).put("page", Hex.format(u.page()));
            case Op.UpdateFlags u -> b.put("size", Sizes.name(u.size())).put("page", Hex.format(u.page()))
                    .put("flags", FlagNames.toJson(u.flags()));
            case Op.SetFlagsEntry s -> b.put("size", Sizes.name(s.size())).put("page", Hex.format(s.page()))
                    .put("flags", FlagNames.toJson(s.flags()));
            case Op.TranslatePage t -> b.put("size", Sizes.name(t.size())).put("page", Hex.format(t.page()));
            case Op.Translate t -> b.put("addr", Hex.format(t.addr()));
            case Op.TranslateAddr t -> b.put("addr", Hex.format(t.addr()));
            case Op.CleanUp c -> {
            }
            case Op.CleanUpRange c -> b.put("start", Hex.format(c.start())).put("end", Hex.format(c.end()));
            case Op.New n -> b.put("table_addr", Hex.format(n.tableAddr()));
            case Op.NewUnchecked n -> {
                b.put("recursive_index", JsonNumber.ofUnsigned(n.recursiveIndex()));
                if (n.tableAddr() != null) {
                    b.put("table_addr", Hex.format(n.tableAddr()));
                }
            }
            case Op.Access a -> b.put("addr", Hex.format(a.addr()))
                    .put("kind", new JsonString(a.kind() == Access.READ ? "read" : a.kind() == Access.WRITE ? "write" : "exec"))
                    .put("mode", a.mode() == Access.USER ? "user" : "supervisor");
            case Op.Peek p -> b.put("phys", Hex.format(p.phys()));
            case Op.Poke p -> b.put("phys", Hex.format(p.phys())).put("value", Hex.format(p.value()));
            case Op.Flush f -> b.put("page", Hex.format(f.page()));
            case Op.FlushAll f -> {
            }
            case Op.SetCr s -> {
                if (s.cr0Wp() != null) {
                    b.put("cr0_wp", s.cr0Wp());
                }
                if (s.eferNxe() != null) {
                    b.put("efer_nxe", s.eferNxe());
                }
                if (s.cr4Smep() != null) {
                    b.put("cr4_smep", s.cr4Smep());
                }
                if (s.cr4Smap() != null) {
                    b.put("cr4_smap", s.cr4Smap());
                }
            }
        }
        return b.build();
    }
}
