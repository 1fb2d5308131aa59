package org.ptoracle.spec;

/**
 * {@code Mapper<S>} for S = 4 KiB, 2 MiB, 1 GiB (crate-semantics §5.2, §6.5). The page size travels in
 * the {@link Page} and {@link PhysFrame} arguments. Each method's contract names the error variants it
 * can return (its closed error type); the implementation's contracts add the check order.
 *
 * <p>Three outcomes besides a result: {@link CratePanic} (the crate panics), {@link TableAccessFault}
 * (the CPU faulted on one of the crate's own table accesses) and {@link ForbiddenAccess} (the trace
 * format's harness rules).
 */
public interface Mapper {
    /** {@code map_to}: parent flags are {@code flags & (PRESENT|WRITABLE|USER_ACCESSIBLE)}. */
    /*@ public behavior
      @ requires page != null && frame != null && flags != null && allocator != null;
      @ requires page.size == frame.size;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH
      @      || \result.isErr(MapperError.FRAME_ALLOCATION_FAILED)
      @      || \result.isErr(MapperError.PARENT_ENTRY_HUGE_PAGE)
      @      || \result.isErr(MapperError.PAGE_ALREADY_MAPPED);
      @ ensures \result.kind == MapperResult.OK_FLUSH ==> \result.page == \old(page.start);
      @ ensures \result.isErr(MapperError.PAGE_ALREADY_MAPPED) ==> \result.value == \old(frame.start);
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @*/
    MapperResult mapTo(Page page, PhysFrame frame, Flags flags, FrameAllocator allocator)
            throws TableAccessFault, ForbiddenAccess;

    /** {@code map_to_with_table_flags}. */
    /*@ public behavior
      @ requires page != null && frame != null && flags != null && parentFlags != null;
      @ requires allocator != null && page.size == frame.size;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH
      @      || \result.isErr(MapperError.FRAME_ALLOCATION_FAILED)
      @      || \result.isErr(MapperError.PARENT_ENTRY_HUGE_PAGE)
      @      || \result.isErr(MapperError.PAGE_ALREADY_MAPPED);
      @ ensures \result.kind == MapperResult.OK_FLUSH ==> \result.page == \old(page.start);
      @ ensures \result.isErr(MapperError.PAGE_ALREADY_MAPPED) ==> \result.value == \old(frame.start);
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @*/
    MapperResult mapToWithTableFlags(Page page, PhysFrame frame, Flags flags, Flags parentFlags,
            FrameAllocator allocator) throws TableAccessFault, ForbiddenAccess;

    /** {@code unmap}: clears the leaf and returns the frame that was there. */
    /*@ public behavior
      @ requires page != null;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_UNMAPPED
      @      || \result.isErr(MapperError.PARENT_ENTRY_HUGE_PAGE)
      @      || \result.isErr(MapperError.PAGE_NOT_MAPPED)
      @      || \result.isErr(MapperError.INVALID_FRAME_ADDRESS);
      @ ensures \old(page.size) == PageSize.SIZE_4KIB ==> !\result.isErr(MapperError.INVALID_FRAME_ADDRESS);
      @ ensures \result.kind == MapperResult.OK_UNMAPPED ==> \result.page == \old(page.start);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    MapperResult unmap(Page page) throws TableAccessFault, ForbiddenAccess;

    /** {@code update_flags}: replaces the leaf's flags (huge sizes add HUGE_PAGE). */
    /*@ public behavior
      @ requires page != null && flags != null;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH || \result.isErr(MapperError.PAGE_NOT_MAPPED);
      @ ensures \result.kind == MapperResult.OK_FLUSH ==> \result.page == \old(page.start);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    MapperResult updateFlags(Page page, Flags flags) throws TableAccessFault, ForbiddenAccess;

    /** {@code set_flags_p4_entry}. */
    /*@ public behavior
      @ requires page != null && flags != null;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH_ALL || \result.isErr(MapperError.PAGE_NOT_MAPPED);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    MapperResult setFlagsP4Entry(Page page, Flags flags) throws TableAccessFault, ForbiddenAccess;

    /** {@code set_flags_p3_entry}: always ParentEntryHugePage for 1 GiB pages. */
    /*@ public behavior
      @ requires page != null && flags != null;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH_ALL || \result.isErr(MapperError.PAGE_NOT_MAPPED)
      @      || \result.isErr(MapperError.PARENT_ENTRY_HUGE_PAGE);
      @ ensures \old(page.size) == PageSize.SIZE_1GIB ==> \result.isErr(MapperError.PARENT_ENTRY_HUGE_PAGE);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    MapperResult setFlagsP3Entry(Page page, Flags flags) throws TableAccessFault, ForbiddenAccess;

    /** {@code set_flags_p2_entry}: always ParentEntryHugePage for 1 GiB and 2 MiB pages. */
    /*@ public behavior
      @ requires page != null && flags != null;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FLUSH_ALL || \result.isErr(MapperError.PAGE_NOT_MAPPED)
      @      || \result.isErr(MapperError.PARENT_ENTRY_HUGE_PAGE);
      @ ensures \old(page.size) != PageSize.SIZE_4KIB ==> \result.isErr(MapperError.PARENT_ENTRY_HUGE_PAGE);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    MapperResult setFlagsP2Entry(Page page, Flags flags) throws TableAccessFault, ForbiddenAccess;

    /** {@code translate_page}: only zero tests on the way (§6.5). */
    /*@ public behavior
      @ requires page != null;
      @ ensures \result != null;
      @ ensures \result.kind == MapperResult.OK_FRAME || \result.isErr(MapperError.PAGE_NOT_MAPPED)
      @      || \result.isErr(MapperError.INVALID_FRAME_ADDRESS);
      @ ensures \result.kind == MapperResult.OK_FRAME ==> \result.size == \old(page.size)
      @      && \result.value % PageSize.bytes(\old(page.size)) == 0;
      @ ensures \old(page.size) == PageSize.SIZE_4KIB ==> !\result.isErr(MapperError.INVALID_FRAME_ADDRESS);
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    MapperResult translatePage(Page page) throws TableAccessFault, ForbiddenAccess;
}
