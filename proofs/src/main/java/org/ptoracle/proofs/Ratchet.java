package org.ptoracle.proofs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The contracts that must close, {@code proofs/ratchet.txt}: one {@link ContractRef#id()} per
 * line, {@code #} comments and blank lines ignored. The list only grows.
 */
public final class Ratchet {
    private final Set<String> ids;

    private Ratchet(Set<String> ids) {
        this.ids = ids;
    }

    public static Ratchet load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("ratchet file missing: " + file);
        }
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static Ratchet parse(List<String> lines) {
        Set<String> ids = new LinkedHashSet<>();
        for (String l : lines) {
            String line = l.strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                if (line.chars().anyMatch(Character::isWhitespace) || line.split("#", -1).length != 3) {
                    throw new IllegalArgumentException("ratchet line is not a contract id"
                        + " (<class>#<method>(<params>)#<kind>.<n>): " + line);
                }
                ids.add(line);
            }
        }
        return new Ratchet(ids);
    }

    public Set<String> ids() {
        return ids;
    }

    /**
     * The ratchet violations among the attempted contracts: each listed id that was attempted and
     * did not close, and each listed id in scope that no longer exists.
     *
     * @param outcomes by contract id, the attempted contracts
     * @param all      ids of every contract KeY found
     * @param inScope  which ids this run was asked to check (everything, or an --only filter)
     * @return one human-readable line per violation; empty when the ratchet holds
     */
    public List<String> violations(Map<String, ProofOutcome> outcomes, Set<String> all,
            Predicate<String> inScope) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (!inScope.test(id)) {
                continue;
            }
            ProofOutcome o = outcomes.get(id);
            if (o != null) {
                if (!o.closed()) {
                    out.add(id + " is " + o.status().label() + " (" + o.reason() + ")");
                }
            } else if (!all.contains(id)) {
                out.add(id + " no longer exists (renamed or removed? the ratchet only grows:"
                    + " list its successor instead)");
            }
        }
        return out;
    }
}
