package org.ptoracle.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code prove --stats}: the profile of a real proof adds up. The contract is the positive control
 * {@code RightContracts#checked}, whose proof calls nothing but splits on its precondition cases.
 */
class ProofProfileTest {
    @Test
    void profileOfAClosedProofAddsUp() throws Exception {
        KeyConfig config = TestHome.config();
        ProofOutcome[] got = new ProofOutcome[2];
        ProveMain.onBigStack(() -> {
            try (KeyProject p = KeyProject.load(List.of(TestHome.resources("right")), TestHome.stubs(), config)) {
                ContractRef ref = p.contracts().stream()
                    .filter(r -> r.id().equals("RightContracts#checked(long)#normal_behavior.0"))
                    .findFirst().orElseThrow();
                got[0] = p.prove(ref, config.maxSteps(), false, true);
                got[1] = p.prove(ref, config.maxSteps(), false, false);
            }
            return null;
        });
        ProofOutcome o = got[0];
        assertTrue(o.closed(), o.reason());
        ProofProfile profile = o.profile();
        assertNotNull(profile);
        assertEquals(o.nodes(), profile.nodes(), "the profile counts the same tree");
        // Every node but a leaf carries one rule application; the top list covers at most 12 rules,
        // so its sum is bounded by the inner nodes, and equals them when 12 rules suffice.
        int counted = profile.rules().stream().mapToInt(ProofProfile.Count::n).sum();
        assertTrue(counted <= profile.nodes() - profile.branches(), counted + " rule applications listed");
        assertTrue(counted > 0);
        assertTrue(profile.branches() >= 1);
        int splitting = profile.splits().stream().mapToInt(ProofProfile.Count::n).sum();
        assertTrue(splitting < profile.branches(), "k splits make at least k + 1 branches");
        for (int i = 1; i < profile.rules().size(); i++) {
            assertTrue(profile.rules().get(i - 1).n() >= profile.rules().get(i).n(), "most applied first");
        }
        // A split's cost is what lies outside its largest branch: positive, and within the proof.
        for (ProofProfile.Count c : profile.costlySplits()) {
            assertTrue(c.n() > 0 && c.n() < profile.nodes(), c.toString());
        }
        assertEquals(splitting > 0, !profile.costlySplits().isEmpty(), "every split is a candidate");
        String text = profile.render();
        assertTrue(text.contains(profile.nodes() + " nodes, " + profile.branches() + " branches"), text);
        assertTrue(text.contains(profile.rules().get(0).name()), text);
        assertFalse(text.isBlank());
        assertNull(got[1].profile(), "no profile unless asked for");
        assertEquals(o.nodes(), got[1].nodes(), "profiling does not change the proof");
    }
}
