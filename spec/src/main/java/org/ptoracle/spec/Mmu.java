package org.ptoracle.spec;

/**
 * The x86-64 MMU as trace format version 1 defines it: every access walks the four levels from CR3
 * afresh (no TLB), sets ACCESSED and DIRTY as the emulated CPU does, and either yields the physical
 * address or faults. The rules are in mmu-facts.md §4-§7 and §10 (the QEMU 5.0 walk).
 */
public interface Mmu {
    /**
     * One access of {@code kind} at privilege {@code mode} to the virtual address {@code va}.
     * A non-canonical address gives #GP(0) without reading a table.
     */
    /*@ public behavior
      @ requires Access.isKind(kind) && Access.isMode(mode);
      @ ensures \result != null;
      @ ensures !VirtAddr.isCanonical(va) ==> (\result.fault != null
      @         && \result.fault.vector == Fault.GENERAL_PROTECTION);
      @ ensures \result.fault != null && \result.fault.vector == Fault.PAGE_FAULT
      @         ==> \result.fault.cr2 == va;
      @ ensures \result.fault != null && \result.fault.vector == Fault.PAGE_FAULT
      @         ==> ((\result.fault.errorCode / Fault.ERR_W) % 2 == 1 <==> kind == Access.WRITE);
      @ ensures \result.fault != null && \result.fault.vector == Fault.PAGE_FAULT
      @         ==> ((\result.fault.errorCode / Fault.ERR_U) % 2 == 1 <==> mode == Access.USER);
      @ ensures \result.fault == null ==> VirtAddr.pageOffset(va) == \result.phys % 4096;
      @ signals_only ForbiddenAccess;
      @*/
    Walk access(long va, int kind, int mode) throws ForbiddenAccess;
}
