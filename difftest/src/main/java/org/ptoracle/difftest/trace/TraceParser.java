package org.ptoracle.difftest.trace;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ptoracle.difftest.json.JsonArray;
import org.ptoracle.difftest.json.JsonBoolean;
import org.ptoracle.difftest.json.JsonNumber;
import org.ptoracle.difftest.json.JsonObject;
import org.ptoracle.difftest.json.JsonParser;
import org.ptoracle.difftest.json.JsonString;
import org.ptoracle.difftest.json.JsonSyntaxException;
import org.ptoracle.difftest.json.JsonValue;
import org.ptoracle.difftest.machine.MachineConfig;
import org.ptoracle.spec.Access;
import org.ptoracle.spec.Flags;

/**
 * Reads a whole trace (trace-format.md, version 1) into a header and typed operations, or stops at the
 * first malformed line with a {@link MalformedTraceException} that names the line, what is wrong and how
 * to fix it. The whole file is read before anything runs, so a malformed line anywhere means that no
 * step runs at all.
 *
 * <p>What is malformed here: bytes that are not UTF-8, a line that is not one JSON object, no header
 * first, an unknown op, field, flag name or size, a missing field, a field of the wrong JSON type, a
 * number that is negative, fractional or 2^64 or more, raw flag bits in 12..51, a header field out of
 * its range, and {@code set_cr} with no field. Values that are well-formed 64-bit numbers are not
 * checked against the crate's types here (see {@link Op}).
 */
public final class TraceParser {
    /** The header's limits on {@code memory_mib}: at least 1 MiB, at most 4 GiB. */
    public static final int MIN_MEMORY_MIB = 1;
    public static final int MAX_MEMORY_MIB = 4096;
    /** The lowest {@code pool.start}: the six harness frames lie just below it. */
    public static final long MIN_POOL_START = 0x6000L;

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
    private static final String U64 = "a hex string like \"0x1f000\" or a JSON integer";
    private static final String FLAGS = "an array of flag names like [\"PRESENT\", \"WRITABLE\"] or a hex string of the raw bits";
    private static final String SIZE = "\"4KiB\", \"2MiB\" or \"1GiB\"";

    /** Every op and its fields (required first, then optional), for parsing and for messages. */
    private static final List<String> OPS = List.of("map_to", "identity_map", "unmap", "update_flags",
            "set_flags_p4_entry", "set_flags_p3_entry", "set_flags_p2_entry", "translate_page", "translate",
            "translate_addr", "clean_up", "clean_up_range", "new", "new_unchecked", "access", "peek", "poke",
            "flush", "flush_all", "set_cr");

    private TraceParser() {
    }

    /** Parses a trace from its bytes (UTF-8; a leading byte-order mark is skipped). */
    public static Trace parse(byte[] bytes) throws MalformedTraceException {
        return parse(splitLines(bytes));
    }

    /** Parses a trace given as its lines (without line terminators). */
    public static Trace parse(List<String> lines) throws MalformedTraceException {
        MachineConfig config = null;
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            JsonObject object = parseObject(line, lineNumber);
            if (config == null) {
                config = header(object, lineNumber);
            } else {
                steps.add(step(object, lineNumber, steps.size() + 1));
            }
        }
        if (config == null) {
            throw new MalformedTraceException(0, "the trace has no header: its first JSON line must be the header,"
                    + " at least {\"ptoracle\": 1}");
        }
        return new Trace(config, steps);
    }

    /** Splits UTF-8 bytes into lines at LF (a CR before it is dropped); refuses bytes that are not UTF-8. */
    public static List<String> splitLines(byte[] bytes) throws MalformedTraceException {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            start = 3;
        }
        List<String> lines = new ArrayList<>();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int lineStart = start;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i == bytes.length && i == lineStart && !lines.isEmpty()) {
                    break; // the newline at the end of the last line
                }
                int end = i;
                if (end > lineStart && bytes[end - 1] == '\r') {
                    end--;
                }
                try {
                    CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, lineStart, end - lineStart));
                    lines.add(chars.toString());
                } catch (CharacterCodingException e) {
                    throw new MalformedTraceException(lines.size() + 1,
                            "the line is not valid UTF-8; save the trace as UTF-8 text");
                }
                lineStart = i + 1;
            }
        }
        return lines;
    }

    private static JsonObject parseObject(String line, int lineNumber) throws MalformedTraceException {
        JsonValue value;
        try {
            value = JsonParser.parse(line);
        } catch (JsonSyntaxException e) {
            throw new MalformedTraceException(lineNumber, "not valid JSON at column " + e.column() + ": "
                    + e.problem() + "; each line must be one JSON object (or blank, or a # comment)");
        }
        if (!(value instanceof JsonObject object)) {
            throw new MalformedTraceException(lineNumber, "the line is a JSON " + value.typeName()
                    + ", not an object; each line must be one JSON object like {\"op\": \"clean_up\"}");
        }
        return object;
    }

    // ------------------------------------------------------------------------------------------ header

    private static MachineConfig header(JsonObject object, int line) throws MalformedTraceException {
        if (!object.has("ptoracle")) {
            throw new MalformedTraceException(line, "the first JSON line must be the header, with \"ptoracle\": 1"
                    + (object.has("op") ? ", but it is an operation; put {\"ptoracle\": 1} on a line before it"
                    : "; add \"ptoracle\": 1"));
        }
        Fields f = new Fields(object, line, "header");
        f.allow("ptoracle", "recursive_index", "harness_slot", "memory_mib", "pool", "cr0_wp", "efer_nxe",
                "cr4_smep", "cr4_smap");
        MachineConfig d = MachineConfig.defaults();
        long version = f.count("ptoracle", -1, Long.MAX_VALUE);
        if (version != 1) {
            throw f.error("\"ptoracle\" is " + version + ", but this reader knows trace format version 1 only;"
                    + " write \"ptoracle\": 1");
        }
        int recursiveIndex = (int) f.countOr("recursive_index", d.recursiveIndex(), 0, 511);
        int harnessSlot = (int) f.countOr("harness_slot", d.harnessSlot(), 0, 511);
        if (recursiveIndex == harnessSlot) {
            throw f.error("\"recursive_index\" and \"harness_slot\" are both " + recursiveIndex
                    + "; they must differ (the defaults are 510 and 511)");
        }
        int memoryMib = (int) f.countOr("memory_mib", d.memoryMib(), MIN_MEMORY_MIB, MAX_MEMORY_MIB);
        long poolStart = d.poolStart();
        int poolFrames = d.poolFrames();
        if (object.has("pool")) {
            Fields pool = f.object("pool");
            pool.allow("start", "frames");
            if (pool.has("start")) {
                poolStart = pool.u64("start");
                if (Long.compareUnsigned(poolStart, MIN_POOL_START) < 0 || (poolStart & 0xfff) != 0) {
                    throw pool.error("\"start\" is " + Hex.format(poolStart) + "; it must be a multiple of 0x1000"
                            + " and at least 0x6000 (the six harness frames lie just below the pool)");
                }
            }
            poolFrames = (int) pool.countOr("frames", d.poolFrames(), 1, Integer.MAX_VALUE);
        }
        long memoryBytes = (long) memoryMib << 20;
        if (Long.compareUnsigned(poolStart, memoryBytes) >= 0
                || poolFrames > (memoryBytes - poolStart) / 4096) {
            throw f.error("the pool [" + Hex.format(poolStart) + ", " + Hex.format(poolStart)
                    + " + " + poolFrames + " frames) does not fit in memory [0x0, " + Hex.format(memoryBytes)
                    + ") of " + memoryMib + " MiB; raise \"memory_mib\" or lower \"pool\"'s \"start\" or \"frames\"");
        }
        boolean cr0Wp = f.boolOr("cr0_wp", d.cr0Wp());
        boolean eferNxe = f.boolOr("efer_nxe", d.eferNxe());
        boolean cr4Smep = f.boolOr("cr4_smep", d.cr4Smep());
        boolean cr4Smap = f.boolOr("cr4_smap", d.cr4Smap());
        return new MachineConfig(recursiveIndex, harnessSlot, memoryMib, poolStart, poolFrames, cr0Wp, eferNxe,
                cr4Smep, cr4Smap);
    }

    // ------------------------------------------------------------------------------------------ ops

    private static Step step(JsonObject object, int line, int number) throws MalformedTraceException {
        if (object.has("ptoracle") && !object.has("op")) {
            throw new MalformedTraceException(line, "a second header; a trace has one header, on its first JSON line");
        }
        JsonValue opValue = object.get("op");
        if (opValue == null) {
            throw new MalformedTraceException(line, "the operation has no \"op\" field; add \"op\": NAME, one of "
                    + String.join(", ", OPS));
        }
        if (!(opValue instanceof JsonString opString)) {
            throw new MalformedTraceException(line, "\"op\" must be a string but is a " + opValue.typeName()
                    + "; write it like \"op\": \"map_to\"");
        }
        String name = opString.value();
        if (!OPS.contains(name)) {
            throw new MalformedTraceException(line, "unknown op \"" + name + "\"; the ops are " + String.join(", ", OPS));
        }
        Fields f = new Fields(object, line, "op \"" + name + "\"");
        Op op = switch (name) {
            case "map_to" -> {
                f.allow("size", "page", "frame", "flags", "parent_flags");
                yield new Op.MapTo(f.size("size"), f.u64("page"), f.u64("frame"), f.flags("flags"),
                        object.has("parent_flags") ? f.flags("parent_flags") : null);
            }
            case "identity_map" -> {
                f.allow("size", "frame", "flags");
                yield new Op.IdentityMap(f.size("size"), f.u64("frame"), f.flags("flags"));
            }
            case "unmap" -> {
                f.allow("size", "page");
                yield new Op.Unmap(f.size("size"), f.u64("page"));
            }
            case "update_flags" -> {
                f.allow("size", "page", "flags");
                yield new Op.UpdateFlags(f.size("size"), f.u64("page"), f.flags("flags"));
            }
            case "set_flags_p4_entry", "set_flags_p3_entry", "set_flags_p2_entry" -> {
                f.allow("size", "page", "flags");
                yield new Op.SetFlagsEntry(name.charAt(11) - '0', f.size("size"), f.u64("page"), f.flags("flags"));
            }
            case "translate_page" -> {
                f.allow("size", "page");
                yield new Op.TranslatePage(f.size("size"), f.u64("page"));
            }
            case "translate" -> {
                f.allow("addr");
                yield new Op.Translate(f.u64("addr"));
            }
            case "translate_addr" -> {
                f.allow("addr");
                yield new Op.TranslateAddr(f.u64("addr"));
            }
            case "clean_up" -> {
                f.allow();
                yield new Op.CleanUp();
            }
            case "clean_up_range" -> {
                f.allow("start", "end");
                yield new Op.CleanUpRange(f.u64("start"), f.u64("end"));
            }
            case "new" -> {
                f.allow("table_addr");
                yield new Op.New(f.u64("table_addr"));
            }
            case "new_unchecked" -> {
                f.allow("recursive_index", "table_addr");
                long index = f.count("recursive_index", 0, -1L);
                yield new Op.NewUnchecked(index, object.has("table_addr") ? f.u64("table_addr") : null);
            }
            case "access" -> {
                f.allow("addr", "kind", "mode");
                long addr = f.u64("addr");
                int kind = switch (f.choice("kind", "read", "write", "exec")) {
                    case "read" -> Access.READ;
                    case "write" -> Access.WRITE;
                    default -> Access.EXEC;
                };
                int mode = f.choice("mode", "supervisor", "user").equals("user") ? Access.USER : Access.SUPERVISOR;
                yield new Op.Access(addr, kind, mode);
            }
            case "peek" -> {
                f.allow("phys");
                yield new Op.Peek(f.u64("phys"));
            }
            case "poke" -> {
                f.allow("phys", "value");
                yield new Op.Poke(f.u64("phys"), f.u64("value"));
            }
            case "flush" -> {
                f.allow("page");
                yield new Op.Flush(f.u64("page"));
            }
            case "flush_all" -> {
                f.allow();
                yield new Op.FlushAll();
            }
            case "set_cr" -> {
                f.allow("cr0_wp", "efer_nxe", "cr4_smep", "cr4_smap");
                Op.SetCr setCr = new Op.SetCr(f.boolOrNull("cr0_wp"), f.boolOrNull("efer_nxe"),
                        f.boolOrNull("cr4_smep"), f.boolOrNull("cr4_smap"));
                if (setCr.cr0Wp() == null && setCr.eferNxe() == null && setCr.cr4Smep() == null
                        && setCr.cr4Smap() == null) {
                    throw f.error("set_cr needs at least one of \"cr0_wp\", \"efer_nxe\", \"cr4_smep\", \"cr4_smap\""
                            + " (true or false)");
                }
                yield setCr;
            }
            default -> throw new IllegalStateException(name);
        };
        JsonObject expect = null;
        JsonValue expectValue = object.get("expect");
        if (expectValue != null) {
            if (!(expectValue instanceof JsonObject e)) {
                throw f.error("\"expect\" must be a result object like {\"ok\": true} but is a " + expectValue.typeName());
            }
            expect = e;
        }
        return new Step(number, line, op, expect);
    }

    // ------------------------------------------------------------------------------------------ fields

    /** Typed access to the fields of one object, with messages that name the line and the field. */
    private static final class Fields {
        private final JsonObject object;
        private final int line;
        private final String context;

        Fields(JsonObject object, int line, String context) {
            this.object = object;
            this.line = line;
            this.context = context;
        }

        boolean has(String key) {
            return object.has(key);
        }

        MalformedTraceException error(String message) {
            return new MalformedTraceException(line, context + ": " + message);
        }

        /** Refuses any key other than {@code "op"}, {@code "expect"} (for ops) and {@code known}. */
        void allow(String... known) throws MalformedTraceException {
            Set<String> allowed = new LinkedHashSet<>(List.of(known));
            boolean isOp = context.startsWith("op ");
            for (String key : object.keys()) {
                if (allowed.contains(key) || (isOp && (key.equals("op") || key.equals("expect")))) {
                    continue;
                }
                String fields = allowed.isEmpty() ? "it has no fields" : "its fields are " + String.join(", ", allowed);
                throw error("unknown field \"" + key + "\"; " + fields + (isOp ? " (and \"expect\")" : ""));
            }
        }

        private JsonValue required(String key, String what) throws MalformedTraceException {
            JsonValue value = object.get(key);
            if (value == null) {
                throw error("field \"" + key + "\" is missing; add \"" + key + "\": " + what);
            }
            return value;
        }

        /** A 64-bit value: a hex string or a JSON integer in [0, 2^64); returned as its bit pattern. */
        long u64(String key) throws MalformedTraceException {
            JsonValue value = required(key, U64);
            BigInteger n;
            if (value instanceof JsonString s) {
                n = parseHexOrNull(s.value());
                if (n == null) {
                    throw error("field \"" + key + "\" is the string \"" + s.value() + "\", which is not a hex number;"
                            + " write it as " + U64 + (s.value().startsWith("-") ? " (values are unsigned)" : ""));
                }
                return checkU64(key, n, s.value());
            } else if (value instanceof JsonNumber num) {
                return checkU64(key, integer(key, num), num.value().toString());
            } else {
                throw error("field \"" + key + "\" must be " + U64 + " but is a " + value.typeName());
            }
        }

        private long checkU64(String key, BigInteger n, String shown) throws MalformedTraceException {
            if (n.signum() < 0) {
                throw error("field \"" + key + "\" is negative (" + shorten(shown) + "); values are unsigned 64-bit numbers");
            }
            if (n.compareTo(TWO_TO_64) >= 0) {
                throw error("field \"" + key + "\" is 2^64 or more (" + shorten(shown) + "); values are unsigned"
                        + " 64-bit numbers, at most 0xffffffffffffffff");
            }
            return n.longValue();
        }

        private BigInteger integer(String key, JsonNumber num) throws MalformedTraceException {
            BigInteger n = num.integerValue();
            if (n == null) {
                throw error("field \"" + key + "\" is " + num.value() + ", which is not an integer");
            }
            return n;
        }

        /** A JSON integer in [min, max] (max -1 means up to 2^64 - 1, returned as its bit pattern). */
        long count(String key, long min, long max) throws MalformedTraceException {
            JsonValue value = required(key, "a JSON integer");
            if (!(value instanceof JsonNumber num)) {
                throw error("field \"" + key + "\" must be a JSON integer but is a " + value.typeName()
                        + (value instanceof JsonString ? " (counts and indices are plain integers, not hex strings)" : ""));
            }
            long n = checkU64(key, integer(key, num), num.value().toString());
            if (max == -1L) {
                return n;
            }
            if (n < min || n > max) {
                throw error("field \"" + key + "\" is " + Long.toUnsignedString(n) + "; it must be from " + min
                        + " to " + max);
            }
            return n;
        }

        long countOr(String key, long fallback, long min, long max) throws MalformedTraceException {
            return object.has(key) ? count(key, min, max) : fallback;
        }

        boolean bool(String key) throws MalformedTraceException {
            JsonValue value = required(key, "true or false");
            if (!(value instanceof JsonBoolean b)) {
                throw error("field \"" + key + "\" must be true or false but is a " + value.typeName());
            }
            return b.value();
        }

        boolean boolOr(String key, boolean fallback) throws MalformedTraceException {
            return object.has(key) ? bool(key) : fallback;
        }

        Boolean boolOrNull(String key) throws MalformedTraceException {
            return object.has(key) ? bool(key) : null;
        }

        Fields object(String key) throws MalformedTraceException {
            JsonValue value = required(key, "an object");
            if (!(value instanceof JsonObject o)) {
                throw error("field \"" + key + "\" must be an object like {\"start\": \"0x100000\", \"frames\": 1024}"
                        + " but is a " + value.typeName());
            }
            return new Fields(o, line, context + " \"" + key + "\"");
        }

        String choice(String key, String... choices) throws MalformedTraceException {
            String list = "\"" + String.join("\", \"", choices) + "\"";
            JsonValue value = required(key, "one of " + list);
            if (!(value instanceof JsonString s)) {
                throw error("field \"" + key + "\" must be one of " + list + " but is a " + value.typeName());
            }
            for (String c : choices) {
                if (c.equals(s.value())) {
                    return c;
                }
            }
            throw error("field \"" + key + "\" is \"" + s.value() + "\"; it must be one of " + list);
        }

        int size(String key) throws MalformedTraceException {
            JsonValue value = required(key, SIZE);
            if (!(value instanceof JsonString s)) {
                throw error("field \"" + key + "\" must be " + SIZE + " but is a " + value.typeName());
            }
            int size = Sizes.parse(s.value());
            if (size == 0) {
                throw error("unknown size \"" + s.value() + "\"; sizes are " + SIZE);
            }
            return size;
        }

        Flags flags(String key) throws MalformedTraceException {
            JsonValue value = required(key, FLAGS);
            long raw;
            if (value instanceof JsonArray array) {
                raw = 0;
                for (int i = 0; i < array.size(); i++) {
                    JsonValue element = array.get(i);
                    if (!(element instanceof JsonString s)) {
                        throw error("field \"" + key + "\": element " + (i + 1) + " is a " + element.typeName()
                                + "; flags are names like \"PRESENT\"");
                    }
                    int bit = FlagNames.bitOf(s.value());
                    if (bit < 0) {
                        throw error("field \"" + key + "\": unknown flag name \"" + s.value() + "\"; the flags are "
                                + String.join(", ", FlagNames.all()));
                    }
                    raw |= 1L << bit;
                }
            } else if (value instanceof JsonString s) {
                BigInteger n = parseHexOrNull(s.value());
                if (n == null) {
                    throw error("field \"" + key + "\" is the string \"" + s.value() + "\"; flags are " + FLAGS);
                }
                raw = checkU64(key, n, s.value());
                if ((raw & FlagNames.ADDRESS_BITS) != 0) {
                    throw error("field \"" + key + "\" is " + Hex.format(raw) + ", which has bits in 12..51 ("
                            + Hex.format(raw & FlagNames.ADDRESS_BITS) + "); those are address bits and no flag names"
                            + " them, so raw flags may only use bits 0..11 and 52..63");
                }
            } else {
                throw error("field \"" + key + "\" must be " + FLAGS + " but is a " + value.typeName());
            }
            return Flags.fromRaw(raw);
        }
    }

    private static BigInteger parseHexOrNull(String text) {
        return Hex.parse(text);
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
