package org.ptoracle.difftest.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptoracle.difftest.unicorn.PagingFixture.PW;
import static org.ptoracle.difftest.unicorn.PagingFixture.PWU;
import static org.ptoracle.difftest.unicorn.PagingFixture.W;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One engine over 100,000 steps of every kind (loads, stores, 1-byte accesses, fetches at page starts
 * and elsewhere, faults, #GP, control changes): results stay right and native memory does not grow.
 */
@Tag("native")
class EmulatedMachineSoakTest {

    private static final long VA = 1L << 39;
    private static final long DATA = 0x300000;

    @Test
    void oneHundredThousandStepsWithoutNativeMemoryGrowth() throws IOException {
        try (PagingFixture f = new PagingFixture()) {
            f.ensure4k(VA, DATA, PWU, PWU);
            f.ensure4k(VA + 0x1000, DATA + 0x1000, PWU, PW); // supervisor page
            f.ensure4k(VA + 0x2000, DATA + 0x2000, PWU, W); // not present
            int steps = 100_000;
            int warmUp = 10_000;
            long rssAfterWarmUp = 0;
            long mallocAfterWarmUp = 0;
            for (int i = 0; i < steps; i++) {
                if (i == warmUp) {
                    rssAfterWarmUp = rssKib();
                    mallocAfterWarmUp = mallocInUse();
                }
                step(f, i);
            }
            long rssGrowthKib = rssKib() - rssAfterWarmUp;
            long mallocGrowth = mallocInUse() - mallocAfterWarmUp;
            System.out.printf("soak: %d steps after warm-up: malloc in use %+d bytes, RSS %+d KiB%n",
                steps - warmUp, mallocGrowth, rssGrowthKib);
            // Both also move with the JVM's own work (JIT compiler arenas: a few MB either way), so these bounds
            // only catch growth of 150+ bytes per step; the exit-block test below looks for small leaks.
            assertTrue(mallocGrowth < 16L << 20, "malloc in use grew by " + mallocGrowth + " bytes");
            assertTrue(rssGrowthKib < 64 * 1024, "RSS grew by " + rssGrowthKib + " KiB");
        }
    }

    /**
     * Unicorn 2.1.4 keeps one 48-byte node per translated block until its translation cache is flushed, and
     * a fetch at an address that is not page-aligned makes a new exit block every time; EmulatedMachine
     * flushes the cache periodically. Without that, 400,000 such fetches would hold 19 MB.
     */
    @Test
    void exitBlocksDoNotAccumulate() {
        try (PagingFixture f = new PagingFixture()) {
            f.map4k(VA, DATA, PWU);
            for (int i = 0; i < 50_000; i++) { // warm-up: let the JIT settle on this one loop
                f.m.access(VA + 1 + (i & 0xFF), AccessKind.EXEC, AccessMode.SUPERVISOR);
            }
            long before = mallocInUse();
            for (int i = 0; i < 400_000; i++) {
                f.m.access(VA + 1 + (i & 0xFF), AccessKind.EXEC, AccessMode.SUPERVISOR);
            }
            long growth = mallocInUse() - before;
            System.out.printf("soak: 400000 fetches: malloc in use %+d bytes%n", growth);
            // JIT-compiler memory moves this by a few MB either way
            assertTrue(growth < 8L << 20, "malloc in use grew by " + growth + " bytes over 400,000 fetches");
        }
    }

    /**
     * Bytes the C allocator has handed out and not taken back: glibc's {@code mallinfo2()} fields
     * {@code uordblks} (in-use heap chunks) plus {@code hblkhd} (mmap'ed chunks). struct mallinfo2 is ten
     * size_t: arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost.
     */
    private static final StructLayout MALLINFO2 =
        MemoryLayout.structLayout(MemoryLayout.sequenceLayout(10, ValueLayout.JAVA_LONG));
    private static final MethodHandle MALLINFO2_CALL = Linker.nativeLinker().downcallHandle(
        Linker.nativeLinker().defaultLookup().findOrThrow("mallinfo2"), FunctionDescriptor.of(MALLINFO2));

    private static long mallocInUse() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = (MemorySegment) MALLINFO2_CALL.invokeExact((SegmentAllocator) arena);
            return info.getAtIndex(ValueLayout.JAVA_LONG, 7) + info.getAtIndex(ValueLayout.JAVA_LONG, 4);
        } catch (Throwable t) {
            throw new IllegalStateException("mallinfo2 failed", t);
        }
    }

    private static void step(PagingFixture f, int i) {
        long off = (i * 8L) & 0xFF8;
        switch (i % 10) {
            case 0 -> assertEquals(new AccessOutcome.Completed(DATA + off, f.m.readPhys64(DATA + off)), f.m.load64(VA + off));
            case 1 -> assertEquals(new AccessOutcome.Completed(DATA + off, 0), f.m.store64(VA + off, i));
            case 2 -> assertEquals(new AccessOutcome.Completed(DATA + off, 0),
                f.m.access(VA + off, AccessKind.WRITE, AccessMode.USER));
            case 3 -> assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x5, VA + 0x1000 + off)),
                f.m.access(VA + 0x1000 + off, AccessKind.READ, AccessMode.USER));
            case 4 -> assertEquals(new AccessOutcome.Completed(DATA, 0),
                f.m.access(VA, AccessKind.EXEC, i % 20 == 4 ? AccessMode.USER : AccessMode.SUPERVISOR));
            case 5 -> assertEquals(new AccessOutcome.Completed(DATA + off + 1, 0),
                f.m.access(VA + off + 1, AccessKind.EXEC, AccessMode.SUPERVISOR));
            case 6 -> assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x10, VA + 0x2000)),
                f.m.access(VA + 0x2000, AccessKind.EXEC, AccessMode.SUPERVISOR));
            case 7 -> assertEquals(new AccessOutcome.Faulted(new UcFault(13, 0, 0)),
                f.m.access(0x0000_8000_0000_0000L + off, AccessKind.READ, AccessMode.SUPERVISOR));
            case 8 -> assertEquals(new AccessOutcome.Faulted(new UcFault(14, 0x2, VA + 0x2000 + off)),
                f.m.store64(VA + 0x2000 + off, 1));
            default -> {
                if (i % 1000 == 9) {
                    f.m.setControl((i & 1024) != 0, true, false, false); // no step writes a read-only page
                }
                assertEquals(new AccessOutcome.Completed(DATA + off, f.m.readPhys8(DATA + off) & 0xFF),
                    f.m.access(VA + off, AccessKind.READ, AccessMode.USER));
            }
        }
    }

    /** Resident set size of this process, from /proc/self/status (Linux). */
    private static long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
