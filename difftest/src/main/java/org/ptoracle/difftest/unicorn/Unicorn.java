package org.ptoracle.difftest.unicorn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One Unicorn engine ({@code uc_engine *}), with a typed Java face: no {@code MemorySegment} leaves this
 * class, and every non-zero {@code uc_err} becomes a {@link UnicornException} naming the call.
 *
 * <p>Native memory (the engine's scratch buffers, upcall stubs, contexts, host-backed guest memory) lives
 * in one arena owned by this object and ends with {@link #close()}; there are no finalizers.
 *
 * <p>Hooks: a callback runs inside {@code uc_emu_start}. An exception escaping an upcall would kill the
 * JVM, so each callback is wrapped: anything it throws is caught and kept, emulation is stopped, and
 * {@link #emuStart} rethrows it after {@code uc_emu_start} returns.
 *
 * <p>Not thread-safe: the engine is used by one thread at a time, and the hooks run on that thread.
 */
public final class Unicorn implements AutoCloseable {

    /** Called for CPU exceptions and interrupts ({@code UC_HOOK_INTR}). */
    @FunctionalInterface
    public interface InterruptHook {
        void onInterrupt(Unicorn uc, int vector);
    }

    /**
     * Called for a memory access ({@code UC_HOOK_MEM_READ} / {@code _WRITE}). In Unicorn 2.1.x with the CPU
     * TLB, {@code address} is the <em>physical</em> address after translation (load_helper/store_helper in
     * qemu/accel/tcg/cputlb.c pass {@code paddr}).
     */
    @FunctionalInterface
    public interface MemoryHook {
        void onAccess(Unicorn uc, int type, long address, int size, long value);
    }

    /**
     * Called for an access to unmapped or protected memory ({@code UC_HOOK_MEM_*_UNMAPPED}/{@code _PROT});
     * {@code address} is physical (as for {@link MemoryHook}). Return true only if the memory was made
     * accessible; false ends emulation with the matching {@code uc_err}.
     */
    @FunctionalInterface
    public interface InvalidMemoryHook {
        boolean onInvalid(Unicorn uc, int type, long address, int size, long value);
    }

    /**
     * Called when a new translation block has just been generated, before it runs
     * ({@code UC_HOOK_EDGE_GENERATED}; cpu-exec.c {@code tb_find}).
     */
    @FunctionalInterface
    public interface EdgeHook {
        void onEdge(Unicorn uc, long blockPc, long previousBlockPc);
    }

    /** Called before each instruction in range ({@code UC_HOOK_CODE}). */
    @FunctionalInterface
    public interface CodeHook {
        void onInstruction(Unicorn uc, long address, int size);
    }

    private static final Linker LINKER = Linker.nativeLinker();

    // void (*uc_cb_hookintr_t)(uc_engine *uc, uint32_t intno, void *user_data);
    private static final FunctionDescriptor INTR_CB = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS);
    // void (*uc_cb_hookmem_t)(uc_engine *uc, uc_mem_type type, uint64_t address, int size, int64_t value,
    //                         void *user_data);
    private static final FunctionDescriptor MEM_CB =
        FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS);
    // bool (*uc_cb_eventmem_t)(uc_engine *uc, uc_mem_type type, uint64_t address, int size, int64_t value,
    //                          void *user_data);
    private static final FunctionDescriptor EVENTMEM_CB =
        FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS);
    // void (*uc_hook_edge_gen_t)(uc_engine *uc, uc_tb *cur_tb, uc_tb *prev_tb, void *user_data);
    private static final FunctionDescriptor EDGE_CB = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    // void (*uc_cb_hookcode_t)(uc_engine *uc, uint64_t address, uint32_t size, void *user_data);
    private static final FunctionDescriptor CODE_CB = FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS);

    private static final MethodHandle INTR_TARGET;
    private static final MethodHandle MEM_TARGET;
    private static final MethodHandle EVENTMEM_TARGET;
    private static final MethodHandle EDGE_TARGET;
    private static final MethodHandle CODE_TARGET;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            INTR_TARGET = lookup.findVirtual(Unicorn.class, "intrUpcall",
                MethodType.methodType(void.class, InterruptHook.class, MemorySegment.class, int.class,
                    MemorySegment.class));
            MEM_TARGET = lookup.findVirtual(Unicorn.class, "memUpcall",
                MethodType.methodType(void.class, MemoryHook.class, MemorySegment.class, int.class, long.class,
                    int.class, long.class, MemorySegment.class));
            EVENTMEM_TARGET = lookup.findVirtual(Unicorn.class, "eventMemUpcall",
                MethodType.methodType(boolean.class, InvalidMemoryHook.class, MemorySegment.class, int.class,
                    long.class, int.class, long.class, MemorySegment.class));
            EDGE_TARGET = lookup.findVirtual(Unicorn.class, "edgeUpcall",
                MethodType.methodType(void.class, EdgeHook.class, MemorySegment.class, MemorySegment.class,
                    MemorySegment.class, MemorySegment.class));
            CODE_TARGET = lookup.findVirtual(Unicorn.class, "codeUpcall",
                MethodType.methodType(void.class, CodeHook.class, MemorySegment.class, long.class, int.class,
                    MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Arena arena;
    private final MemorySegment engine;
    /** Argument/result buffer for register, pointer and MSR calls (used by one call at a time). */
    private final MemorySegment scratch;
    /** {@code uc_context_size}, asked lazily: the call initialises the engine, after which the CPU model is fixed. */
    private long contextSize = -1;
    private final List<Context> contexts = new ArrayList<>();
    private final Map<Object, MemorySegment> stubs = new IdentityHashMap<>();
    private Throwable callbackFailure;
    private boolean running;
    private boolean closed;

    private Unicorn(Arena arena, MemorySegment engine, MemorySegment scratch) {
        this.arena = arena;
        this.engine = engine;
        this.scratch = scratch;
    }

    /**
     * Opens an engine ({@code uc_open}).
     *
     * @throws UnicornUnavailableException if the library is missing or refused
     */
    public static Unicorn open(int arch, int mode) {
        UnicornLibrary.require();
        Arena arena = Arena.ofShared();
        try {
            MemorySegment scratch = arena.allocate(64, 16);
            int err = (int) UcNative.UC_OPEN.invokeExact(arch, mode, scratch);
            check("uc_open", err);
            MemorySegment engine = scratch.get(ADDRESS, 0);
            return new Unicorn(arena, engine, scratch);
        } catch (Throwable t) {
            arena.close();
            throw rethrow(t);
        }
    }

    /** {@code uc_open(UC_ARCH_X86, UC_MODE_64)}. */
    public static Unicorn openX86_64() {
        return open(UcConst.ARCH_X86, UcConst.MODE_64);
    }

    /** The loaded library's version ({@code uc_version}). */
    public static UnicornVersion libraryVersion() {
        return UnicornLibrary.require().version();
    }

    // ---------------------------------------------------------------- uc_ctl

    /**
     * {@code uc_ctl_set_cpu_model}: must come before anything that initialises the engine (mapping memory,
     * registers, contexts); afterwards Unicorn answers UC_ERR_ARG (uc.c, UC_CTL_CPU_MODEL).
     */
    public void setCpuModel(int model) {
        ctlInt("uc_ctl(set_cpu_model)", UcCtl.SET_CPU_MODEL, model);
    }

    /** {@code uc_ctl_get_cpu_model}. */
    public int cpuModel() {
        ensureOpen();
        try {
            check("uc_ctl(get_cpu_model)", (int) UcNative.UC_CTL_PTR.invokeExact(engine, UcCtl.GET_CPU_MODEL, scratch));
            return scratch.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code uc_ctl_tlb_mode}: {@link UcConst#TLB_CPU} or {@link UcConst#TLB_VIRTUAL}. */
    public void setTlbMode(int mode) {
        ctlInt("uc_ctl(tlb_mode)", UcCtl.SET_TLB_MODE, mode);
    }

    /** {@code uc_ctl_flush_tlb}: drops every cached translation of every MMU index. */
    public void flushTlb() {
        ctlNoArg("uc_ctl(flush_tlb)", UcCtl.FLUSH_TLB);
    }

    /**
     * {@code uc_ctl_flush_tb}: drops every translated block (needed after rewriting code; also frees
     * QEMU's per-block bookkeeping, which otherwise grows with every exit block).
     */
    public void flushTranslatedCode() {
        ctlNoArg("uc_ctl(flush_tb)", UcCtl.FLUSH_TB);
    }

    /**
     * {@code uc_ctl_remove_cache(begin, end)}. Note that Unicorn translates {@code begin} through the MMU
     * (an instruction-fetch walk) to find the blocks, which can set accessed bits.
     */
    public void removeCache(long begin, long end) {
        ensureOpen();
        try {
            check("uc_ctl(remove_cache)", (int) UcNative.UC_CTL_LONG2.invokeExact(engine, UcCtl.REMOVE_CACHE, begin, end));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private void ctlNoArg(String call, int control) {
        ensureOpen();
        try {
            check(call, (int) UcNative.UC_CTL_NOARG.invokeExact(engine, control));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private void ctlInt(String call, int control, int arg) {
        ensureOpen();
        try {
            check(call, (int) UcNative.UC_CTL_INT.invokeExact(engine, control, arg));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- memory

    /** {@code uc_mem_map}: guest memory allocated by Unicorn. */
    public void memMap(long address, long size, int perms) {
        ensureOpen();
        try {
            check("uc_mem_map", (int) UcNative.UC_MEM_MAP.invokeExact(engine, address, size, perms));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code uc_mem_map_ptr} over zeroed host memory allocated here (4 KiB aligned) and owned by this
     * engine: Java reads and writes it directly, without copies. Valid until {@link #close()}.
     */
    public HostMemory mapHostMemory(long address, long size, int perms) {
        ensureOpen();
        MemorySegment backing = arena.allocate(size, 4096);
        try {
            check("uc_mem_map_ptr", (int) UcNative.UC_MEM_MAP_PTR.invokeExact(engine, address, size, perms, backing));
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return new HostMemory(address, backing);
    }

    /** {@code uc_mem_write}: writes guest-physical memory (paging is not applied). */
    public void memWrite(long address, byte[] bytes) {
        ensureOpen();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment buffer = call.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, buffer, JAVA_BYTE, 0, bytes.length);
            check("uc_mem_write", (int) UcNative.UC_MEM_WRITE.invokeExact(engine, address, buffer, (long) bytes.length));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code uc_mem_read}: reads guest-physical memory (paging is not applied). */
    public byte[] memRead(long address, int length) {
        ensureOpen();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment buffer = call.allocate(Math.max(1, length));
            check("uc_mem_read", (int) UcNative.UC_MEM_READ.invokeExact(engine, address, buffer, (long) length));
            return buffer.asSlice(0, length).toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- registers

    /** {@code uc_reg_read} of a register up to 64 bits wide. */
    public long regRead(int reg) {
        ensureOpen();
        try {
            scratch.set(JAVA_LONG, 0, 0L);
            check("uc_reg_read", (int) UcNative.UC_REG_READ.invokeExact(engine, reg, scratch));
            return scratch.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code uc_reg_write} of a register up to 64 bits wide. */
    public void regWrite(int reg, long value) {
        ensureOpen();
        try {
            scratch.set(JAVA_LONG, 0, value);
            check("uc_reg_write", (int) UcNative.UC_REG_WRITE.invokeExact(engine, reg, scratch));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Reads a model-specific register through the {@code UC_X86_REG_MSR} pseudo-register. */
    public long msrRead(int msr) {
        ensureOpen();
        try {
            // struct uc_x86_msr { uint32_t rid; uint64_t value; }  (x86.h): value at offset 8
            scratch.set(JAVA_INT, 0, msr);
            scratch.set(JAVA_LONG, 8, 0L);
            check("uc_reg_read(MSR)", (int) UcNative.UC_REG_READ.invokeExact(engine, UcConst.X86_REG_MSR, scratch));
            return scratch.get(JAVA_LONG, 8);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Writes a model-specific register through the {@code UC_X86_REG_MSR} pseudo-register. */
    public void msrWrite(int msr, long value) {
        ensureOpen();
        try {
            scratch.set(JAVA_INT, 0, msr);
            scratch.set(JAVA_INT, 4, 0);
            scratch.set(JAVA_LONG, 8, value);
            check("uc_reg_write(MSR)", (int) UcNative.UC_REG_WRITE.invokeExact(engine, UcConst.X86_REG_MSR, scratch));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- emulation

    /**
     * {@code uc_emu_start}. If a hook threw, that exception is rethrown here (it wins over the call's own
     * error); otherwise a non-zero {@code uc_err} becomes a {@link UnicornException}.
     */
    public void emuStart(long begin, long until, long timeoutMicros, long count) {
        ensureOpen();
        if (running) {
            throw new IllegalStateException("nested uc_emu_start is not supported by this binding");
        }
        callbackFailure = null;
        running = true;
        int err;
        try {
            err = (int) UcNative.UC_EMU_START.invokeExact(engine, begin, until, timeoutMicros, count);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            running = false;
        }
        Throwable failure = callbackFailure;
        callbackFailure = null;
        if (failure != null) {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("a Unicorn hook failed", failure);
        }
        check("uc_emu_start", err);
    }

    /** {@code uc_emu_stop}; meant to be called from a hook. */
    public void emuStop() {
        ensureOpen();
        try {
            check("uc_emu_stop", (int) UcNative.UC_EMU_STOP.invokeExact(engine));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code uc_errno}: the last error the engine recorded. */
    public int errno() {
        ensureOpen();
        try {
            return (int) UcNative.UC_ERRNO.invokeExact(engine);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code uc_vmem_translate}: the physical address of {@code address} for an access of kind {@code prot}
     * ({@link UcConst#PROT_READ}, {@code _WRITE} or {@code _EXEC}) in the current MMU index, or empty when
     * there is no translation ({@code UC_ERR_*_PROT}). It looks in the softmmu TLB first; on a miss it walks
     * the page tables (tlb_vaddr_to_paddr in cputlb.c), which sets accessed/dirty bits like a real access.
     */
    public OptionalLong vmemTranslate(long address, int prot) {
        ensureOpen();
        try {
            scratch.set(JAVA_LONG, 0, 0L);
            int err = (int) UcNative.UC_VMEM_TRANSLATE.invokeExact(engine, address, prot, scratch);
            if (err == UcConst.ERR_READ_PROT || err == UcConst.ERR_WRITE_PROT || err == UcConst.ERR_FETCH_PROT) {
                return OptionalLong.empty();
            }
            check("uc_vmem_translate", err);
            return OptionalLong.of(scratch.get(JAVA_LONG, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- hooks

    /** A registered hook; {@link #remove()} deletes it ({@code uc_hook_del}). */
    public final class Hook {
        private final long id;
        private boolean removed;

        private Hook(long id) {
            this.id = id;
        }

        /** {@code uc_hook_del}. The upcall stub itself lives until the engine is closed. */
        public void remove() {
            if (removed || closed) {
                return;
            }
            try {
                check("uc_hook_del", (int) UcNative.UC_HOOK_DEL.invokeExact(engine, id));
            } catch (Throwable t) {
                throw rethrow(t);
            }
            removed = true;
        }
    }

    // Registering the same callback object again reuses its upcall stub; every new callback object costs
    // one stub that lives until close(). Callers that add and remove a hook often keep one object.

    /** {@code UC_HOOK_INTR}: every CPU exception or interrupt. */
    public Hook onInterrupt(InterruptHook hook) {
        return addHook(UcConst.HOOK_INTR, hook, INTR_TARGET, INTR_CB, 1, 0);
    }

    /** {@code UC_HOOK_MEM_READ}/{@code _WRITE} (any combination in {@code types}), physical range [begin, end]. */
    public Hook onMemory(int types, MemoryHook hook, long begin, long end) {
        return addHook(types, hook, MEM_TARGET, MEM_CB, begin, end);
    }

    /** Unmapped/protected-memory hooks ({@code types} from the {@code UC_HOOK_MEM_*_UNMAPPED/_PROT} bits). */
    public Hook onInvalidMemory(int types, InvalidMemoryHook hook, long begin, long end) {
        return addHook(types, hook, EVENTMEM_TARGET, EVENTMEM_CB, begin, end);
    }

    /** {@code UC_HOOK_EDGE_GENERATED} for new blocks whose pc is in [begin, end] (begin > end: all). */
    public Hook onEdgeGenerated(EdgeHook hook, long begin, long end) {
        return addHook(UcConst.HOOK_EDGE_GENERATED, hook, EDGE_TARGET, EDGE_CB, begin, end);
    }

    /** {@code UC_HOOK_CODE} for instructions in [begin, end] (begin > end: all). */
    public Hook onCode(CodeHook hook, long begin, long end) {
        return addHook(UcConst.HOOK_CODE, hook, CODE_TARGET, CODE_CB, begin, end);
    }

    private Hook addHook(int type, Object callback, MethodHandle template, FunctionDescriptor descriptor,
                         long begin, long end) {
        ensureOpen();
        MemorySegment stub = stubs.get(callback);
        if (stub == null) {
            stub = LINKER.upcallStub(template.bindTo(this).bindTo(callback), descriptor, arena);
            stubs.put(callback, stub);
        }
        try {
            int err = (int) UcNative.UC_HOOK_ADD.invokeExact(engine, scratch, type, stub, MemorySegment.NULL,
                begin, end, 0);
            check("uc_hook_add", err);
            return new Hook(scratch.get(JAVA_LONG, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // The upcall targets: each catches everything, keeps the first failure, and stops emulation.

    private void intrUpcall(InterruptHook hook, MemorySegment uc, int vector, MemorySegment userData) {
        try {
            hook.onInterrupt(this, vector);
        } catch (Throwable t) {
            callbackFailed(t);
        }
    }

    private void memUpcall(MemoryHook hook, MemorySegment uc, int type, long address, int size, long value,
                           MemorySegment userData) {
        try {
            hook.onAccess(this, type, address, size, value);
        } catch (Throwable t) {
            callbackFailed(t);
        }
    }

    private boolean eventMemUpcall(InvalidMemoryHook hook, MemorySegment uc, int type, long address, int size,
                                   long value, MemorySegment userData) {
        try {
            return hook.onInvalid(this, type, address, size, value);
        } catch (Throwable t) {
            callbackFailed(t);
            return false;
        }
    }

    private void edgeUpcall(EdgeHook hook, MemorySegment uc, MemorySegment current, MemorySegment previous,
                            MemorySegment userData) {
        try {
            // typedef struct uc_tb { uint64_t pc; uint16_t icount; uint16_t size; } uc_tb;  (unicorn.h)
            long pc = current.reinterpret(16).get(JAVA_LONG, 0);
            long previousPc = previous.address() == 0 ? -1 : previous.reinterpret(16).get(JAVA_LONG, 0);
            hook.onEdge(this, pc, previousPc);
        } catch (Throwable t) {
            callbackFailed(t);
        }
    }

    private void codeUpcall(CodeHook hook, MemorySegment uc, long address, int size, MemorySegment userData) {
        try {
            hook.onInstruction(this, address, size);
        } catch (Throwable t) {
            callbackFailed(t);
        }
    }

    private void callbackFailed(Throwable t) {
        try {
            if (callbackFailure == null) {
                callbackFailure = t;
            } else if (callbackFailure != t) {
                callbackFailure.addSuppressed(t);
            }
            int ignored = (int) UcNative.UC_EMU_STOP.invokeExact(engine);
        } catch (Throwable ignoredToo) {
            // Nothing may escape an upcall; the first failure is already recorded.
        }
    }

    // ---------------------------------------------------------------- contexts

    /**
     * A saved CPU context ({@code uc_context}, allocated by {@code uc_context_alloc}). Its bytes are the
     * {@code struct uc_context} header followed by a copy of {@code CPUX86State} up to
     * {@code end_reset_fields} (uc.c {@code uc_context_save}; include/uc_priv.h).
     */
    public final class Context implements AutoCloseable {
        private MemorySegment blob;

        private Context(MemorySegment blob) {
            this.blob = blob;
        }

        /** Size in bytes ({@code uc_context_size}). */
        public long size() {
            return live().byteSize();
        }

        /** The 32-bit little-endian int at {@code offset}. */
        public int readInt(long offset) {
            return live().get(JAVA_INT.withByteAlignment(1), offset);
        }

        /** The 64-bit little-endian word at {@code offset}. */
        public long readLong(long offset) {
            return live().get(JAVA_LONG.withByteAlignment(1), offset);
        }

        /** A copy of all bytes. */
        public byte[] toByteArray() {
            return live().toArray(JAVA_BYTE);
        }

        /** {@code uc_context_save} into this context. */
        public void save() {
            saveContext(this);
        }

        /** {@code uc_context_restore} from this context. Does not flush the TLB (mmu-facts part 2, U6). */
        public void restore() {
            restoreContext(this);
        }

        /** {@code uc_context_free}. */
        @Override
        public void close() {
            if (blob != null) {
                contexts.remove(this);
                free();
            }
        }

        private void free() {
            MemorySegment b = blob;
            blob = null;
            try {
                check("uc_context_free", (int) UcNative.UC_CONTEXT_FREE.invokeExact(b));
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        private MemorySegment live() {
            if (blob == null) {
                throw new IllegalStateException("context already freed");
            }
            return blob;
        }
    }

    /** Allocates a context ({@code uc_context_alloc}) and saves the current CPU state into it. */
    public Context saveContext() {
        ensureOpen();
        MemorySegment pointer;
        try {
            check("uc_context_alloc", (int) UcNative.UC_CONTEXT_ALLOC.invokeExact(engine, scratch));
            pointer = scratch.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (contextSize < 0) {
            try {
                contextSize = (long) UcNative.UC_CONTEXT_SIZE.invokeExact(engine);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
        Context context = new Context(pointer.reinterpret(contextSize));
        contexts.add(context);
        context.save();
        return context;
    }

    /** {@code uc_context_save} into an existing context. */
    public void saveContext(Context context) {
        ensureOpen();
        try {
            check("uc_context_save", (int) UcNative.UC_CONTEXT_SAVE.invokeExact(engine, context.live()));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code uc_context_restore}. */
    public void restoreContext(Context context) {
        ensureOpen();
        try {
            check("uc_context_restore", (int) UcNative.UC_CONTEXT_RESTORE.invokeExact(engine, context.live()));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- lifetime

    /** Frees the contexts, closes the engine ({@code uc_close}), then releases stubs and host memory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (running) {
            throw new IllegalStateException("cannot close a Unicorn engine from inside uc_emu_start");
        }
        closed = true;
        Throwable first = null;
        try {
            int err = (int) UcNative.UC_CLOSE.invokeExact(engine);
            check("uc_close", err);
        } catch (Throwable t) {
            first = t;
        }
        for (Context context : List.copyOf(contexts)) {
            try {
                context.free();
            } catch (Throwable t) {
                if (first == null) {
                    first = t;
                } else {
                    first.addSuppressed(t);
                }
            }
        }
        contexts.clear();
        arena.close();
        if (first != null) {
            throw rethrow(first);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Unicorn engine is closed");
        }
    }

    static void check(String call, int err) {
        if (err != UcConst.ERR_OK) {
            throw new UnicornException(call, err, UcNative.strerror(err));
        }
    }

    /** For catch blocks around {@code invokeExact}: unchecked throwables pass, others are wrapped. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("native call failed", t);
    }
}
