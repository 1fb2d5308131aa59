package org.ptoracle.proofs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The map from theorem names to contracts, {@code proofs/theorems.txt}.
 *
 * <p>One mapping per line: {@code <theorem> <selector>}. The selector is one of
 * <ul>
 *   <li>{@code Class#method} - every contract of every overload of the method,</li>
 *   <li>{@code Class#method(long,int)} - every contract of that overload,</li>
 *   <li>{@code Class#method(long,int)#normal_behavior.0} - one contract (a ratchet identifier).</li>
 * </ul>
 * {@code Class} is the fully qualified name or the simple name. Lines starting with {@code #} and
 * blank lines are ignored. A contract matched by several lines gets their names joined by commas.
 */
public final class Theorems {
    private record Entry(String theorem, String selector, int line) { }

    private final List<Entry> entries;

    private Theorems(List<Entry> entries) {
        this.entries = entries;
    }

    public static Theorems none() {
        return new Theorems(List.of());
    }

    public static Theorems load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return none();
        }
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static Theorems parse(List<String> lines, String source) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2 || !parts[1].contains("#")) {
                throw new IllegalArgumentException(source + ":" + (i + 1)
                    + ": expected `<theorem> <Class>#<method>[(<params>)][#<contract>]`, got: " + line);
            }
            entries.add(new Entry(parts[0], parts[1], i + 1));
        }
        return new Theorems(entries);
    }

    /** The theorem names mapped to this contract, comma-joined, or null. */
    public String theoremFor(ContractRef ref) {
        List<String> names = new ArrayList<>();
        for (Entry e : entries) {
            if (matches(e.selector(), ref) && !names.contains(e.theorem())) {
                names.add(e.theorem());
            }
        }
        return names.isEmpty() ? null : String.join(",", names);
    }

    /** Selectors that match none of the given contracts (stale lines), as "line: text". */
    public List<String> unmatched(List<ContractRef> refs) {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            if (refs.stream().noneMatch(r -> matches(e.selector(), r))) {
                out.add(e.line() + ": " + e.theorem() + " " + e.selector());
            }
        }
        return out;
    }

    static boolean matches(String selector, ContractRef ref) {
        String[] sel = selector.split("#", 3);
        String cls = sel[0];
        if (!cls.equals(ref.className()) && !cls.equals(ref.simpleClassName())) {
            return false;
        }
        String method = sel[1];
        if (method.contains("(")) {
            if (!method.replace(" ", "").equals(ref.method())) {
                return false;
            }
        } else if (!method.equals(ref.methodName())) {
            return false;
        }
        return sel.length < 3 || sel[2].equals(ref.contract());
    }
}
