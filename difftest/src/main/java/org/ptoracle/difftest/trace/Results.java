package org.ptoracle.difftest.trace;

import java.util.ArrayList;
import java.util.List;
import org.ptoracle.difftest.json.JsonArray;
import org.ptoracle.difftest.json.JsonBoolean;
import org.ptoracle.difftest.json.JsonObject;
import org.ptoracle.difftest.json.JsonString;
import org.ptoracle.difftest.json.JsonValue;
import org.ptoracle.spec.Fault;
import org.ptoracle.spec.MapperError;
import org.ptoracle.spec.MapperResult;
import org.ptoracle.spec.TranslateResult;

/** The format's result objects (trace-format.md, Results), built from the model's values. */
public final class Results {
    private Results() {
    }

    /** {@code {"ok": true}}: new_unchecked, poke, flush, flush_all, set_cr. */
    public static JsonObject okTrue() {
        return JsonObject.of("ok", JsonBoolean.TRUE);
    }

    /** {@code {"ok": {"freed": [...]}}}: clean_up and clean_up_range, frames in the order handed back. */
    public static JsonObject freed(long[] frames) {
        List<JsonValue> list = new ArrayList<>();
        for (long frame : frames) {
            list.add(new JsonString(Hex.format(frame)));
        }
        return JsonObject.of("ok", JsonObject.of("freed", new JsonArray(list)));
    }

    /** A Mapper method's result: Ok with its payload, or Err with its variant and payload. */
    public static JsonObject of(MapperResult r) {
        return switch (r.kind) {
            case MapperResult.OK_FLUSH -> ok(JsonObject.builder().put("flush", Hex.format(r.page)).build());
            case MapperResult.OK_FLUSH_ALL -> ok(JsonObject.of("flush_all", JsonBoolean.TRUE));
            case MapperResult.OK_UNMAPPED -> ok(JsonObject.builder().put("frame", Hex.format(r.value))
                    .put("flush", Hex.format(r.page)).build());
            case MapperResult.OK_FRAME -> ok(JsonObject.builder().put("frame", Hex.format(r.value)).build());
            case MapperResult.OK_RECURSIVE -> ok(JsonObject.builder().put("recursive_index", r.value).build());
            case MapperResult.ERR -> err(r);
            default -> throw new IllegalArgumentException("MapperResult kind " + r.kind);
        };
    }

    private static JsonObject ok(JsonObject payload) {
        return JsonObject.of("ok", payload);
    }

    private static JsonObject err(MapperResult r) {
        JsonObject.Builder b = JsonObject.builder().put("err", errorName(r.error));
        if (r.error == MapperError.PAGE_ALREADY_MAPPED) {
            b.put("frame", Hex.format(r.value));
        } else if (r.error == MapperError.INVALID_FRAME_ADDRESS) {
            b.put("addr", Hex.format(r.value));
        }
        return b.build();
    }

    /** The format's name of a {@link MapperError} variant (the crate's variant name). */
    public static String errorName(int error) {
        return switch (error) {
            case MapperError.FRAME_ALLOCATION_FAILED -> "FrameAllocationFailed";
            case MapperError.PARENT_ENTRY_HUGE_PAGE -> "ParentEntryHugePage";
            case MapperError.PAGE_ALREADY_MAPPED -> "PageAlreadyMapped";
            case MapperError.PAGE_NOT_MAPPED -> "PageNotMapped";
            case MapperError.INVALID_FRAME_ADDRESS -> "InvalidFrameAddress";
            case MapperError.NOT_RECURSIVE -> "NotRecursive";
            case MapperError.NOT_ACTIVE -> "NotActive";
            default -> throw new IllegalArgumentException("MapperError " + error);
        };
    }

    /** {@code translate}'s result: mapped, not_mapped or invalid_frame_address. */
    public static JsonObject of(TranslateResult r) {
        return switch (r.kind) {
            case TranslateResult.MAPPED -> JsonObject.of("mapped", JsonObject.builder()
                    .put("size", Sizes.name(r.size))
                    .put("frame", Hex.format(r.frame))
                    .put("offset", Hex.format(r.offset))
                    .put("flags", FlagNames.toJson(r.flags))
                    .build());
            case TranslateResult.NOT_MAPPED -> JsonObject.of("not_mapped", JsonBoolean.TRUE);
            case TranslateResult.INVALID_FRAME_ADDRESS -> JsonObject.builder()
                    .put("invalid_frame_address", Hex.format(r.frame)).build();
            default -> throw new IllegalArgumentException("TranslateResult kind " + r.kind);
        };
    }

    /** {@code {"phys": ADDR}}: translate_addr gave Some, or an access succeeded. */
    public static JsonObject phys(long phys) {
        return JsonObject.builder().put("phys", Hex.format(phys)).build();
    }

    /** {@code {"none": true}}: translate_addr gave None. */
    public static JsonObject none() {
        return JsonObject.of("none", JsonBoolean.TRUE);
    }

    /** {@code {"value": V}}: peek. */
    public static JsonObject value(long value) {
        return JsonObject.builder().put("value", Hex.format(value)).build();
    }

    /** {@code {"fault": {...}}}: a page fault with its error code and CR2, or #GP(0) without CR2. */
    public static JsonObject fault(Fault fault) {
        JsonObject.Builder b = JsonObject.builder().put("vector", fault.vector)
                .put("error_code", Hex.format(fault.errorCode));
        if (fault.vector == Fault.PAGE_FAULT) {
            b.put("cr2", Hex.format(fault.cr2));
        }
        return JsonObject.of("fault", b.build());
    }

    /** {@code {"panic": MESSAGE}}. */
    public static JsonObject panic(String message) {
        return JsonObject.builder().put("panic", message == null ? "" : message).build();
    }

    /** {@code {"invalid_input": MESSAGE}}. */
    public static JsonObject invalidInput(String message) {
        return JsonObject.builder().put("invalid_input", message).build();
    }
}
