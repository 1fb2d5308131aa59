package org.ptoracle.difftest.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A JSON number with its exact value. {@code 1}, {@code 1.0} and {@code 1e0} are different records
 * but the same {@link #integerValue()}.
 */
public record JsonNumber(BigDecimal value) implements JsonValue {
    /** Integers with more decimal digits than this are certainly 2^64 or more (2^64 has 20). */
    private static final int MAX_INTEGER_DIGITS = 21;

    public JsonNumber {
        Objects.requireNonNull(value);
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(BigDecimal.valueOf(value));
    }

    /** The number whose value is {@code bits} read as an unsigned 64-bit integer. */
    public static JsonNumber ofUnsigned(long bits) {
        return new JsonNumber(new BigDecimal(new BigInteger(Long.toUnsignedString(bits))));
    }

    /**
     * The value when it is an integer (no fractional part, whatever the notation: {@code 10}, {@code 1e1},
     * {@code 10.0}), else null. A huge integer is returned as a huge BigInteger, except that integers of
     * more than 21 digits come back as 10^21 (so that {@code 1e999999999} costs nothing), which every
     * caller here refuses as too large anyway.
     */
    public BigInteger integerValue() {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (stripped.scale() > 0) {
            return null;
        }
        if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
            return stripped.signum() < 0 ? BigInteger.TEN.pow(MAX_INTEGER_DIGITS).negate()
                    : BigInteger.TEN.pow(MAX_INTEGER_DIGITS);
        }
        return stripped.toBigIntegerExact();
    }

    @Override
    public String typeName() {
        return "number";
    }
}
