package org.ptoracle.model;

import java.util.ArrayList;
import java.util.List;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.PhysicalMemory;

/**
 * Test wrapper around {@link SparseMemory} that counts every read and records every write made by the
 * MMU model and the model CPU (walks, accessed/dirty updates, the crate's stores). Pokes made by a test
 * go to the {@link SparseMemory} directly and are not recorded.
 */
final class RecordingMemory implements PhysicalMemory {
    /** One recorded store: where, and the raw words before and after. */
    record Write(long pa, long before, long after) {
        @Override
        public String toString() {
            return String.format("0x%x: 0x%x -> 0x%x", pa, before, after);
        }
    }

    private final SparseMemory inner;
    private int reads;
    private final List<Write> writes = new ArrayList<>();

    RecordingMemory(SparseMemory inner) {
        this.inner = inner;
    }

    @Override
    public long size() {
        return inner.size();
    }

    @Override
    public Entry read(long pa) {
        reads++;
        return inner.read(pa);
    }

    @Override
    public void write(long pa, Entry value) throws ForbiddenAccess {
        long before = inner.read(pa).toRaw();
        inner.write(pa, value);
        writes.add(new Write(pa, before, value.toRaw()));
    }

    @Override
    public void write(long pa, int low, long addr, int high) throws ForbiddenAccess {
        write(pa, Entry.of(low, addr, high));
    }

    int reads() {
        return reads;
    }

    List<Write> writes() {
        return writes;
    }

    /** Forgets what was recorded so far. */
    void reset() {
        reads = 0;
        writes.clear();
    }
}
