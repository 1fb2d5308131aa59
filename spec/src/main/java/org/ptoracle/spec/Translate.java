package org.ptoracle.spec;

/** {@code Translate} (crate-semantics §5.1, §6.6). */
public interface Translate {
    /** {@code translate}: panics on HUGE_PAGE in a level 4 or level 1 entry. */
    /*@ public behavior
      @ requires VirtAddr.isCanonical(addr);
      @ ensures \result != null;
      @ ensures \result.kind == TranslateResult.MAPPED || \result.kind == TranslateResult.NOT_MAPPED;
      @ ensures \result.kind == TranslateResult.MAPPED ==>
      @         (0 <= \result.offset && \result.offset < PageSize.bytes(\result.size)
      @          && \result.offset == VirtAddr.low48(addr) % PageSize.bytes(\result.size)
      @          && \result.frame % PageSize.bytes(\result.size) == 0);
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @*/
    TranslateResult translate(long addr) throws TableAccessFault, ForbiddenAccess;

    /** {@code translate_addr}: the physical address, or -1 for None. */
    /*@ public behavior
      @ requires VirtAddr.isCanonical(addr);
      @ ensures \result == -1 || (0 <= \result && \result < PhysAddr.LIMIT);
      @ ensures \result != -1 ==> \result % 4096 == VirtAddr.pageOffset(addr);
      @ signals_only TableAccessFault, ForbiddenAccess, CratePanic;
      @*/
    long translateAddr(long addr) throws TableAccessFault, ForbiddenAccess;
}
