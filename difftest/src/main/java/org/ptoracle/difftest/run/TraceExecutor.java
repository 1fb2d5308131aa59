package org.ptoracle.difftest.run;

import org.ptoracle.difftest.json.JsonObject;
import org.ptoracle.difftest.machine.Machine;
import org.ptoracle.difftest.machine.MachineConfig;
import org.ptoracle.difftest.trace.Hex;
import org.ptoracle.difftest.trace.Op;
import org.ptoracle.difftest.trace.Results;
import org.ptoracle.difftest.trace.Sizes;
import org.ptoracle.model.PoolAllocator;
import org.ptoracle.model.RecursiveAddresses;
import org.ptoracle.model.RecursivePageTable;
import org.ptoracle.model.SeededBug;
import org.ptoracle.spec.CratePanic;
import org.ptoracle.spec.Entry;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.MapperResult;
import org.ptoracle.spec.Page;
import org.ptoracle.spec.PageSize;
import org.ptoracle.spec.PhysAddr;
import org.ptoracle.spec.PhysFrame;
import org.ptoracle.spec.TableAccessFault;
import org.ptoracle.spec.VirtAddr;
import org.ptoracle.spec.Walk;

/**
 * Runs the operations of one trace on one {@link Machine}: the crate model ({@link RecursivePageTable})
 * with its table accesses going through the machine's CPU, the format's frame allocator, and the
 * harness-side operations (access, peek, poke, flush, set_cr) on the machine itself.
 *
 * <p>Each operation gives one result object (trace-format.md, Results): the crate's Ok or Err; a fault
 * when one of its table accesses faulted (what it wrote before stays); a panic (likewise); or
 * {@code invalid_input} when an argument cannot be built with the crate's types (nothing ran) or when
 * the operation would break the harness rules (then memory and the allocator are put back as they were
 * before it).
 */
public final class TraceExecutor implements AutoCloseable {
    private final MachineConfig config;
    private final Machine machine;
    private final PoolAllocator allocator;
    private final int seededBug;
    private RecursivePageTable mapper;
    private boolean cr0Wp;
    private boolean eferNxe;
    private boolean cr4Smep;
    private boolean cr4Smap;

    /**
     * The initial state of a trace: the pool allocator hands out the level 4 frame first, the machine is
     * built around it, and the mapper is {@code new_unchecked} at the header's recursive index.
     */
    public TraceExecutor(MachineConfig config, MachineFactory factory) {
        this(config, factory, SeededBug.NONE);
    }

    /**
     * The same, with a crate-side {@link SeededBug} switched on in the mapper (campaigns against seeded
     * bugs; the machine's own bug, if any, comes with the factory).
     */
    public TraceExecutor(MachineConfig config, MachineFactory factory, int seededBug) {
        this.seededBug = seededBug;
        this.config = config;
        this.allocator = new PoolAllocator(config.poolStart(), config.poolFrames());
        long level4Frame = allocator.allocateFrame();
        this.machine = factory.create(config, level4Frame);
        int r = config.recursiveIndex();
        this.mapper = new RecursivePageTable(machine.cpu(), RecursiveAddresses.level4(r), r, seededBug);
        this.cr0Wp = config.cr0Wp();
        this.eferNxe = config.eferNxe();
        this.cr4Smep = config.cr4Smep();
        this.cr4Smap = config.cr4Smap();
    }

    public Machine machine() {
        return machine;
    }

    public MachineConfig config() {
        return config;
    }

    /** The allocator (also the deallocator of clean_up). */
    public PoolAllocator allocator() {
        return allocator;
    }

    /** The mapper in use (replaced by new_unchecked). */
    public RecursivePageTable mapper() {
        return mapper;
    }

    /** Runs one operation and returns its result object. */
    public JsonObject execute(Op op) {
        machine.beginOperation();
        boolean[] marks = allocator.snapshot();
        allocator.takeFreed();
        try {
            return dispatch(op);
        } catch (InvalidInput e) {
            return Results.invalidInput(e.getMessage());
        } catch (TableAccessFault e) {
            return Results.fault(e.fault);
        } catch (CratePanic e) {
            return Results.panic(e.getMessage());
        } catch (ForbiddenAccess e) {
            machine.undoOperation();
            allocator.restore(marks);
            return Results.invalidInput(e.getMessage() + " (physical " + Hex.format(e.phys)
                    + "); the operation was undone");
        }
    }

    private JsonObject dispatch(Op op) throws InvalidInput, TableAccessFault, ForbiddenAccess {
        return switch (op) {
            case Op.MapTo m -> {
                Page page = page(m.size(), m.page(), "page");
                PhysFrame frame = frame(m.size(), m.frame(), "frame");
                MapperResult r = m.parentFlags() == null
                        ? mapper.mapTo(page, frame, m.flags(), allocator)
                        : mapper.mapToWithTableFlags(page, frame, m.flags(), m.parentFlags(), allocator);
                yield Results.of(r);
            }
            case Op.IdentityMap m -> Results.of(mapper.identityMap(frame(m.size(), m.frame(), "frame"), m.flags(),
                    allocator));
            case Op.Unmap u -> Results.of(mapper.unmap(page(u.size(), u.page(), "page")));
            case Op.UpdateFlags u -> Results.of(mapper.updateFlags(page(u.size(), u.page(), "page"), u.flags()));
            case Op.SetFlagsEntry s -> {
                Page page = page(s.size(), s.page(), "page");
                MapperResult r = switch (s.level()) {
                    case 4 -> mapper.setFlagsP4Entry(page, s.flags());
                    case 3 -> mapper.setFlagsP3Entry(page, s.flags());
                    default -> mapper.setFlagsP2Entry(page, s.flags());
                };
                yield Results.of(r);
            }
            case Op.TranslatePage t -> Results.of(mapper.translatePage(page(t.size(), t.page(), "page")));
            case Op.Translate t -> Results.of(mapper.translate(virtAddr(t.addr(), "addr")));
            case Op.TranslateAddr t -> {
                long phys = mapper.translateAddr(virtAddr(t.addr(), "addr"));
                yield phys == -1 ? Results.none() : Results.phys(phys);
            }
            case Op.CleanUp c -> {
                mapper.cleanUp(allocator);
                yield Results.freed(allocator.takeFreed());
            }
            case Op.CleanUpRange c -> {
                Page start = page(PageSize.SIZE_4KIB, c.start(), "start");
                Page end = page(PageSize.SIZE_4KIB, c.end(), "end");
                mapper.cleanUpAddrRange(start, end, allocator);
                yield Results.freed(allocator.takeFreed());
            }
            case Op.New n -> Results.of(RecursivePageTable.checkNew(machine.cpu(), tableAddr(n.tableAddr()),
                    machine.cr3()));
            case Op.NewUnchecked n -> {
                if (Long.compareUnsigned(n.recursiveIndex(), 512) >= 0) {
                    throw new InvalidInput("recursive_index " + Long.toUnsignedString(n.recursiveIndex())
                            + " is not a PageTableIndex (0..511)");
                }
                int r = (int) n.recursiveIndex();
                long table = n.tableAddr() == null ? RecursiveAddresses.level4(r) : tableAddr(n.tableAddr());
                mapper = new RecursivePageTable(machine.cpu(), table, r, seededBug);
                yield Results.okTrue();
            }
            case Op.Access a -> {
                Walk walk = machine.access(a.addr(), a.kind(), a.mode());
                yield walk.fault != null ? Results.fault(walk.fault) : Results.phys(walk.phys);
            }
            case Op.Peek p -> Results.value(machine.peek(physWord(p.phys(), false)).toRaw());
            case Op.Poke p -> {
                machine.poke(physWord(p.phys(), true), Entry.fromRaw(p.value()));
                yield Results.okTrue();
            }
            case Op.Flush f -> {
                machine.flushPage(page(PageSize.SIZE_4KIB, f.page(), "page").start);
                yield Results.okTrue();
            }
            case Op.FlushAll f -> {
                machine.flushAll();
                yield Results.okTrue();
            }
            case Op.SetCr s -> {
                cr0Wp = s.cr0Wp() != null ? s.cr0Wp() : cr0Wp;
                eferNxe = s.eferNxe() != null ? s.eferNxe() : eferNxe;
                cr4Smep = s.cr4Smep() != null ? s.cr4Smep() : cr4Smep;
                cr4Smap = s.cr4Smap() != null ? s.cr4Smap() : cr4Smap;
                machine.setControl(cr0Wp, eferNxe, cr4Smep, cr4Smap);
                yield Results.okTrue();
            }
        };
    }

    /** {@code Page::from_start_address} of a {@code VirtAddr}: canonical and aligned to the size. */
    private static Page page(int size, long start, String field) throws InvalidInput {
        if (!VirtAddr.isCanonical(start)) {
            throw new InvalidInput(field + " " + Hex.format(start) + " is not a canonical address"
                    + " (bits 48..63 must copy bit 47)");
        }
        Page page = Page.fromStartAddress(size, start);
        if (page == null) {
            throw new InvalidInput(field + " " + Hex.format(start) + " is not aligned to " + Sizes.name(size));
        }
        return page;
    }

    /** {@code PhysFrame::from_start_address} of a {@code PhysAddr}: below 2^52 and aligned to the size. */
    private static PhysFrame frame(int size, long start, String field) throws InvalidInput {
        if (!PhysAddr.isValid(start)) {
            throw new InvalidInput(field + " " + Hex.format(start) + " is not a physical address (2^52 or more)");
        }
        PhysFrame frame = PhysFrame.fromStartAddress(size, start);
        if (frame == null) {
            throw new InvalidInput(field + " " + Hex.format(start) + " is not aligned to " + Sizes.name(size));
        }
        return frame;
    }

    private static long virtAddr(long addr, String field) throws InvalidInput {
        if (!VirtAddr.isCanonical(addr)) {
            throw new InvalidInput(field + " " + Hex.format(addr) + " is not a canonical address"
                    + " (bits 48..63 must copy bit 47)");
        }
        return addr;
    }

    /** The address of a {@code &mut PageTable}: non-null, canonical and 4 KiB aligned. */
    private static long tableAddr(long addr) throws InvalidInput {
        if (addr == 0) {
            throw new InvalidInput("table_addr 0x0 cannot be a reference (null)");
        }
        virtAddr(addr, "table_addr");
        if ((addr & 0xfff) != 0) {
            throw new InvalidInput("table_addr " + Hex.format(addr) + " is not 4 KiB aligned, as a PageTable is");
        }
        return addr;
    }

    /**
     * The rule of peek and poke: an 8-byte aligned word inside memory, outside harness memory, and for a
     * poke not the harness slot's level 4 entry.
     */
    private long physWord(long phys, boolean store) throws InvalidInput {
        String what = store ? "poke" : "peek";
        if ((phys & 7) != 0) {
            throw new InvalidInput(what + " phys " + Hex.format(phys) + " is not 8-byte aligned");
        }
        if (Long.compareUnsigned(phys, machine.memorySize() - 8) > 0) {
            throw new InvalidInput(what + " phys " + Hex.format(phys) + " is outside memory [0x0, "
                    + Hex.format(machine.memorySize()) + ")");
        }
        if (config.inHarness(phys)) {
            throw new InvalidInput(what + " phys " + Hex.format(phys) + " is in harness memory ["
                    + Hex.format(config.harnessBase()) + ", " + Hex.format(config.harnessEnd()) + ")");
        }
        if (store && phys == config.harnessSlotEntry(machine.cr3())) {
            throw new InvalidInput("poke phys " + Hex.format(phys) + " is level 4 entry " + config.harnessSlot()
                    + ", the harness slot");
        }
        return phys;
    }

    @Override
    public void close() {
        machine.close();
    }
}
