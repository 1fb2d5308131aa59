package org.ptoracle.difftest.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ptoracle.difftest.unicorn.PagingFixture.A;
import static org.ptoracle.difftest.unicorn.PagingFixture.D;
import static org.ptoracle.difftest.unicorn.PagingFixture.P;
import static org.ptoracle.difftest.unicorn.PagingFixture.PW;
import static org.ptoracle.difftest.unicorn.PagingFixture.PWU;
import static org.ptoracle.difftest.unicorn.PagingFixture.U;
import static org.ptoracle.difftest.unicorn.PagingFixture.W;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ptoracle.difftest.unicorn.PagingFixture.Size;

/**
 * Successful accesses, accessed/dirty bits (mmu-facts part 2 g.*, D4, D5), physical addresses, the
 * recursive mapping, fetch side effects, and memory outside [0, memory). Each test checks the exact set
 * of words that changed in physical memory.
 */
@Tag("native")
class EmulatedMachineAccessTest {

    private static final long VA = 1L << 39;
    private static final long DATA = 0x300000;
    private static final long RAM_END = 8L << 20;

    private static long recursiveLevel4(int r) {
        long va = (long) r << 39 | (long) r << 30 | (long) r << 21 | (long) r << 12;
        return (va << 16) >> 16;
    }

    @ParameterizedTest
    @EnumSource(AccessMode.class)
    void readSetsAccessedInEveryLevelAndNothingElse(AccessMode mode) {
        try (PagingFixture f = new PagingFixture()) {
            long[] e = f.map4k(VA, DATA, PWU);
            f.m.memory().writeByte(DATA + 0x18, (byte) 0xAB);
            long[] before = f.snapshot();
            assertEquals(new AccessOutcome.Completed(DATA + 0x18, 0xAB), f.m.access(VA + 0x18, AccessKind.READ, mode));
            assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A), f.setBits(before, e[2], A),
                f.setBits(before, e[3], A)), f.changesSince(before));
        }
    }

    @ParameterizedTest
    @EnumSource(AccessMode.class)
    void writeSetsDirtyInTheLeafAndPutsTheByteBack(AccessMode mode) {
        try (PagingFixture f = new PagingFixture()) {
            long[] e = f.map4k(VA, DATA, PWU);
            f.m.writePhys64(DATA + 0x18, 0x1122334455667788L);
            long[] before = f.snapshot();
            assertEquals(new AccessOutcome.Completed(DATA + 0x1b, 0), f.m.access(VA + 0x1b, AccessKind.WRITE, mode));
            assertEquals(0x1122334455667788L, f.m.readPhys64(DATA + 0x18), "byte put back");
            assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A), f.setBits(before, e[2], A),
                f.setBits(before, e[3], A | D)), f.changesSince(before));
        }
    }

    @Test
    void twoMebibytePageWrite() {
        try (PagingFixture f = new PagingFixture()) {
            long[] e = f.map(VA, Size.M2, 0x400000, PWU, PWU, 0, PWU);
            long[] before = f.snapshot();
            assertEquals(new AccessOutcome.Completed(0x400000 + 0x12345, 0),
                f.m.access(VA + 0x12345, AccessKind.WRITE, AccessMode.USER));
            assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A), f.setBits(before, e[2], A | D)),
                f.changesSince(before));
        }
    }

    @Test
    void oneGibibytePageReadAndWrite() {
        try (PagingFixture f = new PagingFixture()) {
            long[] e = f.map(VA, Size.G1, 0, PWU, 0, 0, PW);
            long[] before = f.snapshot();
            assertEquals(new AccessOutcome.Completed(0x345678, 0), f.m.access(VA + 0x345678, AccessKind.READ,
                AccessMode.SUPERVISOR));
            assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A)), f.changesSince(before));
            assertEquals(new AccessOutcome.Completed(0x345678, 0), f.m.access(VA + 0x345678, AccessKind.WRITE,
                AccessMode.SUPERVISOR));
            assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A | D)), f.changesSince(before));
        }
    }

    @Test
    void d4OneGibibyteLeafGetsAccessedEvenWhenTheAccessFaults() {
        try (PagingFixture f = new PagingFixture()) {
            long[] e = f.map(VA, Size.G1, 0, PWU, 0, 0, P); // read-only, WP=1
            long[] before = f.snapshot();
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x3, VA + 0x40)),
                f.m.access(VA + 0x40, AccessKind.WRITE, AccessMode.SUPERVISOR));
            assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A)), f.changesSince(before),
                "g.14: the faulting 1 GiB leaf is marked accessed");
        }
        try (PagingFixture f = new PagingFixture()) {
            long[] e = f.map(VA, Size.G1, 0, PWU, 0, 0, PW | 1L << 13); // reserved bit 13
            long[] before = f.snapshot();
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x9, VA)), f.m.load64(VA));
            assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A)), f.changesSince(before),
                "g.15: also on a reserved-bit fault");
        }
    }

    @Test
    void fourKibibyteAndTwoMebibyteLeavesStayUntouchedWhenTheAccessFaults() {
        try (PagingFixture f = new PagingFixture()) {
            long[] e = f.map4k(VA, DATA, P | U); // read-only
            long[] before = f.snapshot();
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x7, VA)), f.m.access(VA, AccessKind.WRITE,
                AccessMode.USER));
            assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A), f.setBits(before, e[2], A)),
                f.changesSince(before), "g.7/D5: upper levels accessed, the leaf not");
        }
        try (PagingFixture f = new PagingFixture()) {
            long[] e = f.map(VA, Size.M2, 0x400000, PWU, PWU, 0, P | U);
            long[] before = f.snapshot();
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x7, VA)), f.m.access(VA, AccessKind.WRITE,
                AccessMode.USER));
            assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A)), f.changesSince(before));
        }
    }

    @Test
    void d5UpperLevelsAreAccessedBeforeALowerLevelIsFoundNotPresent() {
        try (PagingFixture f = new PagingFixture()) {
            long[] e = f.map4k(VA, DATA, PWU);
            f.m.writePhys64(e[3], 0);
            long[] before = f.snapshot();
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x0, VA)), f.m.load64(VA));
            assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A), f.setBits(before, e[2], A)),
                f.changesSince(before), "g.8");
            f.m.writePhys64(e[2], 0);
            long[] before2 = f.snapshot();
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x4, VA)), f.m.access(VA, AccessKind.READ,
                AccessMode.USER));
            assertEquals(List.of(), f.changesSince(before2), "already accessed");
        }
    }

    @Test
    void load64AndStore64ThroughTheRecursiveMapping() {
        try (PagingFixture f = new PagingFixture()) {
            long self = recursiveLevel4(PagingFixture.RECURSIVE);
            long harnessEntry = f.m.readPhys64(f.level4 + 8L * PagingFixture.HARNESS_SLOT);
            long[] before = f.snapshot();
            assertEquals(new AccessOutcome.Completed(f.level4 + 8L * PagingFixture.HARNESS_SLOT, harnessEntry),
                f.m.load64(self + 8L * PagingFixture.HARNESS_SLOT));
            long selfEntry = f.level4 + 8L * PagingFixture.RECURSIVE;
            assertEquals(List.of(f.setBits(before, selfEntry, A)), f.changesSince(before));
            assertEquals(new AccessOutcome.Completed(f.level4 + 40, 0), f.m.store64(self + 40, 0x5000 | PW));
            assertEquals(List.of(PagingFixture.change(f.level4 + 40, 0, 0x5000 | PW),
                    f.setBits(before, selfEntry, A | D)), f.changesSince(before),
                "the self entry is the leaf of R,R,R,R: accessed and dirty");
        }
    }

    @Test
    void store64ToAReadOnlyPageFaultsAndWritesNothing() {
        try (PagingFixture f = new PagingFixture()) {
            long[] e = f.map4k(VA, DATA, P);
            long[] before = f.snapshot();
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x3, VA + 8)), f.m.store64(VA + 8, -1));
            assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A), f.setBits(before, e[2], A)),
                f.changesSince(before));
        }
    }

    /** The fetch walks only the target's page, also when the target starts a page (mmu-facts part 2, U3). */
    @ParameterizedTest
    @ValueSource(longs = {0x5000, 0x5123, 0x5fff})
    void fetchTouchesOnlyTheTargetsWalk(long offset) {
        for (AccessMode mode : AccessMode.values()) {
            try (PagingFixture f = new PagingFixture()) {
                long va = VA + offset;
                long[] e = f.ensure4k(va, DATA, PWU, PWU);
                long[] previous = f.ensure4k(va - 0x1000, DATA + 0x1000, PWU, PWU); // no A anywhere
                long[] before = f.snapshot();
                assertEquals(new AccessOutcome.Completed(DATA + (offset & 0xFFF), 0), f.m.access(va, AccessKind.EXEC, mode));
                assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A), f.setBits(before, e[2], A),
                    f.setBits(before, e[3], A)), f.changesSince(before), mode + ": previous page entry 0x"
                    + Long.toHexString(previous[3]) + " must stay as it was");
            }
        }
    }

    @Test
    void fetchAtTheStartOfALevel4SlotLeavesThePreviousSlotAlone() {
        for (AccessMode mode : AccessMode.values()) {
            try (PagingFixture f = new PagingFixture()) {
                long[] e = f.map4k(VA, DATA, PWU);
                long[] prev = f.map4k(VA - 0x1000, DATA + 0x1000, PWU);
                long[] before = f.snapshot();
                assertEquals(new AccessOutcome.Completed(DATA, 0), f.m.access(VA, AccessKind.EXEC, mode));
                assertEquals(List.of(f.setBits(before, e[0], A),
                    f.setBits(before, e[1], A), f.setBits(before, e[2], A), f.setBits(before, e[3], A)),
                    f.changesSince(before));
            }
        }
    }

    @Test
    void fetchAtTheFirstHighCanonicalAddress() {
        // 0xffff800000000000 - 1 is not canonical: nothing may be looked up there.
        long high = 0xFFFF_8000_0000_0000L;
        for (AccessMode mode : AccessMode.values()) {
            try (PagingFixture f = new PagingFixture()) {
                long[] e = f.map4k(high, DATA, PWU);
                long[] low = f.map4k(0x0000_7FFF_FFFF_F000L, DATA + 0x1000, PWU);
                long[] before = f.snapshot();
                assertEquals(new AccessOutcome.Completed(DATA, 0), f.m.access(high, AccessKind.EXEC, mode));
                assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A), f.setBits(before, e[2], A),
                    f.setBits(before, e[3], A)), f.changesSince(before), "entry 0x" + Long.toHexString(low[3]));
            }
        }
    }

    @Test
    void fetchesOfTheHarnessCodeItself() {
        try (PagingFixture f = new PagingFixture()) {
            long code = EmulatedMachine.slotBase(PagingFixture.HARNESS_SLOT);
            long h = EmulatedMachine.harnessFrameForPool(PagingFixture.POOL);
            long[] before = f.snapshot();
            f.m.load64(code + 0x800); // a harness snippet has run and its block is cached
            assertEquals(new AccessOutcome.Completed(h + 0x3100, 0), f.m.access(code + 0x100, AccessKind.EXEC,
                AccessMode.SUPERVISOR));
            assertEquals(new AccessOutcome.Completed(h + 0x3000, 0), f.m.access(code, AccessKind.EXEC,
                AccessMode.SUPERVISOR));
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x15, code + 0x100)), f.m.access(code + 0x100,
                AccessKind.EXEC, AccessMode.USER));
            assertEquals(new AccessOutcome.Completed(h + 0x4100, 0), f.m.access(code + 0x1100, AccessKind.EXEC,
                AccessMode.USER));
            assertEquals(List.of(), f.changesSince(before), "harness entries are accessed and dirty already");
        }
    }

    @Test
    void fetchAtAPageStartWhosePreviousPageIsNotMappedStillCompletes() {
        try (PagingFixture f = new PagingFixture()) {
            f.ensure4k(VA + 0x7000, DATA, PWU, PWU);
            for (AccessMode mode : AccessMode.values()) {
                assertEquals(new AccessOutcome.Completed(DATA, 0), f.m.access(VA + 0x7000, AccessKind.EXEC, mode));
            }
        }
    }

    /** The instruction at the target is never executed: here it would store 0x55 at target + 0x100. */
    @ParameterizedTest
    @ValueSource(longs = {0x0, 0x123, 0xeee})
    void fetchDoesNotRunTheTargetsInstruction(long offset) {
        try (PagingFixture f = new PagingFixture()) {
            f.ensure4k(VA, DATA, PWU, PWU);
            f.ensure4k(VA + 0x1000, DATA + 0x1000, PWU, PWU);
            // mov byte [rip + 0xF9], 0x55   (C6 05 disp32 imm8; RIP is the next instruction, target + 7)
            f.m.memory().writeBytes(DATA + offset, new byte[] {(byte) 0xC6, 0x05, (byte) 0xF9, 0, 0, 0, 0x55});
            for (AccessMode mode : AccessMode.values()) {
                assertEquals(new AccessOutcome.Completed(DATA + offset, 0), f.m.access(VA + offset, AccessKind.EXEC, mode));
                assertEquals(0, f.m.readPhys8(DATA + offset + 0x100), "the store at the target did not run");
            }
        }
    }

    @Test
    void outsideMemoryDataAccessesAndFetchesReportThePhysicalAddress() {
        for (long pa : new long[] {RAM_END, 1L << 39, (1L << 40) - 0x1000}) {
            try (PagingFixture f = new PagingFixture()) {
                long[] e = f.map4k(VA, pa, PWU);
                long[] before = f.snapshot();
                List<String> got = new ArrayList<>();
                got.add(f.m.access(VA + 0x10, AccessKind.READ, AccessMode.SUPERVISOR).toString());
                got.add(f.m.access(VA + 0x10, AccessKind.READ, AccessMode.USER).toString());
                got.add(f.m.load64(VA + 0x10).toString());
                assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A), f.setBits(before, e[2], A),
                    f.setBits(before, e[3], A)), f.changesSince(before), "the walk completed: accessed, not dirty");
                got.add(f.m.access(VA + 0x10, AccessKind.WRITE, AccessMode.USER).toString());
                got.add(f.m.store64(VA + 0x10, 7).toString());
                got.add(f.m.access(VA + 0x10, AccessKind.EXEC, AccessMode.SUPERVISOR).toString());
                got.add(f.m.access(VA, AccessKind.EXEC, AccessMode.USER).toString());
                String at = new AccessOutcome.OutsideMemory(pa + 0x10).toString();
                assertEquals(List.of(at, at, at, at, at, at, new AccessOutcome.OutsideMemory(pa).toString()), got,
                    "pa 0x" + Long.toHexString(pa));
                assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A), f.setBits(before, e[2], A),
                    f.setBits(before, e[3], A | D)), f.changesSince(before), "a write walk sets dirty");
            }
        }
    }

    @Test
    void theWalkerReadsTablesOutsideMemoryAsNotPresent() {
        try (PagingFixture f = new PagingFixture()) {
            long[] e = f.map4k(VA, DATA, PWU);
            f.m.writePhys64(e[2], 0x4000_0000L | PWU); // the level 1 table would be at 1 GiB, outside memory
            long[] before = f.snapshot();
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x0, VA)), f.m.load64(VA));
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x6, VA)),
                f.m.access(VA, AccessKind.WRITE, AccessMode.USER));
            assertEquals(List.of(f.setBits(before, e[0], A), f.setBits(before, e[1], A), f.setBits(before, e[2], A)),
                f.changesSince(before), "the entry pointing outside memory is accessed; nothing else");
            f.m.writePhys64(f.level4 + 8, RAM_END | PWU); // level 3 table just past the end
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x10, 1L << 39 | 0x123)),
                f.m.access(VA + 0x123, AccessKind.EXEC, AccessMode.SUPERVISOR));
        }
    }

    @Test
    void readReturnsTheByteAndUserPagesWorkFromBothModes() {
        try (PagingFixture f = new PagingFixture()) {
            f.map4k(VA, DATA, PWU);
            f.m.memory().writeByte(DATA + 0xfff, (byte) 0x5A);
            assertEquals(new AccessOutcome.Completed(DATA + 0xfff, 0x5A),
                f.m.access(VA + 0xfff, AccessKind.READ, AccessMode.USER));
            assertEquals(new AccessOutcome.Completed(DATA + 0xff8, 0x5A00_0000_0000_0000L), f.m.load64(VA + 0xff8));
        }
    }

    @Test
    void controlChangesTakeEffectAtTheNextAccess() {
        try (PagingFixture f = new PagingFixture()) {
            f.map4k(VA, DATA, PW | PagingFixture.XD);
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x11, VA)), f.m.access(VA, AccessKind.EXEC,
                AccessMode.SUPERVISOR));
            f.m.setControl(true, false, false, false); // NXE off: bit 63 is reserved (D10: we flush ourselves)
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x9, VA)), f.m.access(VA, AccessKind.EXEC,
                AccessMode.SUPERVISOR));
            f.m.setControl(true, true, false, false);
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x11, VA)), f.m.access(VA, AccessKind.EXEC,
                AccessMode.SUPERVISOR));
            f.m.writePhys64(DATA, 0);
            f.map4k(VA + 0x1000, DATA, PWU);
            f.m.setControl(true, true, false, true);
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x1, VA + 0x1000)), f.m.access(VA + 0x1000,
                AccessKind.READ, AccessMode.SUPERVISOR));
            assertEquals(new AccessOutcome.Completed(DATA, 0), f.m.access(VA + 0x1000, AccessKind.READ, AccessMode.USER));
        }
    }

    @Test
    void aChangedPageTableIsSeenAtTheNextAccessWithoutInvalidation() {
        // Every access walks afresh (trace-format.md, Accesses): no stale translation survives (cf. h.1).
        try (PagingFixture f = new PagingFixture()) {
            long[] e = f.map4k(VA, DATA, PWU);
            f.m.writePhys64(DATA, 0x1111);
            f.m.writePhys64(DATA + 0x1000, 0x2222);
            assertEquals(0x1111, ((AccessOutcome.Completed) f.m.load64(VA)).value());
            f.m.writePhys64(e[3], (DATA + 0x1000) | PWU);
            assertEquals(0x2222, ((AccessOutcome.Completed) f.m.load64(VA)).value());
            f.m.writePhys64(e[3], W);
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x0, VA)), f.m.load64(VA));
        }
    }
}
