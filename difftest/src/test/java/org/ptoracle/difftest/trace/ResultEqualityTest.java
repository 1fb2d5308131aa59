package org.ptoracle.difftest.trace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ptoracle.difftest.json.JsonParser;

class ResultEqualityTest {
    private static boolean eq(String a, String b) throws Exception {
        boolean ab = ResultEquality.equal(JsonParser.parse(a), JsonParser.parse(b));
        boolean ba = ResultEquality.equal(JsonParser.parse(b), JsonParser.parse(a));
        if (ab != ba) {
            throw new AssertionError("not symmetric: " + a + " vs " + b);
        }
        return ab;
    }

    @Test
    void numbersNormalise() throws Exception {
        assertTrue(eq("{\"ok\": {\"flush\": \"0x1F000\"}}", "{\"ok\": {\"flush\": 126976}}"));
        assertTrue(eq("{\"phys\": \"0x0\"}", "{\"phys\": \"0x0000\"}"));
        assertTrue(eq("{\"phys\": 1e3}", "{\"phys\": \"0x3e8\"}"));
        assertTrue(eq("{\"phys\": 1000.0}", "{\"phys\": 1000}"));
        assertFalse(eq("{\"phys\": \"0x1000\"}", "{\"phys\": \"0x1001\"}"));
        assertFalse(eq("{\"phys\": \"0x1000\"}", "{\"phys\": \"4096\"}"));
        assertTrue(eq("{\"fault\": {\"vector\": 14, \"error_code\": \"0x3\", \"cr2\": \"0x8000\"}}",
                "{\"fault\": {\"cr2\": 32768, \"vector\": \"0xe\", \"error_code\": 3}}"));
    }

    @Test
    void flagsCompareAsSets() throws Exception {
        String a = "{\"mapped\": {\"size\": \"4KiB\", \"frame\": \"0x0\", \"offset\": \"0x0\", \"flags\": [\"PRESENT\", \"WRITABLE\"]}}";
        assertTrue(eq(a, "{\"mapped\": {\"size\": \"4KiB\", \"frame\": \"0x0\", \"offset\": \"0x0\", \"flags\": [\"WRITABLE\", \"PRESENT\", \"PRESENT\"]}}"));
        assertTrue(eq(a, "{\"mapped\": {\"size\": \"4KiB\", \"frame\": \"0x0\", \"offset\": \"0x0\", \"flags\": \"0x3\"}}"));
        assertFalse(eq(a, "{\"mapped\": {\"size\": \"4KiB\", \"frame\": \"0x0\", \"offset\": \"0x0\", \"flags\": [\"PRESENT\"]}}"));
        assertFalse(eq(a, "{\"mapped\": {\"size\": \"2MiB\", \"frame\": \"0x0\", \"offset\": \"0x0\", \"flags\": [\"PRESENT\", \"WRITABLE\"]}}"));
    }

    @Test
    void otherArraysKeepTheirOrder() throws Exception {
        assertTrue(eq("{\"ok\": {\"freed\": [\"0x1000\", \"0x2000\"]}}", "{\"ok\": {\"freed\": [4096, \"0x2000\"]}}"));
        assertFalse(eq("{\"ok\": {\"freed\": [\"0x1000\", \"0x2000\"]}}", "{\"ok\": {\"freed\": [\"0x2000\", \"0x1000\"]}}"));
        assertFalse(eq("{\"ok\": {\"freed\": []}}", "{\"ok\": {\"freed\": [\"0x1000\"]}}"));
    }

    @Test
    void panicAndInvalidInputByKeyAlone() throws Exception {
        assertTrue(eq("{\"panic\": \"one\"}", "{\"panic\": \"two\"}"));
        assertTrue(eq("{\"invalid_input\": \"one\"}", "{\"invalid_input\": 5}"));
        assertFalse(eq("{\"panic\": \"one\"}", "{\"invalid_input\": \"one\"}"));
        assertFalse(eq("{\"panic\": \"one\"}", "{\"ok\": true}"));
    }

    @Test
    void membersCompareRegardlessOfOrderButKeysMustMatch() throws Exception {
        assertTrue(eq("{\"err\": \"PageAlreadyMapped\", \"frame\": \"0x9000\"}", "{\"frame\": \"0x9000\", \"err\": \"PageAlreadyMapped\"}"));
        assertFalse(eq("{\"err\": \"PageAlreadyMapped\", \"frame\": \"0x9000\"}", "{\"err\": \"PageAlreadyMapped\"}"));
        assertFalse(eq("{\"err\": \"PageNotMapped\"}", "{\"err\": \"pagenotmapped\"}"));
        assertFalse(eq("{\"ok\": true}", "{\"ok\": false}"));
        assertFalse(eq("{\"ok\": true}", "{\"ok\": 1}"));
    }
}
