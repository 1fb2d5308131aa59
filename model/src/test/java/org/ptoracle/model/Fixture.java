package org.ptoracle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import org.ptoracle.spec.Access;
import org.ptoracle.spec.CratePanic;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.Fault;
import org.ptoracle.spec.Flags;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.MapperError;
import org.ptoracle.spec.MapperResult;
import org.ptoracle.spec.Page;
import org.ptoracle.spec.PageSize;
import org.ptoracle.spec.PhysFrame;
import org.ptoracle.spec.TableAccessFault;
import org.ptoracle.spec.TranslateResult;
import org.ptoracle.spec.Walk;

/**
 * A model machine for tests: sparse physical memory, the MMU model with CR3 at the level 4 table, the
 * model CPU, a pool allocator and a {@link RecursivePageTable} whose level 4 table is reached at
 * {@code rec(r,r,r,r)}.
 *
 * <p>The default is the fixture of crate-semantics §8: r = 100, the level 4 table at phys 0x1000 with
 * P4[100] = 0x1003, CR3 = 0x1000, CR0.WP = 1, EFER.NXE = 1, SMEP and SMAP off, the allocator handing
 * out 0x100000, 0x101000, ... (§6.5). Memory is 2 GiB, so that 1 GiB frames at 0x4000_0000 are inside
 * it (SparseMemory allocates a page only when it is written).
 *
 * <p>Raw values: the docs quote entries without the ACCESSED/DIRTY bits the walks set (§8 Q14). The
 * assertions here compare the exact raw word; {@link #assertWord(long, long, long)} also checks that the
 * word with bits 5 and 6 masked equals the value the document quotes.
 */
final class Fixture {
    static final int R = 100;
    static final long P4 = 0x1000L;
    /** The quirks' virtual address, indices (1, 2, 3, 4). */
    static final long VA = 0x0000_0080_8060_4000L;
    static final long POOL = 0x100000L;
    static final long MEMORY = 1L << 31;

    static final long P = 0x1L;
    static final long W = 0x2L;
    static final long U = 0x4L;
    static final long A = 0x20L;
    static final long D = 0x40L;
    static final long HUGE = 0x80L;
    static final long GLOBAL = 0x100L;
    static final long BIT_9 = 0x200L;
    static final long NX = 1L << 63;
    static final long AD_MASK = A | D;

    static final int SIZE_4K = PageSize.SIZE_4KIB;
    static final int SIZE_2M = PageSize.SIZE_2MIB;
    static final int SIZE_1G = PageSize.SIZE_1GIB;

    /** Physical addresses of the standard chain's entries for VA (1,2,3,4) (crate-semantics §8 "Chain"). */
    static final long E4 = P4 + 8 * 1;
    static final long E3 = 0x2000L + 8 * 2;
    static final long E2 = 0x3000L + 8 * 3;
    static final long E1 = 0x4000L + 8 * 4;

    /** Options for a machine; the defaults are the §8 fixture. */
    static final class Options {
        int r = R;
        long p4 = P4;
        long recursiveEntry = -1;
        long poolStart = POOL;
        int poolFrames = 64;
        long memory = MEMORY;
        boolean wp = true;
        boolean nxe = true;
        boolean smep = false;
        boolean smap = false;

        Options r(int value) {
            r = value;
            return this;
        }

        Options p4(long value) {
            p4 = value;
            return this;
        }

        /** The raw value of P4[r]; by default {@code p4 | P | W}. */
        Options recursiveEntry(long value) {
            recursiveEntry = value;
            return this;
        }

        Options pool(long start, int frames) {
            poolStart = start;
            poolFrames = frames;
            return this;
        }

        Options memory(long bytes) {
            memory = bytes;
            return this;
        }

        Options wp(boolean value) {
            wp = value;
            return this;
        }

        Options nxe(boolean value) {
            nxe = value;
            return this;
        }

        Options smep(boolean value) {
            smep = value;
            return this;
        }

        Options smap(boolean value) {
            smap = value;
            return this;
        }

        Fixture build() {
            return new Fixture(this);
        }
    }

    final int r;
    final long p4;
    final SparseMemory memory;
    final RecordingMemory recorded;
    final MmuModel mmu;
    final ModelCpu modelCpu;
    final RecordingCpu cpu;
    final PoolAllocator allocator;
    final RecursivePageTable table;

    static Options options() {
        return new Options();
    }

    /** The §8 fixture. */
    static Fixture standard() {
        return new Options().build();
    }

    /** The §8 fixture plus the chain P4[1]=0x2003, P3[2]=0x3003, P2[3]=0x4003, P1[4]=0x80_0003. */
    static Fixture withChain() {
        Fixture fx = standard();
        fx.chain();
        return fx;
    }

    private Fixture(Options o) {
        this.r = o.r;
        this.p4 = o.p4;
        this.memory = new SparseMemory(o.memory, 0L, 0L, -1L);
        this.recorded = new RecordingMemory(memory);
        this.mmu = new MmuModel(recorded, o.p4, o.wp, o.nxe, o.smep, o.smap);
        this.modelCpu = new ModelCpu(mmu, recorded);
        this.cpu = new RecordingCpu(modelCpu);
        this.allocator = new PoolAllocator(o.poolStart, o.poolFrames);
        this.table = new RecursivePageTable(cpu, RecursiveAddresses.level4(o.r), o.r);
        poke(o.p4 + 8L * o.r, o.recursiveEntry == -1 ? (o.p4 | P | W) : o.recursiveEntry);
    }

    /** Physical address of P4[r]. */
    long recursiveEntryAddress() {
        return p4 + 8L * r;
    }

    void chain() {
        poke(E4, 0x2003L);
        poke(E3, 0x3003L);
        poke(E2, 0x4003L);
        poke(E1, 0x80_0003L);
    }

    // ---- raw memory -------------------------------------------------------------------------------

    void poke(long pa, long raw) {
        memory.initialize(pa, Entry.fromRaw(raw));
    }

    long peek(long pa) {
        return memory.read(pa).toRaw();
    }

    void set(long tablePhys, int index, long raw) {
        poke(tablePhys + 8L * index, raw);
    }

    long get(long tablePhys, int index) {
        return peek(tablePhys + 8L * index);
    }

    /** The exact raw word at {@code pa}. */
    void assertWord(long pa, long exact) {
        assertEquals(hex(exact), hex(peek(pa)), "word at phys " + hex(pa));
    }

    /**
     * The exact raw word (with the ACCESSED/DIRTY bits the walks set), and the same word without bits 5
     * and 6 equal to the value the document quotes.
     */
    void assertWord(long pa, long exact, long docValue) {
        assertEquals(hex(docValue), hex(exact & ~AD_MASK), "test expectation vs doc at " + hex(pa));
        assertWord(pa, exact);
        assertEquals(hex(docValue), hex(peek(pa) & ~AD_MASK), "word at phys " + hex(pa) + " masked of A/D");
    }

    /** Nothing written by the machine since the recording was reset (not even an ACCESSED bit). */
    void assertNoWrites() {
        assertEquals("[]", recorded.writes().toString(), "machine writes");
    }

    /** No memory touched at all since the recording was reset. */
    void assertNoMemoryAccess() {
        assertEquals(0, recorded.reads(), "machine reads");
        assertNoWrites();
    }

    // ---- addresses, pages, frames, flags ----------------------------------------------------------

    /** rec(a,b,c,d) = a<<39 | b<<30 | c<<21 | d<<12, bit 47 sign-extended (by shifts, not the model's sum). */
    static long rec(int a, int b, int c, int d) {
        long v = ((long) a << 39) | ((long) b << 30) | ((long) c << 21) | ((long) d << 12);
        return (v << 16) >> 16;
    }

    /** The table index of {@code va} at {@code level} (1..4), bits 12+9(level-1) up, by shifts (not the model's). */
    static int tableIndex(long va, int level) {
        return (int) ((va >>> (12 + 9 * (level - 1))) & 511);
    }

    /** rec with this fixture's r in the leading positions: table of level 3 (P3 of i4). */
    long p3Table(int i4) {
        return rec(r, r, r, i4);
    }

    long p2Table(int i4, int i3) {
        return rec(r, r, i4, i3);
    }

    long p1Table(int i4, int i3, int i2) {
        return rec(r, i4, i3, i2);
    }

    long p4Table() {
        return rec(r, r, r, r);
    }

    static Page page(int size, long start) {
        Page p = Page.fromStartAddress(size, start);
        assertNotNull(p, "page " + hex(start));
        return p;
    }

    static Page page4k(long start) {
        return page(SIZE_4K, start);
    }

    static Page page2m(long start) {
        return page(SIZE_2M, start);
    }

    static Page page1g(long start) {
        return page(SIZE_1G, start);
    }

    static PhysFrame frame(int size, long start) {
        PhysFrame f = PhysFrame.fromStartAddress(size, start);
        assertNotNull(f, "frame " + hex(start));
        return f;
    }

    static Flags flags(long raw) {
        Flags f = Flags.fromRaw(raw);
        assertNotNull(f, "flags " + hex(raw));
        return f;
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    static long pageSize(int size) {
        return PageSize.bytes(size);
    }

    // ---- results ----------------------------------------------------------------------------------

    static void assertOkFlush(MapperResult res, long page) {
        assertEquals(describe(MapperResult.flush(page)), describe(res));
    }

    static void assertFlushAll(MapperResult res) {
        assertEquals(describe(MapperResult.flushAll()), describe(res));
    }

    static void assertUnmapped(MapperResult res, long frame, long page, int size) {
        assertEquals(describe(MapperResult.unmapped(frame, page, size)), describe(res));
    }

    static void assertFrame(MapperResult res, long frame, int size) {
        assertEquals(describe(MapperResult.frame(frame, size)), describe(res));
    }

    static void assertErr(MapperResult res, int error) {
        assertEquals(errorName(error), res.kind == MapperResult.ERR ? errorName(res.error) : describe(res));
    }

    static void assertErr(MapperResult res, int error, long value) {
        assertErr(res, error);
        assertEquals(hex(value), hex(res.value), "error payload");
    }

    static String describe(MapperResult res) {
        switch (res.kind) {
            case MapperResult.OK_FLUSH:
                return "Ok(flush " + hex(res.page) + ")";
            case MapperResult.OK_FLUSH_ALL:
                return "Ok(flush_all)";
            case MapperResult.OK_UNMAPPED:
                return "Ok(frame " + hex(res.value) + " size " + res.size + ", flush " + hex(res.page) + ")";
            case MapperResult.OK_FRAME:
                return "Ok(frame " + hex(res.value) + " size " + res.size + ")";
            case MapperResult.OK_RECURSIVE:
                return "Ok(recursive " + res.value + ")";
            default:
                return "Err(" + errorName(res.error) + ", " + hex(res.value) + ")";
        }
    }

    static String errorName(int error) {
        switch (error) {
            case MapperError.FRAME_ALLOCATION_FAILED:
                return "FrameAllocationFailed";
            case MapperError.PARENT_ENTRY_HUGE_PAGE:
                return "ParentEntryHugePage";
            case MapperError.PAGE_ALREADY_MAPPED:
                return "PageAlreadyMapped";
            case MapperError.PAGE_NOT_MAPPED:
                return "PageNotMapped";
            case MapperError.INVALID_FRAME_ADDRESS:
                return "InvalidFrameAddress";
            case MapperError.NOT_RECURSIVE:
                return "NotRecursive";
            case MapperError.NOT_ACTIVE:
                return "NotActive";
            default:
                return "none(" + error + ")";
        }
    }

    static void assertMapped(TranslateResult t, int size, long frame, long offset, long flagsRaw) {
        assertEquals(TranslateResult.MAPPED, t.kind, "translate kind");
        assertEquals(size, t.size, "size");
        assertEquals(hex(frame), hex(t.frame), "frame");
        assertEquals(hex(offset), hex(t.offset), "offset");
        assertEquals(hex(flagsRaw), hex(t.flags.toRaw()), "leaf flags");
    }

    static void assertNotMapped(TranslateResult t) {
        assertEquals(TranslateResult.NOT_MAPPED, t.kind, "translate kind");
    }

    // ---- faults and panics ------------------------------------------------------------------------

    /** The crate's own table access faults; returns the exception for further checks. */
    static TableAccessFault assertTableFault(Executable op, int errorCode, long cr2) {
        TableAccessFault f = assertThrows(TableAccessFault.class, op);
        assertEquals(Fault.PAGE_FAULT, f.fault.vector, "vector");
        assertEquals(hex(errorCode), hex(f.fault.errorCode), "error code");
        assertEquals(hex(cr2), hex(f.fault.cr2), "CR2");
        return f;
    }

    static CratePanic assertPanic(Executable op, String message) {
        CratePanic p = assertThrows(CratePanic.class, op);
        if (message != null) {
            assertEquals(message, p.getMessage());
        }
        return p;
    }

    // ---- the hardware side ------------------------------------------------------------------------

    Walk access(long va, int kind, int mode) {
        try {
            return mmu.access(va, kind, mode);
        } catch (ForbiddenAccess e) {
            throw new AssertionError(e);
        }
    }

    /** A supervisor read of {@code va} translates to {@code phys}. */
    void assertTranslates(long va, long phys) {
        assertPhys(access(va, Access.READ, Access.SUPERVISOR), phys);
    }

    static void assertPhys(Walk w, long phys) {
        assertNull(w.fault, () -> "unexpected fault err " + hex(w.fault.errorCode) + " vector " + w.fault.vector);
        assertEquals(hex(phys), hex(w.phys), "physical address");
    }

    static void assertPageFault(Walk w, int errorCode, long cr2) {
        assertNotNull(w.fault, () -> "no fault, phys " + hex(w.phys));
        assertEquals(Fault.PAGE_FAULT, w.fault.vector, "vector");
        assertEquals(hex(errorCode), hex(w.fault.errorCode), "error code");
        assertEquals(hex(cr2), hex(w.fault.cr2), "CR2");
    }

    static void assertGeneralProtection(Walk w) {
        assertNotNull(w.fault, () -> "no fault, phys " + hex(w.phys));
        assertEquals(Fault.GENERAL_PROTECTION, w.fault.vector, "vector");
        assertEquals(0, w.fault.errorCode, "error code");
    }

    // ---- unchecked wrappers for the mapper calls -------------------------------------------------

    interface Op<T> {
        T run() throws Exception;
    }

    static <T> T call(Op<T> op) {
        try {
            return op.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }

    MapperResult mapTo(int size, long page, long frame, long flagsRaw) {
        return call(() -> table.mapTo(page(size, page), frame(size, frame), flags(flagsRaw), allocator));
    }

    MapperResult mapToWithTableFlags(int size, long page, long frame, long flagsRaw, long parentRaw) {
        return call(() -> table.mapToWithTableFlags(page(size, page), frame(size, frame), flags(flagsRaw),
                flags(parentRaw), allocator));
    }

    MapperResult unmap(int size, long page) {
        return call(() -> table.unmap(page(size, page)));
    }

    MapperResult updateFlags(int size, long page, long flagsRaw) {
        return call(() -> table.updateFlags(page(size, page), flags(flagsRaw)));
    }

    MapperResult setFlagsP4(int size, long page, long flagsRaw) {
        return call(() -> table.setFlagsP4Entry(page(size, page), flags(flagsRaw)));
    }

    MapperResult setFlagsP3(int size, long page, long flagsRaw) {
        return call(() -> table.setFlagsP3Entry(page(size, page), flags(flagsRaw)));
    }

    MapperResult setFlagsP2(int size, long page, long flagsRaw) {
        return call(() -> table.setFlagsP2Entry(page(size, page), flags(flagsRaw)));
    }

    MapperResult translatePage(int size, long page) {
        return call(() -> table.translatePage(page(size, page)));
    }

    TranslateResult translate(long addr) {
        return call(() -> table.translate(addr));
    }

    long translateAddr(long addr) {
        return call(() -> table.translateAddr(addr));
    }

    long[] cleanUp() {
        call(() -> {
            table.cleanUp(allocator);
            return null;
        });
        return allocator.takeFreed();
    }

    long[] cleanUpRange(long first, long last) {
        call(() -> {
            table.cleanUpAddrRange(page4k(first), page4k(last), allocator);
            return null;
        });
        return allocator.takeFreed();
    }
}
