package org.ptoracle.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored proofs cannot prove what is false: the proofs of the correct twins
 * (resources/right), stored under the false contracts' names, are replayed against the false
 * contracts (resources/wrong) and none of them closes, neither by the replay nor by the search that
 * follows it. The same stored proofs replay to closed proofs of the contracts they were found for, so
 * replay is not simply failing on everything.
 */
class ReplayCannotProveTest {
    @Test
    void aTrueContractsProofDoesNotCloseItsFalseTwin(@TempDir Path tmp) throws Exception {
        KeyConfig config = TestHome.config();
        // The correct twins under the false class's name, so that the stored proofs carry the ids
        // (and the class name in their terms) of the false contracts.
        Path renamed = Files.createDirectories(tmp.resolve("renamed"));
        String right = Files.readString(TestHome.resources("right").resolve("RightContracts.java"),
            StandardCharsets.UTF_8);
        Files.writeString(renamed.resolve("WrongContracts.java"), right.replace("RightContracts", "WrongContracts"),
            StandardCharsets.UTF_8);
        ProofStore store = new ProofStore(tmp.resolve("stored"));

        List<ProofOutcome> found = new ArrayList<>();
        List<ProofOutcome> replayedTrue = new ArrayList<>();
        ProveMain.onBigStack(() -> {
            try (KeyProject p = KeyProject.load(List.of(renamed), TestHome.stubs(), config)) {
                p.storeTo(store);
                for (ContractRef r : p.contracts()) {
                    found.add(p.prove(r, config.maxSteps()));
                }
            }
            // A new environment, as a later run has.
            try (KeyProject p = KeyProject.load(List.of(renamed), TestHome.stubs(), config)) {
                p.replayFrom(store);
                for (ContractRef r : p.contracts()) {
                    replayedTrue.add(p.prove(r, config.maxSteps()));
                }
            }
            return null;
        });
        for (ProofOutcome o : found) {
            assertTrue(o.closed() && !o.replayed(), "the twin " + o.ref().id() + " must close by search: " + o.reason());
            assertTrue(store.read(o.ref().id()).isPresent(), "its proof was stored: " + o.ref().id());
        }
        assertTrue(found.stream().map(o -> o.ref().id()).toList().containsAll(MustNotProveTest.WRONG),
            "a stored proof for every false contract");
        for (ProofOutcome o : replayedTrue) {
            assertTrue(o.closed() && o.replayed(), "the stored proof of " + o.ref().id()
                + " replays to a closed proof of the contract it was found for: " + o.reason());
        }

        List<ProofOutcome> againstFalse = new ArrayList<>();
        ProveMain.onBigStack(() -> {
            try (KeyProject p = KeyProject.load(List.of(TestHome.resources("wrong")), TestHome.stubs(), config)) {
                p.replayFrom(store);
                for (ContractRef r : p.contracts()) {
                    againstFalse.add(p.prove(r, config.maxSteps()));
                }
            }
            return null;
        });
        assertEquals(MustNotProveTest.WRONG, againstFalse.stream().map(o -> o.ref().id())
            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
        for (ProofOutcome o : againstFalse) {
            Optional<String> stored = store.read(o.ref().id());
            assertTrue(stored.isPresent(), "a stored proof was there for " + o.ref().id());
            System.out.printf("replay against the false contract: %-6s %s (%s)%n", o.status().label(),
                o.ref().id(), o.reason());
            assertFalse(o.closed(), "PROVED a false contract from a stored proof: " + o.ref().id());
            assertFalse(o.replayed(), o.ref().id());
            assertTrue(o.reason().contains("stored proof set aside"),
                "the replay was attempted and refused for " + o.ref().id() + ": " + o.reason());
        }
    }
}
