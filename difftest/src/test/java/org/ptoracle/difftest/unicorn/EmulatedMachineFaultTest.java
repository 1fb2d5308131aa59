package org.ptoracle.difftest.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ptoracle.difftest.unicorn.PagingFixture.D;
import static org.ptoracle.difftest.unicorn.PagingFixture.P;
import static org.ptoracle.difftest.unicorn.PagingFixture.PS;
import static org.ptoracle.difftest.unicorn.PagingFixture.PW;
import static org.ptoracle.difftest.unicorn.PagingFixture.PWU;
import static org.ptoracle.difftest.unicorn.PagingFixture.U;
import static org.ptoracle.difftest.unicorn.PagingFixture.W;
import static org.ptoracle.difftest.unicorn.PagingFixture.XD;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ptoracle.difftest.unicorn.PagingFixture.Size;

/**
 * The page-fault error codes of mmu-facts part 2 (probes a.*, b.*, c.*, d.*, e.*, smep.*, smap.*) and the
 * non-canonical #GP, each as one access on {@link EmulatedMachine}.
 */
@Tag("native")
class EmulatedMachineFaultTest {

    private static final long VA = 1L << 39; // level 4 slot 1: fresh tables for every case
    private static final long DATA = 0x300000;

    record Control(boolean wp, boolean nxe, boolean smep, boolean smap) {
        static final Control DEFAULT = new Control(true, true, false, false);
    }

    record Case(String name, Control control, Size size, long f4, long f3, long f2, long leaf,
                AccessKind kind, AccessMode mode, long errorCode) {
        @Override
        public String toString() {
            return name + " -> 0x" + Long.toHexString(errorCode);
        }
    }

    private static Case c(String name, long f4, long f3, long f2, long leaf, AccessKind kind, AccessMode mode, long err) {
        return new Case(name, Control.DEFAULT, Size.K4, f4, f3, f2, leaf, kind, mode, err);
    }

    private static Case c(String name, Control control, long leaf, AccessKind kind, AccessMode mode, long err) {
        return new Case(name, control, Size.K4, PWU, PWU, PWU, leaf, kind, mode, err);
    }

    static Stream<Case> cases() {
        AccessKind r = AccessKind.READ;
        AccessKind w = AccessKind.WRITE;
        AccessKind x = AccessKind.EXEC;
        AccessMode s = AccessMode.SUPERVISOR;
        AccessMode u = AccessMode.USER;
        Control smep = new Control(true, true, true, false);
        Control smap = new Control(true, true, false, true);
        Control noNx = new Control(true, false, false, false);
        Control noNxSmep = new Control(true, false, true, false);
        Control noWp = new Control(false, true, false, false);
        return Stream.of(
            c("a.1 supervisor read, PTE not present", PWU, PWU, PWU, W | U, r, s, 0x0),
            c("a.4 supervisor write, PTE not present", PWU, PWU, PWU, W | U, w, s, 0x2),
            c("a.5 supervisor read, PML4E not present", W | U, PWU, PWU, PWU, r, s, 0x0),
            c("c.1a supervisor write, read-only PTE, WP=1", PWU, PWU, PWU, P, w, s, 0x3),
            c("c.1b supervisor write, read-only user PTE, WP=1", PWU, PWU, PWU, P | U, w, s, 0x3),
            c("b.4 user read, PTE not present", PWU, PWU, PWU, W | U, r, u, 0x4),
            c("b.1 user read, supervisor PTE", PWU, PWU, PWU, PW, r, u, 0x5),
            c("b.3 user read, U/S=0 only in the PDE", PWU, PWU, PW, PWU, r, u, 0x5),
            c("b.2 user write, supervisor PTE", PWU, PWU, PWU, PW, w, u, 0x7),
            c("b.5 user write, read-only user PTE", PWU, PWU, PWU, P | U, w, u, 0x7),
            c("b.6 user write, R/W=0 only in the PDPTE", PWU, P | U, PWU, PWU, w, u, 0x7),
            c("c.0c user write, read-only user PTE, WP=0", noWp, P | U, w, u, 0x7),
            c("e.1 supervisor read, PTE bit 51", PWU, PWU, PWU, PW | 1L << 51, r, s, 0x9),
            c("e.2 supervisor read, PTE bit 40 (MAXPHYADDR 40)", PWU, PWU, PWU, PW | 1L << 40, r, s, 0x9),
            c("e.3 supervisor read, PDE bit 45", PWU, PWU, PWU | 1L << 45, PWU, r, s, 0x9),
            c("e.6 supervisor read, PML4E PS", PWU | PS, PWU, PWU, PWU, r, s, 0x9),
            c("e.4 supervisor write, PDPTE bit 51", PWU, PWU | 1L << 51, PWU, PWU, w, s, 0xb),
            c("e.16 user read, supervisor PML4E and PTE bit 51", PW, PWU, PWU, PWU | 1L << 51, r, u, 0xd),
            c("e.15 user write, PTE bit 51", PWU, PWU, PWU, PWU | 1L << 51, w, u, 0xf),
            c("e.14 PTE bit 51 but not present", PWU, PWU, PWU, W | 1L << 51, r, s, 0x0),
            c("a.6 supervisor fetch, PTE not present", PWU, PWU, PWU, W, x, s, 0x10),
            c("d.1 supervisor fetch, XD PTE", PWU, PWU, PWU, PW | XD, x, s, 0x11),
            c("d.3 supervisor fetch, XD only in the PML4E", PWU | XD, PWU, PWU, PW, x, s, 0x11),
            c("smep.1 supervisor fetch of a user page, SMEP=1", smep, PWU, x, s, 0x11),
            c("b.7 user fetch of a supervisor page", PWU, PWU, PWU, PW, x, u, 0x15),
            c("d.4 user fetch of an XD user page", PWU, PWU, PWU, PWU | XD, x, u, 0x15),
            c("user fetch, PTE not present", PWU, PWU, PWU, W | U, x, u, 0x14),
            c("smap.1 supervisor read of a user page, SMAP=1", smap, PWU, r, s, 0x1),
            c("smap.3 supervisor write of a user page, SMAP=1", smap, PWU, w, s, 0x3),
            c("d.5 NXE=0: read through a PTE with bit 63", noNx, PW | XD, r, s, 0x9),
            c("d.7 NXE=0: fetch through a PTE with bit 63", noNx, PW | XD, x, s, 0x9),
            c("d.6 NXE=0, SMEP=0: fetch, PTE not present (I/D=0)", noNx, W, x, s, 0x0),
            c("d.8 NXE=0, SMEP=1: fetch, PTE not present (I/D=1)", noNxSmep, W, x, s, 0x10),
            new Case("e.9 2 MiB PDE bit 13", Control.DEFAULT, Size.M2, PWU, PWU, 0, PW | 1L << 13,
                AccessKind.READ, s, 0x9),
            new Case("e.11 2 MiB PDE bit 20", Control.DEFAULT, Size.M2, PWU, PWU, 0, PW | 1L << 20,
                AccessKind.WRITE, s, 0xb),
            new Case("e.12 1 GiB PDPTE bit 29", Control.DEFAULT, Size.G1, PWU, 0, 0, PW | 1L << 29,
                AccessKind.READ, s, 0x9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pageFaultErrorCode(Case k) {
        try (PagingFixture f = new PagingFixture()) {
            f.m.setControl(k.control().wp(), k.control().nxe(), k.control().smep(), k.control().smap());
            long pa = switch (k.size()) {
                case K4 -> DATA;
                case M2 -> 0x400000;
                case G1 -> 0;
            };
            f.map(VA, k.size(), pa, k.f4(), k.f3(), k.f2(), k.leaf());
            // Fetches take two paths in EmulatedMachine (page-aligned or not): check both.
            long[] offsets = k.kind() == AccessKind.EXEC ? new long[] {0, 0x123, 0xfff} : new long[] {0x18};
            for (long off : offsets) {
                AccessOutcome got = f.m.access(VA + off, k.kind(), k.mode());
                assertEquals(new AccessOutcome.Faulted(new UcFault(14, k.errorCode(), VA + off)), got,
                    k.name() + " at offset 0x" + Long.toHexString(off));
            }
        }
    }

    static Stream<Long> nonCanonical() {
        return Stream.of(0x0000_8000_0000_0000L, 0xFFFF_7FFF_FFFF_FFFFL, 0x8000_0000_0000_0000L,
            0x0000_8000_0000_1000L, 0x1234_5678_9ABC_DEF0L);
    }

    @ParameterizedTest
    @MethodSource("nonCanonical")
    void nonCanonicalAddressesRaiseGeneralProtectionWithErrorCodeZero(long va) {
        try (PagingFixture f = new PagingFixture()) {
            long[] before = f.snapshot();
            UcFault gp = new UcFault(13, 0, 0);
            for (AccessKind kind : AccessKind.values()) {
                for (AccessMode mode : AccessMode.values()) {
                    assertEquals(new AccessOutcome.Faulted(gp), f.m.access(va, kind, mode), kind + " " + mode);
                }
            }
            assertEquals(new AccessOutcome.Faulted(gp), f.m.load64(va));
            assertEquals(new AccessOutcome.Faulted(gp), f.m.store64(va, 1));
            assertEquals(List.of(), f.changesSince(before), "a #GP touches no table (mmu-facts §3)");
        }
    }

    @Test
    void faultsInARowStayPageFaultsAndNeverBecomeDoubleFaults() {
        // mmu-facts part 2, U2: without a clean restore the second fault would be #DF and the third a triple fault.
        try (PagingFixture f = new PagingFixture()) {
            f.map4k(VA, DATA, PWU);
            for (int i = 0; i < 5; i++) {
                long va = VA + 0x5000 + 0x1000L * i;
                assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x0, va)),
                    f.m.access(va, AccessKind.READ, AccessMode.SUPERVISOR));
                assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x14, va)),
                    f.m.access(va, AccessKind.EXEC, AccessMode.USER));
            }
            assertEquals(new AccessOutcome.Completed(DATA, 0), f.m.access(VA, AccessKind.READ, AccessMode.USER));
        }
    }

    @Test
    void supervisorWriteToReadOnlyPageSucceedsWithWriteProtectOff() {
        // c.0a / c.d: WP=0 lets CPL0 write a read-only page, and D is set.
        try (PagingFixture f = new PagingFixture()) {
            f.m.setControl(false, true, false, false);
            long[] e = f.map4k(VA, DATA, P);
            assertEquals(new AccessOutcome.Completed(DATA + 8, 0), f.m.store64(VA + 8, 0x77));
            assertEquals(0x77, f.m.readPhys64(DATA + 8));
            assertEquals(DATA | P | PagingFixture.A | D, f.m.readPhys64(e[3]));
        }
    }

    @Test
    void smapBlocksTableStoresToUserPagesToo() {
        try (PagingFixture f = new PagingFixture()) {
            f.m.setControl(true, true, false, true);
            f.map4k(VA, DATA, PWU);
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x1, VA)), f.m.load64(VA));
            assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x3, VA)), f.m.store64(VA, 5));
            f.m.setControl(true, true, false, false);
            assertEquals(new AccessOutcome.Completed(DATA, 0), f.m.store64(VA, 5));
        }
    }
}
