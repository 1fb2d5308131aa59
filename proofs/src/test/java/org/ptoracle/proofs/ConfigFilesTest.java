package org.ptoracle.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files in proofs/ parse, and the settings cannot be made unsound silently. No KeY load. */
class ConfigFilesTest {

    @Test
    void settingsFixOverflowCheckingAndEveryStrategyKey() throws Exception {
        KeyConfig c = TestHome.config();
        assertEquals(KeyConfig.INT_RULES, c.choices().get("intRules"));
        assertEquals(KeyConfig.strategyKeys(), c.strategyProperties().keySet().stream()
            .map(Object::toString).collect(java.util.stream.Collectors.toSet()));
        assertEquals("METHOD_CONTRACT", c.strategyProperties().getProperty("METHOD_OPTIONS_KEY"));
        assertTrue(c.maxSteps() > 0);
    }

    @Test
    void ignoringOverflowIsRefused(@TempDir Path tmp) throws Exception {
        Path f = settingsWith(tmp, "choice.intRules=arithmeticSemanticsCheckingOF",
            "choice.intRules=arithmeticSemanticsIgnoringOF");
        KeyConfig.ConfigException e = assertThrows(KeyConfig.ConfigException.class, () -> KeyConfig.load(f));
        assertTrue(e.getMessage().contains("arithmeticSemanticsCheckingOF"), e.getMessage());
    }

    @Test
    void aMissingStrategyKeyIsRefused(@TempDir Path tmp) throws Exception {
        Path f = settingsWith(tmp, "strategy.LOOP_OPTIONS_KEY=", "#");
        assertThrows(KeyConfig.ConfigException.class, () -> KeyConfig.load(f));
    }

    @Test
    void ratchetAndTheoremFilesParse() throws Exception {
        Ratchet.load(TestHome.get().resolve("proofs/ratchet.txt"));
        Theorems.load(TestHome.get().resolve("proofs/theorems.txt"));
    }

    @Test
    void ratchetReportsOpenAndVanishedContracts() {
        Ratchet r = Ratchet.parse(List.of("# c", "", "a.B#m(long)#normal_behavior.0", "a.B#gone()#normal_behavior.0"));
        ContractRef m = new ContractRef("a.B", "m(long)", "normal_behavior.0", null);
        ProofOutcome open = new ProofOutcome(m, ProofOutcome.Status.OPEN, 10, 1, "Could not close goal.", 9, null, null, List.of());
        List<String> v = r.violations(Map.of(m.id(), open), Set.of(m.id()), id -> true);
        assertEquals(2, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("a.B#m(long)#normal_behavior.0 is open"), v.get(0));
        assertTrue(v.get(1).contains("no longer exists"), v.get(1));
        assertThrows(IllegalArgumentException.class, () -> Ratchet.parse(List.of("a.B#m")));
    }

    @Test
    void theoremSelectors() {
        ContractRef ref = new ContractRef("org.p.Walker", "walk(long,int)", "normal_behavior.1", null);
        Theorems t = Theorems.parse(List.of(
            "# comment",
            "T1 Walker#walk",
            "T2 org.p.Walker#walk(long,int)",
            "T3 Walker#walk(long,int)#normal_behavior.0",
            "T4 Other#walk"), "test");
        assertEquals("T1,T2", t.theoremFor(ref));
        assertNull(Theorems.none().theoremFor(ref));
        assertEquals(2, t.unmatched(List.of(ref)).size());
        assertThrows(IllegalArgumentException.class, () -> Theorems.parse(List.of("T1 nohash"), "x"));
    }

    @Test
    void onlyFilterIsASubstringWithWildcards() {
        assertTrue(ProveMain.filter("Walker").test("org.p.Walker#walk(long)#normal_behavior.0"));
        assertTrue(ProveMain.filter("Walker#walk*normal").test("org.p.Walker#walk(long)#normal_behavior.0"));
        assertFalse(ProveMain.filter("Walker#walk*exceptional").test("org.p.Walker#walk(long)#normal_behavior.0"));
        assertTrue(ProveMain.filter(null).test("anything"));
    }

    @Test
    void usageErrorsExitWithTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, ProveMain.run(new String[] {"--bogus"}, o, e));
        assertEquals(2, ProveMain.run(new String[] {"--max-steps", "x"}, o, e));
        assertEquals(2, ProveMain.run(new String[] {"--json"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: prove"));
    }

    @Test
    void proofsFoundWithAnotherBudgetAreNotStored() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, ProveMain.run(new String[] {"--store", "--max-steps", "100000"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--store stores proofs found with the configured budget"),
            err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\n\"", Report.str("a\"b\\c\n"));
        assertEquals("null", Report.str(null));
    }

    /** A copy of the project's settings file in {@code tmp} with {@code from} replaced by {@code to}. */
    private static Path settingsWith(Path tmp, String from, String to) throws Exception {
        String text = Files.readString(TestHome.get().resolve(KeyConfig.DEFAULT_FILE));
        Path f = tmp.resolve("s.properties");
        Files.writeString(f, text.replace(from, to));
        return f;
    }
}
