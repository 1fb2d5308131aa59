package org.ptoracle.model;

import org.ptoracle.spec.Access;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.Fault;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.Mmu;
import org.ptoracle.spec.PhysicalMemory;
import org.ptoracle.spec.VirtAddr;
import org.ptoracle.spec.Walk;

/**
 * The x86-64 MMU with 4-level paging, as the CPU that Unicorn 2.1.4 emulates implements it: one walk
 * from CR3 per access, no TLB (trace-format.md, Accesses). The order of checks and of accessed/dirty
 * updates follows QEMU 5.0's {@code handle_mmu_fault} (mmu-facts.md part 1 §10), including two points
 * where it departs from a real CPU and the model follows the emulator:
 * <ul>
 * <li>D5: ACCESSED is set in the PML4E, the PDPTE and a non-leaf PDE as soon as each passes its present
 *     and reserved-bit checks, so it stays set when the walk faults further down;</li>
 * <li>D4: a 1 GiB leaf PDPTE gets ACCESSED before its reserved-bit and permission checks, so a faulting
 *     access still marks it.</li>
 * </ul>
 * 1 GiB pages are always supported (D6). RFLAGS.AC is clear, so SMAP applies to every supervisor data
 * access to a user page. Protection keys are off.
 */
public final class MmuModel implements Mmu {
    /** The emulated CPU's physical address width (CPUID 0x80000008: 40 bits; mmu-facts §9). */
    public static final long MAXPHYADDR_LIMIT = 1099511627776L;

    private final /*@ spec_public @*/ PhysicalMemory memory;
    private /*@ spec_public @*/ long cr3;
    private boolean writeProtect;
    private boolean noExecuteEnabled;
    private boolean smep;
    private /*@ spec_public @*/ boolean smap;
    private final /*@ spec_public @*/ int seededBug;

    /*@ public normal_behavior
      @ requires memory != null;
      @ requires 0 <= cr3 && cr3 < MAXPHYADDR_LIMIT && cr3 % 4096 == 0;
      @ ensures cr3() == cr3;
      @ assignable \nothing;
      @*/
    public MmuModel(PhysicalMemory memory, long cr3, boolean cr0Wp, boolean eferNxe, boolean cr4Smep,
            boolean cr4Smap) {
        this(memory, cr3, cr0Wp, eferNxe, cr4Smep, cr4Smap, SeededBug.NONE);
    }

    /** The same MMU with one hardware-side {@link SeededBug} switched on (for campaigns only). */
    /*@ public normal_behavior
      @ requires memory != null;
      @ requires 0 <= cr3 && cr3 < MAXPHYADDR_LIMIT && cr3 % 4096 == 0;
      @ ensures cr3() == cr3;
      @ assignable \nothing;
      @*/
    public MmuModel(PhysicalMemory memory, long cr3, boolean cr0Wp, boolean eferNxe, boolean cr4Smep,
            boolean cr4Smap, int seededBug) {
        this.seededBug = seededBug;
        this.memory = memory;
        this.cr3 = cr3;
        this.writeProtect = cr0Wp;
        this.noExecuteEnabled = eferNxe;
        this.smep = cr4Smep;
        this.smap = cr4Smap;
    }

    /** The level 4 table's physical address. */
    /*@ public normal_behavior
      @ ensures \result == cr3;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long cr3() {
        return cr3;
    }

    /** Changes the control bits (the format's {@code set_cr}); with no TLB, nothing else changes. */
    /*@ public normal_behavior
      @ assignable writeProtect, noExecuteEnabled, smep, smap;
      @ ensures writeProtect == cr0Wp && noExecuteEnabled == eferNxe && smep == cr4Smep && smap == cr4Smap;
      @*/
    public void setControl(boolean cr0Wp, boolean eferNxe, boolean cr4Smep, boolean cr4Smap) {
        this.writeProtect = cr0Wp;
        this.noExecuteEnabled = eferNxe;
        this.smep = cr4Smep;
        this.smap = cr4Smap;
    }

    /*@ public normal_behavior
      @ ensures \result == writeProtect;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean writeProtect() {
        return writeProtect;
    }

    /*@ public normal_behavior
      @ ensures \result == noExecuteEnabled;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean noExecuteEnabled() {
        return noExecuteEnabled;
    }

    /*@ public normal_behavior
      @ ensures \result == smep;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean smep() {
        return smep;
    }

    /*@ public normal_behavior
      @ ensures \result == smap;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean smap() {
        return smap;
    }

    /**
     * True when a present entry has a reserved bit for any level: an address bit at or above
     * MAXPHYADDR (bits 51:40), or XD while EFER.NXE is clear (mmu-facts §4 items 1 and 5).
     */
    /*@ public normal_behavior
      @ requires entry != null && seededBug == SeededBug.NONE;
      @ ensures \result <==> (entry.addr >= MAXPHYADDR_LIMIT || (!noExecuteEnabled && entry.high >= 2048));
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean reservedBitsSet(Entry entry) {
        if (seededBug == SeededBug.MAXPHYADDR_IGNORED) {
            return !noExecuteEnabled && entry.high >= 2048;
        }
        return entry.addr >= MAXPHYADDR_LIMIT || (!noExecuteEnabled && entry.high >= 2048);
    }

    /**
     * True when a huge leaf at {@code level} (3: 1 GiB, 2: 2 MiB) has address bits below its size other
     * than bit 12, which is PAT (bits 29:13 and 20:13 are reserved: mmu-facts §4 items 3 and 4).
     */
    /*@ public normal_behavior
      @ requires entry != null && (level == 2 || level == 3);
      @ ensures \result <==> (entry.addr % VirtAddr.entrySpan(level)) / 8192 != 0;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean hugeLowBitsSet(Entry entry, int level) {
        return (entry.addr % VirtAddr.entrySpan(level)) / 8192 != 0;
    }

    /**
     * The error code of a page fault (SDM Vol. 3A §4.7; QEMU builds it the same way): P for a
     * protection or reserved-bit fault, W for a write, U for a user access, RSVD, and I/D for a fetch
     * when SMEP or NXE is on.
     */
    /*@ public normal_behavior
      @ requires Access.isKind(kind) && Access.isMode(mode) && seededBug == SeededBug.NONE;
      @ ensures 0 <= \result && \result < 32;
      @ ensures (\result % 2 == 1) <==> (protection || reserved);
      @ ensures ((\result / 2) % 2 == 1) <==> kind == Access.WRITE;
      @ ensures ((\result / 4) % 2 == 1) <==> mode == Access.USER;
      @ ensures ((\result / 8) % 2 == 1) <==> reserved;
      @ ensures ((\result / 16) % 2 == 1) <==> (kind == Access.EXEC && (smep || noExecuteEnabled));
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int errorCode(int kind, int mode, boolean protection, boolean reserved) {
        int code = 0;
        if (protection || reserved) {
            code = code + Fault.ERR_P;
        }
        if (kind == Access.WRITE) {
            code = code + Fault.ERR_W;
        }
        if (mode == Access.USER) {
            code = code + Fault.ERR_U;
        }
        if (reserved) {
            code = code + Fault.ERR_RSVD;
        }
        boolean fetchReported = smep || noExecuteEnabled;
        if (seededBug == SeededBug.FETCH_BIT_WRONG) {
            fetchReported = noExecuteEnabled;
        }
        if (kind == Access.EXEC && fetchReported) {
            code = code + Fault.ERR_ID;
        }
        return code;
    }

    /**
     * Whether the combined rights of a walk allow the access (mmu-facts part 1 §5 and §10 step 8):
     * user accesses need a user page; SMAP (AC clear) stops supervisor data accesses to user pages;
     * writes need every level writable, except supervisor writes with CR0.WP clear; fetches need no
     * XD anywhere and, under SMEP, a supervisor page for supervisor fetches.
     */
    /*@ public normal_behavior
      @ requires Access.isKind(kind) && Access.isMode(mode) && seededBug == SeededBug.NONE;
      @ ensures \result <==>
      @   (!(mode == Access.USER && !userPage)
      @    && (kind == Access.READ ==> !(mode == Access.SUPERVISOR && smap && userPage))
      @    && (kind == Access.WRITE ==> (!(mode == Access.SUPERVISOR && smap && userPage)
      @                                  && (writablePage || (mode == Access.SUPERVISOR && !writeProtect))))
      @    && (kind == Access.EXEC ==> (executablePage
      @                                 && (mode == Access.USER || !(smep && userPage)))));
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean permits(int kind, int mode, boolean userPage, boolean writablePage,
            boolean executablePage) {
        if (mode == Access.USER && !userPage) {
            return false;
        }
        boolean readAllowed = !(mode == Access.SUPERVISOR && smap && userPage
                && seededBug != SeededBug.SMAP_IGNORED);
        if (kind == Access.READ) {
            return readAllowed;
        }
        if (kind == Access.WRITE) {
            boolean protect = writeProtect && seededBug != SeededBug.WRITE_PROTECT_IGNORED;
            return readAllowed && (writablePage || (mode == Access.SUPERVISOR && !protect));
        }
        return executablePage && (mode == Access.USER || !(smep && userPage));
    }

    /*
     * T3 (b), the walk of a recursive address, level 3 case (entry j of the level 3 table of i4, at
     * RecursiveAddresses.entry(r, 3, i4, 0, 0, j), whose indices are r, r, r, i4 by T3 (a)): when the
     * entry r of the level 4 table at CR3 is present, free of reserved bits, not huge and points to CR3,
     * and entry i4 is present and free of reserved bits, a supervisor read (SMAP off) resolves to
     * entry i4's address plus 8 j, the physical address of that level 3 entry. Open in KeY 2.12.3:
     * PhysicalMemory.write (the ACCESSED updates during the walk) has no frame condition, so nothing
     * is known about memory.read after the first write.
     */
    /*@ also public behavior
      @ requires kind == Access.READ && mode == Access.SUPERVISOR && !smap && seededBug == SeededBug.NONE;
      @ requires VirtAddr.isCanonical(va);
      @ requires VirtAddr.tableIndex(va, 3) == VirtAddr.tableIndex(va, 4);
      @ requires VirtAddr.tableIndex(va, 2) == VirtAddr.tableIndex(va, 4);
      @ requires memory.read((long) (cr3 + 8L * VirtAddr.tableIndex(va, 4))).present();
      @ requires !memory.read((long) (cr3 + 8L * VirtAddr.tableIndex(va, 4))).huge();
      @ requires memory.read((long) (cr3 + 8L * VirtAddr.tableIndex(va, 4))).addr == cr3;
      @ requires !reservedBitsSet(memory.read((long) (cr3 + 8L * VirtAddr.tableIndex(va, 4))));
      @ requires memory.read((long) (cr3 + 8L * VirtAddr.tableIndex(va, 1))).present();
      @ requires !reservedBitsSet(memory.read((long) (cr3 + 8L * VirtAddr.tableIndex(va, 1))));
      @ ensures \result != null && \result.fault == null;
      @ ensures \result.phys == \old(memory.read((long) (cr3 + 8L * VirtAddr.tableIndex(va, 1)))).addr
      @         + VirtAddr.pageOffset(va);
      @ signals_only ForbiddenAccess;
      @*/
    @Override
    public Walk access(long va, int kind, int mode) throws ForbiddenAccess {
        if (!VirtAddr.isCanonical(va)) {
            // QEMU raises #GP(0) from the TLB fill before reading any table; CR2 is untouched (§3).
            return Walk.faulted(Fault.generalProtection());
        }
        boolean userPage = true;
        boolean writablePage = true;
        boolean executablePage = true;
        long table = cr3;
        /*@ loop_invariant 1 <= level && level <= 4;
          @ loop_invariant 0 <= table && table < 4503599627370496L && table % 4096 == 0;
          @ decreases level;
          @*/
        for (int level = 4; level >= 1; level--) {
            long entryAddress = table + 8L * VirtAddr.tableIndex(va, level);
            Entry entry = memory.read(entryAddress);
            if (!entry.present()) {
                return Walk.faulted(Fault.pageFault(errorCode(kind, mode, false, false), va));
            }
            if (reservedBitsSet(entry) || (level == 4 && entry.huge())) {
                return Walk.faulted(Fault.pageFault(errorCode(kind, mode, false, true), va));
            }
            if (seededBug == SeededBug.USER_BITS_ORED) {
                userPage = (level == 4 ? false : userPage) || (entry.low / 4) % 2 == 1;
            } else {
                userPage = userPage && (entry.low / 4) % 2 == 1;
            }
            writablePage = writablePage && (entry.low / 2) % 2 == 1;
            executablePage = executablePage && !(noExecuteEnabled && entry.high >= 2048);
            boolean leaf = level == 1 || (level <= 3 && entry.huge());
            if ((level >= 3 || !leaf) && seededBug != SeededBug.UPPER_ACCESSED_NOT_SET) {
                // D5 and D4: QEMU marks PML4E and PDPTE (even a 1 GiB leaf) and a non-leaf PDE here.
                entry = markAccessed(entryAddress, entry);
            }
            if (leaf) {
                if (level >= 2 && hugeLowBitsSet(entry, level)) {
                    return Walk.faulted(Fault.pageFault(errorCode(kind, mode, false, true), va));
                }
                if (!permits(kind, mode, userPage, writablePage, executablePage)) {
                    return Walk.faulted(Fault.pageFault(errorCode(kind, mode, true, false), va));
                }
                entry = markAccessed(entryAddress, entry);
                if (kind == Access.WRITE && seededBug != SeededBug.DIRTY_NOT_SET) {
                    markDirty(entryAddress, entry);
                }
                long span = VirtAddr.entrySpan(level);
                return Walk.ok(entry.addr - entry.addr % span + VirtAddr.low48(va) % span);
            }
            table = entry.addr;
        }
        // Unreachable: level 1 is always a leaf.
        return Walk.faulted(Fault.generalProtection());
    }

    private Entry markAccessed(long entryAddress, Entry entry) throws ForbiddenAccess {
        Entry updated = entry.withAccessed();
        if (updated != entry) {
            memory.write(entryAddress, updated);
        }
        return updated;
    }

    private void markDirty(long entryAddress, Entry entry) throws ForbiddenAccess {
        Entry updated = entry.withDirty();
        if (updated != entry) {
            memory.write(entryAddress, updated);
        }
    }
}
