package org.ptoracle.difftest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @Test
    void noArgumentsPrintsUsageAndExits2() {
        CliRunner r = CliRunner.run();
        assertEquals(2, r.status());
        assertTrue(r.err().contains("usage: ptoracle COMMAND"), r.err());
    }

    @Test
    void helpExits0() {
        for (String h : new String[] {"--help", "-h", "help"}) {
            CliRunner r = CliRunner.run(h);
            assertEquals(0, r.status());
            assertTrue(r.out().contains("run      run a trace"), r.out());
        }
        CliRunner r = CliRunner.run("run", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("--backend both"), r.out());
        assertEquals(0, CliRunner.run("help", "run").status());
    }

    @Test
    void unknownCommand() {
        CliRunner r = CliRunner.run("fuzzz");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown command \"fuzzz\""), r.err());
    }

    @Test
    void runUsageErrors() {
        assertUsage(CliRunner.run("run"), "which trace?");
        assertUsage(CliRunner.run("run", "--backend"), "--backend needs a value");
        assertUsage(CliRunner.run("run", "--backend", "qemu", "x"), "unknown backend \"qemu\"");
        assertUsage(CliRunner.run("run", "--fast", "x"), "unknown option --fast");
        assertUsage(CliRunner.run("run", "a", "b"), "one trace at a time");
    }

    private static void assertUsage(CliRunner r, String fragment) {
        assertEquals(2, r.status());
        assertTrue(r.err().contains(fragment), r.err());
        assertTrue(r.err().contains("usage: ptoracle run"), r.err());
    }

    @Test
    void missingFile(@TempDir Path dir) {
        CliRunner r = CliRunner.run("run", dir.resolve("nope.jsonl").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    @org.junit.jupiter.api.Tag("native")
    void bothBackendsPrintUnicornsResultBesideTheModels(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("t.jsonl");
        Files.writeString(trace, "{\"ptoracle\": 1}\n{\"op\": \"map_to\", \"size\": \"4KiB\", \"page\": \"0x1000\","
                + " \"frame\": \"0x200000\", \"flags\": [\"PRESENT\", \"WRITABLE\"]}\n"
                + "{\"op\": \"access\", \"addr\": \"0x1008\", \"kind\": \"write\", \"mode\": \"supervisor\"}\n");
        CliRunner r = CliRunner.run("run", "--backend=both", trace.toString());
        assertEquals(0, r.status(), r.err() + r.out());
        assertTrue(r.out().contains("\"result\": {\"phys\": \"0x200008\"}, \"unicorn\": {\"phys\": \"0x200008\"}"),
                r.out());
        CliRunner unicornOnly = CliRunner.run("run", "--backend", "unicorn", trace.toString());
        assertEquals(0, unicornOnly.status(), unicornOnly.err());
        assertTrue(unicornOnly.out().contains("{\"phys\": \"0x200008\"}"), unicornOnly.out());
    }

    @Test
    void emptyTraceBodyRunsNothingAndPasses(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("t.jsonl");
        Files.writeString(trace, "{\"ptoracle\": 1}\n");
        CliRunner r = CliRunner.run("run", trace.toString());
        assertEquals(0, r.status());
        assertEquals("", r.out());
    }
}
