package org.ptoracle.difftest.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How often the generator picks each operation, as relative weights. The defaults favour the calls that
 * build and walk tables (map_to, access, unmap, translate) and the pokes that make odd entries, and keep
 * the calls that change the mapper's footing (new_unchecked, set_cr) rare, so that a trace keeps
 * building on its own earlier steps.
 */
public final class OpWeights {
    private final Map<String, Integer> weights;
    private final int total;

    private OpWeights(Map<String, Integer> weights) {
        this.weights = weights;
        this.total = weights.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The documented default mix (README, "Campaigns"). */
    public static OpWeights defaults() {
        Map<String, Integer> w = new LinkedHashMap<>();
        w.put("map_to", 20);
        w.put("access", 16);
        w.put("unmap", 8);
        w.put("poke", 8);
        w.put("translate", 6);
        w.put("translate_page", 5);
        w.put("update_flags", 5);
        w.put("translate_addr", 3);
        w.put("identity_map", 3);
        w.put("peek", 3);
        w.put("clean_up_range", 3);
        w.put("set_flags_p4_entry", 2);
        w.put("set_flags_p3_entry", 2);
        w.put("set_flags_p2_entry", 2);
        w.put("clean_up", 2);
        w.put("new", 2);
        w.put("set_cr", 2);
        w.put("flush", 1);
        w.put("flush_all", 1);
        w.put("new_unchecked", 1);
        return new OpWeights(w);
    }

    /** The weights, in the order they are drawn. */
    public Map<String, Integer> asMap() {
        return Map.copyOf(weights);
    }

    /** One op name, drawn with the weights. */
    public String pick(SplittableRandom random) {
        int ticket = random.nextInt(total);
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            ticket -= entry.getValue();
            if (ticket < 0) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("weights do not add up");
    }
}
