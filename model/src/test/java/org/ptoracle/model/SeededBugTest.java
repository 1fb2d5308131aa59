package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command-line names of the seeded bugs: one per bug, distinct, and read back by byName. */
class SeededBugTest {
    @Test
    void everyBugHasADistinctNameThatReadsBack() {
        Set<String> seen = new HashSet<>();
        for (int bug = SeededBug.NONE; bug <= SeededBug.count(); bug++) {
            String name = SeededBug.name(bug);
            assertEquals(true, seen.add(name), "duplicate name " + name);
            assertEquals(bug, SeededBug.byName(name), name);
        }
        assertEquals(15, seen.size());
    }

    @Test
    void namesMatchTheirConstants() {
        assertEquals("none", SeededBug.name(SeededBug.NONE));
        assertEquals("user-bits-ored", SeededBug.name(SeededBug.USER_BITS_ORED));
        assertEquals("smap-ignored", SeededBug.name(SeededBug.SMAP_IGNORED));
        assertEquals(SeededBug.RECURSIVE_INDEX_ORDER, SeededBug.byName("recursive-index-order"));
    }

    @Test
    void anUnknownNameIsMinusOne() {
        assertEquals(-1, SeededBug.byName("no-such-bug"));
        assertEquals(-1, SeededBug.byName(""));
    }

    @Test
    void aNumberWithoutABugIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeededBug.name(15));
        assertEquals("no seeded bug numbered 15 (0 to 14)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeededBug.name(-1));
    }
}
