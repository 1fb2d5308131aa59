package org.ptoracle.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers that share a claims folder attempt every selected contract exactly once between them. */
class ClaimsTest {
    @Test
    void everyContractIsClaimedByExactlyOneWorker(@TempDir Path home) throws Exception {
        Path claims = Files.createDirectory(home.resolve("claims"));
        ProveMain.Options first = ProveMain.parse(new String[] {"--shard", "0/2", "--shard-out",
            home.resolve("a.tsv").toString(), "--claims", claims.toString()}, home);
        ProveMain.Options second = ProveMain.parse(new String[] {"--shard", "1/2", "--shard-out",
            home.resolve("b.tsv").toString(), "--claims", claims.toString()}, home);
        int contracts = 40;
        int[] takers = new int[contracts];
        // The first worker is ahead (it takes several in a row), then they alternate.
        for (int i = 0; i < 5; i++) {
            if (ProveMain.mine(first, i)) {
                takers[i]++;
            }
        }
        for (int i = 0; i < contracts; i++) {
            for (ProveMain.Options w : List.of(second, first)) {
                if (ProveMain.mine(w, i)) {
                    takers[i]++;
                }
            }
        }
        for (int i = 0; i < contracts; i++) {
            assertEquals(1, takers[i], "contract " + i);
        }
        try (var claimed = Files.list(claims)) {
            assertEquals(contracts, claimed.count());
        }
    }

    @Test
    void withoutAFolderTheShareIsFixed(@TempDir Path home) {
        ProveMain.Options w = ProveMain.parse(new String[] {"--shard", "1/2", "--shard-out",
            home.resolve("a.tsv").toString()}, home);
        assertTrue(ProveMain.mine(w, 1) && ProveMain.mine(w, 3) && !ProveMain.mine(w, 2));
    }
}
