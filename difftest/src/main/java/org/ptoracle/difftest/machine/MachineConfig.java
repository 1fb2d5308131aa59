package org.ptoracle.difftest.machine;

/**
 * The initial machine a trace header describes (trace-format.md, Header), with the format's defaults.
 *
 * @param recursiveIndex level 4 slot that points to the level 4 table itself
 * @param harnessSlot level 4 slot of the harness (differs from {@code recursiveIndex})
 * @param memoryMib physical memory is {@code [0, memoryMib MiB)}
 * @param poolStart first frame of the allocator's pool (at least 0x6000: the harness lies below it)
 * @param poolFrames number of 4 KiB frames in the pool
 */
public record MachineConfig(int recursiveIndex, int harnessSlot, int memoryMib, long poolStart, int poolFrames,
        boolean cr0Wp, boolean eferNxe, boolean cr4Smep, boolean cr4Smap) {

    /** The header with every field at its default. */
    public static MachineConfig defaults() {
        return new MachineConfig(510, 511, 64, 0x100000L, 1024, true, true, false, false);
    }

    /** Bytes of physical memory. */
    public long memoryBytes() {
        return (long) memoryMib << 20;
    }

    /** H: the first of the six harness frames, just below the pool. */
    public long harnessBase() {
        return poolStart - 0x6000L;
    }

    /** One past the last byte of harness memory. */
    public long harnessEnd() {
        return poolStart;
    }

    /** True when {@code pa} lies in harness memory. */
    public boolean inHarness(long pa) {
        return pa >= harnessBase() && pa < harnessEnd();
    }

    /** The physical address of level 4 entry {@code harnessSlot}, given the level 4 frame. */
    public long harnessSlotEntry(long level4Frame) {
        return level4Frame + 8L * harnessSlot;
    }
}
