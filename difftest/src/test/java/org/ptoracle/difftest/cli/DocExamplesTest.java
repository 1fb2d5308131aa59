package org.ptoracle.difftest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the examples of docs/trace-format.md: each {@code ```jsonl} block is a trace, and the
 * {@code ```output} block after it is what {@code ptoracle run} prints: standard output lines, then
 * {@code stderr: } lines (with FILE standing for the trace's name) that standard error must contain,
 * then {@code exit N}.
 */
class DocExamplesTest {
    private record Example(int line, String trace, List<String> stdout, List<String> stderr, int exit) {
    }

    private static Path doc() {
        String home = System.getProperty("ptoracle.home");
        Path root = home != null ? Path.of(home) : Path.of("").toAbsolutePath().getParent();
        return root.resolve("docs/trace-format.md");
    }

    private static List<Example> examples() throws Exception {
        List<String> lines = Files.readAllLines(doc(), StandardCharsets.UTF_8);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals("```jsonl")) {
                continue;
            }
            int start = i + 1;
            StringBuilder trace = new StringBuilder();
            for (i = start; !lines.get(i).equals("```"); i++) {
                trace.append(lines.get(i)).append('\n');
            }
            do {
                i++;
            } while (lines.get(i).isBlank());
            if (!lines.get(i).equals("```output")) {
                throw new AssertionError("line " + (start) + ": a jsonl block must be followed by an output block");
            }
            List<String> out = new ArrayList<>();
            List<String> err = new ArrayList<>();
            int exit = -1;
            for (i++; !lines.get(i).equals("```"); i++) {
                String l = lines.get(i);
                if (l.startsWith("stderr: ")) {
                    err.add(l.substring("stderr: ".length()).replace("FILE", "<stdin>"));
                } else if (l.startsWith("exit ")) {
                    exit = Integer.parseInt(l.substring(5));
                } else {
                    out.add(l);
                }
            }
            examples.add(new Example(start, trace.toString(), out, err, exit));
        }
        return examples;
    }

    @TestFactory
    Stream<DynamicTest> examplesPrintWhatTheDocSays() throws Exception {
        List<Example> examples = examples();
        assertTrue(examples.size() >= 4, "examples found: " + examples.size());
        return examples.stream().map(e -> DynamicTest.dynamicTest("docs/trace-format.md line " + e.line(), () -> {
            CliRunner r = CliRunner.runWithInput(e.trace().getBytes(StandardCharsets.UTF_8), "run", "-");
            assertEquals(e.stdout(), r.out().lines().toList());
            for (String fragment : e.stderr()) {
                assertTrue(r.err().contains(fragment), "expected on stderr: " + fragment + "\ngot: " + r.err());
            }
            assertEquals(e.exit(), r.status(), r.err());
        }));
    }
}
