package org.ptoracle.difftest.unicorn;

/**
 * The {@code uc_control_type} words that {@code uc_ctl} takes. In unicorn.h they are built by the
 * macros {@code UC_CTL(type, nr, rw)} and the {@code uc_ctl_*} helpers, which do not exist in the
 * shared library, so the encoding is rewritten here.
 *
 * <p>Layout (unicorn.h 2.1.4, comment above {@code UC_CTL_IO_NONE}): bits 31..30 say read/write,
 * bits 29..26 hold the number of arguments, bits 25..16 are reserved (zero), bits 15..0 hold the
 * control type from {@code enum uc_control_type}. The macro is
 * {@code (type) | ((nr) << 26) | ((rw) << 30)}.
 */
public final class UcCtl {
    private UcCtl() {
    }

    /** No input and no output arguments. */
    public static final int IO_NONE = 0;
    /** Input arguments only (a "set"). */
    public static final int IO_WRITE = 1;
    /** Output arguments only (a "get"). */
    public static final int IO_READ = 2;
    /** Both. */
    public static final int IO_READ_WRITE = IO_WRITE | IO_READ;

    // enum uc_control_type, in declaration order
    public static final int UC_MODE = 0;
    public static final int UC_PAGE_SIZE = 1;
    public static final int UC_ARCH = 2;
    public static final int UC_TIMEOUT = 3;
    public static final int UC_USE_EXITS = 4;
    public static final int UC_EXITS_CNT = 5;
    public static final int UC_EXITS = 6;
    public static final int CPU_MODEL = 7;
    public static final int TB_REQUEST_CACHE = 8;
    public static final int TB_REMOVE_CACHE = 9;
    public static final int TB_FLUSH = 10;
    public static final int TLB_FLUSH = 11;
    public static final int TLB_TYPE = 12;
    public static final int TCG_BUFFER_SIZE = 13;
    public static final int CONTEXT_MODE = 14;

    /**
     * {@code UC_CTL(type, nr, rw)}.
     *
     * @throws IllegalArgumentException if a field does not fit its bits
     */
    public static int encode(int type, int nargs, int rw) {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("control type out of 16 bits: " + type);
        }
        if (nargs < 0 || nargs > 0xF) {
            throw new IllegalArgumentException("argument count out of 4 bits: " + nargs);
        }
        if (rw < 0 || rw > 3) {
            throw new IllegalArgumentException("read/write out of 2 bits: " + rw);
        }
        return type | (nargs << 26) | (rw << 30);
    }

    /** The control type field of an encoded word. */
    public static int typeOf(int control) {
        return control & 0xFFFF;
    }

    /** The argument-count field of an encoded word. */
    public static int argCountOf(int control) {
        return (control >>> 26) & 0xF;
    }

    /** The read/write field of an encoded word. */
    public static int ioOf(int control) {
        return (control >>> 30) & 0x3;
    }

    /** {@code uc_ctl_set_cpu_model}: {@code UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1)}, one int argument. */
    public static final int SET_CPU_MODEL = encode(CPU_MODEL, 1, IO_WRITE);
    /** {@code uc_ctl_get_cpu_model}: {@code UC_CTL_READ(UC_CTL_CPU_MODEL, 1)}, one int* argument. */
    public static final int GET_CPU_MODEL = encode(CPU_MODEL, 1, IO_READ);
    /** {@code uc_ctl_flush_tb}: {@code UC_CTL_WRITE(UC_CTL_TB_FLUSH, 0)}. */
    public static final int FLUSH_TB = encode(TB_FLUSH, 0, IO_WRITE);
    /** {@code uc_ctl_flush_tlb}: {@code UC_CTL_WRITE(UC_CTL_TLB_FLUSH, 0)}. */
    public static final int FLUSH_TLB = encode(TLB_FLUSH, 0, IO_WRITE);
    /** {@code uc_ctl_tlb_mode}: {@code UC_CTL_WRITE(UC_CTL_TLB_TYPE, 1)}, one int argument. */
    public static final int SET_TLB_MODE = encode(TLB_TYPE, 1, IO_WRITE);
    /** {@code uc_ctl_remove_cache}: {@code UC_CTL_WRITE(UC_CTL_TB_REMOVE_CACHE, 2)}, two uint64_t. */
    public static final int REMOVE_CACHE = encode(TB_REMOVE_CACHE, 2, IO_WRITE);
    /** {@code uc_ctl_get_page_size}: {@code UC_CTL_READ(UC_CTL_UC_PAGE_SIZE, 1)}, one uint32_t*. */
    public static final int GET_PAGE_SIZE = encode(UC_PAGE_SIZE, 1, IO_READ);
    /** {@code uc_ctl_get_mode}: {@code UC_CTL_READ(UC_CTL_UC_MODE, 1)}, one int*. */
    public static final int GET_MODE = encode(UC_MODE, 1, IO_READ);
}
