package org.ptoracle.difftest.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict JSON reader (RFC 8259): one value, surrounded only by JSON whitespace. No comments, no
 * trailing commas, no single quotes, no NaN or Infinity, no leading zeros or plus signs, no raw control
 * characters in strings, no unpaired surrogates, and no key twice in one object. Errors carry the
 * column where the text stops being JSON.
 */
public final class JsonParser {
    /** Nesting deeper than this is refused rather than risking the stack. */
    public static final int MAX_DEPTH = 256;

    private final String text;
    private int pos;

    private JsonParser(String text) {
        this.text = text;
    }

    /** Parses {@code text}, which must hold exactly one JSON value. */
    public static JsonValue parse(String text) throws JsonSyntaxException {
        JsonParser parser = new JsonParser(text);
        parser.skipWhitespace();
        JsonValue value = parser.value(0);
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected " + parser.describe(parser.pos) + " after the end of the JSON value");
        }
        return value;
    }

    private JsonValue value(int depth) throws JsonSyntaxException {
        if (pos >= text.length()) {
            throw error("unexpected end of line: a JSON value is missing");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return new JsonString(string());
            case 't':
                literal("true");
                return JsonBoolean.TRUE;
            case 'f':
                literal("false");
                return JsonBoolean.FALSE;
            case 'n':
                literal("null");
                return JsonNull.INSTANCE;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected " + describe(pos) + ": expected a JSON value"
                        + (c == '\'' ? " (JSON strings use double quotes)" : ""));
        }
    }

    private JsonObject object(int depth) throws JsonSyntaxException {
        checkDepth(depth);
        pos++; // '{'
        JsonObject.Builder builder = JsonObject.builder();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return builder.build();
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error(pos >= text.length() ? "unexpected end of line inside an object"
                        : "unexpected " + describe(pos) + ": expected a member name in double quotes");
            }
            int keyStart = pos;
            String key = string();
            if (builder.has(key)) {
                pos = keyStart;
                throw error("the key \"" + key + "\" appears twice in one object");
            }
            skipWhitespace();
            expect(':', "':' after the member name");
            skipWhitespace();
            builder.put(key, value(depth));
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
                skipWhitespace();
                if (peek() == '}') {
                    throw error("trailing comma before '}'");
                }
                continue;
            }
            if (c == '}') {
                pos++;
                return builder.build();
            }
            throw error(pos >= text.length() ? "unexpected end of line inside an object (missing '}')"
                    : "unexpected " + describe(pos) + ": expected ',' or '}' after an object member");
        }
    }

    private JsonArray array(int depth) throws JsonSyntaxException {
        checkDepth(depth);
        pos++; // '['
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return new JsonArray(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value(depth));
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
                skipWhitespace();
                if (peek() == ']') {
                    throw error("trailing comma before ']'");
                }
                continue;
            }
            if (c == ']') {
                pos++;
                return new JsonArray(elements);
            }
            throw error(pos >= text.length() ? "unexpected end of line inside an array (missing ']')"
                    : "unexpected " + describe(pos) + ": expected ',' or ']' after an array element");
        }
    }

    private String string() throws JsonSyntaxException {
        int start = pos;
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated string (no closing double quote on this line)");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error("raw control character " + describe(pos) + " inside a string; escape it");
            }
            if (c == '\\') {
                pos++;
                if (pos >= text.length()) {
                    throw error("unexpected end of line after '\\' in a string");
                }
                char e = text.charAt(pos);
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        char u = hex4();
                        if (Character.isHighSurrogate(u)) {
                            if (pos + 2 < text.length() && text.charAt(pos + 1) == '\\' && text.charAt(pos + 2) == 'u') {
                                pos += 2;
                                char low = hex4();
                                if (!Character.isLowSurrogate(low)) {
                                    throw error("\\u escape of a high surrogate is not followed by a low surrogate");
                                }
                                out.append(u).append(low);
                            } else {
                                throw error("\\u escape of an unpaired high surrogate");
                            }
                        } else if (Character.isLowSurrogate(u)) {
                            throw error("\\u escape of an unpaired low surrogate");
                        } else {
                            out.append(u);
                        }
                    }
                    default -> {
                        pos--; // point at the backslash
                        throw error("invalid escape '\\" + e + "' in a string");
                    }
                }
                pos++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                // Decoded input cannot hold unpaired surrogates, but a caller's String might.
                if (Character.isHighSurrogate(c) && pos + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(pos + 1))) {
                    out.append(c).append(text.charAt(pos + 1));
                    pos += 2;
                    continue;
                }
                throw error("unpaired surrogate character in a string");
            }
            out.append(c);
            pos++;
        }
    }

    /** Reads the four hex digits after "\\u" (pos at 'u'); leaves pos at the last digit. */
    private char hex4() throws JsonSyntaxException {
        int value = 0;
        for (int i = 1; i <= 4; i++) {
            if (pos + i >= text.length()) {
                pos = text.length();
                throw error("\\u escape needs four hex digits, found the end of the line");
            }
            char d = text.charAt(pos + i);
            int digit = hexDigit(d);
            if (digit < 0) {
                pos += i;
                throw error("\\u escape needs four hex digits, found " + describe(pos));
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    /** The value of an ASCII hex digit, or -1. */
    static int hexDigit(char d) {
        if (d >= '0' && d <= '9') {
            return d - '0';
        }
        if (d >= 'a' && d <= 'f') {
            return d - 'a' + 10;
        }
        if (d >= 'A' && d <= 'F') {
            return d - 'A' + 10;
        }
        return -1;
    }

    private JsonNumber number() throws JsonSyntaxException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zero in a number (write 0x... as a string for hex)");
            }
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("a digit must follow '-'");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("a digit must follow the decimal point");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("a digit must follow the exponent mark");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'x' || peek() == 'X') {
            throw error("hex numbers must be written as strings, like \"0x1f000\"");
        }
        try {
            return new JsonNumber(new BigDecimal(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            // Only an exponent beyond the int range gets here.
            pos = start;
            throw error("number out of range: " + text.substring(start, Math.min(text.length(), start + 40)));
        }
    }

    private void literal(String word) throws JsonSyntaxException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describe(pos) + ": expected a JSON value (did you mean " + word + "?)");
        }
        pos += word.length();
    }

    private void expect(char c, String what) throws JsonSyntaxException {
        if (peek() != c) {
            throw error(pos >= text.length() ? "unexpected end of line: expected " + what
                    : "unexpected " + describe(pos) + ": expected " + what);
        }
        pos++;
    }

    private void checkDepth(int depth) throws JsonSyntaxException {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String describe(int at) {
        if (at >= text.length()) {
            return "end of line";
        }
        char c = text.charAt(at);
        if (c < 0x20 || c == 0x7f) {
            return String.format("character U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private JsonSyntaxException error(String problem) {
        return new JsonSyntaxException(pos + 1, problem);
    }
}
