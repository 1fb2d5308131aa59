package org.ptoracle.model;

import org.ptoracle.spec.Access;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.PhysicalMemory;
import org.ptoracle.spec.SupervisorAccess;
import org.ptoracle.spec.TableAccessFault;
import org.ptoracle.spec.Walk;

/**
 * The crate's table accesses on the model: each 8-byte load or store is one supervisor access through
 * {@link MmuModel} (which walks, sets accessed/dirty bits, and may fault), then the word itself. A table
 * entry that translates outside physical memory is refused ({@link ForbiddenAccess}), as the trace
 * format requires.
 */
public final class ModelCpu implements SupervisorAccess {
    private final MmuModel mmu;
    private final PhysicalMemory memory;

    /*@ public normal_behavior
      @ requires mmu != null && memory != null;
      @ assignable \nothing;
      @*/
    public ModelCpu(MmuModel mmu, PhysicalMemory memory) {
        this.mmu = mmu;
        this.memory = memory;
    }

    @Override
    public Entry load(long va) throws TableAccessFault, ForbiddenAccess {
        long phys = translate(va, Access.READ);
        return memory.read(phys);
    }

    @Override
    public void store(long va, int low, long addr, int high) throws TableAccessFault, ForbiddenAccess {
        long phys = translate(va, Access.WRITE);
        memory.write(phys, low, addr, high);
    }

    private long translate(long va, int kind) throws TableAccessFault, ForbiddenAccess {
        Walk walk = mmu.access(va, kind, Access.SUPERVISOR);
        if (walk.fault != null) {
            throw new TableAccessFault(walk.fault);
        }
        if (walk.phys + 8 > memory.size()) {
            throw new ForbiddenAccess("a table access of the crate reaches physical memory outside memory",
                    walk.phys);
        }
        return walk.phys;
    }
}
