package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The trace format's pool allocator at run time: the same properties its KeY contracts state
 * (lowest free frame first, -1 when exhausted, deallocation recorded in order and returning pool
 * frames only, snapshot and restore).
 */
class PoolAllocatorTest {
    private static final long START = 0x100000;

    @Test
    void handsOutTheLowestFreeFrameAndMarksIt() {
        PoolAllocator pool = new PoolAllocator(START, 3);
        assertEquals(START, pool.allocateFrame());
        assertEquals(START + 0x1000, pool.allocateFrame());
        assertTrue(pool.inUse(START) && pool.inUse(START + 0x1000));
        assertFalse(pool.inUse(START + 0x2000));
        pool.deallocateFrame(START);
        assertEquals(START, pool.allocateFrame(), "a returned frame below the others is handed out first");
    }

    @Test
    void anExhaustedPoolAnswersMinusOneAndChangesNothing() {
        PoolAllocator pool = new PoolAllocator(START, 2);
        pool.allocateFrame();
        pool.allocateFrame();
        boolean[] before = pool.snapshot();
        assertEquals(-1, pool.allocateFrame());
        assertArrayEquals(before, pool.snapshot());
        assertEquals(-1, new PoolAllocator(START, 0).allocateFrame(), "an empty pool");
    }

    @Test
    void deallocatingAFrameOutsideThePoolIsRecordedButFreesNothing() {
        PoolAllocator pool = new PoolAllocator(START, 1);
        pool.allocateFrame();
        pool.deallocateFrame(START - 0x1000);
        pool.deallocateFrame(START + 0x1000);
        assertTrue(pool.inUse(START));
        assertArrayEquals(new long[] {START - 0x1000, START + 0x1000}, pool.takeFreed());
    }

    @Test
    void theRecordKeepsEveryDeallocationInOrderPastItsFirstCapacity() {
        PoolAllocator pool = new PoolAllocator(START, 40);
        long[] expected = new long[40];
        for (int i = 0; i < 40; i++) {
            expected[i] = START + 0x1000L * (39 - i);
            pool.deallocateFrame(expected[i]);
        }
        assertArrayEquals(expected, pool.takeFreed(), "the record starts at 16 and doubles");
        assertArrayEquals(new long[0], pool.takeFreed(), "taking clears the record");
    }

    @Test
    void restorePutsBackTheMarksAndForgetsDeallocations() {
        PoolAllocator pool = new PoolAllocator(START, 4);
        pool.allocateFrame();
        boolean[] marks = pool.snapshot();
        pool.allocateFrame();
        pool.deallocateFrame(START);
        pool.restore(marks);
        assertArrayEquals(new boolean[] {true, false, false, false}, pool.snapshot());
        assertArrayEquals(new long[0], pool.takeFreed());
    }

    @Test
    void aSnapshotIsACopyNotAView() {
        PoolAllocator pool = new PoolAllocator(START, 2);
        boolean[] marks = pool.snapshot();
        pool.allocateFrame();
        assertArrayEquals(new boolean[] {false, false}, marks);
        assertEquals(START, pool.poolStart());
        assertEquals(2, pool.poolFrames());
    }
}
