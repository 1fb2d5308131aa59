package org.ptoracle.difftest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign commands end to end: a fixed-seed campaign against Unicorn without divergence, every
 * seeded bug found and shrunk, and every saved counterexample replayed as a regression test.
 */
class CampaignCommandsTest {

    private static List<Path> counterexamples() throws IOException, URISyntaxException {
        Path dir = Path.of(CampaignCommandsTest.class.getResource("/counterexamples").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    private static String bugOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".jsonl".length());
    }

    @Test
    @Tag("native")
    void aFixedSeedCampaignAgainstUnicornFindsNoDivergence(@TempDir Path out) {
        CliRunner r = CliRunner.run("fuzz", "--seed", "20261130", "--traces", "150", "--jobs", "2", "--out",
                out.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("traces 150, steps 6000,"), r.out());
        assertTrue(r.out().contains("divergences 0"), r.out());
        assertTrue(r.out().contains("map_to "), "the summary counts outcomes per operation:\n" + r.out());
    }

    @Test
    @Tag("native")
    void everySeededBugIsFoundAndShrunkToAtMostFiveSteps(@TempDir Path out) {
        CliRunner r = CliRunner.run("mutants", "--budget", "120s", "--out", out.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("all seeded bugs found and shrunk to at most 5 steps"), r.out());
    }

    @Test
    @Tag("native")
    void vectorsAreConfirmedOnUnicornAndPassOnTheModel(@TempDir Path out) throws Exception {
        CliRunner r = CliRunner.run("vectors", "--seed", "5", "--count", "4", "--out", out.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        List<Path> files;
        try (Stream<Path> list = Files.list(out)) {
            files = list.sorted().toList();
        }
        assertEquals(4, files.size(), files.toString());
        for (Path file : files) {
            String text = Files.readString(file);
            assertTrue(text.contains("confirmed on Unicorn 2.1.4"), text);
            assertEquals(41, text.lines().filter(l -> l.startsWith("{")).count(), "header and 40 steps");
            assertEquals(40, text.lines().filter(l -> l.contains("\"expect\"")).count(), "every step has an expectation");
            CliRunner run = CliRunner.run("run", file.toString());
            assertEquals(0, run.status(), run.out());
        }
    }

    @Test
    void replayShowsTheWalksSideBySideAtADivergence() throws Exception {
        Path file = counterexamples().stream().filter(f -> bugOf(f).equals("upper-accessed-not-set")).findFirst()
                .orElseThrow();
        CliRunner r = CliRunner.run("replay", "--against", "model", "--mutant", "upper-accessed-not-set", file.toString());
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("walk of "), r.out());
        assertTrue(r.out().contains("<== differs"), r.out());
        assertTrue(r.out().contains("first differing word at physical"), r.out());
    }

    @Test
    void fuzzRefusesABadCommandLine() {
        assertEquals(2, CliRunner.run("fuzz", "--traces", "3", "--time", "5s").status());
        assertEquals(2, CliRunner.run("fuzz", "--mutant", "no-such-bug").status());
        assertEquals(2, CliRunner.run("fuzz", "--time", "soon").status());
    }

    @TestFactory
    Stream<DynamicTest> everySavedCounterexampleStillShowsItsBugOnTheModel() throws Exception {
        List<Path> files = counterexamples();
        assertEquals(14, files.size(), "one counterexample per seeded bug");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            CliRunner r = CliRunner.run("replay", "--against", "model", "--mutant", bugOf(f), f.toString());
            assertEquals(1, r.status(), r.out() + r.err());
            assertTrue(r.out().contains("DIVERGED"), r.out());
        }));
    }

    @TestFactory
    @Tag("native")
    Stream<DynamicTest> everySavedCounterexampleReplaysOnUnicorn() throws Exception {
        return counterexamples().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            CliRunner buggy = CliRunner.run("replay", "--mutant", bugOf(f), f.toString());
            assertEquals(1, buggy.status(), "the seeded bug must still diverge from Unicorn\n" + buggy.out());
            CliRunner clean = CliRunner.run("replay", f.toString());
            assertEquals(0, clean.status(), "the bug-free model must agree with Unicorn\n" + clean.out());
        }));
    }
}
