package org.ptoracle.difftest.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One operation line of a trace as the generator and the shrinker see it: the op name and its fields in
 * order. Values are {@link Long} (written as hex), {@link Integer} (counts and indices), {@link Boolean},
 * {@link String} (kinds, modes, sizes) or a {@code List<String>} of flag names.
 */
public record TraceStep(String op, Map<String, Object> fields) {

    /** A step with the given fields, in the given order: name, value, name, value, ... */
    public static TraceStep of(String op, Object... nameValue) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            fields.put((String) nameValue[i], nameValue[i + 1]);
        }
        return new TraceStep(op, fields);
    }

    /** The same step with one field replaced (or added at the end). */
    public TraceStep with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(name, value);
        return new TraceStep(op, copy);
    }

    /** The same step without one field. */
    public TraceStep without(String name) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.remove(name);
        return new TraceStep(op, copy);
    }

    /** The JSON line of this step. */
    public String toJson() {
        StringBuilder out = new StringBuilder("{\"op\": \"").append(op).append('"');
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            out.append(", \"").append(field.getKey()).append("\": ");
            appendValue(out, field.getValue());
        }
        return out.append('}').toString();
    }

    static void appendValue(StringBuilder out, Object value) {
        if (value instanceof Long number) {
            out.append("\"0x").append(Long.toHexString(number)).append('"');
        } else if (value instanceof Integer || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof String text) {
            out.append('"').append(text).append('"');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                appendValue(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append('"').append(entry.getKey()).append("\": ");
                appendValue(out, entry.getValue());
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("cannot write " + value + " in a trace");
        }
    }
}
