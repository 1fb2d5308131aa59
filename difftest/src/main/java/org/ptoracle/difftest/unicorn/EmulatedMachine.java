package org.ptoracle.difftest.unicorn;

/**
 * An x86-64 CPU with 4-level paging, emulated by Unicorn 2.1.x, and its physical memory: the Unicorn
 * backend of the differential tests. One engine is reused for every step.
 *
 * <p><b>Machine.</b> CPU model Skylake-Server (has NX, SMEP, SMAP and reports 1 GiB pages; the default
 * Haswell has no SMAP, mmu-facts §5 and part 2 D6/D9); MAXPHYADDR 40 as every 64-bit TCG model
 * (mmu-facts §9). Physical memory {@code [0, memoryMib MiB)} is Java-owned host memory mapped with
 * {@code uc_mem_map_ptr}, so {@link #readPhys64}/{@link #writePhys64} and the comparisons touch it
 * directly. Long mode with paging is on from the start (CR0.PG/PE, CR4.PAE, EFER.LME/SCE); CR0.WP,
 * EFER.NXE, CR4.SMEP and CR4.SMAP are set by {@link #setControl} (defaults as the trace header's: WP and
 * NXE on, SMEP and SMAP off), RFLAGS.AC is clear.
 *
 * <p><b>Harness.</b> The caller builds the crate's tables; {@link #installHarness} writes the harness
 * frames and the level 4 entry exactly as trace-format.md's Header describes. Loads and stores run one
 * instruction from a harness code page, followed by an {@code int3} that ends the run through the
 * interrupt hook: {@code mov rax,[rbx]} / {@code mov [rbx],rax} for {@link #load64}/{@link #store64} at
 * CPL0; {@code mov al,[rbx]} / {@code mov [rbx],al} for 1-byte accesses (a store, not a read-modify-write)
 * from the supervisor page at CPL0 or from the user page at CPL3. CPL3 is entered once with a real
 * {@code sysretq} (Unicorn cannot change CPL through {@code reg_write(CS)}, mmu-facts part 2, U5/§2.2) and
 * that state is kept as a second baseline. Ending at the {@code int3} rather than at an {@code until} exit
 * keeps the snippet's translated block cached: Unicorn translates a new exit block on every run that
 * reaches {@code until} and invalidates the block around it afterwards.
 *
 * <p><b>Every access walks afresh.</b> Before each access: {@code context_restore} of a clean baseline
 * (resets QEMU's {@code old_exception}, so the next fault is #PF and not #DF, U2) and
 * {@code UC_CTL_TLB_FLUSH} (the restore does not flush, U6). Page-fault error codes come from the saved
 * context ({@link ErrorCodeReader}), CR2 from the register, both read in the interrupt hook, which then
 * stops emulation.
 *
 * <p><b>Unicorn's side walks.</b> Two places in Unicorn 2.1.4 make instruction-fetch walks of their own,
 * which could set accessed bits the access itself would not set, or raise a fault for another page:
 * <ul>
 *   <li>when {@code uc_emu_start} returns, Unicorn translates {@code until - 1} as a fetch to drop the exit
 *       block (softmmu/cpus.c {@code resume_all_vcpus}; U3);</li>
 *   <li>a translated block of size 0 (an exit block) makes {@code tb_gen_code} look up
 *       {@code (pc + size - 1) & page mask} as a possible second page (accel/tcg/translate-all.c), i.e. the
 *       page before {@code pc} when {@code pc} is page-aligned.</li>
 * </ul>
 * Loads and stores never reach their {@code until}, an {@code int3} in a harness code page. The interrupt
 * hook (which also sees the snippet's {@code int3}) points CR3 at {@link #PARKED_CR3} before stopping:
 * outside memory, read as zeros, so the exit walk stops at a not-present level 4 entry and writes nothing;
 * the next baseline restore brings CR3 back.
 *
 * <p><b>Fetches.</b> A fetch must touch only the target, and must not run the guest's bytes there. The CPU
 * starts directly at the target (from the CPL0 or CPL3 baseline), so the block lookup's fetch walk of the
 * target is the access:
 * <ul>
 *   <li>target not page-aligned: {@code until} = the target. The block at an exit is turned into a halt
 *       before any instruction byte is decoded (translator.c, translate.c {@code disas_insn}); its size-0
 *       second-page lookup and the exit walk of {@code target - 1} both fall in the target's own page,
 *       whose translation is then in the TLB, so they do not walk again;</li>
 *   <li>target page-aligned (where {@code target - 1} is another page): RFLAGS.TF is set, so the block at the
 *       target holds exactly one instruction (translate.c {@code i386_tr_translate_insn}); an instruction
 *       decoded from page offset 0 cannot reach the next page; a code hook on the target stops emulation
 *       before that instruction runs (and parks CR3), and {@code until} is in a harness page.</li>
 * </ul>
 * The physical address of a completed fetch is read with {@code uc_vmem_translate} while the target's
 * translation is still in the TLB, so it does not walk again (tested: no bit changes).
 *
 * <p><b>Physical addresses of loads and stores.</b> Unicorn 2.1.x passes the physical address to memory
 * hooks (cputlb.c {@code load_helper}/{@code store_helper}), so no extra walk is needed.
 *
 * <p><b>Outside memory</b> (found with this binding and the Python probe, Unicorn 2.1.4):
 * <ul>
 *   <li>the page walker reads a table entry outside mapped memory as zero: a walk through such a table
 *       raises a not-present #PF (err P=0), and accessed-bit writes there are dropped; an entry inside
 *       memory that points there still gets its accessed bit;</li>
 *   <li>a data access whose translation succeeds to an address outside memory sets the accessed/dirty
 *       bits of a successful walk, then ends {@code uc_emu_start} with {@code UC_ERR_READ_UNMAPPED} or
 *       {@code UC_ERR_WRITE_UNMAPPED}; the unmapped-memory hook receives the physical address. This class
 *       reports it as {@link AccessOutcome.OutsideMemory} with that address;</li>
 *   <li>a fetch whose translation succeeds to an address outside memory completes its walk too. At a
 *       page-aligned target the one instruction is decoded, which ends the run with
 *       {@code UC_ERR_FETCH_UNMAPPED} (physical address in the unmapped hook); elsewhere the exit block
 *       reads nothing and the address comes from {@code uc_vmem_translate}. Both are reported as
 *       {@link AccessOutcome.OutsideMemory}.</li>
 * </ul>
 *
 * <p>Not thread-safe.
 */
public final class EmulatedMachine implements AutoCloseable {

    /**
     * Where the hooks park CR3 before stopping a run, so Unicorn's exit walk touches nothing: 4 KiB below
     * 2^40, outside any memory this class maps.
     */
    public static final long PARKED_CR3 = (1L << 40) - 0x1000;

    /** Bytes from {@code harnessFrame} (H) to the end of harness memory: six frames. */
    public static final long HARNESS_SIZE = 0x6000;

    // Entry bits (Intel SDM Vol. 3A §4.5 tables 4-15..4-20)
    private static final long P = 1;
    private static final long W = 1 << 1;
    private static final long U = 1 << 2;
    private static final long A = 1 << 5;
    private static final long D = 1 << 6;

    // Control bits (SDM Vol. 3A §2.5, §2.2.1)
    private static final long CR0_PE = 1;
    private static final long CR0_WP = 1 << 16;
    private static final long CR0_PG = 1L << 31;
    private static final long CR4_PAE = 1 << 5;
    private static final long CR4_SMEP = 1 << 20;
    private static final long CR4_SMAP = 1 << 21;
    private static final long EFER_SCE = 1;
    private static final long EFER_LME = 1 << 8;
    private static final long EFER_NXE = 1 << 11;
    /** SYSRET loads CS = STAR[63:48] + 16 and SS = STAR[63:48] + 8 with RPL 3: CS 0x23, SS 0x1b (probe b.0). */
    private static final long STAR = (0x10L << 48) | (0x08L << 32);
    /** RFLAGS with only the always-one bit 1: AC (bit 18) clear. */
    private static final long RFLAGS_CLEAN = 0x2;

    // Harness code: offsets inside the supervisor code page (H+0x3000) and the user code page (H+0x4000).
    // Every other byte of those pages is int3.
    private static final int SUP_LOAD64 = 0x100;   // mov rax,[rbx]
    private static final int SUP_STORE64 = 0x110;  // mov [rbx],rax
    private static final int SUP_READ8 = 0x120;    // mov al,[rbx]
    private static final int SUP_WRITE8 = 0x130;   // mov [rbx],al
    private static final int SUP_SYSRET = 0x150;   // sysretq
    private static final int USER_READ8 = 0x100;   // mov al,[rbx]
    private static final int USER_WRITE8 = 0x110;  // mov [rbx],al
    /** An int3 in each code page that is never executed: the stop address of fetches and of CPL3 entry. */
    private static final int PARK_OFFSET = 0x1f0;
    /** The {@code until} of load/store runs, never reached (they end at the int3 after the instruction). */
    private static final int STOP_OFFSET = 0xff0;
    /** Vector of int3 (#BP), which ends every load/store snippet. */
    private static final int BREAKPOINT = 3;
    /** RFLAGS.TF (SDM Vol. 1 §3.4.3.3). */
    private static final long RFLAGS_TF = 1 << 8;
    private static final byte[] LOAD64 = {0x48, (byte) 0x8b, 0x03};
    private static final byte[] STORE64 = {0x48, (byte) 0x89, 0x03};
    private static final byte[] READ8 = {(byte) 0x8a, 0x03};
    private static final byte[] WRITE8 = {(byte) 0x88, 0x03};
    private static final byte[] SYSRETQ = {0x48, 0x0f, 0x07};
    /** Filler for the rest of the code pages: int3. Each snippet is followed by one, which ends its run. */
    private static final byte INT3 = (byte) 0xcc;

    private final Unicorn uc;
    private final HostMemory ram;
    private final ErrorCodeReader errors;
    /** Clean CPL0 state with the current CR3 and control bits; restored before every access. */
    private final Unicorn.Context baseline;
    /** The same at CPL3 (after a sysretq into the user code page); refreshed lazily. */
    private final Unicorn.Context userBaseline;
    private boolean userBaselineValid;
    private final Unicorn.Context faultContext;
    /** One object for the fetch stop hook, so re-adding it reuses its upcall stub. */
    private final Unicorn.CodeHook fetchStop = this::onFetchStop;

    private long cr3;
    private boolean cr0Wp = true;
    private boolean eferNxe = true;
    private boolean cr4Smep;
    private boolean cr4Smap;

    private boolean harnessInstalled;
    private long harnessFrame = -1;
    private int harnessSlot = -1;
    /** Virtual address of the supervisor code page (the self-test uses its own). */
    private long supervisorCodeVa;
    private long userCodeVa;

    // Filled by the hooks during one run.
    private int faultCount;
    private int faultVector;
    private long faultErrorCode;
    private long faultCr2;
    private long accessPa;
    private long unmappedPa;
    private long originalBytePa;
    private byte originalByte;
    /**
     * A run that stops at {@code until} (a fetch that is not page-aligned) translates a fresh exit block,
     * and QEMU 5.0 keeps every block ever translated in its region tree (tcg.c {@code tcg_tb_insert}, one
     * 48-byte node each) until the translation cache is flushed: Unicorn 2.1.4 grows by 48 bytes per such
     * run (measured with glibc's mallinfo2, from C as well as from Java). Flushing the cache every this many
     * runs bounds it.
     */
    private static final int CODE_FLUSH_INTERVAL = 4096;
    private int runsSinceCodeFlush;

    private long fetchTarget = -1;
    private boolean fetchReached;
    private long fetchPa;

    private EmulatedMachine(Unicorn uc, HostMemory ram) {
        this.uc = uc;
        this.ram = ram;
        this.errors = ErrorCodeReader.locate(uc);
        uc.onInterrupt(this::onInterrupt);
        uc.onMemory(UcConst.HOOK_MEM_READ | UcConst.HOOK_MEM_WRITE, this::onMemory, 1, 0);
        uc.onInvalidMemory(UcConst.HOOK_MEM_UNMAPPED, this::onUnmapped, 1, 0);
        enablePaging();
        this.baseline = uc.saveContext();
        this.userBaseline = uc.saveContext();
        this.faultContext = uc.saveContext();
        selfTest();
    }

    /**
     * Opens a machine with {@code memoryMib} MiB of zeroed physical memory at address 0, paging on, CR3 0,
     * and no harness yet. Checks the error-code reader against known faults before returning.
     *
     * @throws UnicornUnavailableException if the library is missing or older than 2.1
     * @throws IllegalStateException if a self-check fails
     */
    public static EmulatedMachine open(int memoryMib) {
        if (memoryMib < 1 || memoryMib >= 1 << 20) {
            // below 1 TiB, so that PARKED_CR3 stays outside memory
            throw new IllegalArgumentException("memoryMib must be in [1, 2^20): " + memoryMib);
        }
        Unicorn uc = Unicorn.openX86_64();
        try {
            // The CPU model must be chosen before the first mapping (unicorn.h, UC_CTL_CPU_MODEL).
            uc.setCpuModel(UcConst.CPU_X86_SKYLAKE_SERVER);
            HostMemory ram = uc.mapHostMemory(0, (long) memoryMib << 20, UcConst.PROT_ALL);
            uc.setTlbMode(UcConst.TLB_CPU);
            return new EmulatedMachine(uc, ram);
        } catch (RuntimeException | Error e) {
            try {
                uc.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    // ================================================================ physical memory

    /** Bytes of physical memory. */
    public long memorySize() {
        return ram.size();
    }

    /** The word at 8-byte-aligned physical {@code pa}, bypassing paging. */
    public long readPhys64(long pa) {
        return ram.readLong(pa);
    }

    /** Writes the word at 8-byte-aligned physical {@code pa}, bypassing paging. */
    public void writePhys64(long pa, long value) {
        ram.writeLong(pa, value);
    }

    /** The byte at physical {@code pa}, bypassing paging. */
    public byte readPhys8(long pa) {
        return ram.readByte(pa);
    }

    /** Physical memory itself, for bulk reads, comparisons and copies (valid until {@link #close()}). */
    public HostMemory memory() {
        return ram;
    }

    /** True if {@code pa} is in the six harness frames (false before {@link #installHarness}). */
    public boolean isHarnessMemory(long pa) {
        return harnessInstalled && pa >= harnessFrame && pa < harnessFrame + HARNESS_SIZE;
    }

    /**
     * The lowest 8-byte-aligned physical address outside harness memory where this memory differs from
     * {@code other}, or -1 if none (trace-format.md, Running and checking).
     */
    public long firstDifferenceOutsideHarness(PhysicalWords other) {
        if (!harnessInstalled) {
            return ram.firstDifference(other, 0, ram.size());
        }
        long below = ram.firstDifference(other, 0, harnessFrame);
        if (below >= 0) {
            return below;
        }
        return ram.firstDifference(other, harnessFrame + HARNESS_SIZE, ram.size());
    }

    // ================================================================ control state

    /** CR3 as last set. */
    public long cr3() {
        return cr3;
    }

    /** Loads CR3 (the whole 64-bit value is kept, as Unicorn's reg_write does; mmu-facts §1). */
    public void setCr3(long value) {
        uc.restoreContext(baseline);
        uc.regWrite(UcConst.X86_REG_CR3, value);
        uc.saveContext(baseline);
        uc.flushTlb();
        userBaselineValid = false;
        cr3 = value;
    }

    /**
     * Sets CR0.WP, EFER.NXE, CR4.SMEP and CR4.SMAP, keeps RFLAGS.AC clear, and flushes the TLB (also for
     * an NXE change, which Unicorn's EFER write does not flush, mmu-facts part 2, D10).
     */
    public void setControl(boolean cr0Wp, boolean eferNxe, boolean cr4Smep, boolean cr4Smap) {
        uc.restoreContext(baseline);
        writeControl(cr0Wp, eferNxe, cr4Smep, cr4Smap);
        uc.saveContext(baseline);
        uc.flushTlb();
        userBaselineValid = false;
    }

    public boolean cr0Wp() {
        return cr0Wp;
    }

    public boolean eferNxe() {
        return eferNxe;
    }

    public boolean cr4Smep() {
        return cr4Smep;
    }

    public boolean cr4Smap() {
        return cr4Smap;
    }

    private void writeControl(boolean wp, boolean nxe, boolean smep, boolean smap) {
        long cr0 = uc.regRead(UcConst.X86_REG_CR0) | CR0_PE | CR0_PG;
        uc.regWrite(UcConst.X86_REG_CR0, wp ? cr0 | CR0_WP : cr0 & ~CR0_WP);
        long cr4 = uc.regRead(UcConst.X86_REG_CR4) | CR4_PAE;
        cr4 = smep ? cr4 | CR4_SMEP : cr4 & ~CR4_SMEP;
        cr4 = smap ? cr4 | CR4_SMAP : cr4 & ~CR4_SMAP;
        uc.regWrite(UcConst.X86_REG_CR4, cr4);
        long efer = uc.msrRead(UcConst.MSR_EFER) | EFER_LME | EFER_SCE;
        uc.msrWrite(UcConst.MSR_EFER, nxe ? efer | EFER_NXE : efer & ~EFER_NXE);
        uc.regWrite(UcConst.X86_REG_RFLAGS, RFLAGS_CLEAN);
        this.cr0Wp = wp;
        this.eferNxe = nxe;
        this.cr4Smep = smep;
        this.cr4Smap = smap;
    }

    private void enablePaging() {
        // Order as in mmu-facts part 2 §4 step 3: CR3, CR4.PAE, EFER.LME (+SCE for SYSRET), then CR0.PG.
        uc.regWrite(UcConst.X86_REG_CR3, 0);
        uc.regWrite(UcConst.X86_REG_CR4, uc.regRead(UcConst.X86_REG_CR4) | CR4_PAE);
        uc.msrWrite(UcConst.MSR_EFER, uc.msrRead(UcConst.MSR_EFER) | EFER_LME | EFER_SCE | EFER_NXE);
        uc.regWrite(UcConst.X86_REG_CR0, uc.regRead(UcConst.X86_REG_CR0) | CR0_PE | CR0_PG | CR0_WP);
        uc.msrWrite(UcConst.MSR_STAR, STAR);
        uc.regWrite(UcConst.X86_REG_R11, RFLAGS_CLEAN); // the RFLAGS that sysretq loads
        writeControl(true, true, false, false);
        cr3 = 0;
    }

    // ================================================================ harness

    /** H for a pool starting at {@code poolStart}: the six frames just below it (trace-format.md, Header). */
    public static long harnessFrameForPool(long poolStart) {
        return poolStart - HARNESS_SIZE;
    }

    /** The virtual address of the first byte mapped by level 4 slot {@code slot} (sign-extended from bit 47). */
    public static long slotBase(int slot) {
        long va = (long) slot << 39;
        return (va << 16) >> 16;
    }

    /**
     * Installs the harness as trace-format.md's Header table says: frames H..H+0x5000 zeroed, then
     * <pre>
     *   H          level 3 table  entry 0 = (H+0x1000) | P W U A D
     *   H+0x1000   level 2 table  entry 0 = (H+0x2000) | P W U A D
     *   H+0x2000   level 1 table  entry 0 = (H+0x3000) | P A D      supervisor code
     *                             entry 1 = (H+0x4000) | P U A D    user code
     *                             entry 2 = (H+0x5000) | P W A D    supervisor scratch
     *   level 4 entry harnessSlot of the table at level4Table = H | P W U A D
     * </pre>
     * and the harness code into H+0x3000 and H+0x4000 (H+0x5000 stays zero). Does not change CR3.
     */
    public void installHarness(long level4Table, int harnessSlot, long harnessFrame) {
        if (harnessSlot < 0 || harnessSlot >= 512) {
            throw new IllegalArgumentException("harness slot must be in [0, 512): " + harnessSlot);
        }
        if ((harnessFrame & 0xFFF) != 0 || !ram.contains(harnessFrame, HARNESS_SIZE)) {
            throw new IllegalArgumentException("harness frames [0x" + Long.toHexString(harnessFrame) + ", +0x6000) "
                + "must be 4 KiB aligned and inside memory");
        }
        if ((level4Table & 0xFFF) != 0 || !ram.contains(level4Table, 4096)) {
            throw new IllegalArgumentException("level 4 table 0x" + Long.toHexString(level4Table)
                + " must be a 4 KiB frame inside memory");
        }
        long h = harnessFrame;
        ram.fill(h, HARNESS_SIZE, (byte) 0);
        ram.writeLong(h, (h + 0x1000) | P | W | U | A | D);
        ram.writeLong(h + 0x1000, (h + 0x2000) | P | W | U | A | D);
        ram.writeLong(h + 0x2000, (h + 0x3000) | P | A | D);
        ram.writeLong(h + 0x2000 + 8, (h + 0x4000) | P | U | A | D);
        ram.writeLong(h + 0x2000 + 16, (h + 0x5000) | P | W | A | D);
        ram.writeLong(level4Table + 8L * harnessSlot, h | P | W | U | A | D);
        writeSupervisorCode(h + 0x3000);
        writeUserCode(h + 0x4000);
        flushCode(); // uc_mem_write/host writes never invalidate translated code (U4)
        uc.flushTlb();
        this.harnessFrame = h;
        this.harnessSlot = harnessSlot;
        this.supervisorCodeVa = slotBase(harnessSlot);
        this.userCodeVa = slotBase(harnessSlot) + 0x1000;
        this.harnessInstalled = true;
        this.userBaselineValid = false;
    }

    /** The harness frame H, or -1 before {@link #installHarness}. */
    public long harnessFrame() {
        return harnessFrame;
    }

    /** The harness's level 4 slot, or -1 before {@link #installHarness}. */
    public int harnessSlot() {
        return harnessSlot;
    }

    private void writeSupervisorCode(long pa) {
        ram.fill(pa, 4096, INT3);
        ram.writeBytes(pa + SUP_LOAD64, LOAD64);
        ram.writeBytes(pa + SUP_STORE64, STORE64);
        ram.writeBytes(pa + SUP_READ8, READ8);
        ram.writeBytes(pa + SUP_WRITE8, WRITE8);
        ram.writeBytes(pa + SUP_SYSRET, SYSRETQ);
    }

    private void writeUserCode(long pa) {
        ram.fill(pa, 4096, INT3);
        ram.writeBytes(pa + USER_READ8, READ8);
        ram.writeBytes(pa + USER_WRITE8, WRITE8);
    }

    // ================================================================ accesses

    /**
     * One 8-byte supervisor load at {@code va} by the CPU ({@code mov rax,[rbx]} at CPL0, AC clear): how the
     * crate's table reads run. Completed carries the value and its physical address.
     */
    public AccessOutcome load64(long va) {
        requireHarness();
        prepare();
        uc.regWrite(UcConst.X86_REG_RBX, va);
        long begin = supervisorCodeVa + SUP_LOAD64;
        AccessOutcome outcome = runData(begin, LOAD64.length);
        if (outcome instanceof AccessOutcome.Completed c) {
            return new AccessOutcome.Completed(c.physicalAddress(), uc.regRead(UcConst.X86_REG_RAX));
        }
        return outcome;
    }

    /** One 8-byte supervisor store of {@code value} at {@code va} ({@code mov [rbx],rax} at CPL0, AC clear). */
    public AccessOutcome store64(long va, long value) {
        requireHarness();
        prepare();
        uc.regWrite(UcConst.X86_REG_RBX, va);
        uc.regWrite(UcConst.X86_REG_RAX, value);
        long begin = supervisorCodeVa + SUP_STORE64;
        return runData(begin, STORE64.length);
    }

    /**
     * One 1-byte access at {@code va} (trace-format.md, Accesses): a load, a store whose overwritten byte is
     * put back afterwards bypassing paging (the accessed/dirty bits it set stay), or an instruction fetch at
     * {@code va}. Completed carries the physical address used (and the byte, for a read).
     */
    public AccessOutcome access(long va, AccessKind kind, AccessMode mode) {
        requireHarness();
        return switch (kind) {
            case READ -> dataAccess(va, false, mode);
            case WRITE -> dataAccess(va, true, mode);
            case EXEC -> fetch(va, mode);
        };
    }

    private AccessOutcome dataAccess(long va, boolean write, AccessMode mode) {
        prepare(mode);
        uc.regWrite(UcConst.X86_REG_RBX, va);
        if (write) {
            uc.regWrite(UcConst.X86_REG_RAX, 0);
        }
        long begin = mode == AccessMode.SUPERVISOR
            ? supervisorCodeVa + (write ? SUP_WRITE8 : SUP_READ8)
            : userCodeVa + (write ? USER_WRITE8 : USER_READ8);
        AccessOutcome outcome = runData(begin, 2);
        if (outcome instanceof AccessOutcome.Completed c) {
            if (write) {
                if (originalBytePa != c.physicalAddress()) {
                    throw new IllegalStateException("write at 0x" + Long.toHexString(va) + " completed at 0x"
                        + Long.toHexString(c.physicalAddress()) + " but the write hook saw 0x"
                        + Long.toHexString(originalBytePa));
                }
                ram.writeByte(originalBytePa, originalByte);
                return new AccessOutcome.Completed(c.physicalAddress(), 0);
            }
            return new AccessOutcome.Completed(c.physicalAddress(), uc.regRead(UcConst.X86_REG_RAX) & 0xFF);
        }
        return outcome;
    }

    private AccessOutcome fetch(long va, AccessMode mode) {
        prepare(mode);
        if (va >= supervisorCodeVa && va - supervisorCodeVa < 0x3000) {
            // A block translated earlier at this very address (a harness snippet) would be reused as it is.
            flushCode();
        }
        AccessOutcome ended;
        if ((va & 0xFFF) != 0) {
            // Stop at the target itself: the block there is an exit block, nothing is decoded or run.
            ended = run(va, va);
            if (ended != null) {
                return ended;
            }
            long rip = uc.regRead(UcConst.X86_REG_RIP);
            if (rip != va) {
                throw new IllegalStateException("fetch at 0x" + Long.toHexString(va) + " stopped at RIP 0x"
                    + Long.toHexString(rip));
            }
            // The lookup's walk has just put the target's translation in the TLB: no new walk here.
            fetchPa = uc.vmemTranslate(va, UcConst.PROT_EXEC).orElseThrow(() -> new IllegalStateException(
                "fetch at 0x" + Long.toHexString(va) + " completed but uc_vmem_translate finds no translation"));
        } else {
            // Page-aligned: one-instruction block (TF), stopped by a code hook before it runs.
            uc.regWrite(UcConst.X86_REG_RFLAGS, RFLAGS_CLEAN | RFLAGS_TF);
            fetchTarget = va;
            Unicorn.Hook stop = uc.onCode(fetchStop, va, va);
            try {
                long park = (mode == AccessMode.SUPERVISOR ? supervisorCodeVa : userCodeVa) + PARK_OFFSET;
                ended = run(va, park);
            } finally {
                // Removing a code hook makes Unicorn invalidate the blocks it instrumented, which it finds by
                // translating their address (uc.c uc_hook_del): with CR3 parked that walk touches nothing.
                uc.regWrite(UcConst.X86_REG_CR3, PARKED_CR3);
                stop.remove();
                fetchTarget = -1;
            }
            if (ended != null) {
                return ended;
            }
            if (!fetchReached || fetchPa < 0) {
                throw new IllegalStateException("fetch at 0x" + Long.toHexString(va) + " ended without a fault and "
                    + "without reaching the target (RIP=0x" + Long.toHexString(uc.regRead(UcConst.X86_REG_RIP)) + ")");
            }
        }
        return ram.contains(fetchPa, 1)
            ? new AccessOutcome.Completed(fetchPa, 0)
            : new AccessOutcome.OutsideMemory(fetchPa);
    }

    private void prepare() {
        prepare(AccessMode.SUPERVISOR);
    }

    private void prepare(AccessMode mode) {
        if (mode == AccessMode.USER) {
            if (!userBaselineValid) {
                refreshUserBaseline();
            }
            uc.restoreContext(userBaseline);
        } else {
            uc.restoreContext(baseline);
        }
        uc.flushTlb();
        faultCount = 0;
        faultVector = -1;
        faultErrorCode = 0;
        faultCr2 = 0;
        accessPa = -1;
        unmappedPa = -1;
        originalBytePa = -1;
        fetchReached = false;
        fetchPa = -1;
    }

    /**
     * Runs a load or store snippet of {@code length} bytes. The int3 that follows it in the code page ends
     * the run through the interrupt hook: unlike an exit at {@code until}, which Unicorn translates anew and
     * throws away on every run, this leaves the snippet's translated block cached. {@code until} is an
     * address the run never reaches.
     */
    private AccessOutcome runData(long begin, int length) {
        AccessOutcome ended = run(begin, (begin & ~0xFFFL) + STOP_OFFSET);
        if (ended != null) {
            return ended;
        }
        long rip = uc.regRead(UcConst.X86_REG_RIP);
        long afterInt3 = begin + length + 1;
        if (faultCount != 1 || faultVector != BREAKPOINT || rip != afterInt3 || accessPa < 0) {
            throw new IllegalStateException("access snippet at 0x" + Long.toHexString(begin) + " ended at RIP 0x"
                + Long.toHexString(rip) + " (expected 0x" + Long.toHexString(afterInt3) + " after its int3) with "
                + faultCount + " exception(s) and "
                + (accessPa < 0 ? "no memory access seen" : "an access at 0x" + Long.toHexString(accessPa)));
        }
        return new AccessOutcome.Completed(accessPa, 0);
    }

    /**
     * Runs from {@code begin} until {@code until} or an exception. Returns the outcome if the run faulted
     * (#PF or #GP) or went outside memory; null if it ended otherwise (at {@code until}, by a hook, or by
     * the harness's int3, which the caller checks).
     */
    private AccessOutcome run(long begin, long until) {
        if (++runsSinceCodeFlush >= CODE_FLUSH_INTERVAL) {
            flushCode();
        }
        try {
            uc.emuStart(begin, until, 0, 0);
        } catch (UnicornException e) {
            boolean unmapped = e.error() == UcConst.ERR_READ_UNMAPPED || e.error() == UcConst.ERR_WRITE_UNMAPPED
                || e.error() == UcConst.ERR_FETCH_UNMAPPED;
            if (unmapped && unmappedPa >= 0 && faultCount == 0) {
                return new AccessOutcome.OutsideMemory(unmappedPa);
            }
            throw e;
        }
        if (faultCount == 0 || (faultCount == 1 && faultVector == BREAKPOINT)) {
            return null;
        }
        if (faultCount > 1 || (faultVector != UcFault.PAGE_FAULT && faultVector != UcFault.GENERAL_PROTECTION)) {
            throw new IllegalStateException("unexpected exception in the harness: vector " + faultVector + " (err 0x"
                + Long.toHexString(faultErrorCode) + ", cr2 0x" + Long.toHexString(faultCr2) + "), " + faultCount
                + " exception(s) in one access");
        }
        long cr2 = faultVector == UcFault.PAGE_FAULT ? faultCr2 : 0;
        return new AccessOutcome.Faulted(new UcFault(faultVector, faultErrorCode, cr2));
    }

    // ================================================================ hooks

    private void onInterrupt(Unicorn u, int vector) {
        faultCount++;
        if (faultCount == 1) {
            faultVector = vector;
            if (vector != BREAKPOINT) {
                faultCr2 = u.regRead(UcConst.X86_REG_CR2);
                u.saveContext(faultContext);
                faultErrorCode = errors.errorCode(faultContext) & 0xFFFF_FFFFL;
            }
        }
        // Keep Unicorn's end-of-run fetch walk of until-1 away from memory (see class comment).
        u.regWrite(UcConst.X86_REG_CR3, PARKED_CR3);
        u.emuStop();
    }

    private void onMemory(Unicorn u, int type, long pa, int size, long value) {
        if (accessPa < 0) {
            accessPa = pa;
        }
        if (type == UcConst.MEM_WRITE && size == 1 && originalBytePa < 0 && ram.contains(pa, 1)) {
            // Called before the store is done (store_helper), so this is the byte it overwrites.
            originalBytePa = pa;
            originalByte = ram.readByte(pa);
        }
    }

    private boolean onUnmapped(Unicorn u, int type, long pa, int size, long value) {
        if (unmappedPa < 0) {
            unmappedPa = pa;
        }
        return false;
    }

    private void onFetchStop(Unicorn u, long address, int size) {
        if (address != fetchTarget || fetchReached) {
            return;
        }
        fetchReached = true;
        // The block lookup's fetch walk has just filled the TLB for the target, so this does not walk again.
        fetchPa = u.vmemTranslate(address, UcConst.PROT_EXEC).orElse(-1);
        u.regWrite(UcConst.X86_REG_CR3, PARKED_CR3);
        u.emuStop();
    }

    /**
     * Makes the CPL3 baseline: from the CPL0 baseline, a {@code sysretq} into the user code page (SYSRET
     * needs EFER.SCE and STAR, no GDT; mmu-facts part 2 §2.2), stopped before the first user instruction.
     */
    private void refreshUserBaseline() {
        requireHarness();
        uc.restoreContext(baseline);
        uc.flushTlb();
        faultCount = 0;
        long target = userCodeVa + PARK_OFFSET;
        uc.regWrite(UcConst.X86_REG_RCX, target);
        uc.emuStart(supervisorCodeVa + SUP_SYSRET, target, 0, 0);
        long cs = uc.regRead(UcConst.X86_REG_CS);
        long rip = uc.regRead(UcConst.X86_REG_RIP);
        if (faultCount != 0 || (cs & 3) != 3 || rip != target) {
            throw new IllegalStateException("could not enter CPL3 through the harness (CR3=0x" + Long.toHexString(cr3)
                + "): " + (faultCount != 0 ? "vector " + faultVector + " err 0x" + Long.toHexString(faultErrorCode)
                + " cr2 0x" + Long.toHexString(faultCr2) : "CS=0x" + Long.toHexString(cs) + " RIP=0x"
                + Long.toHexString(rip)) + "; does the level 4 table in CR3 hold the harness entry?");
        }
        uc.saveContext(userBaseline);
        userBaselineValid = true;
    }

    // ================================================================ self-check and lifetime

    /**
     * Checks the error-code reader on faults whose codes are known (mmu-facts §6 typical values), using
     * throwaway tables in the first 40 KiB of memory, which is zeroed again afterwards.
     */
    private void selfTest() {
        final long pml4 = 0x1000;
        final long pdpt = 0x2000;
        final long pd = 0x3000;
        final long pt = 0x4000;
        final long code = 0x5000;
        ram.writeLong(pml4, pdpt | P | W | U);
        ram.writeLong(pdpt, pd | P | W | U);
        ram.writeLong(pd, pt | P | W | U);
        ram.writeLong(pt + 5 * 8, code | P);               // VA 0x5000: supervisor code, read-only
        ram.writeLong(pt + 6 * 8, 0x6000 | P | U);         // VA 0x6000: user, read-only
        ram.writeLong(pt + 8 * 8, 0x8000 | P | (1L << 51)); // VA 0x8000: reserved bit 51 (MAXPHYADDR 40)
        writeSupervisorCode(code);
        flushCode();
        supervisorCodeVa = code;
        setCr3(pml4);
        try {
            expectSelfTest(store8AtCpl0(0x6000), 0x3, 0x6000);   // write to read-only page, WP=1
            expectSelfTest(store8AtCpl0(0x7000), 0x2, 0x7000);   // write, PTE not present
            expectSelfTest(load8AtCpl0(0x8000), 0x9, 0x8000);    // read, reserved bit
            // faultContext was saved by the interrupt hook during the last fault.
            int old = errors.oldException(faultContext);
            if (old != UcFault.PAGE_FAULT) {
                throw new IllegalStateException("error-code reader self-check: old_exception reads " + old
                    + " in the #PF hook, expected 14");
            }
            AccessOutcome ok = load8AtCpl0(0x5000);
            if (!(ok instanceof AccessOutcome.Completed c) || c.physicalAddress() != 0x5000) {
                throw new IllegalStateException("self-check: a mapped read gave " + ok);
            }
        } finally {
            ram.fill(0, 0xA000, (byte) 0);
            flushCode();
            setCr3(0);
            supervisorCodeVa = 0;
        }
    }

    private AccessOutcome store8AtCpl0(long va) {
        prepare();
        uc.regWrite(UcConst.X86_REG_RBX, va);
        long begin = supervisorCodeVa + SUP_WRITE8;
        return runData(begin, 2);
    }

    private AccessOutcome load8AtCpl0(long va) {
        prepare();
        uc.regWrite(UcConst.X86_REG_RBX, va);
        long begin = supervisorCodeVa + SUP_READ8;
        return runData(begin, 2);
    }

    private static void expectSelfTest(AccessOutcome got, long errorCode, long cr2) {
        AccessOutcome want = new AccessOutcome.Faulted(new UcFault(UcFault.PAGE_FAULT, errorCode, cr2));
        if (!want.equals(got)) {
            throw new IllegalStateException("error-code reader self-check failed: expected " + want + ", got " + got
                + ". The CPUX86State.error_code offset found with the DR markers is wrong for this Unicorn build.");
        }
    }

    private void flushCode() {
        uc.flushTranslatedCode();
        runsSinceCodeFlush = 0;
    }

    private void requireHarness() {
        if (!harnessInstalled) {
            throw new IllegalStateException("installHarness must be called before CPU accesses");
        }
    }

    /** The engine underneath, for benchmarks and diagnostics. */
    Unicorn engine() {
        return uc;
    }

    /** Virtual address of the harness's {@code mov rax,[rbx]} (for the benchmark). */
    long load64SnippetVa() {
        return supervisorCodeVa + SUP_LOAD64;
    }

    /** Closes the engine and releases all native memory. */
    @Override
    public void close() {
        uc.close();
    }
}
