package org.ptoracle.difftest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.ptoracle.difftest.json.JsonObject;
import org.ptoracle.difftest.json.JsonParser;
import org.ptoracle.difftest.machine.Machine;
import org.ptoracle.difftest.machine.MachineConfig;
import org.ptoracle.difftest.machine.ModelMachine;
import org.ptoracle.difftest.trace.Trace;
import org.ptoracle.difftest.trace.TraceParser;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.Fault;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.SupervisorAccess;
import org.ptoracle.spec.Walk;

/**
 * The lock-step runner over two machines, with the Unicorn backend stood in for by a second model
 * machine, clean or deliberately perturbed.
 */
class LockstepTest {
    private static final List<String> TRACE = List.of(
            "{\"ptoracle\": 1}",
            "{\"op\": \"map_to\", \"size\": \"4KiB\", \"page\": \"0x8080604000\", \"frame\": \"0x800000\", \"flags\": [\"PRESENT\", \"WRITABLE\"], \"expect\": {\"ok\": {\"flush\": \"0x8080604000\"}}}",
            "{\"op\": \"access\", \"addr\": \"0x8080604000\", \"kind\": \"write\", \"mode\": \"supervisor\"}",
            "{\"op\": \"poke\", \"phys\": \"0x2000\", \"value\": \"0x1234\"}",
            "{\"op\": \"peek\", \"phys\": \"0x2000\"}",
            "{\"op\": \"translate\", \"addr\": \"0x8080604000\"}",
            "{\"op\": \"poke\", \"phys\": \"0x2000\", \"value\": \"0x0\"}",
            "{\"op\": \"clean_up\"}");

    /** A machine that behaves like {@code inner} except where a test says otherwise. */
    private static class Perturbed implements Machine {
        final Machine inner;
        UnaryOperator<Walk> accessResult = UnaryOperator.identity();
        UnaryOperator<Entry> pokeValue = UnaryOperator.identity();
        boolean hideWrittenPages;

        Perturbed(Machine inner) {
            this.inner = inner;
        }

        public String name() {
            return "unicorn";
        }

        public SupervisorAccess cpu() {
            return inner.cpu();
        }

        public Walk access(long va, int kind, int mode) throws ForbiddenAccess {
            return accessResult.apply(inner.access(va, kind, mode));
        }

        public Entry peek(long pa) {
            return inner.peek(pa);
        }

        public void poke(long pa, Entry value) {
            inner.poke(pa, pokeValue.apply(value));
        }

        public void setControl(boolean a, boolean b, boolean c, boolean d) {
            inner.setControl(a, b, c, d);
        }

        public void flushPage(long va) {
            inner.flushPage(va);
        }

        public void flushAll() {
            inner.flushAll();
        }

        public long cr3() {
            return inner.cr3();
        }

        public long memorySize() {
            return inner.memorySize();
        }

        public void beginOperation() {
            inner.beginOperation();
        }

        public void undoOperation() {
            inner.undoOperation();
        }

        public BitSet writtenPages() {
            return hideWrittenPages ? null : inner.writtenPages();
        }

        public void close() {
            inner.close();
        }
    }

    private static List<JsonObject> run(List<String> lines, MachineFactory other, TraceRunner.Summary[] summary)
            throws Exception {
        Trace trace = TraceParser.parse(lines);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        summary[0] = TraceRunner.lockstep(trace, Backends.model(), other, "unicorn", out);
        List<JsonObject> result = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            result.add((JsonObject) JsonParser.parse(line));
        }
        return result;
    }

    @Test
    void twoModelMachinesAgree() throws Exception {
        TraceRunner.Summary[] s = new TraceRunner.Summary[1];
        List<JsonObject> lines = run(TRACE, Backends.model(), s);
        assertEquals(7, lines.size());
        for (JsonObject line : lines) {
            assertEquals(List.of("step", "op", "result", "unicorn"), List.copyOf(line.keys()), line.toJson());
            assertEquals(line.get("result"), line.get("unicorn"));
        }
        assertTrue(s[0].passed());
    }

    @Test
    void differentResultIsADivergence() throws Exception {
        TraceRunner.Summary[] s = new TraceRunner.Summary[1];
        List<JsonObject> lines = run(TRACE, (config, l4) -> {
            Perturbed p = new Perturbed(new ModelMachine(config, l4));
            p.accessResult = w -> Walk.faulted(Fault.pageFault(2, 0x8080604000L));
            return p;
        }, s);
        JsonObject access = lines.get(1);
        assertEquals(JsonParser.parse("{\"phys\": \"0x800000\"}"), access.get("result"));
        assertEquals(JsonParser.parse("{\"fault\": {\"vector\": 14, \"error_code\": \"0x2\", \"cr2\": \"0x8080604000\"}}"),
                access.get("unicorn"));
        assertEquals(JsonParser.parse("true"), access.get("diverged"));
        assertNull(access.get("memory"));
        assertNull(lines.get(0).get("diverged"));
        assertEquals(1, s[0].divergences());
        assertFalse(s[0].passed());
    }

    @Test
    void memoryDifferenceNamesTheLowestAddress() throws Exception {
        for (boolean hide : new boolean[] {false, true}) {
            TraceRunner.Summary[] s = new TraceRunner.Summary[1];
            List<JsonObject> lines = run(TRACE, (config, l4) -> {
                Perturbed p = new Perturbed(new ModelMachine(config, l4));
                p.hideWrittenPages = hide;
                p.pokeValue = v -> v.toRaw() == 0x1234 ? Entry.fromRaw(0x1235) : v;
                return p;
            }, s);
            JsonObject poke = lines.get(2);
            assertEquals(JsonParser.parse("{\"ok\": true}"), poke.get("result"));
            assertEquals(poke.get("result"), poke.get("unicorn"));
            assertEquals(JsonParser.parse("true"), poke.get("diverged"));
            assertEquals(JsonParser.parse("\"0x2000\""), poke.get("memory"));
            JsonObject peek = lines.get(3);
            assertEquals(JsonParser.parse("{\"value\": \"0x1234\"}"), peek.get("result"));
            assertEquals(JsonParser.parse("{\"value\": \"0x1235\"}"), peek.get("unicorn"));
            assertEquals(JsonParser.parse("\"0x2000\""), peek.get("memory"));
            // Once the word is zero again in both, the memories agree.
            assertNull(lines.get(5).get("diverged"), lines.get(5).toJson());
            assertEquals(3, s[0].divergences()); // poke, peek, translate
        }
    }

    @Test
    void expectationsAreCheckedAgainstBoth() throws Exception {
        TraceRunner.Summary[] s = new TraceRunner.Summary[1];
        List<String> lines = new ArrayList<>(TRACE);
        lines.set(2, "{\"op\": \"access\", \"addr\": \"0x8080604000\", \"kind\": \"write\", \"mode\": \"supervisor\","
                + " \"expect\": {\"phys\": \"0x800000\"}}");
        List<JsonObject> out = run(lines, (config, l4) -> {
            Perturbed p = new Perturbed(new ModelMachine(config, l4));
            p.accessResult = w -> Walk.ok(0x900000);
            return p;
        }, s);
        assertEquals(JsonParser.parse("true"), out.get(1).get("mismatch"));
        assertEquals(JsonParser.parse("{\"phys\": \"0x800000\"}"), out.get(1).get("expected"));
        assertEquals(1, s[0].mismatches());
    }

    @Test
    void comparatorSkipsHarnessMemory() {
        MachineConfig config = MachineConfig.defaults();
        try (ModelMachine a = new ModelMachine(config, 0x100000); ModelMachine b = new ModelMachine(config, 0x100000)) {
            b.memory().initialize(config.harnessBase() + 0x3000, Entry.fromRaw(0x90909090L)); // code a backend put there
            assertEquals(OptionalLong.empty(), new MemoryComparator().firstDifference(a, b, config));
            b.poke(0x3fffff8, Entry.fromRaw(1));
            b.poke(0x8, Entry.fromRaw(1));
            assertEquals(OptionalLong.of(0x8), new MemoryComparator().firstDifference(a, b, config));
        }
    }

    @Test
    void modelMachineReportsWrittenPages() {
        MachineConfig config = MachineConfig.defaults();
        try (ModelMachine m = new ModelMachine(config, 0x100000)) {
            BitSet pages = m.writtenPages();
            // The level 4 table and the harness's three tables.
            assertEquals(4, pages.cardinality(), pages.toString());
            assertTrue(pages.get(0x100));
            assertTrue(pages.get(0xfa) && pages.get(0xfb) && pages.get(0xfc));
            long[] words = new long[512];
            m.readWords(0x100000, words);
            assertEquals(0x100003L, words[510]);
            assertEquals(0xfa067L, words[511]);
        }
    }
}
