package org.ptoracle.difftest.unicorn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The FFM binding itself, on a flat (paging off) x86-64 engine. */
@Tag("native")
class UnicornBindingTest {

    private static final byte[] MOV_RAX_RBX_MEM = {0x48, (byte) 0x8b, 0x03}; // mov rax,[rbx]

    @Test
    void theLoadedLibraryIsTwoPointOne() {
        UnicornVersion v = Unicorn.libraryVersion();
        assertEquals(2, v.major());
        assertTrue(v.minor() >= 1, v.toString());
        assertTrue(UnicornLibrary.require().origin().length() > 0);
    }

    @Test
    void registersMemoryAndEmulation() {
        try (Unicorn uc = Unicorn.openX86_64()) {
            uc.memMap(0x1000, 0x2000, UcConst.PROT_ALL);
            uc.memWrite(0x1000, MOV_RAX_RBX_MEM);
            uc.memWrite(0x2000, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            uc.regWrite(UcConst.X86_REG_RBX, 0x2000);
            uc.emuStart(0x1000, 0x1003, 0, 0);
            assertEquals(0x0807060504030201L, uc.regRead(UcConst.X86_REG_RAX));
            assertEquals(0x1003, uc.regRead(UcConst.X86_REG_RIP));
            assertArrayEquals(new byte[] {1, 2, 3}, uc.memRead(0x2000, 3));
            uc.msrWrite(UcConst.MSR_STAR, 0x1234_5678_0000_0000L);
            assertEquals(0x1234_5678_0000_0000L, uc.msrRead(UcConst.MSR_STAR));
        }
    }

    @Test
    void errorsNameTheCallAndCarryUcStrerrorText() {
        try (Unicorn uc = Unicorn.openX86_64()) {
            var e = assertThrows(UnicornException.class, () -> uc.memMap(0x1001, 0x1000, UcConst.PROT_ALL));
            assertEquals("uc_mem_map", e.call());
            assertEquals(UcConst.ERR_ARG, e.error());
            assertTrue(e.getMessage().contains("uc_mem_map"), e.getMessage());
            assertTrue(e.getMessage().contains("UC_ERR_ARG"), e.getMessage());
            assertTrue(e.getMessage().contains(UcNative.strerror(UcConst.ERR_ARG)), e.getMessage());
            uc.memMap(0x1000, 0x1000, UcConst.PROT_ALL);
            uc.memWrite(0x1000, MOV_RAX_RBX_MEM);
            uc.regWrite(UcConst.X86_REG_RBX, 0x9000); // unmapped
            var read = assertThrows(UnicornException.class, () -> uc.emuStart(0x1000, 0x1003, 0, 0));
            assertEquals(UcConst.ERR_READ_UNMAPPED, read.error());
        }
    }

    @Test
    void aHookThatThrowsStopsEmulationAndTheExceptionComesBackFromEmuStart() {
        try (Unicorn uc = Unicorn.openX86_64()) {
            uc.memMap(0x1000, 0x1000, UcConst.PROT_ALL);
            byte[] nops = new byte[16];
            java.util.Arrays.fill(nops, (byte) 0x90);
            uc.memWrite(0x1000, nops);
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            List<Long> seen = new ArrayList<>();
            Unicorn.Hook hook = uc.onCode((u, address, size) -> {
                seen.add(address);
                if (address == 0x1004) {
                    throw boom;
                }
            }, 1, 0);
            var thrown = assertThrows(IllegalArgumentException.class, () -> uc.emuStart(0x1000, 0x1010, 0, 0));
            assertSame(boom, thrown);
            assertEquals(List.of(0x1000L, 0x1001L, 0x1002L, 0x1003L, 0x1004L), seen, "stopped at the failing hook");
            hook.remove();
            uc.emuStart(0x1000, 0x1010, 0, 0); // the engine is still usable
            assertEquals(0x1010, uc.regRead(UcConst.X86_REG_RIP));
        }
    }

    @Test
    void contextsSaveAndRestoreRegisters() {
        try (Unicorn uc = Unicorn.openX86_64()) {
            uc.regWrite(UcConst.X86_REG_RAX, 42);
            try (Unicorn.Context c = uc.saveContext()) {
                assertTrue(c.size() > 1000, "holds CPUX86State: " + c.size());
                uc.regWrite(UcConst.X86_REG_RAX, 7);
                c.restore();
                assertEquals(42, uc.regRead(UcConst.X86_REG_RAX));
            }
        }
    }

    @Test
    void ctlCallsWork() {
        try (Unicorn uc = Unicorn.openX86_64()) {
            uc.setCpuModel(UcConst.CPU_X86_SKYLAKE_SERVER);
            assertEquals(UcConst.CPU_X86_SKYLAKE_SERVER, uc.cpuModel());
            uc.setTlbMode(UcConst.TLB_CPU);
            uc.flushTlb();
            uc.flushTranslatedCode();
            // the model is fixed once the engine is initialised
            var e = assertThrows(UnicornException.class, () -> uc.setCpuModel(UcConst.CPU_X86_HASWELL));
            assertEquals(UcConst.ERR_ARG, e.error());
        }
    }

    @Test
    void hostMemoryIsSharedWithTheEngine() {
        try (Unicorn uc = Unicorn.openX86_64()) {
            HostMemory ram = uc.mapHostMemory(0, 0x10000, UcConst.PROT_ALL);
            ram.writeLong(0x2000, 0xCAFE);
            assertArrayEquals(new byte[] {(byte) 0xFE, (byte) 0xCA}, uc.memRead(0x2000, 2));
            uc.memWrite(0x3000, new byte[] {9});
            assertEquals(9, ram.readByte(0x3000));
            long[] copy = ram.toLongArray();
            assertEquals(-1, ram.firstDifference(copy));
            copy[0x3008 / 8] = 1;
            assertEquals(0x3008, ram.firstDifference(copy));
            assertEquals(0x2000, ram.firstDifference(pa -> 0, 0, 0x10000));
            assertEquals(-1, ram.firstDifference(pa -> 0, 0x4000, 0x10000));
            assertEquals(0x2000, ram.nextNonZeroWord(0, 0x10000));
            assertEquals(0x3000, ram.nextNonZeroWord(0x2008, 0x10000));
            assertEquals(-1, ram.nextNonZeroWord(0x3008, 0x10000));
            ram.writeLong(0xFFF8, 1);
            assertEquals(0xFFF8, ram.nextNonZeroWord(0x3008, 0x10000));
        }
    }

    @Test
    void closedEnginesRefuseCallsAndCloseTwiceIsHarmless() {
        Unicorn uc = Unicorn.openX86_64();
        HostMemory ram = uc.mapHostMemory(0, 0x1000, UcConst.PROT_ALL);
        uc.close();
        uc.close();
        assertThrows(IllegalStateException.class, () -> uc.regRead(UcConst.X86_REG_RAX));
        assertThrows(IllegalStateException.class, () -> ram.readLong(0));
    }

    @Test
    void errorCodeReaderFindsTheFieldsAndPutsTheDebugRegistersBack() {
        try (Unicorn uc = Unicorn.openX86_64()) {
            long[] before = new long[8];
            for (int i = 0; i < 8; i++) {
                before[i] = uc.regRead(UcConst.X86_REG_DR0 + i);
            }
            ErrorCodeReader r = ErrorCodeReader.locate(uc);
            assertEquals(r.dr0Offset() - 16, r.errorCodeOffset());
            assertEquals(r.dr0Offset() + 96, r.oldExceptionOffset());
            for (int i = 0; i < 8; i++) {
                assertEquals(before[i], uc.regRead(UcConst.X86_REG_DR0 + i), "DR" + i);
            }
            assertEquals(0xFFFF0FF0L, before[6], "DR6 reset value (SDM Vol. 3B §17.2.3)");
            try (Unicorn.Context c = uc.saveContext()) {
                assertEquals(-1, r.oldException(c));
                assertEquals(0, r.errorCode(c));
            }
        }
    }
}
