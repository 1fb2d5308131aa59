package org.ptoracle.difftest.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ptoracle.difftest.json.JsonParser;
import org.ptoracle.difftest.machine.MachineConfig;
import org.ptoracle.spec.Access;
import org.ptoracle.spec.PageSize;

class TraceParserTest {
    private static Trace parse(String... lines) throws MalformedTraceException {
        return TraceParser.parse(List.of(lines));
    }

    private static MalformedTraceException malformed(String... lines) {
        return assertThrows(MalformedTraceException.class, () -> parse(lines));
    }

    @Test
    void headerDefaults() throws Exception {
        Trace t = parse("{\"ptoracle\": 1}");
        assertEquals(MachineConfig.defaults(), t.config());
        assertTrue(t.steps().isEmpty());
    }

    @Test
    void headerWithEveryField() throws Exception {
        Trace t = parse("{\"ptoracle\": 1, \"recursive_index\": 0, \"harness_slot\": 511, \"memory_mib\": 4096,"
                + " \"pool\": {\"start\": 24576, \"frames\": 3}, \"cr0_wp\": false, \"efer_nxe\": false,"
                + " \"cr4_smep\": true, \"cr4_smap\": true}");
        assertEquals(new MachineConfig(0, 511, 4096, 0x6000, 3, false, false, true, true), t.config());
        // A partial pool keeps the other default.
        assertEquals(1024, parse("{\"ptoracle\": 1, \"pool\": {\"start\": \"0x200000\"}}").config().poolFrames());
        assertEquals(0x100000L, parse("{\"ptoracle\": 1, \"pool\": {\"frames\": 9}}").config().poolStart());
    }

    @Test
    void headerBoundaries() throws Exception {
        parse("{\"ptoracle\": 1, \"memory_mib\": 1, \"pool\": {\"start\": \"0x6000\", \"frames\": 250}}");
        // 1 MiB holds 256 frames; a pool from 0x6000 has room for 250.
        assertTrue(malformed("{\"ptoracle\": 1, \"memory_mib\": 1, \"pool\": {\"start\": \"0x6000\", \"frames\": 251}}")
                .getMessage().contains("does not fit in memory"));
        parse("{\"ptoracle\": 1, \"recursive_index\": 511, \"harness_slot\": 0}");
    }

    @Test
    void blankAndCommentLinesCountForLineNumbers() throws Exception {
        Trace t = parse("# comment", "", "{\"ptoracle\": 1}", "   ", "  # indented comment", "{\"op\": \"clean_up\"}");
        assertEquals(1, t.steps().size());
        Step s = t.steps().get(0);
        assertEquals(1, s.number());
        assertEquals(6, s.line());
        assertInstanceOf(Op.CleanUp.class, s.op());
        assertNull(s.expect());
    }

    @Test
    void everyOpParses() throws Exception {
        Trace t = parse("{\"ptoracle\": 1}",
                "{\"op\": \"map_to\", \"size\": \"2MiB\", \"page\": \"0xFFFF800000200000\", \"frame\": 2097152,"
                        + " \"flags\": [\"PRESENT\", \"NO_EXECUTE\"], \"parent_flags\": \"0x7\"}",
                "{\"op\": \"identity_map\", \"size\": \"1GiB\", \"frame\": \"0x40000000\", \"flags\": []}",
                "{\"op\": \"unmap\", \"size\": \"4KiB\", \"page\": \"0x1000\"}",
                "{\"op\": \"update_flags\", \"size\": \"4KiB\", \"page\": \"0x1000\", \"flags\": \"0x8000000000000001\"}",
                "{\"op\": \"set_flags_p4_entry\", \"size\": \"4KiB\", \"page\": \"0x1000\", \"flags\": [\"BIT_52\"]}",
                "{\"op\": \"set_flags_p3_entry\", \"size\": \"2MiB\", \"page\": \"0x0\", \"flags\": [\"BIT_11\"]}",
                "{\"op\": \"set_flags_p2_entry\", \"size\": \"4KiB\", \"page\": \"0x0\", \"flags\": [\"GLOBAL\"]}",
                "{\"op\": \"translate_page\", \"size\": \"4KiB\", \"page\": \"0x1000\"}",
                "{\"op\": \"translate\", \"addr\": \"0xffffffffffffffff\"}",
                "{\"op\": \"translate_addr\", \"addr\": 18446744073709551615}",
                "{\"op\": \"clean_up\"}",
                "{\"op\": \"clean_up_range\", \"start\": \"0x0\", \"end\": \"0x1000\"}",
                "{\"op\": \"new\", \"table_addr\": \"0xffffff7fbfdfe000\"}",
                "{\"op\": \"new_unchecked\", \"recursive_index\": 600}",
                "{\"op\": \"new_unchecked\", \"recursive_index\": 1, \"table_addr\": \"0x8040201000\"}",
                "{\"op\": \"access\", \"addr\": \"0x1000\", \"kind\": \"exec\", \"mode\": \"user\"}",
                "{\"op\": \"peek\", \"phys\": \"0x8\"}",
                "{\"op\": \"poke\", \"phys\": \"0x8\", \"value\": \"0xFFFFFFFFFFFFFFFF\"}",
                "{\"op\": \"flush\", \"page\": \"0x1000\"}",
                "{\"op\": \"flush_all\", \"expect\": {\"ok\": true}}",
                "{\"op\": \"set_cr\", \"efer_nxe\": false}");
        List<Step> s = t.steps();
        assertEquals(21, s.size());
        Op.MapTo m = (Op.MapTo) s.get(0).op();
        assertEquals(PageSize.SIZE_2MIB, m.size());
        assertEquals(0xffff800000200000L, m.page());
        assertEquals(0x200000L, m.frame());
        assertEquals(0x8000000000000001L, m.flags().toRaw());
        assertEquals(7L, m.parentFlags().toRaw());
        assertEquals(0L, ((Op.IdentityMap) s.get(1).op()).flags().toRaw());
        assertEquals(1L << 52, ((Op.SetFlagsEntry) s.get(4).op()).flags().toRaw());
        assertEquals(4, ((Op.SetFlagsEntry) s.get(4).op()).level());
        assertEquals(3, ((Op.SetFlagsEntry) s.get(5).op()).level());
        assertEquals("set_flags_p2_entry", s.get(6).op().name());
        assertEquals(-1L, ((Op.Translate) s.get(8).op()).addr());
        assertEquals(-1L, ((Op.TranslateAddr) s.get(9).op()).addr());
        assertEquals(600L, ((Op.NewUnchecked) s.get(13).op()).recursiveIndex());
        assertNull(((Op.NewUnchecked) s.get(13).op()).tableAddr());
        assertEquals(0x8040201000L, ((Op.NewUnchecked) s.get(14).op()).tableAddr());
        Op.Access a = (Op.Access) s.get(15).op();
        assertEquals(Access.EXEC, a.kind());
        assertEquals(Access.USER, a.mode());
        assertEquals(-1L, ((Op.Poke) s.get(17).op()).value());
        assertEquals(JsonParser.parse("{\"ok\": true}"), s.get(19).expect());
        Op.SetCr cr = (Op.SetCr) s.get(20).op();
        assertEquals(Boolean.FALSE, cr.eferNxe());
        assertNull(cr.cr0Wp());
    }

    @Test
    void writerRoundTrip() throws Exception {
        Trace t = parse("{\"ptoracle\": 1, \"recursive_index\": 3, \"harness_slot\": 4, \"pool\": {\"frames\": 8}}",
                "{\"op\": \"map_to\", \"size\": \"4KiB\", \"page\": \"0X1000\", \"frame\": 8192, \"flags\": [\"WRITABLE\", \"PRESENT\"],"
                        + " \"parent_flags\": [\"PRESENT\"], \"expect\": {\"ok\": {\"flush\": \"0x1000\"}}}",
                "{\"op\": \"new_unchecked\", \"recursive_index\": 1}",
                "{\"op\": \"access\", \"addr\": \"0x1000\", \"kind\": \"write\", \"mode\": \"supervisor\"}",
                "{\"op\": \"set_cr\", \"cr0_wp\": true, \"cr4_smap\": false}");
        assertEquals("{\"op\": \"map_to\", \"size\": \"4KiB\", \"page\": \"0x1000\", \"frame\": \"0x2000\","
                + " \"flags\": [\"PRESENT\", \"WRITABLE\"], \"parent_flags\": [\"PRESENT\"],"
                + " \"expect\": {\"ok\": {\"flush\": \"0x1000\"}}}", TraceWriter.step(t.steps().get(0)).toJson());
        StringBuilder text = new StringBuilder(TraceWriter.header(t.config()).toJson()).append('\n');
        for (Step s : t.steps()) {
            text.append(TraceWriter.step(s).toJson()).append('\n');
        }
        Trace again = TraceParser.parse(text.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(t.config(), again.config());
        for (int i = 0; i < t.steps().size(); i++) {
            assertEquals(TraceWriter.step(t.steps().get(i)), TraceWriter.step(again.steps().get(i)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1f000", "0x1F000", "0X1f000", "0x00001f000", "126976"})
    void hexOfAnyCaseAndIntegers(String value) throws Exception {
        String v = value.startsWith("0") ? "\"" + value + "\"" : value;
        Op.Peek p = (Op.Peek) parse("{\"ptoracle\": 1}", "{\"op\": \"peek\", \"phys\": " + v + "}").steps().get(0).op();
        assertEquals(0x1f000L, p.phys());
    }

    @Test
    void integralNumbersInOtherNotations() throws Exception {
        Op.Peek p = (Op.Peek) parse("{\"ptoracle\": 1}", "{\"op\": \"peek\", \"phys\": 4.096e3}").steps().get(0).op();
        assertEquals(4096L, p.phys());
    }

    @Test
    void largestValueIsAccepted() throws Exception {
        Op.Poke p = (Op.Poke) parse("{\"ptoracle\": 1}",
                "{\"op\": \"poke\", \"phys\": \"0x0\", \"value\": \"0x0000ffffffffffffffff\"}").steps().get(0).op();
        assertEquals(-1L, p.value());
    }

    @Test
    void errorsNameLineAndField() {
        MalformedTraceException e = malformed("{\"ptoracle\": 1}", "# c", "{\"op\": \"unmap\", \"size\": \"4KiB\"}");
        assertEquals(3, e.line());
        assertEquals("line 3: op \"unmap\": field \"page\" is missing; add \"page\": a hex string like \"0x1f000\""
                + " or a JSON integer", e.getMessage());
    }

    @Test
    void unknownFlagListsTheNames() {
        MalformedTraceException e = malformed("{\"ptoracle\": 1}",
                "{\"op\": \"update_flags\", \"size\": \"4KiB\", \"page\": \"0x0\", \"flags\": [\"present\"]}");
        assertTrue(e.getMessage().contains("unknown flag name \"present\"; the flags are PRESENT, WRITABLE"), e.getMessage());
    }

    @Test
    void flagArrayElementMustBeAString() {
        MalformedTraceException e = malformed("{\"ptoracle\": 1}",
                "{\"op\": \"update_flags\", \"size\": \"4KiB\", \"page\": \"0x0\", \"flags\": [1]}");
        assertTrue(e.getMessage().contains("element 1 is a number"), e.getMessage());
    }

    @Test
    void rawFlagsMayUseBits52To63() throws Exception {
        Op.UpdateFlags u = (Op.UpdateFlags) parse("{\"ptoracle\": 1}",
                "{\"op\": \"update_flags\", \"size\": \"4KiB\", \"page\": \"0x0\", \"flags\": \"0xfff0000000000fff\"}")
                .steps().get(0).op();
        assertEquals(0xfff0000000000fffL, u.flags().toRaw());
        assertTrue(malformed("{\"ptoracle\": 1}",
                "{\"op\": \"update_flags\", \"size\": \"4KiB\", \"page\": \"0x0\", \"flags\": \"0x8000000000000\"}")
                .getMessage().contains("bits in 12..51"));
    }

    @Test
    void invalidUtf8NamesItsLine() {
        byte[] broken = "{\"ptoracle\": 1}\n# ok\n{\"op\": \"?\"}\n".getBytes(StandardCharsets.UTF_8);
        broken[broken.length - 4] = (byte) 0xff;
        MalformedTraceException e = assertThrows(MalformedTraceException.class, () -> TraceParser.parse(broken));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("not valid UTF-8"));
    }

    @Test
    void byteOrderMarkIsSkipped() throws Exception {
        byte[] bom = "\ufeff{\"ptoracle\": 1}\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(MachineConfig.defaults(), TraceParser.parse(bom).config());
    }

    @Test
    void versionMustBeTheInteger1() {
        assertTrue(malformed("{\"ptoracle\": \"1\"}").getMessage().contains("must be a JSON integer"));
        assertTrue(malformed("{\"ptoracle\": 1.5}").getMessage().contains("not an integer"));
        assertTrue(malformed("{\"recursive_index\": 3}").getMessage().contains("add \"ptoracle\": 1"));
    }

    @Test
    void poolMustBeAnObject() {
        assertTrue(malformed("{\"ptoracle\": 1, \"pool\": 5}").getMessage().contains("field \"pool\" must be an object"));
        assertTrue(malformed("{\"ptoracle\": 1, \"pool\": {\"start\": \"0x100000\", \"size\": 1}}")
                .getMessage().contains("unknown field \"size\""));
    }
}
