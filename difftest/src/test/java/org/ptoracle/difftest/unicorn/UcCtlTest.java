package org.ptoracle.difftest.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The uc_ctl encoding against values worked out by hand from unicorn.h 2.1.4:
 * {@code UC_CTL(type, nr, rw) = type | nr << 26 | rw << 30}, with {@code UC_CTL_IO_WRITE = 1},
 * {@code UC_CTL_IO_READ = 2}, and the control types numbered from {@code UC_CTL_UC_MODE = 0}
 * in declaration order ({@code UC_CTL_CPU_MODEL = 7}, {@code UC_CTL_TB_FLUSH = 10},
 * {@code UC_CTL_TLB_FLUSH = 11}, {@code UC_CTL_TLB_TYPE = 12}).
 */
class UcCtlTest {

    @Test
    void namedControlsMatchTheHeaderMacros() {
        // uc_ctl_set_cpu_model: UC_CTL_WRITE(7, 1) = 7 | 1<<26 | 1<<30
        assertEquals(0x4400_0007, UcCtl.SET_CPU_MODEL);
        // uc_ctl_get_cpu_model: UC_CTL_READ(7, 1) = 7 | 1<<26 | 2<<30
        assertEquals(0x8400_0007, UcCtl.GET_CPU_MODEL);
        // uc_ctl_flush_tb: UC_CTL_WRITE(10, 0)
        assertEquals(0x4000_000A, UcCtl.FLUSH_TB);
        // uc_ctl_flush_tlb: UC_CTL_WRITE(11, 0)
        assertEquals(0x4000_000B, UcCtl.FLUSH_TLB);
        // uc_ctl_tlb_mode: UC_CTL_WRITE(12, 1)
        assertEquals(0x4400_000C, UcCtl.SET_TLB_MODE);
        // uc_ctl_remove_cache: UC_CTL_WRITE(9, 2)
        assertEquals(0x4800_0009, UcCtl.REMOVE_CACHE);
        // uc_ctl_get_page_size: UC_CTL_READ(1, 1)
        assertEquals(0x8400_0001, UcCtl.GET_PAGE_SIZE);
        // uc_ctl_get_mode: UC_CTL_READ(0, 1)
        assertEquals(0x8400_0000, UcCtl.GET_MODE);
    }

    @Test
    void readWriteIsBothBits() {
        // UC_CTL_READ_WRITE(UC_CTL_TB_REQUEST_CACHE = 8, 2), as uc_ctl_request_cache uses it
        assertEquals(0xC800_0008, UcCtl.encode(UcCtl.TB_REQUEST_CACHE, 2, UcCtl.IO_READ_WRITE));
        assertEquals(0x0000_000E, UcCtl.encode(UcCtl.CONTEXT_MODE, 0, UcCtl.IO_NONE));
    }

    @Test
    void fieldsDecodeBack() {
        int c = UcCtl.encode(UcCtl.UC_EXITS, 2, UcCtl.IO_WRITE);
        assertEquals(UcCtl.UC_EXITS, UcCtl.typeOf(c));
        assertEquals(2, UcCtl.argCountOf(c));
        assertEquals(UcCtl.IO_WRITE, UcCtl.ioOf(c));
        assertEquals(0, (c >>> 16) & 0x3FF, "reserved bits 25..16 stay zero");
    }

    @Test
    void fieldsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> UcCtl.encode(0x1_0000, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> UcCtl.encode(0, 16, 0));
        assertThrows(IllegalArgumentException.class, () -> UcCtl.encode(0, 0, 4));
    }
}
