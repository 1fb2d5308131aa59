package org.ptoracle.proofs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The proof table (text) and its JSON form. */
public final class Report {
    /** How close to the step budget a closed proof is reported as at risk, in percent of it. */
    public static final int NEAR_BUDGET_PERCENT = 10;

    /** The table's right-aligned columns. */
    private static final Set<String> NUMERIC = Set.of("nodes", "steps", "ms", "rests on unclosed");

    private Report() {
    }

    /**
     * A fixed-width table: class, method, contract, status, via (replayed from a stored proof or
     * searched), nodes, steps (rule applications: what the budget counts), ms, theorem, and for a closed
     * contract
     * what it rests on: {@code -} when every contract its proof used closed too (and theirs, and so on),
     * else how many did not ({@link Reliance}).
     */
    public static void table(List<ProofOutcome> outcomes, Theorems theorems, Reliance reliance, PrintStream out) {
        String[] head = {"class", "method", "contract", "status", "via", "nodes", "steps", "ms", "theorem",
            "rests on unclosed"};
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
        }
        String[][] rows = new String[outcomes.size()][];
        for (int r = 0; r < outcomes.size(); r++) {
            ProofOutcome o = outcomes.get(r);
            String th = theorems.theoremFor(o.ref());
            rows[r] = new String[] {o.ref().simpleClassName(), o.ref().shortMethod(), o.ref().contract(),
                o.status().label(), o.via(), Integer.toString(o.nodes()), Integer.toString(o.steps()), Long.toString(o.ms()),
                th == null ? "-" : th,
                restsOn(o, reliance)};
            for (int i = 0; i < head.length; i++) {
                w[i] = Math.max(w[i], rows[r][i].length());
            }
        }
        boolean[] numeric = new boolean[head.length];
        for (int i = 0; i < head.length; i++) {
            numeric[i] = NUMERIC.contains(head[i]);
        }
        out.println(line(head, w, numeric));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        out.println(rule);
        for (String[] row : rows) {
            out.println(line(row, w, numeric));
        }
    }

    private static String line(String[] cells, int[] w, boolean[] numeric) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean number = numeric[i];
            String c = cells[i];
            String pad = " ".repeat(w[i] - c.length());
            sb.append(i == 0 ? "" : "  ").append(number ? pad + c : c + (i == cells.length - 1 ? "" : pad));
        }
        return sb.toString();
    }

    /**
     * The closed contracts within {@link #NEAR_BUDGET_PERCENT}% of the step budget, most steps first:
     * the ones a change elsewhere (or KeY's run-to-run variation of a few rule applications) is
     * likeliest to push open.
     */
    public static List<ProofOutcome> nearBudget(List<ProofOutcome> outcomes, int maxSteps) {
        long floor = (long) maxSteps * (100 - NEAR_BUDGET_PERCENT) / 100;
        return outcomes.stream()
            .filter(o -> o.closed() && o.steps() >= floor)
            .sorted(Comparator.comparingInt(ProofOutcome::steps).reversed()
                .thenComparing(o -> o.ref().id()))
            .toList();
    }

    private static String restsOn(ProofOutcome o, Reliance reliance) {
        if (!o.closed()) {
            return "";
        }
        int n = reliance.unclosedBelow(o.ref().id()).size();
        return n == 0 ? "-" : Integer.toString(n);
    }

    /**
     * Writes a JSON array with one object per attempted contract: {@code class} (fully qualified),
     * {@code method} (with parameter types), {@code contract}, {@code status} (closed, open, error),
     * {@code nodes}, {@code ms}, {@code theorem} (or null), plus {@code steps} (rule applications, what
     * the budget counts), {@code id} (the ratchet identifier),
     * {@code reason} (why KeY stopped), {@code via} ("replayed" from a stored proof or "searched"), {@code uses} (the identifiers of the contracts the proof
     * applied) and {@code restsOnUnclosed} (for a closed contract, the contracts not closed in this run
     * that it rests on, see {@link Reliance}; empty for a contract proved outright, null when not closed).
     */
    public static void json(List<ProofOutcome> outcomes, Theorems theorems, Reliance reliance, Path file)
            throws IOException {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < outcomes.size(); i++) {
            ProofOutcome o = outcomes.get(i);
            sb.append("  {")
                .append("\"class\": ").append(str(o.ref().className())).append(", ")
                .append("\"method\": ").append(str(o.ref().method())).append(", ")
                .append("\"contract\": ").append(str(o.ref().contract())).append(", ")
                .append("\"status\": ").append(str(o.status().label())).append(", ")
                .append("\"nodes\": ").append(o.nodes()).append(", ")
                .append("\"steps\": ").append(o.steps()).append(", ")
                .append("\"ms\": ").append(o.ms()).append(", ")
                .append("\"theorem\": ").append(str(theorems.theoremFor(o.ref()))).append(", ")
                .append("\"id\": ").append(str(o.ref().id())).append(", ")
                .append("\"reason\": ").append(str(o.reason())).append(", ")
                .append("\"via\": ").append(str(o.via())).append(", ")
                .append("\"uses\": ").append(strings(o.uses())).append(", ")
                .append("\"restsOnUnclosed\": ")
                .append(o.closed() ? strings(reliance.unclosedBelow(o.ref().id())) : "null")
                .append(i + 1 < outcomes.size() ? "},\n" : "}\n");
        }
        sb.append("]\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private static String strings(Collection<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (String item : items) {
            sb.append(sb.length() > 1 ? ", " : "").append(str(item));
        }
        return sb.append(']').toString();
    }

    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
