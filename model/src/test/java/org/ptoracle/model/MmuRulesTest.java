package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ptoracle.model.Fixture.E1;
import static org.ptoracle.model.Fixture.E2;
import static org.ptoracle.model.Fixture.E3;
import static org.ptoracle.model.Fixture.E4;
import static org.ptoracle.model.Fixture.VA;
import static org.ptoracle.model.Fixture.assertGeneralProtection;
import static org.ptoracle.model.Fixture.assertPageFault;
import static org.ptoracle.model.Fixture.assertPhys;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ptoracle.spec.Access;

/**
 * The MMU model against mmu-facts.md part 1 §4 (entry formats, reserved bits), §5 (access rights), §6
 * (error code), §10 (the QEMU walk) and the Unicorn probe rows of part 2 (a.*, b.*, c.*, d.*, e.*, f.*,
 * smep.*, smap.*). One row per rule; every walk uses the chain for VA (1,2,3,4) at phys 0x1000, 0x2000,
 * 0x3000, 0x4000 with the entries given in the row.
 */
class MmuRulesTest {
    static final int R = Access.READ;
    static final int WR = Access.WRITE;
    static final int X = Access.EXEC;
    static final int S = Access.SUPERVISOR;
    static final int US = Access.USER;
    static final long BIT51 = 1L << 51;
    static final long BIT40 = 1L << 40;
    static final long BIT45 = 1L << 45;
    static final long BIT39 = 1L << 39;
    static final long NX = 1L << 63;
    static final long ADDR = VA + 0xabc;

    /** One walk: control bits, the four entries (0 = leave unset), the access, and the outcome. */
    static final class Case {
        final String name;
        boolean wp = true;
        boolean nxe = true;
        boolean smep;
        boolean smap;
        long e4 = 0x2007;
        long e3 = 0x3007;
        long e2 = 0x4007;
        long e1 = 0x80_0007;
        long va = ADDR;
        int kind = R;
        int mode = S;
        int error = -1;
        long phys = -1;

        Case(String name) {
            this.name = name;
        }

        Case entries(long a, long b, long c, long d) {
            e4 = a;
            e3 = b;
            e2 = c;
            e1 = d;
            return this;
        }

        Case access(int k, int m) {
            kind = k;
            mode = m;
            return this;
        }

        Case wp(boolean v) {
            wp = v;
            return this;
        }

        Case nxe(boolean v) {
            nxe = v;
            return this;
        }

        Case smep(boolean v) {
            smep = v;
            return this;
        }

        Case smap(boolean v) {
            smap = v;
            return this;
        }

        Case va(long v) {
            va = v;
            return this;
        }

        Case fault(int code) {
            error = code;
            return this;
        }

        Case ok(long p) {
            phys = p;
            return this;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name) {
        return new Case(name);
    }

    static Fixture machine(Case k) {
        Fixture fx = Fixture.options().wp(k.wp).nxe(k.nxe).smep(k.smep).smap(k.smap).build();
        if (k.e4 != 0) {
            fx.poke(E4, k.e4);
        }
        if (k.e3 != 0) {
            fx.poke(E3, k.e3);
        }
        if (k.e2 != 0) {
            fx.poke(E2, k.e2);
        }
        if (k.e1 != 0) {
            fx.poke(E1, k.e1);
        }
        return fx;
    }

    static void check(Case k) {
        Fixture fx = machine(k);
        if (k.error >= 0) {
            assertPageFault(fx.access(k.va, k.kind, k.mode), k.error, k.va);
        } else {
            assertPhys(fx.access(k.va, k.kind, k.mode), k.phys);
        }
    }

    static final long OK4K = 0x80_0abcL;

    /** One case per error-code bit (mmu-facts §6 and probes a.*, b.*, c.*, d.*, smep.*, smap.*). */
    static Stream<Case> errorCodeCases() {
        return Stream.of(
                c("a.1 supervisor read, PTE not present: 0x0").entries(0x2007, 0x3007, 0x4007, 0x80_0006).fault(0x0),
                c("a.4 supervisor write, not present: W").entries(0x2007, 0x3007, 0x4007, 0x80_0006).access(WR, S)
                        .fault(0x2),
                c("a.5 supervisor read, PML4E not present").entries(0x2006, 0x3007, 0x4007, 0x80_0007).fault(0x0),
                c("b.4 user read, not present: U").entries(0x2007, 0x3007, 0x4007, 0x80_0006).access(R, US)
                        .fault(0x4),
                c("user write, not present: W|U").entries(0x2007, 0x3007, 0x4007, 0x80_0006).access(WR, US).fault(0x6),
                c("c.1a supervisor write to RO page, WP=1: P|W").entries(0x2003, 0x3003, 0x4003, 0x80_0001)
                        .access(WR, S).fault(0x3),
                c("c.0a supervisor write to RO page, WP=0: allowed").entries(0x2003, 0x3003, 0x4003, 0x80_0001)
                        .access(WR, S).wp(false).ok(OK4K),
                c("c.1b supervisor write to user RO page, WP=1, SMAP off").entries(0x2007, 0x3007, 0x4007, 0x80_0005)
                        .access(WR, S).fault(0x3),
                c("c.0b supervisor write to user RO page, WP=0").entries(0x2007, 0x3007, 0x4007, 0x80_0005)
                        .access(WR, S).wp(false).ok(OK4K),
                c("c.1c user write to user RO page, WP=1").entries(0x2007, 0x3007, 0x4007, 0x80_0005).access(WR, US)
                        .fault(0x7),
                c("c.0c user write to user RO page, WP=0: still faults").entries(0x2007, 0x3007, 0x4007, 0x80_0005)
                        .access(WR, US).wp(false).fault(0x7),
                c("b.1 user read of supervisor PTE: P|U").entries(0x2007, 0x3007, 0x4007, 0x80_0003).access(R, US)
                        .fault(0x5),
                c("b.2 user write of supervisor PTE: P|W|U").entries(0x2007, 0x3007, 0x4007, 0x80_0003)
                        .access(WR, US).fault(0x7),
                c("b.3 user read, U/S=0 only in the PDE").entries(0x2007, 0x3007, 0x4003, 0x80_0007).access(R, US)
                        .fault(0x5),
                c("user read, U/S=0 only in the PML4E").entries(0x2003, 0x3007, 0x4007, 0x80_0007).access(R, US)
                        .fault(0x5),
                c("b.6 user write, R/W=0 only in the PDPTE").entries(0x2007, 0x3005, 0x4007, 0x80_0007)
                        .access(WR, US).fault(0x7),
                c("b.0 user read of user page").entries(0x2007, 0x3007, 0x4007, 0x80_0007).access(R, US).ok(OK4K),
                c("b.7 user fetch from supervisor page: P|U|I/D").entries(0x2007, 0x3007, 0x4007, 0x80_0003)
                        .access(X, US).fault(0x15),
                c("e.1 RSVD read: P|RSVD").entries(0x2007, 0x3007, 0x4007, 0x80_0007 | BIT51).fault(0x9),
                c("RSVD write").entries(0x2007, 0x3007, 0x4007, 0x80_0007 | BIT51).access(WR, S).fault(0xb),
                c("RSVD user read").entries(0x2007, 0x3007, 0x4007, 0x80_0007 | BIT51).access(R, US).fault(0xd),
                c("e.15 RSVD user write").entries(0x2007, 0x3007, 0x4007, 0x80_0007 | BIT51).access(WR, US)
                        .fault(0xf),
                c("e.16 RSVD beats U/S: user read, supervisor PML4E, bit 51 in PTE")
                        .entries(0x2003, 0x3007, 0x4007, 0x80_0007 | BIT51).access(R, US).fault(0xd),
                c("RSVD beats R/W: supervisor write to RO page with bit 51").entries(0x2003, 0x3003, 0x4003,
                        0x80_0001 | BIT51).access(WR, S).fault(0xb),
                c("a.6 fetch not present, NXE=1: I/D").entries(0x2007, 0x3007, 0x4007, 0x80_0006).access(X, S)
                        .fault(0x10),
                c("d.6 fetch not present, NXE=0 SMEP=0: no I/D").entries(0x2007, 0x3007, 0x4007, 0x80_0006)
                        .access(X, S).nxe(false).fault(0x0),
                c("d.8 fetch not present, NXE=0 SMEP=1: I/D").entries(0x2007, 0x3007, 0x4007, 0x80_0006)
                        .access(X, S).nxe(false).smep(true).fault(0x10),
                c("d.1 supervisor fetch from XD page").entries(0x2003, 0x3003, 0x4003, 0x80_0003 | NX).access(X, S)
                        .fault(0x11),
                c("d.2 supervisor data read from XD page").entries(0x2003, 0x3003, 0x4003, 0x80_0003 | NX).ok(OK4K),
                c("d.4 user fetch from user XD page").entries(0x2007, 0x3007, 0x4007, 0x80_0007 | NX).access(X, US)
                        .fault(0x15),
                c("supervisor fetch from executable supervisor page").entries(0x2003, 0x3003, 0x4003, 0x80_0003)
                        .access(X, S).ok(OK4K),
                c("d.5 NXE=0, data read through PTE with bit 63: RSVD").entries(0x2003, 0x3003, 0x4003, 0x80_0003 | NX)
                        .nxe(false).fault(0x9),
                c("d.7 NXE=0, fetch through PTE with bit 63: RSVD, no I/D").entries(0x2003, 0x3003, 0x4003,
                        0x80_0003 | NX).access(X, S).nxe(false).fault(0x9),
                c("NXE=0, SMEP=1, fetch through PTE with bit 63: RSVD with I/D").entries(0x2003, 0x3003, 0x4003,
                        0x80_0003 | NX).access(X, S).nxe(false).smep(true).fault(0x19),
                c("smep.1 SMEP: supervisor fetch of user page").entries(0x2007, 0x3007, 0x4007, 0x80_0007)
                        .access(X, S).smep(true).fault(0x11),
                c("SMEP only (NXE=0): supervisor fetch of user page").entries(0x2007, 0x3007, 0x4007, 0x80_0007)
                        .access(X, S).smep(true).nxe(false).fault(0x11),
                c("smep.2 SMEP: supervisor data read of user page").entries(0x2007, 0x3007, 0x4007, 0x80_0007)
                        .smep(true).ok(OK4K),
                c("no SMEP: supervisor fetch of user page allowed").entries(0x2007, 0x3007, 0x4007, 0x80_0007)
                        .access(X, S).ok(OK4K),
                c("SMEP: supervisor fetch, U/S=0 in one level is a supervisor page").entries(0x2007, 0x3003, 0x4007,
                        0x80_0007).access(X, S).smep(true).ok(OK4K),
                c("smap.1 SMAP: supervisor read of user page").entries(0x2007, 0x3007, 0x4007, 0x80_0007).smap(true)
                        .fault(0x1),
                c("smap.3 SMAP: supervisor write of user page").entries(0x2007, 0x3007, 0x4007, 0x80_0007)
                        .access(WR, S).smap(true).fault(0x3),
                c("SMAP with WP=0: supervisor write of user page still faults").entries(0x2007, 0x3007, 0x4007,
                        0x80_0007).access(WR, S).smap(true).wp(false).fault(0x3),
                c("SMAP: supervisor read of supervisor page").entries(0x2007, 0x3007, 0x4007, 0x80_0003).smap(true)
                        .ok(OK4K),
                c("SMAP does not apply to fetches").entries(0x2007, 0x3007, 0x4007, 0x80_0007).access(X, S)
                        .smap(true).ok(OK4K),
                c("SMAP: user read of user page").entries(0x2007, 0x3007, 0x4007, 0x80_0007).access(R, US).smap(true)
                        .ok(OK4K),
                c("e.7 PML4E bit 8 ignored").entries(0x2107, 0x3007, 0x4007, 0x80_0007).ok(OK4K),
                c("e.8 ignored bits 52-62 and 9-11 in all levels").entries(0x7ff0_0000_0000_2e07L,
                        0x7ff0_0000_0000_3e07L, 0x7ff0_0000_0000_4e07L, 0x7ff0_0000_0080_0e07L).ok(OK4K));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorCodeCases")
    void errorCodes(Case k) {
        check(k);
    }

    /** NX at any one level: 0x11 for a supervisor fetch, 0x15 for a user fetch; data reads unaffected. */
    @ParameterizedTest(name = "XD only at level {0}")
    @ValueSource(ints = {4, 3, 2, 1})
    void noExecuteAtAnyLevel(int level) {
        long[] e = {0x2007, 0x3007, 0x4007, 0x80_0007};
        e[4 - level] |= NX;
        check(c("sup fetch").entries(e[0], e[1], e[2], e[3]).access(X, S).fault(0x11));
        check(c("user fetch").entries(e[0], e[1], e[2], e[3]).access(X, US).fault(0x15));
        check(c("sup read").entries(e[0], e[1], e[2], e[3]).ok(OK4K));
        check(c("user read").entries(e[0], e[1], e[2], e[3]).access(R, US).ok(OK4K));
        check(c("NXE=0: reserved").entries(e[0], e[1], e[2], e[3]).nxe(false).fault(0x9));
    }

    /** Bits 51:40 (MAXPHYADDR = 40) are reserved at every level; a non-present entry is not checked. */
    static Stream<Case> reservedAddressBitCases() {
        List<Case> cases = new ArrayList<>();
        long[] bits = {BIT40, BIT45, BIT51};
        for (int level = 4; level >= 1; level--) {
            for (long bit : bits) {
                long[] e = {0x2003, 0x3003, 0x4003, 0x80_0003};
                e[4 - level] |= bit;
                String n = "level " + level + " bit " + Long.numberOfTrailingZeros(bit);
                cases.add(c(n + " read").entries(e[0], e[1], e[2], e[3]).fault(0x9));
                cases.add(c(n + " write").entries(e[0], e[1], e[2], e[3]).access(WR, S).fault(0xb));
                long[] np = e.clone();
                np[4 - level] &= ~1L;
                cases.add(c(n + " not present: err 0").entries(np[0], np[1], np[2], np[3]).fault(0x0));
            }
        }
        // huge leaves
        cases.add(c("1 GiB leaf bit 40").entries(0x2003, 0x4000_0083L | BIT40, 0, 0).fault(0x9));
        cases.add(c("2 MiB leaf bit 51").entries(0x2003, 0x3003, 0x20_0083L | BIT51, 0).fault(0x9));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reservedAddressBitCases")
    void reservedAddressBits(Case k) {
        check(k);
    }

    /** PS, low address bits of huge leaves, XD with NXE=0 (mmu-facts §4 reserved-bit summary, probes e.*). */
    static Stream<Case> reservedFormatCases() {
        long v1g = VA; // rec(1,2,3,4): offset 0x60_4abc into the 1 GiB page
        return Stream.of(
                c("e.6 PS in PML4E").entries(0x2083, 0x3003, 0x4003, 0x80_0003).fault(0x9),
                c("PS in PML4E, not present: err 0").entries(0x2082, 0x3003, 0x4003, 0x80_0003).fault(0x0),
                c("e.13 1 GiB leaf, clean").entries(0x2003, 0x4000_0083L, 0, 0).va(v1g + 0xabc).ok(0x4060_4abcL),
                c("e.12 1 GiB leaf bit 29").entries(0x2003, 0x6000_0083L, 0, 0).fault(0x9),
                c("1 GiB leaf bit 20").entries(0x2003, 0x4010_0083L, 0, 0).fault(0x9),
                c("1 GiB leaf bit 13").entries(0x2003, 0x4000_2083L, 0, 0).fault(0x9),
                c("1 GiB leaf bit 12 (PAT) allowed").entries(0x2003, 0x4000_1083L, 0, 0).ok(0x4060_4abcL),
                c("1 GiB leaf bit 30 is an address bit").entries(0x2003, 0xc000_0083L, 0, 0).ok(0xc060_4abcL),
                c("e.9 2 MiB leaf bit 13").entries(0x2003, 0x3003, 0x20_2083L, 0).fault(0x9),
                c("e.11 2 MiB leaf bit 20").entries(0x2003, 0x3003, 0x30_0083L, 0).fault(0x9),
                c("e.10 2 MiB leaf bit 12 (PAT) allowed").entries(0x2003, 0x3003, 0x20_1083L, 0).ok(0x20_4abcL),
                c("2 MiB leaf bit 21 is an address bit").entries(0x2003, 0x3003, 0x60_0083L, 0).ok(0x60_4abcL),
                c("PTE bit 7 is PAT, bit 12 an address bit").entries(0x2003, 0x3003, 0x4003, 0x80_1083L)
                        .ok(0x80_1abcL),
                c("XD with NXE=0 in PML4E").entries(0x2003 | NX, 0x3003, 0x4003, 0x80_0003).nxe(false).fault(0x9),
                c("XD with NXE=0 in PDPTE").entries(0x2003, 0x3003 | NX, 0x4003, 0x80_0003).nxe(false).fault(0x9),
                c("XD with NXE=0 in PDE").entries(0x2003, 0x3003, 0x4003 | NX, 0x80_0003).nxe(false).fault(0x9),
                c("XD with NXE=0 in 1 GiB leaf").entries(0x2003, 0x4000_0083L | NX, 0, 0).nxe(false).fault(0x9),
                c("e.14 not-present PTE with bit 51: err 0").entries(0x2003, 0x3003, 0x4003, 0x80_0002 | BIT51)
                        .fault(0x0),
                c("not-present PTE with XD, NXE=0: err 0").entries(0x2003, 0x3003, 0x4003, 0x80_0002 | NX)
                        .nxe(false).fault(0x0),
                c("CR2 is the full faulting address").entries(0x2003, 0x3003, 0x4003, 0x80_0002).va(VA + 0xff8)
                        .fault(0x0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reservedFormatCases")
    void reservedFormatBits(Case k) {
        check(k);
    }

    /** mmu-facts §3 / probes f.1-f.3: vector 13, error code 0, no table read, no A/D written. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {0x0000_8000_0000_0000L, 0xffff_7fff_ffff_ffffL, 0x8000_0000_0000_0000L,
            0x0001_0000_0000_0000L, 0x7fff_ffff_ffff_ffffL})
    void nonCanonical_generalProtection_noTableTouched(long va) {
        Fixture fx = Fixture.standard();
        fx.chain();
        for (int kind : new int[] {R, WR, X}) {
            for (int mode : new int[] {S, US}) {
                assertGeneralProtection(fx.access(va, kind, mode));
            }
        }
        fx.assertNoMemoryAccess();
        assertEquals(0, fx.recorded.reads());
    }
}
