package org.ptoracle.difftest.unicorn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Downcall handles for the Unicorn C API, one per function, each with its C prototype (unicorn.h 2.1.4)
 * and FunctionDescriptor side by side. {@code uc_err}, enums and {@code int} are JAVA_INT; {@code
 * uint64_t} and {@code size_t} are JAVA_LONG (LP64); pointers are ADDRESS.
 *
 * <p>Only {@link Unicorn} and {@link UnicornLibrary} use this class, after {@link UnicornLibrary#require()}
 * has located the library. The variadic {@code uc_ctl} gets one handle per argument shape that this
 * package passes, each declared with {@link Linker.Option#firstVariadicArg}.
 */
final class UcNative {
    private UcNative() {
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIB = UnicornLibrary.symbols();

    private static MethodHandle fn(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LIB.find(name).orElseThrow(() -> new UnicornUnavailableException(
            "The Unicorn library has no symbol " + name + "; it is not Unicorn 2.1.4 or later"));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    // unsigned int uc_version(unsigned int *major, unsigned int *minor);
    static final FunctionDescriptor UC_VERSION_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle UC_VERSION = fn("uc_version", UC_VERSION_DESC);

    // uc_err uc_open(uc_arch arch, uc_mode mode, uc_engine **uc);
    static final FunctionDescriptor UC_OPEN_DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    static final MethodHandle UC_OPEN = fn("uc_open", UC_OPEN_DESC);

    // uc_err uc_close(uc_engine *uc);
    static final FunctionDescriptor UC_CLOSE_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    static final MethodHandle UC_CLOSE = fn("uc_close", UC_CLOSE_DESC);

    // const char *uc_strerror(uc_err code);
    static final FunctionDescriptor UC_STRERROR_DESC = FunctionDescriptor.of(ADDRESS, JAVA_INT);
    static final MethodHandle UC_STRERROR = fn("uc_strerror", UC_STRERROR_DESC);

    // uc_err uc_errno(uc_engine *uc);
    static final FunctionDescriptor UC_ERRNO_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    static final MethodHandle UC_ERRNO = fn("uc_errno", UC_ERRNO_DESC);

    // uc_err uc_mem_map(uc_engine *uc, uint64_t address, uint64_t size, uint32_t perms);
    static final FunctionDescriptor UC_MEM_MAP_DESC =
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT);
    static final MethodHandle UC_MEM_MAP = fn("uc_mem_map", UC_MEM_MAP_DESC);

    // uc_err uc_mem_map_ptr(uc_engine *uc, uint64_t address, uint64_t size, uint32_t perms, void *ptr);
    static final FunctionDescriptor UC_MEM_MAP_PTR_DESC =
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS);
    static final MethodHandle UC_MEM_MAP_PTR = fn("uc_mem_map_ptr", UC_MEM_MAP_PTR_DESC);

    // uc_err uc_mem_read(uc_engine *uc, uint64_t address, void *bytes, uint64_t size);
    static final FunctionDescriptor UC_MEM_READ_DESC =
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
    static final MethodHandle UC_MEM_READ = fn("uc_mem_read", UC_MEM_READ_DESC);

    // uc_err uc_mem_write(uc_engine *uc, uint64_t address, const void *bytes, uint64_t size);
    static final FunctionDescriptor UC_MEM_WRITE_DESC =
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
    static final MethodHandle UC_MEM_WRITE = fn("uc_mem_write", UC_MEM_WRITE_DESC);

    // uc_err uc_reg_read(uc_engine *uc, int regid, void *value);
    static final FunctionDescriptor UC_REG_READ_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    static final MethodHandle UC_REG_READ = fn("uc_reg_read", UC_REG_READ_DESC);

    // uc_err uc_reg_write(uc_engine *uc, int regid, const void *value);
    static final FunctionDescriptor UC_REG_WRITE_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    static final MethodHandle UC_REG_WRITE = fn("uc_reg_write", UC_REG_WRITE_DESC);

    // uc_err uc_emu_start(uc_engine *uc, uint64_t begin, uint64_t until, uint64_t timeout, size_t count);
    static final FunctionDescriptor UC_EMU_START_DESC =
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    static final MethodHandle UC_EMU_START = fn("uc_emu_start", UC_EMU_START_DESC);

    // uc_err uc_emu_stop(uc_engine *uc);
    static final FunctionDescriptor UC_EMU_STOP_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    static final MethodHandle UC_EMU_STOP = fn("uc_emu_stop", UC_EMU_STOP_DESC);

    // uc_err uc_hook_add(uc_engine *uc, uc_hook *hh, int type, void *callback, void *user_data,
    //                    uint64_t begin, uint64_t end, ...);
    // The variadic part is an instruction id for UC_HOOK_INSN (and an int for UC_HOOK_TCG_OPCODE);
    // other hook types ignore it. This package always passes one int there (0), declared variadic.
    static final FunctionDescriptor UC_HOOK_ADD_DESC = FunctionDescriptor.of(
        JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT);
    static final MethodHandle UC_HOOK_ADD = fn("uc_hook_add", UC_HOOK_ADD_DESC, Linker.Option.firstVariadicArg(7));

    // uc_err uc_hook_del(uc_engine *uc, uc_hook hh);   (uc_hook is size_t)
    static final FunctionDescriptor UC_HOOK_DEL_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG);
    static final MethodHandle UC_HOOK_DEL = fn("uc_hook_del", UC_HOOK_DEL_DESC);

    // uc_err uc_context_alloc(uc_engine *uc, uc_context **context);
    static final FunctionDescriptor UC_CONTEXT_ALLOC_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle UC_CONTEXT_ALLOC = fn("uc_context_alloc", UC_CONTEXT_ALLOC_DESC);

    // uc_err uc_context_save(uc_engine *uc, uc_context *context);
    static final FunctionDescriptor UC_CONTEXT_SAVE_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle UC_CONTEXT_SAVE = fn("uc_context_save", UC_CONTEXT_SAVE_DESC);

    // uc_err uc_context_restore(uc_engine *uc, uc_context *context);
    static final FunctionDescriptor UC_CONTEXT_RESTORE_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle UC_CONTEXT_RESTORE = fn("uc_context_restore", UC_CONTEXT_RESTORE_DESC);

    // size_t uc_context_size(uc_engine *uc);
    static final FunctionDescriptor UC_CONTEXT_SIZE_DESC = FunctionDescriptor.of(JAVA_LONG, ADDRESS);
    static final MethodHandle UC_CONTEXT_SIZE = fn("uc_context_size", UC_CONTEXT_SIZE_DESC);

    // uc_err uc_context_free(uc_context *context);
    static final FunctionDescriptor UC_CONTEXT_FREE_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    static final MethodHandle UC_CONTEXT_FREE = fn("uc_context_free", UC_CONTEXT_FREE_DESC);

    // uc_err uc_vmem_translate(uc_engine *uc, uint64_t address, uc_prot prot, uint64_t *paddress);
    static final FunctionDescriptor UC_VMEM_TRANSLATE_DESC =
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS);
    static final MethodHandle UC_VMEM_TRANSLATE = fn("uc_vmem_translate", UC_VMEM_TRANSLATE_DESC);

    // uc_err uc_ctl(uc_engine *uc, uc_control_type control, ...);
    // Shape 1: no variadic argument (uc_ctl_flush_tb, uc_ctl_flush_tlb).
    static final FunctionDescriptor UC_CTL_NOARG_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
    static final MethodHandle UC_CTL_NOARG = fn("uc_ctl", UC_CTL_NOARG_DESC, Linker.Option.firstVariadicArg(2));
    // Shape 2: one int (uc_ctl_set_cpu_model, uc_ctl_tlb_mode).
    static final FunctionDescriptor UC_CTL_INT_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    static final MethodHandle UC_CTL_INT = fn("uc_ctl", UC_CTL_INT_DESC, Linker.Option.firstVariadicArg(2));
    // Shape 3: one pointer (uc_ctl_get_cpu_model, uc_ctl_get_page_size, uc_ctl_get_mode).
    static final FunctionDescriptor UC_CTL_PTR_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    static final MethodHandle UC_CTL_PTR = fn("uc_ctl", UC_CTL_PTR_DESC, Linker.Option.firstVariadicArg(2));
    // Shape 4: two uint64_t (uc_ctl_remove_cache).
    static final FunctionDescriptor UC_CTL_LONG2_DESC =
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG);
    static final MethodHandle UC_CTL_LONG2 = fn("uc_ctl", UC_CTL_LONG2_DESC, Linker.Option.firstVariadicArg(2));

    /** {@code uc_version(NULL, NULL)}: the packed version. */
    static int version() {
        try {
            return (int) UC_VERSION.invokeExact(MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw Unicorn.rethrow(t);
        }
    }

    /** {@code uc_strerror(code)} as a Java string. */
    static String strerror(int code) {
        try {
            MemorySegment text = (MemorySegment) UC_STRERROR.invokeExact(code);
            if (text.address() == 0) {
                return "no text";
            }
            return text.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            throw Unicorn.rethrow(t);
        }
    }
}
