package org.ptoracle.difftest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@code ./ptoracle} launcher as a process on one trace. The launcher is given this test's
 * class path (PTORACLE_CLASSPATH), so that it does not start a nested Maven build inside this one; what
 * is tested is finding the JDK, the java command line and the dispatch to Main.
 */
class LauncherTest {
    private static Path root() {
        String home = System.getProperty("ptoracle.home");
        Path dir = home != null ? Path.of(home) : Path.of("").toAbsolutePath().getParent();
        return dir.toAbsolutePath().normalize();
    }

    private static Process start(Path root, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = root.resolve("ptoracle").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().put("PTORACLE_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("PTORACLE_NO_INSTALL", "1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    @Test
    void runsATraceAsAProcess() throws Exception {
        Path root = root();
        assertTrue(Files.isExecutable(root.resolve("ptoracle")), "no executable launcher at " + root);
        Path trace = root.resolve("difftest/src/test/resources/traces/ok/01_basic_4kib.jsonl");
        Process p = start(root, "run", trace.toString());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertTrue(out.startsWith("{\"step\": 1, \"op\": \"map_to\", \"result\": {\"ok\": {\"flush\": \"0x8080604000\"}}}\n"), out);
        assertEquals(32, out.lines().count());
    }

    @Test
    void malformedTraceExits2AsAProcess() throws Exception {
        Path root = root();
        Path trace = root.resolve("difftest/src/test/resources/traces/malformed/unknown_op.jsonl");
        Process p = start(root, "run", trace.toString());
        p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), err);
        assertTrue(err.contains("line 2: unknown op \"map\""), err);
    }

    @Test
    void launcherUsage() throws Exception {
        Process p = start(root());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(err.contains("usage: ./ptoracle COMMAND"), err);
        assertTrue(File.pathSeparator.equals(":"), "the launcher is a bash script for Unix-like systems");
    }
}
