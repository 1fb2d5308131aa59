package org.ptoracle.model;

import java.util.ArrayList;
import java.util.List;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.SupervisorAccess;
import org.ptoracle.spec.TableAccessFault;

/**
 * Test wrapper around the {@link ModelCpu}: records the virtual address of every table load and store
 * the crate's code makes, in order ("L 0x..." / "S 0x..."), including the one that faults.
 */
final class RecordingCpu implements SupervisorAccess {
    private final SupervisorAccess inner;
    private final List<String> log = new ArrayList<>();

    RecordingCpu(SupervisorAccess inner) {
        this.inner = inner;
    }

    @Override
    public Entry load(long va) throws TableAccessFault, ForbiddenAccess {
        log.add("L 0x" + Long.toHexString(va));
        return inner.load(va);
    }

    @Override
    public void store(long va, int low, long addr, int high) throws TableAccessFault, ForbiddenAccess {
        log.add("S 0x" + Long.toHexString(va));
        inner.store(va, low, addr, high);
    }

    List<String> log() {
        return log;
    }

    long loads() {
        return log.stream().filter(s -> s.startsWith("L")).count();
    }

    long stores() {
        return log.stream().filter(s -> s.startsWith("S")).count();
    }

    void reset() {
        log.clear();
    }
}
