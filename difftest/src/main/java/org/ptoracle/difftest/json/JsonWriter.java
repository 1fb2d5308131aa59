package org.ptoracle.difftest.json;

import java.util.Map;

/**
 * Writes JSON on one line, in the style of the trace format's examples: {@code ": "} after a key and
 * {@code ", "} between members and elements. Non-ASCII characters are written as they are (the output
 * is UTF-8); control characters, quotes and backslashes are escaped.
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    public static void write(JsonValue value, StringBuilder out) {
        switch (value) {
            case JsonObject o -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> member : o.members().entrySet()) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    string(member.getKey(), out);
                    out.append(": ");
                    write(member.getValue(), out);
                }
                out.append('}');
            }
            case JsonArray a -> {
                out.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    write(a.get(i), out);
                }
                out.append(']');
            }
            case JsonString s -> string(s.value(), out);
            case JsonNumber n -> out.append(n.value().toString());
            case JsonBoolean b -> out.append(b.value());
            case JsonNull n -> out.append("null");
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
