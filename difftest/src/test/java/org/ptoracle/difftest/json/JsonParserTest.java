package org.ptoracle.difftest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonParserTest {
    @Test
    void objectsKeepTheirKeyOrder() throws Exception {
        JsonObject o = (JsonObject) JsonParser.parse("{\"z\": 1, \"a\": 2, \"m\": {\"y\": [], \"b\": null}}");
        assertEquals(List.of("z", "a", "m"), List.copyOf(o.keys()));
        assertEquals(List.of("y", "b"), List.copyOf(((JsonObject) o.get("m")).keys()));
        assertEquals("{\"z\": 1, \"a\": 2, \"m\": {\"y\": [], \"b\": null}}", o.toJson());
    }

    @Test
    void numbersAreKeptExactly() throws Exception {
        JsonNumber big = (JsonNumber) JsonParser.parse("18446744073709551616");
        assertEquals(BigInteger.ONE.shiftLeft(64), big.integerValue());
        JsonNumber negative = (JsonNumber) JsonParser.parse("-1");
        assertEquals(BigInteger.ONE.negate(), negative.integerValue());
        assertEquals(BigInteger.valueOf(1000), ((JsonNumber) JsonParser.parse("1e3")).integerValue());
        assertEquals(BigInteger.TEN, ((JsonNumber) JsonParser.parse("10.000")).integerValue());
        assertNull(((JsonNumber) JsonParser.parse("10.5")).integerValue());
        assertEquals(new BigDecimal("0.1"), ((JsonNumber) JsonParser.parse("0.1")).value());
        // A huge exponent costs nothing and is clearly too large.
        BigInteger huge = ((JsonNumber) JsonParser.parse("1e999999999")).integerValue();
        assertTrue(huge.compareTo(BigInteger.ONE.shiftLeft(64)) > 0);
        assertEquals(BigInteger.ZERO, ((JsonNumber) JsonParser.parse("-0")).integerValue());
    }

    @Test
    void stringsWithEscapesAndUnicode() throws Exception {
        JsonString s = (JsonString) JsonParser.parse("\"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00 \u00fc\"");
        assertEquals("a\"b\\c/d\n\u00e9\ud83d\ude00 \u00fc", s.value());
        assertEquals("\"a\\\"b\\\\c/d\\n\u00e9\ud83d\ude00 \u00fc\"", s.toJson());
        assertEquals("\"\\u0001\\t\"", new JsonString("\u0001\t").toJson());
    }

    @Test
    void literalsAndWhitespace() throws Exception {
        assertEquals(JsonBoolean.TRUE, JsonParser.parse(" true "));
        assertEquals(JsonBoolean.FALSE, JsonParser.parse("\tfalse\r\n"));
        assertEquals(JsonNull.INSTANCE, JsonParser.parse("null"));
        assertInstanceOf(JsonArray.class, JsonParser.parse("[1, [2, [3]], {}]"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\": 1,}|9|trailing comma before '}'",
        "[1, 2,]|7|trailing comma before ']'",
        "{\"a\": 1, \"a\": 2}|10|the key \"a\" appears twice in one object",
        "{\"a\": 01}|8|leading zero in a number",
        "{\"a\": 0x10}|8|hex numbers must be written as strings",
        "{'a': 1}|2|expected a member name in double quotes",
        "{\"a\" 1}|6|expected ':' after the member name",
        "{\"a\": 1|8|missing '}'",
        "\"abc|1|unterminated string",
        "\"a\\qb\"|3|invalid escape '\\q' in a string",
        "\"\\u12g4\"|6|\\u escape needs four hex digits",
        "\"\\ud800\"|7|unpaired high surrogate",
        "tru|1|expected a JSON value (did you mean true?)",
        "NaN|1|unexpected 'N': expected a JSON value",
        "-|2|a digit must follow '-'",
        "1.|3|a digit must follow the decimal point",
        "1e|3|a digit must follow the exponent mark",
        "+1|1|unexpected '+': expected a JSON value",
        "{} {}|4|after the end of the JSON value",
        "|1|a JSON value is missing",
    })
    void errorsNameTheColumn(String text, int column, String problem) {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonParser.parse(text == null ? "" : text));
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.problem().contains(problem), e.problem());
    }

    @Test
    void rawControlCharacterInAString() {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonParser.parse("\"a\tb\""));
        assertEquals(3, e.column());
        assertTrue(e.problem().contains("U+0009"), e.problem());
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1);
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonParser.parse(deep));
        assertTrue(e.problem().contains("nesting deeper"));
        String ok = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> JsonParser.parse(ok));
    }

    @Test
    void writerRoundTrips() throws Exception {
        String text = "{\"step\": 1, \"op\": \"map_to\", \"result\": {\"ok\": {\"flush\": \"0x1000\"}}, \"n\": -1.5E+3, \"b\": [true, false, null]}";
        JsonValue value = JsonParser.parse(text);
        assertEquals(text, value.toJson());
        assertEquals(value, JsonParser.parse(value.toJson()));
    }

    @Test
    void objectEqualityIsOrderSensitiveAndBuilderRefusesDuplicates() {
        JsonObject ab = JsonObject.builder().put("a", 1).put("b", 2).build();
        JsonObject ba = JsonObject.builder().put("b", 2).put("a", 1).build();
        assertTrue(!ab.equals(ba));
        assertThrows(IllegalArgumentException.class, () -> JsonObject.builder().put("a", 1).put("a", 2));
    }

    @Test
    void unsignedNumbers() {
        assertEquals("18446744073709551615", JsonNumber.ofUnsigned(-1L).toJson());
        assertEquals("42", JsonNumber.of(42).toJson());
    }
}
