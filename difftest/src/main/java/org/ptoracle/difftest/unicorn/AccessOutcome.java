package org.ptoracle.difftest.unicorn;

/**
 * What one CPU access on {@link EmulatedMachine} did: it completed, it faulted, or its translation
 * succeeded but the physical address is outside the mapped memory.
 */
public sealed interface AccessOutcome {

    /**
     * The access completed. {@code physicalAddress} is where it went (for an 8-byte access, its first
     * byte); {@code value} is what a load read (the byte for a 1-byte read, the word for
     * {@link EmulatedMachine#load64}), and 0 for stores and fetches.
     */
    record Completed(long physicalAddress, long value) implements AccessOutcome {
        @Override
        public String toString() {
            return "completed(pa=0x" + Long.toHexString(physicalAddress) + ", value=0x" + Long.toHexString(value) + ")";
        }
    }

    /** The CPU raised {@code fault}; the access did not happen. */
    record Faulted(UcFault fault) implements AccessOutcome {
        @Override
        public String toString() {
            return "faulted(" + fault + ")";
        }
    }

    /**
     * The walk succeeded (accessed/dirty bits are set as for a successful access) but
     * {@code physicalAddress} is not backed by memory: Unicorn ends the data access with
     * {@code UC_ERR_READ_UNMAPPED}/{@code UC_ERR_WRITE_UNMAPPED}; no byte is read or written. For a fetch
     * the translation succeeded to an address outside memory (nothing is read there either).
     */
    record OutsideMemory(long physicalAddress) implements AccessOutcome {
        @Override
        public String toString() {
            return "outside-memory(pa=0x" + Long.toHexString(physicalAddress) + ")";
        }
    }
}
