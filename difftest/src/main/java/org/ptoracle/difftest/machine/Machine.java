package org.ptoracle.difftest.machine;

import java.util.BitSet;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.SupervisorAccess;
import org.ptoracle.spec.Walk;

/**
 * One backend's x86-64 machine, set up as a trace header says (trace-format.md, Header): physical
 * memory, the harness, the level 4 table with its recursive entry, CR3 and the control bits. The crate
 * model runs unchanged on any machine: its table accesses go through {@link #cpu()}. The model's
 * machine is {@link ModelMachine}; the Unicorn backend's performs the same calls on the emulated CPU.
 */
public interface Machine extends AutoCloseable {
    /** A short name for reports: "model" or "unicorn". */
    String name();

    /** The CPU as the crate's code uses it: 8-byte supervisor loads and stores at virtual addresses. */
    SupervisorAccess cpu();

    /**
     * One 1-byte access by the CPU (trace op {@code access}): a load, a store whose overwritten byte is
     * put back afterwards bypassing paging, or an instruction fetch. A store whose physical address is
     * harness memory, and a walk that would set a bit in harness memory, throw {@link ForbiddenAccess}.
     */
    Walk access(long va, int kind, int mode) throws ForbiddenAccess;

    /** The 8-byte word at physical {@code pa}, bypassing paging (inside memory). */
    Entry peek(long pa);

    /** Writes the 8-byte word at physical {@code pa}, bypassing paging (the caller checked the rules). */
    void poke(long pa, Entry value);

    /** Changes CR0.WP, EFER.NXE, CR4.SMEP and CR4.SMAP, and flushes the TLB. */
    void setControl(boolean cr0Wp, boolean eferNxe, boolean cr4Smep, boolean cr4Smap);

    /** INVLPG of the page at {@code va}. */
    void flushPage(long va);

    /** Reloads CR3. */
    void flushAll();

    /** The level 4 table's physical address (CR3's frame). */
    long cr3();

    /** Bytes of physical memory. */
    long memorySize();

    /** Marks the start of an operation, so that {@link #undoOperation} can put memory back. */
    void beginOperation();

    /** Puts physical memory back as it was at {@link #beginOperation} (a refused operation). */
    void undoOperation();

    /**
     * A hint for comparing memories: the 4 KiB pages (bit {@code i} is the page at {@code i * 4096}) that
     * may hold a non-zero byte, i.e. every page written since the machine was built, the initial layout
     * included; every page outside the set must read as zero. Null (the default) when the backend does not
     * track writes: then every page of memory is read.
     */
    default BitSet writtenPages() {
        return null;
    }

    /**
     * Reads {@code words.length} consecutive 8-byte words of physical memory from {@code pa} (8-byte
     * aligned, inside memory), bypassing paging. The default reads word by word through {@link #peek};
     * a backend with a bulk read should override it.
     */
    default void readWords(long pa, long[] words) {
        for (int i = 0; i < words.length; i++) {
            words[i] = peek(pa + 8L * i).toRaw();
        }
    }

    @Override
    void close();
}
