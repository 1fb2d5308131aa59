package org.ptoracle.difftest.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random valid traces (trace format version 1): every operation, all three sizes, ordinary and odd
 * flags, addresses that collide, pokes that make odd entries, control-bit changes and accesses of all
 * kinds at both levels. The same seed always gives the same trace.
 */
public final class TraceGenerator {
    private static final String[] SIZES = {"4KiB", "4KiB", "4KiB", "2MiB", "2MiB", "1GiB"};
    private static final int[] RECURSIVE_INDICES = {510, 510, 510, 511, 256, 255, 1, 0, 300, 100};

    private final OpWeights weights;
    private final int steps;

    public TraceGenerator(OpWeights weights, int steps) {
        this.weights = weights;
        this.steps = steps;
    }

    /** The trace for {@code seed}. */
    public GeneratedTrace generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int r = RECURSIVE_INDICES[random.nextInt(RECURSIVE_INDICES.length)];
        if (random.nextInt(4) == 0) {
            r = random.nextInt(512);
        }
        int slot = r == 511 ? 509 : 511;
        long poolStart = 0x100000L;
        int poolFrames = random.nextInt(4) == 0 ? 4 + random.nextInt(8) : 64;
        int memoryMib = 8;
        boolean wp = random.nextInt(5) != 0;
        boolean nxe = random.nextInt(5) != 0;
        boolean smep = random.nextInt(4) == 0;
        boolean smap = random.nextInt(6) == 0;

        Map<String, Object> header = new LinkedHashMap<>();
        header.put("ptoracle", 1);
        header.put("recursive_index", r);
        header.put("harness_slot", slot);
        header.put("memory_mib", memoryMib);
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("start", poolStart);
        pool.put("frames", poolFrames);
        header.put("pool", pool);
        header.put("cr0_wp", wp);
        header.put("efer_nxe", nxe);
        header.put("cr4_smep", smep);
        header.put("cr4_smap", smap);

        StepFactory factory = new StepFactory(random,
                new AddressChooser(random, r, poolStart, poolFrames, (long) memoryMib << 20), r, slot);
        List<TraceStep> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            out.add(factory.step(weights.pick(random), SIZES[random.nextInt(SIZES.length)]));
        }
        return new GeneratedTrace(header, out);
    }
}
