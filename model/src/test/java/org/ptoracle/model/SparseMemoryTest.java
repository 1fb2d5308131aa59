package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptoracle.model.Fixture.hex;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptoracle.spec.Access;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.Flags;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.Page;
import org.ptoracle.spec.PageSize;
import org.ptoracle.spec.PhysFrame;

/**
 * SparseMemory's two duties (trace-format.md, Header "The harness" and the paragraph after Accesses):
 * the harness guard refuses a store into the protected range or word and changes nothing; the undo
 * journal puts back every word written since {@link SparseMemory#beginOperation}, the walker's
 * accessed/dirty updates included, so that a refused operation has no effect at all.
 */
class SparseMemoryTest {
    private static final long MIB = 1L << 20;

    private static Entry e(long raw) {
        return Entry.fromRaw(raw);
    }

    private static long raw(SparseMemory m, long pa) {
        return m.read(pa).toRaw();
    }

    @Test
    void unwrittenAndOutsideMemory_readZero() {
        SparseMemory m = new SparseMemory(MIB, 0, 0, -1);
        assertEquals(MIB, m.size());
        assertEquals(0, raw(m, 0x1000));
        assertEquals(0, raw(m, MIB));
        assertEquals(0, raw(m, 1L << 40));
        // read is total (PhysicalMemory's contract has no precondition): below 0 is outside memory too.
        assertEquals(0, raw(m, -8));
        assertEquals(0, raw(m, Long.MIN_VALUE));
        assertFalse(m.pageWritten(1));
        m.initialize(0x1008, e(0x1234));
        assertTrue(m.pageWritten(1));
        assertEquals(0, raw(m, 0x1000));
        assertEquals(0x1234, raw(m, 0x1008));
    }

    @Test
    void writeByParts_storesTheEntry_andRefusesAWordOutsideMemory() throws ForbiddenAccess {
        SparseMemory m = new SparseMemory(MIB, 0, 0, -1);
        m.write(0x2008, 0x23, 0x5000L, 0x800);
        assertEquals(0x8000000000005023L, raw(m, 0x2008));
        m.write(MIB - 8, 0x1, 0x3000L, 0);
        assertEquals(0x3001, raw(m, MIB - 8));
        ForbiddenAccess ex = assertThrows(ForbiddenAccess.class, () -> m.write(MIB, 0x1, 0x3000L, 0));
        assertEquals(MIB, ex.phys);
        assertTrue(ex.getMessage().contains("outside memory"), ex.getMessage());
        assertEquals(0, raw(m, MIB));
        assertFalse(m.pageWritten((int) (MIB / 4096) - 2));
    }

    @Test
    void guard_refusesProtectedRangeAndWord_nothingChanged() {
        SparseMemory m = new SparseMemory(MIB, 0x10000, 0x16000, 0x1ff8);
        m.initialize(0x10000, e(0xaaaa));
        m.initialize(0x1ff8, e(0xbbbb));
        long[] refused = {0x10000, 0x12340, 0x15ff8, 0x1ff8};
        for (long pa : refused) {
            long before = raw(m, pa);
            ForbiddenAccess ex = assertThrows(ForbiddenAccess.class, () -> m.write(pa, e(0x5555)));
            assertEquals(pa, ex.phys);
            assertEquals(hex(before), hex(raw(m, pa)), "unchanged at " + hex(pa));
            assertTrue(m.isProtected(pa));
        }
        long[] allowed = {0xfff8, 0x16000, 0x1ff0, 0x2000};
        for (long pa : allowed) {
            Fixture.call(() -> {
                m.write(pa, e(0x7777));
                return null;
            });
            assertEquals(0x7777, raw(m, pa));
            assertFalse(m.isProtected(pa));
        }
    }

    @Test
    void refusedWrite_isNotJournaled() {
        SparseMemory m = new SparseMemory(MIB, 0x10000, 0x11000, -1);
        m.initialize(0x8000, e(0x1));
        m.beginOperation();
        assertThrows(ForbiddenAccess.class, () -> m.write(0x10008, e(0x2)));
        Fixture.call(() -> {
            m.write(0x8000, e(0x3));
            return null;
        });
        m.undoOperation();
        assertEquals(0x1, raw(m, 0x8000));
        assertEquals(0, raw(m, 0x10008));
    }

    @Test
    void undo_restoresOldestValue_keepsWritesBeforeBegin_andInitialize() {
        SparseMemory m = new SparseMemory(MIB, 0, 0, -1);
        Fixture.call(() -> {
            m.write(0x3000, e(0x11));
            m.beginOperation();
            m.write(0x3000, e(0x22));
            m.write(0x3000, e(0x33));
            m.write(0x4000, e(0x44));
            return null;
        });
        m.initialize(0x5000, e(0x55)); // bypasses the journal
        m.undoOperation();
        assertEquals(0x11, raw(m, 0x3000));
        assertEquals(0, raw(m, 0x4000));
        assertEquals(0x55, raw(m, 0x5000));
        m.undoOperation(); // the journal is empty now: nothing more is undone
        assertEquals(0x11, raw(m, 0x3000));
    }

    @Test
    void undo_restoresEveryWordWrittenSinceBegin_includingWalkerAccessedDirty() {
        Fixture fx = Fixture.withChain();
        Fixture.call(() -> {
            fx.memory.write(0x9000, e(0x9999)); // before the operation: kept
            return null;
        });
        fx.memory.beginOperation();
        fx.recorded.reset();
        // walker A/D updates, crate stores, and more than the journal's initial capacity (3 tables zeroed)
        Fixture.assertPhys(fx.access(Fixture.VA, Access.WRITE, Access.SUPERVISOR), 0x80_0000L);
        Fixture.assertOkFlush(fx.mapTo(Fixture.SIZE_4K, Fixture.rec(5, 6, 7, 8), 0x90_0000L, 0x3), Fixture.rec(5, 6, 7, 8));
        Fixture.assertOkFlush(fx.updateFlags(Fixture.SIZE_4K, Fixture.VA, 0x7), Fixture.VA);
        Map<Long, Long> original = new LinkedHashMap<>();
        for (RecordingMemory.Write w : fx.recorded.writes()) {
            original.putIfAbsent(w.pa(), w.before());
        }
        assertTrue(fx.recorded.writes().size() > 1536, "journal growth exercised");
        assertTrue(original.containsKey(Fixture.E1) && original.containsKey(Fixture.E4), "A/D words were written");
        fx.memory.undoOperation();
        for (Map.Entry<Long, Long> w : original.entrySet()) {
            assertEquals(hex(w.getValue()), hex(fx.peek(w.getKey())), "restored at " + hex(w.getKey()));
        }
        fx.assertWord(Fixture.E4, 0x2003L);
        fx.assertWord(Fixture.E3, 0x3003L);
        fx.assertWord(Fixture.E2, 0x4003L);
        fx.assertWord(Fixture.E1, 0x80_0003L);
        fx.assertWord(fx.recursiveEntryAddress(), 0x1003L);
        fx.assertWord(Fixture.P4 + 8 * 5, 0);
        fx.assertWord(0x9000, 0x9999L);
    }

    /** A machine like the trace format's: memory with a protected range, the MMU, the crate. */
    private static final class Guarded {
        final SparseMemory memory;
        final MmuModel mmu;
        final RecursivePageTable table;
        final PoolAllocator allocator = new PoolAllocator(0x100000, 16);

        Guarded(long protectedStart, long protectedEnd, long protectedWord) {
            memory = new SparseMemory(4 * MIB, protectedStart, protectedEnd, protectedWord);
            mmu = new MmuModel(memory, 0x1000, true, true, false, false);
            table = new RecursivePageTable(new ModelCpu(mmu, memory), RecursiveAddresses.level4(100), 100);
            memory.initialize(0x1000 + 8 * 100, e(0x1003));
        }
    }

    @Test
    void walkSettingAccessedInProtectedWord_isRefused_andUndoRestoresUpperLevels() {
        Guarded g = new Guarded(0x4000, 0x5000, -1); // the level 1 table is protected
        g.memory.initialize(Fixture.E4, e(0x2003));
        g.memory.initialize(Fixture.E3, e(0x3003));
        g.memory.initialize(Fixture.E2, e(0x4003));
        g.memory.initialize(Fixture.E1, e(0x80_0003)); // no ACCESSED: the walk must write it
        g.memory.beginOperation();
        ForbiddenAccess ex = assertThrows(ForbiddenAccess.class,
                () -> g.mmu.access(Fixture.VA, Access.READ, Access.SUPERVISOR));
        assertEquals(hex(Fixture.E1), hex(ex.phys));
        assertEquals(hex(0x2023), hex(raw(g.memory, Fixture.E4)), "upper levels marked before the refusal");
        g.memory.undoOperation();
        assertEquals(hex(0x2003), hex(raw(g.memory, Fixture.E4)));
        assertEquals(hex(0x3003), hex(raw(g.memory, Fixture.E3)));
        assertEquals(hex(0x4003), hex(raw(g.memory, Fixture.E2)));
        assertEquals(hex(0x80_0003), hex(raw(g.memory, Fixture.E1)));
    }

    @Test
    void harnessEntriesWithAccessedDirtyPreset_walksNeverWriteThem() {
        Guarded g = new Guarded(0x2000, 0x5000, Fixture.E4); // the whole harness path is protected
        g.memory.initialize(Fixture.E4, e(0x2067));
        g.memory.initialize(Fixture.E3, e(0x3067));
        g.memory.initialize(Fixture.E2, e(0x4067));
        g.memory.initialize(Fixture.E1, e(0x80_0067));
        Fixture.assertPhys(Fixture.call(() -> g.mmu.access(Fixture.VA, Access.WRITE, Access.SUPERVISOR)), 0x80_0000L);
        Fixture.assertPhys(Fixture.call(() -> g.mmu.access(Fixture.VA, Access.EXEC, Access.USER)), 0x80_0000L);
    }

    @Test
    void crateStoreIntoProtectedFrame_isRefused_undoGivesNoEffectAtAll() {
        Guarded g = new Guarded(0x102000, 0x103000, -1); // the third pool frame: map_to's level 1 table
        boolean[] pool = g.allocator.snapshot();
        g.memory.beginOperation();
        ForbiddenAccess ex = assertThrows(ForbiddenAccess.class, () -> g.table.mapTo(
                Page.fromStartAddress(PageSize.SIZE_4KIB, Fixture.VA),
                PhysFrame.fromStartAddress(PageSize.SIZE_4KIB, 0x80_0000L), Flags.fromRaw(0x3), g.allocator));
        assertEquals(hex(0x102000), hex(ex.phys));
        assertEquals(hex(0x10_0003), hex(raw(g.memory, Fixture.E4) & ~0x60L), "partial work before the refusal");
        g.memory.undoOperation();
        g.allocator.restore(pool);
        assertEquals(0, raw(g.memory, Fixture.E4));
        assertEquals(0, raw(g.memory, 0x10_0010));
        assertEquals(hex(0x1003), hex(raw(g.memory, 0x1000 + 8 * 100)));
        assertEquals(0x100000, g.allocator.allocateFrame());
    }
}
