package org.ptoracle.spec;

/** {@code CleanUp} (crate-semantics §5.5, §6.7): frees empty tables, post-order, by increasing index. */
public interface CleanUp {
    /** {@code clean_up}: the whole address space. */
    /*@ public behavior
      @ requires deallocator != null;
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    void cleanUp(FrameDeallocator deallocator) throws TableAccessFault, ForbiddenAccess;

    /** {@code clean_up_addr_range} over the 4 KiB pages {@code start ..= end}. */
    /*@ public behavior
      @ requires deallocator != null && start != null && end != null;
      @ requires start.size == PageSize.SIZE_4KIB && end.size == PageSize.SIZE_4KIB;
      @ signals_only TableAccessFault, ForbiddenAccess;
      @*/
    void cleanUpAddrRange(Page start, Page end, FrameDeallocator deallocator)
            throws TableAccessFault, ForbiddenAccess;
}
