package org.ptoracle.model;

import org.ptoracle.spec.PhysAddr;
import org.ptoracle.spec.VirtAddr;

/**
 * The address arithmetic of the MMU walk, as opaque functions: the table index of each level of a
 * virtual address, its low 48 bits, and the physical address of entry {@code index} of the table at
 * {@code table}. {@link MmuModel} computes its walk through them, and its contracts name them.
 *
 * Why a class of its own (measured in the eleventh session, proofs/README.md): KeY 2.12.3 defines a
 * pure method by its body (the "query axiom") only in the proofs of the class that declares it.
 * Everywhere else a call and the same query in a contract are linked by the contract alone. Each
 * function here says only its range and {@code \result == itself}: in MmuModel's proofs the index
 * the walk computes and the index its contract names are then one term, with no division between
 * them (with {@code VirtAddr.tableIndex} they were not, and that arithmetic kept the T3 walk open
 * for ten sessions). What the functions are is proved here, where the bodies are visible: the
 * lemmas below state each as the arithmetic of {@code RecursiveAddresses.entry}'s contract (T3 (a)),
 * and {@link RecursiveWalk} states the walk of a recursive address in these terms.
 */
public final class WalkAddresses {
    private WalkAddresses() {
    }

    /**
     * The table index of {@code level} (bits 47:39, 38:30, 29:21, 20:12): {@link VirtAddr#tableIndex}
     * of a canonical address (0 for any other: the walk never asks, see below). The functions here
     * are total, with no precondition on the address: KeY proves a query's precondition at every
     * expansion of the query, and the canonical form of the address behind a chain of nested reads
     * cost RecursiveWalk's lemmas the budget (eleventh session). One case per level, so that each
     * case's own proof has a constant level (a symbolic level with the guard did not close).
     */
    /*@ public normal_behavior
      @ requires level == 1;
      @ ensures 0 <= \result && \result < 512;
      @ ensures \result == index(va, level);
      @ assignable \strictly_nothing;
      @ accessible \nothing;
      @ also public normal_behavior
      @ requires level == 2;
      @ ensures 0 <= \result && \result < 512;
      @ ensures \result == index(va, level);
      @ assignable \strictly_nothing;
      @ accessible \nothing;
      @ also public normal_behavior
      @ requires level == 3;
      @ ensures 0 <= \result && \result < 512;
      @ ensures \result == index(va, level);
      @ assignable \strictly_nothing;
      @ accessible \nothing;
      @ also public normal_behavior
      @ requires level == 4;
      @ ensures 0 <= \result && \result < 512;
      @ ensures \result == index(va, level);
      @ assignable \strictly_nothing;
      @ accessible \nothing;
      @*/
    public static /*@ pure @*/ int index(long va, int level) {
        if (va < -VirtAddr.HALF || va >= VirtAddr.HALF) {
            return 0;
        }
        return VirtAddr.tableIndex(va, level);
    }

    /** The address's low 48 bits as a non-negative number: {@link VirtAddr#low48} (0 if not canonical). */
    /*@ public normal_behavior
      @ ensures 0 <= \result && \result < VirtAddr.SPAN;
      @ ensures \result == low(va);
      @ assignable \strictly_nothing;
      @ accessible \nothing;
      @*/
    public static /*@ pure @*/ long low(long va) {
        if (va < -VirtAddr.HALF || va >= VirtAddr.HALF) {
            return 0;
        }
        return VirtAddr.low48(va);
    }

    /**
     * The physical address of entry {@code index} of the table at {@code table} (0 for a table or
     * index out of range, which the walk never passes: tables come from CR3 and from entries, below
     * 2^52; indices from {@link #index}). Contracts that name
     * it need no {@code (long)} cast of {@code table + 8 index} (a JML sum is a \bigint), whose
     * range checks cost KeY more than the walk itself.
     */
    /*@ public normal_behavior
      @ ensures \result == entry(table, index);
      @ assignable \strictly_nothing;
      @ accessible \nothing;
      @*/
    public static /*@ pure @*/ long entry(long table, int index) {
        if (table < 0 || table >= PhysAddr.LIMIT || index < 0 || index >= 512) {
            return 0;
        }
        return table + 8L * index;
    }

    /**
     * What {@link #index} and {@link #low} are, in the arithmetic {@code RecursiveAddresses.entry}'s
     * contract uses ({@code low48} of a canonical address written out), one fact per case. Only a
     * composition ({@link RecursiveWalk}'s callers) needs it; the walk never does.
     */
    /*@ public normal_behavior
      @ requires VirtAddr.isCanonical(va);
      @ ensures index(va, 4) == (va >= 0 ? va : va + VirtAddr.SPAN) / 549755813888L;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires VirtAddr.isCanonical(va);
      @ ensures index(va, 3) == ((va >= 0 ? va : va + VirtAddr.SPAN) / 1073741824L) % 512;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires VirtAddr.isCanonical(va);
      @ ensures index(va, 2) == ((va >= 0 ? va : va + VirtAddr.SPAN) / 2097152L) % 512;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires VirtAddr.isCanonical(va);
      @ ensures index(va, 1) == ((va >= 0 ? va : va + VirtAddr.SPAN) / 4096L) % 512;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires VirtAddr.isCanonical(va);
      @ ensures low(va) % 4096 == (va >= 0 ? va : va + VirtAddr.SPAN) % 4096;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ void lemmaParts(long va) {
    }

    /** What {@link #entry} is. */
    /*@ public normal_behavior
      @ requires 0 <= table && table < PhysAddr.LIMIT && 0 <= index && index < 512;
      @ ensures entry(table, index) == table + 8L * index;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ void lemmaEntry(long table, int index) {
    }
}
