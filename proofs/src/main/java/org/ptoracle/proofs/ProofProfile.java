package org.ptoracle.proofs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import de.uka.ilkd.key.proof.Node;
import de.uka.ilkd.key.proof.Proof;

/**
 * Where a proof's size went ({@code prove --stats}): which rules KeY applied most, which rules split
 * the proof, and which calls in the code (the branches KeY opens when it applies a method contract,
 * "Post (m)", "Pre (m)", "Exceptional Post (m)") carry the largest subtrees. This is what showed,
 * on this code, that most of a proof went into case splits after allocations, into conditions, and
 * into arithmetic on flag bits (proofs/README.md); the numbers say where to reshape a contract or
 * the code under it.
 *
 * @param nodes     proof tree nodes
 * @param branches  leaves of the proof tree (closed and open goals)
 * @param rules     rule applications by rule, most frequent first
 * @param splits    rule applications that opened more than one branch, by rule
 * @param calls     the largest subtrees under a contract application's branches, largest first; the
 *                  count is the subtree's nodes
 * @param costlySplits the splits whose branches other than the largest are largest: the work a
 *                  split makes KeY do again, by rule, node and the formula split on
 */
public record ProofProfile(int nodes, int branches, List<Count> rules, List<Count> splits, List<Count> calls,
        List<Count> costlySplits) {

    /** A name and how often (or how large). */
    public record Count(String name, int n) { }

    /** The profile of {@code proof}, keeping the {@code top} largest entries of each list. */
    public static ProofProfile of(Proof proof, int top) {
        List<Node> preOrder = new ArrayList<>();
        Iterator<Node> it = proof.root().subtreeIterator();
        while (it.hasNext()) {
            preOrder.add(it.next());
        }
        Map<String, Integer> rules = new HashMap<>();
        Map<String, Integer> splits = new HashMap<>();
        for (Node n : preOrder) {
            if (n.getAppliedRuleApp() == null) {
                continue;
            }
            String rule = n.getAppliedRuleApp().rule().name().toString();
            rules.merge(rule, 1, Integer::sum);
            if (n.childrenCount() > 1) {
                splits.merge(rule, 1, Integer::sum);
            }
        }
        // Subtree sizes bottom-up, without recursion: proof trees are chains tens of thousands deep.
        Map<Node, Integer> size = new IdentityHashMap<>();
        int leaves = 0;
        List<Count> calls = new ArrayList<>();
        List<Map.Entry<Node, Integer>> splitCost = new ArrayList<>();
        for (int i = preOrder.size() - 1; i >= 0; i--) {
            Node n = preOrder.get(i);
            int s = 1;
            int largest = 0;
            for (int c = 0; c < n.childrenCount(); c++) {
                int child = size.get(n.child(c));
                s += child;
                largest = Math.max(largest, child);
            }
            size.put(n, s);
            if (n.childrenCount() == 0) {
                leaves++;
            }
            String label = n.getNodeInfo().getBranchLabel();
            if (label != null && (label.startsWith("Post (") || label.startsWith("Pre (")
                    || label.startsWith("Exceptional Post ("))) {
                calls.add(new Count(label + " #" + n.serialNr(), s));
            }
            if (n.childrenCount() > 1) {
                // A split costs what all but its largest branch cost: that much work is done again.
                splitCost.add(Map.entry(n, s - 1 - largest));
            }
        }
        // Only the splits kept are named: printing a formula is costly, and a proof has hundreds of splits.
        List<Count> costly = splitCost.stream()
            .sorted(Map.Entry.<Node, Integer>comparingByValue().reversed())
            .limit(Math.min(top, 5))
            .map(e -> new Count(splitName(e.getKey()), e.getValue()))
            .toList();
        return new ProofProfile(preOrder.size(), leaves, largest(rules, top), largest(splits, top),
            calls.stream().sorted(Comparator.comparingInt(Count::n).reversed()).limit(top).toList(), costly);
    }

    /** The rule of a split node, its serial number and the formula it split on (shortened). */
    private static String splitName(Node n) {
        var app = n.getAppliedRuleApp();
        String on = app.posInOccurrence() == null ? "" : app.posInOccurrence().subTerm().toString();
        on = on.replaceAll("\\s+", " ");
        if (on.length() > 700) {
            on = on.substring(0, 700) + "...";
        }
        return app.rule().name() + " #" + n.serialNr() + " [" + on + "]";
    }

    private static List<Count> largest(Map<String, Integer> counts, int top) {
        return counts.entrySet().stream()
            .map(e -> new Count(e.getKey(), e.getValue()))
            .sorted(Comparator.comparingInt(Count::n).reversed().thenComparing(Count::name))
            .limit(top)
            .toList();
    }

    /** Five indented lines for the prove log. */
    public String render() {
        return "    profile: " + nodes + " nodes, " + branches + " branches\n"
            + "    most applied: " + join(rules) + "\n"
            + "    splits: " + (splits.isEmpty() ? "none" : join(splits)) + "\n"
            + "    largest subtrees under a call (nodes): " + (calls.isEmpty() ? "none" : join(calls)) + "\n"
            + "    costliest splits (nodes outside the largest branch): "
            + (costlySplits.isEmpty() ? "none" : join(costlySplits));
    }

    private static String join(List<Count> counts) {
        StringBuilder sb = new StringBuilder();
        for (Count c : counts) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(c.name()).append(' ').append(c.n());
        }
        return sb.toString();
    }
}
