package org.ptoracle.difftest.trace;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.ptoracle.difftest.json.JsonArray;
import org.ptoracle.difftest.json.JsonNumber;
import org.ptoracle.difftest.json.JsonObject;
import org.ptoracle.difftest.json.JsonString;
import org.ptoracle.difftest.json.JsonValue;

/**
 * When two results are the same (trace-format.md, Running and checking): equal JSON after number
 * normalisation, with flag arrays compared as sets and {@code panic} and {@code invalid_input} compared
 * by key alone.
 *
 * <p>In detail: a hex string ({@code "0x1F000"}) and a JSON number ({@code 126976}, {@code 1.26976e5})
 * of the same value are equal; object members compare regardless of order; the value of a member named
 * {@code "flags"} compares as a set of bits, whether it is written as an array of names (in any order,
 * repeats allowed) or as a hex string of raw bits; every other array compares element by element, in
 * order (so {@code freed} lists must agree on their order); a result object with a {@code "panic"} or
 * {@code "invalid_input"} member equals another with the same keys, whatever the messages.
 */
public final class ResultEquality {
    private ResultEquality() {
    }

    /** True when {@code a} and {@code b} are the same result under the format's rules. */
    public static boolean equal(JsonValue a, JsonValue b) {
        if (a instanceof JsonObject oa && b instanceof JsonObject ob
                && (messageOnly(oa) || messageOnly(ob))) {
            return oa.keys().equals(ob.keys());
        }
        return same(a, b);
    }

    private static boolean messageOnly(JsonObject result) {
        return result.has("panic") || result.has("invalid_input");
    }

    private static boolean same(JsonValue a, JsonValue b) {
        BigDecimal na = number(a);
        BigDecimal nb = number(b);
        if (na != null || nb != null) {
            return na != null && nb != null && na.compareTo(nb) == 0;
        }
        if (a instanceof JsonObject oa && b instanceof JsonObject ob) {
            if (!oa.keys().equals(ob.keys())) {
                return false;
            }
            for (Map.Entry<String, JsonValue> member : oa.members().entrySet()) {
                JsonValue other = ob.get(member.getKey());
                if (member.getKey().equals("flags")) {
                    Long fa = flagBits(member.getValue());
                    Long fb = flagBits(other);
                    if (fa != null && fb != null) {
                        if (!fa.equals(fb)) {
                            return false;
                        }
                        continue;
                    }
                }
                if (!same(member.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof JsonArray aa && b instanceof JsonArray ab) {
            if (aa.size() != ab.size()) {
                return false;
            }
            for (int i = 0; i < aa.size(); i++) {
                if (!same(aa.get(i), ab.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** The number a value stands for, or null when it is not a number (nor a hex string). */
    private static BigDecimal number(JsonValue v) {
        if (v instanceof JsonNumber n) {
            return n.value();
        }
        if (v instanceof JsonString s) {
            BigInteger hex = Hex.parse(s.value());
            return hex == null ? null : new BigDecimal(hex);
        }
        return null;
    }

    /** The raw bits of a flags value (array of names, or hex string), or null when it is neither. */
    private static Long flagBits(JsonValue v) {
        if (v instanceof JsonArray array) {
            long bits = 0;
            for (JsonValue e : array.elements()) {
                if (!(e instanceof JsonString s) || FlagNames.bitOf(s.value()) < 0) {
                    return null;
                }
                bits |= 1L << FlagNames.bitOf(s.value());
            }
            return bits;
        }
        if (v instanceof JsonString s) {
            BigInteger n = Hex.parse(s.value());
            return n != null && n.bitLength() <= 64 ? n.longValue() : null;
        }
        return null;
    }
}
