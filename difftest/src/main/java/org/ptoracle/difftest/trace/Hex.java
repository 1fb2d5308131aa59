package org.ptoracle.difftest.trace;

import java.math.BigInteger;

/** The format's hex strings: {@code "0x1f000"}, lowercase, no leading zeros, zero as {@code "0x0"}. */
public final class Hex {
    private Hex() {
    }

    /** {@code bits} read as an unsigned 64-bit number, in the format's hex. */
    public static String format(long bits) {
        return "0x" + Long.toUnsignedString(bits, 16);
    }

    /**
     * The value of a hex string with a {@code 0x} or {@code 0X} prefix and digits of any case (leading
     * zeros allowed), or null when {@code text} is not of that shape. The value may be of any size.
     */
    public static BigInteger parse(String text) {
        if (text.length() < 3 || text.charAt(0) != '0' || (text.charAt(1) != 'x' && text.charAt(1) != 'X')) {
            return null;
        }
        for (int i = 2; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!digit) {
                return null;
            }
        }
        return new BigInteger(text.substring(2), 16);
    }
}
