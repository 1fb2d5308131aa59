package org.ptoracle.difftest.unicorn;

/**
 * The numeric constants of the Unicorn 2.1.4 C API that this package uses. Values are those of the
 * enums in {@code include/unicorn/unicorn.h} and {@code include/unicorn/x86.h} at tag 2.1.4 (enum
 * positions counted from the header; the wheel's {@code unicorn_const.py}/{@code x86_const.py} agree).
 */
public final class UcConst {
    private UcConst() {
    }

    // uc_arch, uc_mode
    public static final int ARCH_X86 = 4;
    public static final int MODE_64 = 1 << 3;

    // uc_err
    public static final int ERR_OK = 0;
    public static final int ERR_NOMEM = 1;
    public static final int ERR_ARCH = 2;
    public static final int ERR_HANDLE = 3;
    public static final int ERR_MODE = 4;
    public static final int ERR_VERSION = 5;
    public static final int ERR_READ_UNMAPPED = 6;
    public static final int ERR_WRITE_UNMAPPED = 7;
    public static final int ERR_FETCH_UNMAPPED = 8;
    public static final int ERR_HOOK = 9;
    public static final int ERR_INSN_INVALID = 10;
    public static final int ERR_MAP = 11;
    public static final int ERR_WRITE_PROT = 12;
    public static final int ERR_READ_PROT = 13;
    public static final int ERR_FETCH_PROT = 14;
    public static final int ERR_ARG = 15;
    public static final int ERR_READ_UNALIGNED = 16;
    public static final int ERR_WRITE_UNALIGNED = 17;
    public static final int ERR_FETCH_UNALIGNED = 18;
    public static final int ERR_HOOK_EXIST = 19;
    public static final int ERR_RESOURCE = 20;
    public static final int ERR_EXCEPTION = 21;
    public static final int ERR_OVERFLOW = 22;

    private static final String[] ERR_NAMES = {
        "UC_ERR_OK", "UC_ERR_NOMEM", "UC_ERR_ARCH", "UC_ERR_HANDLE", "UC_ERR_MODE", "UC_ERR_VERSION",
        "UC_ERR_READ_UNMAPPED", "UC_ERR_WRITE_UNMAPPED", "UC_ERR_FETCH_UNMAPPED", "UC_ERR_HOOK",
        "UC_ERR_INSN_INVALID", "UC_ERR_MAP", "UC_ERR_WRITE_PROT", "UC_ERR_READ_PROT", "UC_ERR_FETCH_PROT",
        "UC_ERR_ARG", "UC_ERR_READ_UNALIGNED", "UC_ERR_WRITE_UNALIGNED", "UC_ERR_FETCH_UNALIGNED",
        "UC_ERR_HOOK_EXIST", "UC_ERR_RESOURCE", "UC_ERR_EXCEPTION", "UC_ERR_OVERFLOW",
    };

    /** The enum name of a uc_err value, or {@code "uc_err(N)"} for one this table does not know. */
    public static String errName(int err) {
        return err >= 0 && err < ERR_NAMES.length ? ERR_NAMES[err] : "uc_err(" + err + ")";
    }

    // uc_prot
    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    public static final int PROT_ALL = 7;

    // uc_hook_type (bit flags)
    public static final int HOOK_INTR = 1;
    public static final int HOOK_CODE = 1 << 2;
    public static final int HOOK_MEM_READ_UNMAPPED = 1 << 4;
    public static final int HOOK_MEM_WRITE_UNMAPPED = 1 << 5;
    public static final int HOOK_MEM_FETCH_UNMAPPED = 1 << 6;
    public static final int HOOK_MEM_UNMAPPED =
        HOOK_MEM_READ_UNMAPPED | HOOK_MEM_WRITE_UNMAPPED | HOOK_MEM_FETCH_UNMAPPED;
    public static final int HOOK_MEM_READ = 1 << 10;
    public static final int HOOK_MEM_WRITE = 1 << 11;
    public static final int HOOK_EDGE_GENERATED = 1 << 15;

    // uc_mem_type, as passed to memory hooks
    public static final int MEM_READ = 16;
    public static final int MEM_WRITE = 17;
    public static final int MEM_FETCH = 18;
    public static final int MEM_READ_UNMAPPED = 19;
    public static final int MEM_WRITE_UNMAPPED = 20;
    public static final int MEM_FETCH_UNMAPPED = 21;

    // uc_tlb_type
    public static final int TLB_CPU = 0;
    public static final int TLB_VIRTUAL = 1;

    // uc_cpu_x86 (x86.h): position in the enum, starting at QEMU64 = 0
    public static final int CPU_X86_HASWELL = 19;
    public static final int CPU_X86_BROADWELL = 20;
    public static final int CPU_X86_SKYLAKE_CLIENT = 21;
    public static final int CPU_X86_SKYLAKE_SERVER = 22;

    // uc_x86_reg (x86.h)
    public static final int X86_REG_AL = 2;
    public static final int X86_REG_CS = 11;
    public static final int X86_REG_RAX = 35;
    public static final int X86_REG_RBX = 37;
    public static final int X86_REG_RCX = 38;
    public static final int X86_REG_RIP = 41;
    public static final int X86_REG_RSP = 44;
    public static final int X86_REG_CR0 = 50;
    public static final int X86_REG_CR2 = 52;
    public static final int X86_REG_CR3 = 53;
    public static final int X86_REG_CR4 = 54;
    /** DR0; DR1..DR7 follow consecutively. */
    public static final int X86_REG_DR0 = 66;
    public static final int X86_REG_R11 = 109;
    public static final int X86_REG_RFLAGS = 253;
    /** Pseudo-register taking a {@code uc_x86_msr {uint32_t rid; uint64_t value;}}. */
    public static final int X86_REG_MSR = 248;

    // MSR numbers (Intel SDM Vol. 4)
    public static final int MSR_EFER = 0xC000_0080;
    public static final int MSR_STAR = 0xC000_0081;
}
