package org.ptoracle.difftest.machine;

import java.util.BitSet;
import org.ptoracle.model.MmuModel;
import org.ptoracle.model.ModelCpu;
import org.ptoracle.model.SeededBug;
import org.ptoracle.model.SparseMemory;
import org.ptoracle.spec.Access;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.SupervisorAccess;
import org.ptoracle.spec.Walk;

/** The reference machine: {@link SparseMemory} and {@link MmuModel}, pure Java. */
public final class ModelMachine implements Machine {
    private final MachineConfig config;
    private final long level4Frame;
    private final SparseMemory memory;
    private final MmuModel mmu;
    private final ModelCpu cpu;

    /** The initial machine of {@code config}, with the level 4 table at {@code level4Frame}. */
    public ModelMachine(MachineConfig config, long level4Frame) {
        this(config, level4Frame, SeededBug.NONE);
    }

    /** The same machine with a hardware-side {@link SeededBug} switched on in its MMU. */
    public ModelMachine(MachineConfig config, long level4Frame, int seededBug) {
        this.config = config;
        this.level4Frame = level4Frame;
        this.memory = new SparseMemory(config.memoryBytes(), config.harnessBase(), config.harnessEnd(),
                config.harnessSlotEntry(level4Frame));
        for (InitialLayout.Word word : InitialLayout.words(config, level4Frame)) {
            memory.initialize(word.pa(), word.value());
        }
        this.mmu = new MmuModel(memory, level4Frame, config.cr0Wp(), config.eferNxe(), config.cr4Smep(),
                config.cr4Smap(), seededBug);
        this.cpu = new ModelCpu(mmu, memory);
    }

    @Override
    public String name() {
        return "model";
    }

    @Override
    public SupervisorAccess cpu() {
        return cpu;
    }

    /** The model's physical memory, for comparisons and walk displays. */
    public SparseMemory memory() {
        return memory;
    }

    @Override
    public Walk access(long va, int kind, int mode) throws ForbiddenAccess {
        Walk walk = mmu.access(va, kind, mode);
        if (walk.fault == null && kind == Access.WRITE && storeForbidden(walk.phys)) {
            throw new ForbiddenAccess("a write access would store into harness memory", walk.phys);
        }
        return walk;
    }

    private boolean storeForbidden(long phys) {
        long slotEntry = config.harnessSlotEntry(level4Frame);
        return config.inHarness(phys) || (phys >= slotEntry && phys < slotEntry + 8);
    }

    @Override
    public Entry peek(long pa) {
        return memory.read(pa);
    }

    @Override
    public void poke(long pa, Entry value) {
        memory.initialize(pa, value);
    }

    @Override
    public void setControl(boolean cr0Wp, boolean eferNxe, boolean cr4Smep, boolean cr4Smap) {
        mmu.setControl(cr0Wp, eferNxe, cr4Smep, cr4Smap);
    }

    @Override
    public void flushPage(long va) {
        // No TLB in format version 1: nothing is cached, so nothing to drop.
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
        return memory.size();
    }

    @Override
    public void beginOperation() {
        memory.beginOperation();
    }

    @Override
    public void undoOperation() {
        memory.undoOperation();
    }

    @Override
    public BitSet writtenPages() {
        int pages = (int) (memory.size() / 4096);
        BitSet written = new BitSet(pages);
        for (int i = 0; i < pages; i++) {
            if (memory.pageWritten(i)) {
                written.set(i);
            }
        }
        return written;
    }

    @Override
    public void close() {
        // Pure Java: nothing to release.
    }
}
