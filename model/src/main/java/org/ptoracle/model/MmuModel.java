package org.ptoracle.model;

import org.ptoracle.spec.Access;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.Fault;
import org.ptoracle.spec.Flags;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.Mmu;
import org.ptoracle.spec.PhysAddr;
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
 *
 * <p>A walk first reads and decides (which entries it passes, the outcome), then sets ACCESSED and
 * DIRTY in walk order ({@link WalkPlan}): the same writes, in the same order, as QEMU's
 * read-mark-read loop, since neither bit changes a decision.
 */
public final class MmuModel implements Mmu {
    /** The emulated CPU's physical address width (CPUID 0x80000008: 40 bits; mmu-facts §9). */
    public static final long MAXPHYADDR_LIMIT = 1099511627776L;

    /*
     * No class invariant, and `memory` nullable for KeY (never null at run time: the constructors
     * require it): a store through PhysicalMemory may change any heap location as far as KeY knows
     * (an interface cannot name what it owns), so after a walk's first mark no invariant over these
     * fields could be re-established, and every contract of access would stay open. What an
     * invariant would say (memory present, CR3 an aligned physical address, NXE 0 or 1) the
     * constructors and setControl ensure, and the contracts that need it require.
     */
    private final /*@ spec_public nullable @*/ PhysicalMemory memory;
    private /*@ spec_public @*/ long cr3;
    private boolean writeProtect;
    /**
     * EFER.NXE as 1 (on) or 0 (off). A number, not a boolean, so that "XD is clear unless NXE is on"
     * is the single inequality {@code high < 2048 * (noExecute + 1)} rather than a disjunction: in a
     * precondition KeY proves everything once per side of a disjunction.
     */
    private /*@ spec_public @*/ int noExecute;
    private boolean smep;
    private /*@ spec_public @*/ boolean smap;
    private final /*@ spec_public @*/ int seededBug;

    /*@ public normal_behavior
      @ requires memory != null;
      @ requires 0 <= cr3 && cr3 < MAXPHYADDR_LIMIT && cr3 % 4096 == 0;
      @ ensures cr3() == cr3 && this.memory == memory && 0 <= noExecute && noExecute <= 1;
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
      @ ensures cr3() == cr3 && this.memory == memory && 0 <= noExecute && noExecute <= 1;
      @ assignable \nothing;
      @*/
    public MmuModel(PhysicalMemory memory, long cr3, boolean cr0Wp, boolean eferNxe, boolean cr4Smep,
            boolean cr4Smap, int seededBug) {
        this.seededBug = seededBug;
        this.memory = memory;
        this.cr3 = cr3;
        this.writeProtect = cr0Wp;
        this.noExecute = eferNxe ? 1 : 0;
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
      @ assignable writeProtect, noExecute, smep, smap;
      @ ensures writeProtect == cr0Wp && (noExecute == 1) == eferNxe && smep == cr4Smep && smap == cr4Smap;
      @ ensures 0 <= noExecute && noExecute <= 1;
      @*/
    public void setControl(boolean cr0Wp, boolean eferNxe, boolean cr4Smep, boolean cr4Smap) {
        this.writeProtect = cr0Wp;
        this.noExecute = eferNxe ? 1 : 0;
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
      @ ensures \result == (noExecute == 1);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean noExecuteEnabled() {
        return noExecute == 1;
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
      @ requires entry != null && \invariant_for(entry) && seededBug == SeededBug.NONE;
      @ ensures \result <==> (entry.addr >= MAXPHYADDR_LIMIT || entry.high >= 2048 * (noExecute + 1));
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure helper @*/ boolean reservedBitsSet(Entry entry) {
        boolean xdReserved = entry.high / 2048 > noExecute;
        if (seededBug == SeededBug.MAXPHYADDR_IGNORED) {
            return xdReserved;
        }
        return entry.addr >= MAXPHYADDR_LIMIT || xdReserved;
    }

    /** A huge leaf at {@code level} (3: 1 GiB, 2: 2 MiB) with a reserved address bit set: below its size, bit 12
     * is PAT and bits 29:13 or 20:13 are reserved (mmu-facts §4 items 3, 4). One case per level, a constant modulus. */
    /*@ public normal_behavior
      @ requires entry != null && level == 2; assignable \strictly_nothing;
      @ ensures \result <==> (entry.addr % 2097152L) / 8192 != 0;
      @ also public normal_behavior
      @ requires entry != null && level == 3; assignable \strictly_nothing;
      @ ensures \result <==> (entry.addr % 1073741824L) / 8192 != 0;
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
      @ ensures ((\result / 16) % 2 == 1) <==> (kind == Access.EXEC && (smep || noExecute == 1));
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure helper @*/ int errorCode(int kind, int mode, boolean protection, boolean reserved) {
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
        boolean fetchReported = smep || noExecute == 1;
        if (seededBug == SeededBug.FETCH_BIT_WRONG) {
            fetchReported = noExecute == 1;
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
    public /*@ pure helper @*/ boolean permits(int kind, int mode, boolean userPage, boolean writablePage,
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
     * T3 (b), the MMU walk from CR3: when the four entries the walk meets (entry index(va, 4) of the
     * table at CR3, then index(va, 3) of the table that entry names, and so on) are present, free of
     * reserved bits and, above level 1, not huge, a supervisor read, or a supervisor write through
     * entries that all allow writes (R/W; "(low / 2) % 2 >= kind" per entry, one inequality for both
     * kinds), SMAP off, resolves to the level 1 entry's address plus the offset in the page. The write
     * is the crate's store (fifteenth session): the thirteenth session measured resolve's level 4 case
     * stated so at the budget of 25,000; with NXE's range and the general cases' kind and mode as ranges
     * it needs 8,927 rule applications. This is resolve's level 4 case with the table at
     * CR3 and the indices of va, written in the same form (each entry named non-null, "present" and
     * "not huge" as bit arithmetic), so that KeY matches it without rewriting. The indices and the
     * entry addresses are WalkAddresses' opaque functions, which the code calls too (see that class
     * for why); the leaf's address is taken before the walk marks entries ACCESSED (\old of the
     * whole sum: a write may change any field). RecursiveWalk specialises this to the recursive
     * address of entry j of a level 3, 2 or 1 table (T3). MMU state an invariant would give (there is
     * none: see the fields) is required.
     */
    /*@ also public behavior
      @ requires Access.READ <= kind && kind <= Access.WRITE && mode == Access.SUPERVISOR && !smap && seededBug == SeededBug.NONE;
      @ requires 0 <= noExecute && noExecute <= 1;
      @ requires memory != null && 0 <= cr3 && cr3 < MAXPHYADDR_LIMIT && cr3 % 4096 == 0;
      @ requires VirtAddr.isCanonical(va);
      @ requires memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))) != null &&
      @         memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).high < 2048 * (noExecute + 1);
      @ requires (memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).low / 128) % 2 == 0;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))) != null &&
      @         memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).high < 2048 * (noExecute + 1);
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).low / 128) % 2 == 0;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).addr, WalkAddresses.index(va, 2))) != null &&
      @         memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).addr, WalkAddresses.index(va, 2))).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).addr, WalkAddresses.index(va, 2))).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).addr, WalkAddresses.index(va, 2))).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).addr, WalkAddresses.index(va, 2))).high < 2048 * (noExecute + 1);
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).addr, WalkAddresses.index(va, 2))).low / 128) % 2 == 0;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).addr, WalkAddresses.index(va, 2))).addr, WalkAddresses.index(va, 1))) != null &&
      @         memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).addr, WalkAddresses.index(va, 2))).addr, WalkAddresses.index(va, 1))).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).addr, WalkAddresses.index(va, 2))).addr, WalkAddresses.index(va, 1))).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).addr, WalkAddresses.index(va, 2))).addr, WalkAddresses.index(va, 1))).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).addr, WalkAddresses.index(va, 2))).addr, WalkAddresses.index(va, 1))).high < 2048 * (noExecute + 1);
      @ ensures \result != null && \result.fault == null;
      @ ensures \result.phys == \old(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(cr3, WalkAddresses.index(va, 4))).addr, WalkAddresses.index(va, 3))).addr, WalkAddresses.index(va, 2))).addr, WalkAddresses.index(va, 1))).addr
      @         + WalkAddresses.low(va) % 4096);
      @ signals_only ForbiddenAccess;
      @*/
    @Override
    public Walk access(long va, int kind, int mode) throws ForbiddenAccess {
        if (!VirtAddr.isCanonical(va)) {
            // QEMU raises #GP(0) from the TLB fill before reading any table; CR2 is untouched (§3).
            return Walk.faulted(Fault.generalProtection());
        }
        PhysicalMemory mem = memory;
        // Computed here, where each level is a constant, so that the walk below needs no arithmetic
        // on the address. The level 4 entry has no entries above it.
        WalkPlan plan = resolve(4, cr3, WalkAddresses.index(va, 4), WalkAddresses.index(va, 3),
                WalkAddresses.index(va, 2), WalkAddresses.index(va, 1), WalkAddresses.low(va), kind, mode,
                null, null, null);
        // Into locals before the first write: a write may change any field, the plan's too.
        boolean faulted = plan.faulted;
        boolean protection = plan.protection;
        boolean reserved = plan.reserved;
        long phys = plan.phys;
        markAll(mem, plan.marks, plan.first, plan.second, plan.third, plan.fourth, plan.dirtyAt);
        if (faulted) {
            return Walk.faulted(Fault.pageFault(errorCode(kind, mode, protection, reserved), va));
        }
        return Walk.ok(phys);
    }

    /**
     * The read half of the walk from the table at {@code table}, at {@code level} (4 first): the entry
     * at {@code index}, then {@code index2} .. {@code index4} in the tables below (the indices of the
     * levels below, in walk order; those past level 1 are unused). {@code above1} .. {@code above3} are
     * the entries the walk met at the levels above, nearest first (null above level 4): the leaf's
     * rights are combined from them and the leaf. Every check in QEMU's order (mmu-facts part 1 §10),
     * no writes. {@code low} is the address modulo 2^48, whose remainder by the page size is the offset
     * in the page. Recursion rather than a loop over the levels, so that each level is its own small
     * proof (our settings never unroll a loop).
     *
     * Why entries and not rights: combining rights at every level cost about a third of each level's
     * proof, and a walk that ends in a leaf needs them only there.
     *
     * The other four cases are T3 (b) by level, each proved from the one below: when the entries the
     * walk meets from here are present, free of reserved bits and (above the last) not huge, a
     * supervisor read, or a supervisor write through writable entries (SMAP off), resolves to the address
     * in the level 1 entry plus the offset in the 4 KiB page. They also state EFER.NXE's range (0 or 1),
     * which the general case requires: without it KeY split each proof on whether the general case
     * applies at the recursive call (8,535 rule applications of the level 4 case). They write the entries
     * out: {@code memory.read(table + 8 index)}, then the read at its address plus 8 {@code index2}, and
     * so on. Their form is what KeY needs to keep each case
     * within the budget (each measured with {@code prove --stats}): "present" and "not huge" as the
     * bit arithmetic of {@code Entry.present/huge} (the queries were connected to the code's calls
     * only after the infeasible branch had been run), "XD clear unless NXE is on" as one linear
     * inequality, each entry named non-null (else KeY splits on null), the unused entries above
     * named null (a nullable parameter is otherwise a split), and the plans {@code \fresh} (else
     * every field read of a returned plan splits on whether it existed before the call).
     */
    /*@ private normal_behavior
      @ requires 1 <= level && level <= 4 && seededBug == SeededBug.NONE && memory != null;
      @ requires 0 <= table && table < PhysAddr.LIMIT && table % 4096 == 0;
      @ requires 0 <= index && index < 512 && 0 <= index2 && index2 < 512;
      @ requires 0 <= index3 && index3 < 512 && 0 <= index4 && index4 < 512;
      @ requires 0 <= low && low < 281474976710656L;
      @ requires Access.READ <= kind && kind <= Access.EXEC && Access.SUPERVISOR <= mode && mode <= Access.USER;
      @ requires 0 <= noExecute && noExecute <= 1;
      @ requires level <= 3 ==> (above1 != null && \invariant_for(above1));
      @ requires level <= 2 ==> (above2 != null && \invariant_for(above2));
      @ requires level <= 1 ==> (above3 != null && \invariant_for(above3));
      @ requires level == 4 ==> above1 == null;
      @ requires level >= 3 ==> above2 == null;
      @ requires level >= 2 ==> above3 == null;
      @ ensures \result != null && \fresh(\result) && \invariant_for(\result);
      @ ensures \result.marks <= level;
      @ measured_by level;
      @ assignable \nothing;
      @ also private normal_behavior
      @ requires level == 1 && seededBug == SeededBug.NONE && memory != null;
      @ requires 0 <= table && table < PhysAddr.LIMIT && table % 4096 == 0;
      @ requires 0 <= index && index < 512 && 0 <= index2 && index2 < 512;
      @ requires 0 <= index3 && index3 < 512 && 0 <= index4 && index4 < 512;
      @ requires 0 <= low && low < 281474976710656L;
      @ requires Access.READ <= kind && kind <= Access.WRITE && mode == Access.SUPERVISOR && !smap;
      @ requires 0 <= noExecute && noExecute <= 1;
      @ requires (above1.low / 2) % 2 >= kind;
      @ requires (above2.low / 2) % 2 >= kind;
      @ requires (above3.low / 2) % 2 >= kind;
      @ requires above1 != null && \invariant_for(above1) && above2 != null && \invariant_for(above2);
      @ requires above3 != null && \invariant_for(above3);
      @ requires memory.read(WalkAddresses.entry(table, index)) != null &&
      @         memory.read(WalkAddresses.entry(table, index)).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(table, index)).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(table, index)).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(table, index)).high < 2048 * (noExecute + 1);
      @ ensures \result != null && \fresh(\result) && \invariant_for(\result) && \result.marks <= level;
      @ ensures !\result.faulted &&
      @         \result.phys == \old(memory.read(WalkAddresses.entry(table, index))).addr + low % 4096;
      @ measured_by level;
      @ assignable \nothing;
      @ also private normal_behavior
      @ requires level == 2 && seededBug == SeededBug.NONE && memory != null;
      @ requires 0 <= table && table < PhysAddr.LIMIT && table % 4096 == 0;
      @ requires 0 <= index && index < 512 && 0 <= index2 && index2 < 512;
      @ requires 0 <= index3 && index3 < 512 && 0 <= index4 && index4 < 512;
      @ requires 0 <= low && low < 281474976710656L;
      @ requires Access.READ <= kind && kind <= Access.WRITE && mode == Access.SUPERVISOR && !smap;
      @ requires 0 <= noExecute && noExecute <= 1;
      @ requires (above1.low / 2) % 2 >= kind;
      @ requires (above2.low / 2) % 2 >= kind;
      @ requires above1 != null && \invariant_for(above1) && above2 != null && \invariant_for(above2);
      @ requires above3 == null;
      @ requires memory.read(WalkAddresses.entry(table, index)) != null &&
      @         memory.read(WalkAddresses.entry(table, index)).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(table, index)).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(table, index)).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(table, index)).high < 2048 * (noExecute + 1);
      @ requires (memory.read(WalkAddresses.entry(table, index)).low / 128) % 2 == 0;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)) != null &&
      @         memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).high < 2048 * (noExecute + 1);
      @ ensures \result != null && \fresh(\result) && \invariant_for(\result) && \result.marks <= level;
      @ ensures !\result.faulted &&
      @         \result.phys == \old(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2))).addr
      @         + low % 4096;
      @ measured_by level;
      @ assignable \nothing;
      @ also private normal_behavior
      @ requires level == 3 && seededBug == SeededBug.NONE && memory != null;
      @ requires 0 <= table && table < PhysAddr.LIMIT && table % 4096 == 0;
      @ requires 0 <= index && index < 512 && 0 <= index2 && index2 < 512;
      @ requires 0 <= index3 && index3 < 512 && 0 <= index4 && index4 < 512;
      @ requires 0 <= low && low < 281474976710656L;
      @ requires Access.READ <= kind && kind <= Access.WRITE && mode == Access.SUPERVISOR && !smap;
      @ requires 0 <= noExecute && noExecute <= 1;
      @ requires (above1.low / 2) % 2 >= kind;
      @ requires above1 != null && \invariant_for(above1) && above2 == null && above3 == null;
      @ requires memory.read(WalkAddresses.entry(table, index)) != null &&
      @         memory.read(WalkAddresses.entry(table, index)).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(table, index)).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(table, index)).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(table, index)).high < 2048 * (noExecute + 1);
      @ requires (memory.read(WalkAddresses.entry(table, index)).low / 128) % 2 == 0;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)) != null &&
      @         memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).high < 2048 * (noExecute + 1);
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).low / 128) % 2 == 0;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)) != null &&
      @         memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).high < 2048 * (noExecute + 1);
      @ ensures \result != null && \fresh(\result) && \invariant_for(\result) && \result.marks <= level;
      @ ensures !\result.faulted &&
      @         \result.phys == \old(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3))).addr
      @         + low % 4096;
      @ measured_by level;
      @ assignable \nothing;
      @ also private normal_behavior
      @ requires level == 4 && seededBug == SeededBug.NONE && memory != null;
      @ requires 0 <= table && table < PhysAddr.LIMIT && table % 4096 == 0;
      @ requires 0 <= index && index < 512 && 0 <= index2 && index2 < 512;
      @ requires 0 <= index3 && index3 < 512 && 0 <= index4 && index4 < 512;
      @ requires 0 <= low && low < 281474976710656L;
      @ requires Access.READ <= kind && kind <= Access.WRITE && mode == Access.SUPERVISOR && !smap;
      @ requires 0 <= noExecute && noExecute <= 1;
      @ requires above1 == null && above2 == null && above3 == null;
      @ requires memory.read(WalkAddresses.entry(table, index)) != null &&
      @         memory.read(WalkAddresses.entry(table, index)).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(table, index)).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(table, index)).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(table, index)).high < 2048 * (noExecute + 1);
      @ requires (memory.read(WalkAddresses.entry(table, index)).low / 128) % 2 == 0;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)) != null &&
      @         memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).high < 2048 * (noExecute + 1);
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).low / 128) % 2 == 0;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)) != null &&
      @         memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).high < 2048 * (noExecute + 1);
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).low / 128) % 2 == 0;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).addr, index4)) != null &&
      @         memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).addr, index4)).low % 2 == 1;
      @ requires (memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).addr, index4)).low / 2) % 2 >= kind;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).addr, index4)).addr < MAXPHYADDR_LIMIT;
      @ requires memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).addr, index4)).high < 2048 * (noExecute + 1);
      @ ensures \result != null && \fresh(\result) && \invariant_for(\result) && \result.marks <= level;
      @ ensures !\result.faulted &&
      @         \result.phys == \old(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(memory.read(WalkAddresses.entry(table, index)).addr, index2)).addr, index3)).addr, index4))).addr
      @         + low % 4096;
      @ measured_by level;
      @ assignable \nothing;
      @*/
    private /*@ helper @*/ WalkPlan resolve(int level, long table, int index, int index2, int index3, int index4,
            long low, int kind, int mode, /*@ nullable @*/ Entry above1, /*@ nullable @*/ Entry above2,
            /*@ nullable @*/ Entry above3) {
        Entry entry = memory.read(WalkAddresses.entry(table, index));
        if (!entry.present()) {
            return WalkPlan.pageFault(false, false);
        }
        if (reservedBitsSet(entry) || (level == 4 && entry.huge())) {
            return WalkPlan.pageFault(false, true);
        }
        long word = table / 8 + index;
        boolean leaf = isLeaf(level, entry);
        WalkPlan rest = leaf ? leafPlan(level, word, entry, above1, above2, above3, low, kind, mode)
                : resolve(level - 1, entry.addr, index2, index3, index4, 0, low, kind, mode, entry, above1, above2);
        return markedEarly(level, leaf) ? rest.markedFirst(word) : rest;
    }

    /** Level 1 entries are leaves; a level 3 or 2 entry is one when it maps a huge page. */
    /*@ private normal_behavior
      @ requires entry != null && \invariant_for(entry);
      @ ensures \result <==> (level == 1 || (level <= 3 && (entry.low / 128) % 2 == 1));
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ boolean isLeaf(int level, Entry entry) {
        return level == 1 || (level <= 3 && entry.huge());
    }

    /**
     * D5 and D4: QEMU marks PML4E and PDPTE (even a 1 GiB leaf) and a non-leaf PDE as soon as they pass
     * their own checks, before anything below them is checked, so they keep ACCESSED when the walk
     * faults further down. (One call with one result, so that KeY does not branch here.)
     */
    /*@ private normal_behavior
      @ requires seededBug == SeededBug.NONE;
      @ ensures \result <==> (level >= 3 || !leaf);
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure helper @*/ boolean markedEarly(int level, boolean leaf) {
        return (level >= 3 || !leaf) && seededBug != SeededBug.UPPER_ACCESSED_NOT_SET;
    }

    /**
     * The leaf's own checks (reserved low address bits of a huge page, then the rights of the leaf
     * and the {@code 4 - level} entries above it, nearest first) and its outcome: the frame's base
     * plus the address's offset in the page ({@code low} is the address modulo 2^48).
     */
    /*@ private normal_behavior
      @ requires 1 <= level && level <= 3 && seededBug == SeededBug.NONE;
      @ requires entry != null && \invariant_for(entry) && 0 <= entryWord && entryWord < WalkPlan.WORDS;
      @ requires 0 <= noExecute && noExecute <= 1;
      @ requires above1 != null && \invariant_for(above1);
      @ requires level <= 2 ==> (above2 != null && \invariant_for(above2));
      @ requires level == 1 ==> (above3 != null && \invariant_for(above3));
      @ requires level == 3 ==> above2 == null;
      @ requires level >= 2 ==> above3 == null;
      @ requires 0 <= low && low < 281474976710656L;
      @ requires Access.READ <= kind && kind <= Access.EXEC && Access.SUPERVISOR <= mode && mode <= Access.USER;
      @ ensures \result != null && \fresh(\result) && \invariant_for(\result) && \result.marks <= 1;
      @ assignable \nothing;
      @ also private normal_behavior
      @ requires level == 1 && seededBug == SeededBug.NONE;
      @ requires entry != null && \invariant_for(entry) && 0 <= entryWord && entryWord < WalkPlan.WORDS;
      @ requires above1 != null && \invariant_for(above1) && above2 != null && \invariant_for(above2);
      @ requires above3 != null && \invariant_for(above3);
      @ requires 0 <= low && low < 281474976710656L;
      @ requires Access.READ <= kind && kind <= Access.WRITE && mode == Access.SUPERVISOR && !smap;
      @ requires (above1.low / 2) % 2 >= kind;
      @ requires (above2.low / 2) % 2 >= kind;
      @ requires (above3.low / 2) % 2 >= kind && (entry.low / 2) % 2 >= kind;
      @ ensures \result != null && \fresh(\result) && \invariant_for(\result) && \result.marks <= 1;
      @ ensures !\result.faulted && \result.phys == entry.addr + low % 4096;
      @ assignable \nothing;
      @*/
    private /*@ helper @*/ WalkPlan leafPlan(int level, long entryWord, Entry entry, Entry above1,
            /*@ nullable @*/ Entry above2, /*@ nullable @*/ Entry above3, long low, int kind, int mode) {
        if (level >= 2 && hugeLowBitsSet(entry, level)) {
            return WalkPlan.pageFault(false, true);
        }
        // A supervisor read with SMAP off needs no rights at all (mmu-facts part 1 §5: U/S limits user
        // accesses, R/W writes, XD and SMEP fetches, SMAP supervisor accesses to user pages), so the
        // walk does not combine them; a supervisor write with SMAP off needs only R/W on the path (or
        // CR0.WP clear, which permits decides). Both are what permits would answer; deciding them first
        // keeps the proofs of such walks (T3b, for the crate's loads and stores) free of the other rights.
        boolean supervisorNoSmap = mode == Access.SUPERVISOR && !smap;
        boolean allowed = (kind == Access.READ && supervisorNoSmap)
                || (kind == Access.WRITE && supervisorNoSmap && writablePath(level, entry, above1, above2, above3))
                || permits(kind, mode, userPath(level, entry, above1, above2, above3),
                        writablePath(level, entry, above1, above2, above3),
                        executablePath(level, entry, above1, above2, above3));
        if (!allowed) {
            return WalkPlan.pageFault(true, false);
        }
        long span = VirtAddr.entrySpan(level);
        boolean dirty = kind == Access.WRITE && seededBug != SeededBug.DIRTY_NOT_SET;
        return WalkPlan.resolved(entry.addr - entry.addr % span + low % span, entryWord, dirty);
    }

    /*
     * The rights of a leaf at {@code level} combined with the {@code 4 - level} entries above it (nearest
     * first), one right per method (SDM Vol. 3A §4.6): user access only if every entry has U/S, writes
     * only if every entry has R/W, fetches only if no entry has XD while NXE is on; permits combines
     * them with the access. Each is a conjunction over the entries, in the contract as in the code. A
     * count of the entries (a sum of bits) or a fold, (a + b) / 2 per entry, took KeY 11,000 to more
     * than 20,000 steps from three entries on, and the decision stated through permits more than
     * 20,000 at every level (permits expanded twice, a split on every atom).
     */

    /** U/S through the path: every entry allows user access (the seeded bug: one entry suffices). */
    /*@ private normal_behavior
      @ requires level == 3 && seededBug == SeededBug.NONE;
      @ requires entry != null && \invariant_for(entry) && above1 != null && \invariant_for(above1);
      @ requires above2 == null && above3 == null;
      @ ensures \result <==> ((entry.low / 4) % 2 == 1 && (above1.low / 4) % 2 == 1);
      @ assignable \strictly_nothing;
      @ also private normal_behavior
      @ requires level == 2 && seededBug == SeededBug.NONE;
      @ requires entry != null && \invariant_for(entry) && above1 != null && \invariant_for(above1);
      @ requires above2 != null && \invariant_for(above2) && above3 == null;
      @ ensures \result <==> ((entry.low / 4) % 2 == 1 && (above1.low / 4) % 2 == 1 && (above2.low / 4) % 2 == 1);
      @ assignable \strictly_nothing;
      @ also private normal_behavior
      @ requires level == 1 && seededBug == SeededBug.NONE;
      @ requires entry != null && \invariant_for(entry) && above1 != null && \invariant_for(above1);
      @ requires above2 != null && \invariant_for(above2) && above3 != null && \invariant_for(above3);
      @ ensures \result <==> ((entry.low / 4) % 2 == 1 && (above1.low / 4) % 2 == 1 && (above2.low / 4) % 2 == 1 && (above3.low / 4) % 2 == 1);
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure helper @*/ boolean userPath(int level, Entry entry, Entry above1,
            /*@ nullable @*/ Entry above2, /*@ nullable @*/ Entry above3) {
        if (seededBug == SeededBug.USER_BITS_ORED) {
            return (entry.low / 4) % 2 == 1 || (above1.low / 4) % 2 == 1
                    || (level <= 2 && (above2.low / 4) % 2 == 1) || (level == 1 && (above3.low / 4) % 2 == 1);
        }
        boolean user = (entry.low / 4) % 2 == 1 && (above1.low / 4) % 2 == 1;
        if (level <= 2) {
            user = user && (above2.low / 4) % 2 == 1;
        }
        if (level == 1) {
            user = user && (above3.low / 4) % 2 == 1;
        }
        return user;
    }

    /** R/W through the path: every entry allows writes (permits has CR0.WP's exception). */
    /*@ private normal_behavior
      @ requires level == 3;
      @ requires entry != null && \invariant_for(entry) && above1 != null && \invariant_for(above1);
      @ requires above2 == null && above3 == null;
      @ ensures \result <==> ((entry.low / 2) % 2 == 1 && (above1.low / 2) % 2 == 1);
      @ assignable \strictly_nothing;
      @ also private normal_behavior
      @ requires level == 2;
      @ requires entry != null && \invariant_for(entry) && above1 != null && \invariant_for(above1);
      @ requires above2 != null && \invariant_for(above2) && above3 == null;
      @ ensures \result <==> ((entry.low / 2) % 2 == 1 && (above1.low / 2) % 2 == 1 && (above2.low / 2) % 2 == 1);
      @ assignable \strictly_nothing;
      @ also private normal_behavior
      @ requires level == 1;
      @ requires entry != null && \invariant_for(entry) && above1 != null && \invariant_for(above1);
      @ requires above2 != null && \invariant_for(above2) && above3 != null && \invariant_for(above3);
      @ ensures \result <==> ((entry.low / 2) % 2 == 1 && (above1.low / 2) % 2 == 1 && (above2.low / 2) % 2 == 1 && (above3.low / 2) % 2 == 1);
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ boolean writablePath(int level, Entry entry, Entry above1,
            /*@ nullable @*/ Entry above2, /*@ nullable @*/ Entry above3) {
        boolean writable = (entry.low / 2) % 2 == 1 && (above1.low / 2) % 2 == 1;
        if (level <= 2) {
            writable = writable && (above2.low / 2) % 2 == 1;
        }
        if (level == 1) {
            writable = writable && (above3.low / 2) % 2 == 1;
        }
        return writable;
    }

    /** XD through the path: with EFER.NXE on, no entry has XD (bit 63: {@code high} 2048 and above). */
    /*@ private normal_behavior
      @ requires level == 3;
      @ requires entry != null && \invariant_for(entry) && above1 != null && \invariant_for(above1);
      @ requires above2 == null && above3 == null;
      @ requires 0 <= noExecute && noExecute <= 1;
      @ ensures \result <==> (noExecute == 0 || (entry.high < 2048 && above1.high < 2048));
      @ assignable \strictly_nothing;
      @ also private normal_behavior
      @ requires level == 2;
      @ requires entry != null && \invariant_for(entry) && above1 != null && \invariant_for(above1);
      @ requires above2 != null && \invariant_for(above2) && above3 == null;
      @ requires 0 <= noExecute && noExecute <= 1;
      @ ensures \result <==> (noExecute == 0 || (entry.high < 2048 && above1.high < 2048 && above2.high < 2048));
      @ assignable \strictly_nothing;
      @ also private normal_behavior
      @ requires level == 1;
      @ requires entry != null && \invariant_for(entry) && above1 != null && \invariant_for(above1);
      @ requires above2 != null && \invariant_for(above2) && above3 != null && \invariant_for(above3);
      @ requires 0 <= noExecute && noExecute <= 1;
      @ ensures \result <==> (noExecute == 0 || (entry.high < 2048 && above1.high < 2048 && above2.high < 2048 && above3.high < 2048));
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure helper @*/ boolean executablePath(int level, Entry entry, Entry above1,
            /*@ nullable @*/ Entry above2, /*@ nullable @*/ Entry above3) {
        boolean clear = entry.high < 2048 && above1.high < 2048;
        if (level <= 2) {
            clear = clear && above2.high < 2048;
        }
        if (level == 1) {
            clear = clear && above3.high < 2048;
        }
        return noExecute == 0 || clear;
    }

    /**
     * The write half of the walk: ACCESSED in the first {@code marks} of the four words (numbered
     * physical address / 8), in walk order, then DIRTY in word {@code dirtyAt} unless it is negative.
     * Each word is updated as it is then, so a word the walk met twice (a recursive entry) is written
     * once. Recursive, one word per call, so that KeY proves one step at a time. The contract says
     * that it ends normally or with ForbiddenAccess (the harness rule) and nothing else; what each
     * write leaves in memory is markFlag's (a write says nothing about other words, so the marks of
     * earlier words cannot be carried to the end).
     */
    /*@ private behavior
      @ requires 0 <= marks && marks <= 4;
      @ requires marks >= 1 ==> (0 <= first && first < WalkPlan.WORDS);
      @ requires marks >= 2 ==> (0 <= second && second < WalkPlan.WORDS);
      @ requires marks >= 3 ==> (0 <= third && third < WalkPlan.WORDS);
      @ requires marks >= 4 ==> (0 <= fourth && fourth < WalkPlan.WORDS);
      @ requires dirtyAt < WalkPlan.WORDS;
      @ ensures true;
      @ signals_only ForbiddenAccess;
      @ measured_by marks;
      @*/
    private static void markAll(PhysicalMemory memory, int marks, long first, long second, long third,
            long fourth, long dirtyAt) throws ForbiddenAccess {
        if (marks == 0) {
            if (dirtyAt >= 0) {
                markFlag(memory, dirtyAt, Flags.DIRTY);
            }
            return;
        }
        markFlag(memory, first, Flags.ACCESSED);
        markAll(memory, marks - 1, second, third, fourth, 0L, dirtyAt);
    }

    /**
     * Sets {@code flag} (ACCESSED or DIRTY) in {@code word} as it is now; no write when it is set
     * already (QEMU writes back only a changed entry).
     */
    /*@ private behavior
      @ requires 0 <= word && word < WalkPlan.WORDS;
      @ requires flag == Flags.ACCESSED || flag == Flags.DIRTY;
      @ ensures (memory.read((long) (8L * word)).low / flag) % 2 == 1;
      @ signals_only ForbiddenAccess;
      @*/
    private static void markFlag(PhysicalMemory memory, long word, int flag) throws ForbiddenAccess {
        Entry current = memory.read(8L * word);
        if (!Flags.bitSet(current.low, flag)) {
            memory.write(8L * word, current.low + flag, current.addr, current.high);
        }
    }
}
