package org.ptoracle.difftest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ptoracle.difftest.json.JsonObject;
import org.ptoracle.difftest.json.JsonParser;
import org.ptoracle.difftest.json.JsonString;
import org.ptoracle.difftest.json.JsonValue;
import org.ptoracle.difftest.trace.Step;
import org.ptoracle.difftest.trace.Trace;
import org.ptoracle.difftest.trace.TraceParser;

/**
 * Runs every trace under {@code traces/} through the command-line entry point, in-process:
 * <ul>
 * <li>{@code ok/}: exit 0, no mismatch, and an {@code expect} on every operation;</li>
 * <li>{@code malformed/}: exit 2, nothing on standard output (no step ran), and the message fragment
 *     of the sibling {@code .message} file on standard error;</li>
 * <li>{@code mismatch/}: exit 1 and at least one {@code "mismatch": true} line;</li>
 * </ul>
 * and every {@code ok/} trace also on both backends in lock-step, with no divergence (native).
 * Together the {@code ok/} traces must use every op and give every kind of result.
 */
class TraceFilesTest {
    private static Path dir(String name) throws URISyntaxException {
        return Path.of(TraceFilesTest.class.getResource("/traces/" + name).toURI());
    }

    private static List<Path> traces(String name) throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir(name))) {
            return files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> okTracesPass() throws Exception {
        List<Path> files = traces("ok");
        assertTrue(files.size() >= 15, "ok traces: " + files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            CliRunner r = CliRunner.run("run", f.toString());
            assertEquals(0, r.status(), r.err() + r.out());
            assertFalse(r.out().contains("\"mismatch\""), r.out());
            assertEquals("", r.err());
            Trace trace = TraceParser.parse(Files.readAllBytes(f));
            for (Step step : trace.steps()) {
                assertNotNull(step.expect(), f.getFileName() + " line " + step.line() + " has no expect");
            }
            assertEquals(trace.steps().size(), r.out().lines().count());
        }));
    }

    @TestFactory
    Stream<DynamicTest> malformedTracesStopBeforeRunning() throws Exception {
        List<Path> files = traces("malformed");
        assertTrue(files.size() >= 20, "malformed traces: " + files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Path messageFile = f.resolveSibling(f.getFileName().toString().replace(".jsonl", ".message"));
            String fragment = Files.readString(messageFile, StandardCharsets.UTF_8).strip();
            CliRunner r = CliRunner.run("run", f.toString());
            assertEquals(2, r.status(), r.err());
            assertEquals("", r.out(), "no step may run");
            assertTrue(r.err().contains(fragment), "expected \"" + fragment + "\" in: " + r.err());
            assertTrue(r.err().contains("malformed trace, nothing was run"), r.err());
        }));
    }

    @TestFactory
    Stream<DynamicTest> mismatchTracesFail() throws Exception {
        return traces("mismatch").stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            CliRunner r = CliRunner.run("run", f.toString());
            assertEquals(1, r.status(), r.err());
            assertTrue(r.out().contains("\"mismatch\": true"), r.out());
            assertTrue(r.err().contains("mismatch(es)"), r.err());
        }));
    }

    /** Issue: every repository trace runs on the model and on Unicorn in lock-step with no divergence. */
    @TestFactory
    @org.junit.jupiter.api.Tag("native")
    Stream<DynamicTest> okTracesAgreeOnBothBackends() throws Exception {
        return traces("ok").stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            CliRunner r = CliRunner.run("run", "--backend", "both", f.toString());
            assertEquals(0, r.status(), r.err() + r.out());
            assertTrue(r.out().contains("\"unicorn\": "), r.out());
            assertFalse(r.out().contains("\"diverged\""), r.out());
        }));
    }

    @Test
    void okTracesCoverEveryOpAndResultKind() throws Exception {
        Set<String> ops = new TreeSet<>();
        Set<String> kinds = new TreeSet<>();
        for (Path f : traces("ok")) {
            for (Step step : TraceParser.parse(Files.readAllBytes(f)).steps()) {
                ops.add(step.op().name());
                kinds.add(kind(step.expect()));
            }
        }
        assertEquals(new TreeSet<>(List.of("map_to", "identity_map", "unmap", "update_flags", "set_flags_p4_entry",
                "set_flags_p3_entry", "set_flags_p2_entry", "translate_page", "translate", "translate_addr", "clean_up",
                "clean_up_range", "new", "new_unchecked", "access", "peek", "poke", "flush", "flush_all", "set_cr")), ops);
        // Every result of the format's table except translate's invalid_frame_address, which
        // RecursivePageTable never produces (crate-semantics §6.8).
        assertEquals(new TreeSet<>(List.of("ok.flush", "ok.flush_all", "ok.frame+flush", "ok.frame", "ok.recursive_index",
                "ok.freed", "ok", "err.FrameAllocationFailed", "err.ParentEntryHugePage", "err.PageAlreadyMapped",
                "err.PageNotMapped", "err.InvalidFrameAddress", "err.NotRecursive", "err.NotActive", "mapped",
                "not_mapped", "phys", "none", "value", "fault.14", "fault.13", "panic", "invalid_input")), kinds);
    }

    private static String kind(JsonObject result) {
        String key = result.keys().iterator().next();
        JsonValue value = result.get(key);
        return switch (key) {
            case "ok" -> value instanceof JsonObject o ? "ok." + String.join("+", o.keys()) : "ok";
            case "err" -> "err." + ((JsonString) value).value();
            case "fault" -> "fault." + ((JsonObject) value).get("vector").toJson();
            default -> key;
        };
    }

    @Test
    void stdinIsAccepted() throws Exception {
        byte[] trace = Files.readAllBytes(dir("ok").resolve("01_basic_4kib.jsonl"));
        CliRunner r = CliRunner.runWithInput(trace, "run", "-");
        assertEquals(0, r.status(), r.err());
        JsonObject first = (JsonObject) JsonParser.parse(r.out().lines().findFirst().orElseThrow());
        assertEquals(JsonParser.parse("{\"step\": 1, \"op\": \"map_to\", \"result\": {\"ok\": {\"flush\": \"0x8080604000\"}}}"),
                first);
    }

    @Test
    void malformedLinesFromStdinNameTheLine() {
        CliRunner r = CliRunner.runWithInput("{\"ptoracle\": 1}\n{\"op\": 5}\n".getBytes(StandardCharsets.UTF_8), "run", "-");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("<stdin>: malformed trace, nothing was run: line 2: \"op\" must be a string"), r.err());
    }

    @Test
    void traceCountsAreReported() throws Exception {
        List<String> names = new ArrayList<>();
        for (String d : List.of("ok", "malformed", "mismatch")) {
            names.add(d + "=" + traces(d).size());
        }
        System.out.println("trace files: " + names);
    }
}
