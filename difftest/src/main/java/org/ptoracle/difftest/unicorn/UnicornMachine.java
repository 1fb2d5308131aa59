package org.ptoracle.difftest.unicorn;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ptoracle.difftest.machine.EntryPath;
import org.ptoracle.difftest.machine.InitialLayout;
import org.ptoracle.difftest.machine.Machine;
import org.ptoracle.difftest.machine.MachineConfig;
import org.ptoracle.spec.Access;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.Fault;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.SupervisorAccess;
import org.ptoracle.spec.TableAccessFault;
import org.ptoracle.spec.Walk;

/**
 * The trace format's machine on Unicorn: the crate's table accesses are real supervisor loads and stores
 * by the emulated CPU ({@link EmulatedMachine#load64}, {@link EmulatedMachine#store64}), so QEMU's page
 * walker resolves the recursive addresses, sets the accessed and dirty bits and raises the faults.
 *
 * <p>Two duties of the format need to know which physical pages an access may change: the undo of a
 * refused operation, and the memory comparison after each step. Before every CPU access this class
 * follows the entries the walk will read (a plain read of memory, without permission checks, so a
 * superset of what the walker can write: the entries on the path and the page the access lands in),
 * saves those pages once per operation, and marks them as possibly written.
 */
public final class UnicornMachine implements Machine {
    private final EmulatedMachine emulator;
    private final MachineConfig config;
    private final long level4Frame;
    private final long slotEntry;
    private final Runnable onClose;
    private final BitSet written;
    private final Map<Integer, long[]> savedPages = new HashMap<>();
    private final SupervisorAccess cpu = new Cpu();

    /**
     * Sets up {@code emulator} (zeroed memory of the config's size) as the initial machine of
     * {@code config}; {@code onClose} runs instead of closing the engine (engine reuse).
     */
    UnicornMachine(EmulatedMachine emulator, MachineConfig config, long level4Frame, Runnable onClose) {
        this.emulator = emulator;
        this.config = config;
        this.level4Frame = level4Frame;
        this.slotEntry = config.harnessSlotEntry(level4Frame);
        this.onClose = onClose;
        this.written = new BitSet((int) (emulator.memorySize() / 4096));
        emulator.installHarness(level4Frame, config.harnessSlot(), config.harnessBase());
        for (InitialLayout.Word word : InitialLayout.words(config, level4Frame)) {
            emulator.writePhys64(word.pa(), word.value().toRaw());
            markWritten(word.pa());
        }
        for (long pa = config.harnessBase(); pa < config.harnessEnd(); pa += 4096) {
            markWritten(pa);
        }
        emulator.setControl(config.cr0Wp(), config.eferNxe(), config.cr4Smep(), config.cr4Smap());
        emulator.setCr3(level4Frame);
    }

    @Override
    public String name() {
        return "unicorn";
    }

    @Override
    public SupervisorAccess cpu() {
        return cpu;
    }

    /** The crate's loads and stores, run by the emulated CPU. */
    private final class Cpu implements SupervisorAccess {
        @Override
        public Entry load(long va) throws TableAccessFault, ForbiddenAccess {
            AccessOutcome outcome = guarded(va, () -> emulator.load64(va));
            return switch (outcome) {
                case AccessOutcome.Completed c -> Entry.fromRaw(c.value());
                case AccessOutcome.Faulted f -> throw new TableAccessFault(fault(f.fault()));
                case AccessOutcome.OutsideMemory o -> throw outside(va, o.physicalAddress());
            };
        }

        @Override
        public void store(long va, int low, long addr, int high) throws TableAccessFault, ForbiddenAccess {
            long raw = Entry.of(low, addr, high).toRaw();
            AccessOutcome outcome = guarded(va, () -> emulator.store64(va, raw));
            switch (outcome) {
                case AccessOutcome.Completed c -> {
                    if (protectedAddress(c.physicalAddress())) {
                        throw new ForbiddenAccess("store into harness memory", c.physicalAddress());
                    }
                }
                case AccessOutcome.Faulted f -> throw new TableAccessFault(fault(f.fault()));
                case AccessOutcome.OutsideMemory o -> throw outside(va, o.physicalAddress());
            }
        }
    }

    private static ForbiddenAccess outside(long va, long phys) {
        return new ForbiddenAccess("a table access of the crate at 0x" + Long.toHexString(va)
                + " reaches physical memory outside memory", phys);
    }

    @Override
    public Walk access(long va, int kind, int mode) throws ForbiddenAccess {
        AccessKind k = kind == Access.READ ? AccessKind.READ : kind == Access.WRITE ? AccessKind.WRITE : AccessKind.EXEC;
        AccessMode m = mode == Access.USER ? AccessMode.USER : AccessMode.SUPERVISOR;
        AccessOutcome outcome = guarded(va, () -> emulator.access(va, k, m));
        return switch (outcome) {
            case AccessOutcome.Completed c -> {
                if (kind == Access.WRITE && protectedAddress(c.physicalAddress())) {
                    throw new ForbiddenAccess("a write access would store into harness memory",
                            c.physicalAddress());
                }
                yield Walk.ok(c.physicalAddress());
            }
            case AccessOutcome.OutsideMemory o -> Walk.ok(o.physicalAddress());
            case AccessOutcome.Faulted f -> Walk.faulted(fault(f.fault()));
        };
    }

    private static Fault fault(UcFault fault) {
        if (fault.vector() == UcFault.GENERAL_PROTECTION) {
            return Fault.generalProtection();
        }
        return Fault.pageFault((int) fault.errorCode(), fault.cr2());
    }

    private boolean protectedAddress(long phys) {
        return config.inHarness(phys) || (phys >= slotEntry && phys < slotEntry + 8);
    }

    /**
     * Runs one CPU access after saving the pages it may change; afterwards refuses it when the walker set
     * a bit in harness memory or in the harness slot's entry (the trace format's rule).
     */
    private AccessOutcome guarded(long va, java.util.function.Supplier<AccessOutcome> run) throws ForbiddenAccess {
        BitSet pages = pagesTouchedBy(va);
        for (int page = pages.nextSetBit(0); page >= 0; page = pages.nextSetBit(page + 1)) {
            save(page);
            written.set(page);
        }
        long slotBefore = emulator.readPhys64(slotEntry);
        AccessOutcome outcome = run.get();
        if (emulator.readPhys64(slotEntry) != slotBefore) {
            throw new ForbiddenAccess("the walk set a bit in the harness slot's level 4 entry", slotEntry);
        }
        for (int page = pages.nextSetBit(0); page >= 0; page = pages.nextSetBit(page + 1)) {
            long pa = (long) page * 4096;
            if (config.inHarness(pa) && changed(page)) {
                throw new ForbiddenAccess("the walk set a bit in harness memory", pa);
            }
        }
        return outcome;
    }

    /**
     * The pages inside memory that an access at {@code va} can change: every entry the walk reads (it
     * may set ACCESSED or DIRTY there) and the page the access lands in.
     */
    private BitSet pagesTouchedBy(long va) {
        BitSet pages = new BitSet();
        List<EntryPath.Row> path = EntryPath.of(this, va);
        for (EntryPath.Row row : path) {
            if (row.entryAddress() + 8 <= emulator.memorySize()) {
                pages.set((int) (row.entryAddress() / 4096));
            }
        }
        long target = EntryPath.landing(path, va);
        if (target >= 0 && target < emulator.memorySize()) {
            pages.set((int) (target / 4096));
        }
        return pages;
    }

    private void markWritten(long pa) {
        written.set((int) (pa / 4096));
    }

    private void save(int page) {
        if (!savedPages.containsKey(page)) {
            long[] words = new long[512];
            readWords((long) page * 4096, words);
            savedPages.put(page, words);
        }
    }

    private boolean changed(int page) {
        return emulator.memory().firstDifference(savedPages.get(page), (long) page * 4096) >= 0;
    }

    @Override
    public Entry peek(long pa) {
        return Entry.fromRaw(emulator.readPhys64(pa));
    }

    @Override
    public void poke(long pa, Entry value) {
        emulator.writePhys64(pa, value.toRaw());
        markWritten(pa);
    }

    @Override
    public void setControl(boolean cr0Wp, boolean eferNxe, boolean cr4Smep, boolean cr4Smap) {
        emulator.setControl(cr0Wp, eferNxe, cr4Smep, cr4Smap);
    }

    @Override
    public void flushPage(long va) {
        // Every access flushes the TLB first (format version 1 caches nothing), so INVLPG changes nothing.
    }

    @Override
    public void flushAll() {
        // As flushPage.
    }

    @Override
    public long cr3() {
        return level4Frame;
    }

    @Override
    public long memorySize() {
        return emulator.memorySize();
    }

    @Override
    public void beginOperation() {
        savedPages.clear();
    }

    @Override
    public void undoOperation() {
        for (Map.Entry<Integer, long[]> saved : savedPages.entrySet()) {
            emulator.memory().writeWords((long) saved.getKey() * 4096, saved.getValue());
        }
        savedPages.clear();
    }

    @Override
    public BitSet writtenPages() {
        return written;
    }

    @Override
    public void readWords(long pa, long[] words) {
        emulator.memory().readWords(pa, words);
    }

    @Override
    public void close() {
        onClose.run();
    }
}
