package org.ptoracle.proofs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a closed proof rests on. KeY proves each contract modularly: at a call it assumes the callee's
 * contract (every case of it, combined), and at a call through an interface it assumes the interface's
 * contract, which holds only if every implementation keeps it (the implementation's inherited case,
 * {@code Impl#m(..)#kind.n@Interface}). A closed proof therefore proves its contract only as far as
 * the contracts it used hold, and they in turn as far as theirs do.
 *
 * <p>This class follows those edges from each closed contract and collects the contracts on the way
 * that did not close in the same run (open, error, or not attempted): a closed contract with none is
 * proved outright; one with some is proved modulo them.
 */
public final class Reliance {
    private final Map<String, ProofOutcome> byId;
    private final Map<String, List<String>> implementations;
    /** unclosedBelow's answers: the table, the summary and the JSON each ask for every closed contract. */
    private final Map<String, Set<String>> below = new HashMap<>();

    private Reliance(Map<String, ProofOutcome> byId, Map<String, List<String>> implementations) {
        this.byId = byId;
        this.implementations = implementations;
    }

    /**
     * @param outcomes the attempted contracts
     * @param all      every contract's identifier, attempted or not (to find the implementations of an
     *                 interface's contract)
     */
    public static Reliance of(Collection<ProofOutcome> outcomes, Collection<String> all) {
        Map<String, ProofOutcome> byId = new HashMap<>();
        outcomes.forEach(o -> byId.put(o.ref().id(), o));
        return new Reliance(byId, implementationsOf(all));
    }

    /**
     * For each interface contract {@code pkg.I#m(..)#kind.n}, the identifiers of its inherited copies
     * {@code Impl#m(..)#kind.n@I} (see {@link ContractRef}).
     */
    static Map<String, List<String>> implementationsOf(Collection<String> all) {
        Map<String, String> bySimpleKey = new HashMap<>();
        for (String id : all) {
            ContractRef ref = ProveMain.refOf(id);
            if (!ref.contract().contains("@")) {
                bySimpleKey.put(ref.simpleClassName() + "#" + ref.method() + "#" + ref.contract(), id);
            }
        }
        Map<String, List<String>> out = new HashMap<>();
        for (String id : all) {
            ContractRef ref = ProveMain.refOf(id);
            int at = ref.contract().lastIndexOf('@');
            if (at < 0) {
                continue;
            }
            String declared = bySimpleKey.get(ref.contract().substring(at + 1) + "#" + ref.method() + "#"
                + ref.contract().substring(0, at));
            if (declared != null) {
                out.computeIfAbsent(declared, k -> new ArrayList<>()).add(id);
            }
        }
        return out;
    }

    /** The outcome of the contract in this run, if it was attempted. */
    public Optional<ProofOutcome> outcome(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The contracts not closed in this run that the contract rests on, directly or through closed
     * contracts, sorted; empty when it is proved outright. Only meaningful for a closed contract.
     */
    public Set<String> unclosedBelow(String id) {
        return below.computeIfAbsent(id, this::search);
    }

    private Set<String> search(String id) {
        Set<String> unclosed = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        seen.add(id);
        todo.push(id);
        while (!todo.isEmpty()) {
            String current = todo.pop();
            ProofOutcome o = byId.get(current);
            List<String> next = new ArrayList<>(implementations.getOrDefault(current, List.of()));
            if (o != null) {
                next.addAll(o.uses());
            }
            for (String n : next) {
                if (!seen.add(n)) {
                    continue;
                }
                ProofOutcome u = byId.get(n);
                if (u == null || !u.closed()) {
                    unclosed.add(n); // its own proof did not close: what it used is not relied on by this one
                } else {
                    todo.push(n);
                }
            }
        }
        return Collections.unmodifiableSet(unclosed);
    }
}
