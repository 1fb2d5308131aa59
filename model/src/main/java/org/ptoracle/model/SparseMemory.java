package org.ptoracle.model;

import org.ptoracle.spec.Entry;
import org.ptoracle.spec.ForbiddenAccess;
import org.ptoracle.spec.PhysicalMemory;

/**
 * Physical memory of the model: {@code [0, size)} as structured 8-byte words, stored by 4 KiB page and
 * allocated on first write (a page never written reads as zero). Two duties of the trace format live
 * here, because every writer (the crate's stores and the walker's accessed/dirty updates) comes through
 * {@link #write}: the harness rule (no store into harness memory or the harness slot's level 4 entry)
 * and the undo journal that gives a refused operation "no effect at all".
 */
public final class SparseMemory implements PhysicalMemory {
    private static final int WORDS_PER_PAGE = 512;
    /**
     * What every word never written reads as: one object, so that a read is a function
     * (PhysicalMemory.read). A field of each memory rather than a static constant: KeY runs no static
     * initialiser (proofs/key-settings.properties), so only an instance field can be in the invariant.
     */
    private final Entry zero = Entry.zero();

    private final long size;
    /** By page; a page never written is null. */
    private final /*@ nullable @*/ Entry[][] pages;
    private final long protectedStart;
    private final long protectedEnd;
    private final long protectedWord;

    private /*@ nullable @*/ long[] journalAddress = new long[64];
    /** Old words; null where the word had never been written. */
    private /*@ nullable @*/ Entry[] journalOld = new Entry[64];
    private int journalLength;

    /*
     * The shapes the reads and writes index by (the arrays are nullable above only because KeY reads
     * a non-null array as one whose elements are all non-null, which a sparse page table is not).
     */
    /*@ private invariant size > 0 && size % 4096 == 0 && pages != null && pages.length == size / 4096;
      @ private invariant \typeof(pages) == \type(Entry[][]);
      @ private invariant (\forall int p; 0 <= p && p < pages.length;
      @         pages[p] == null || (pages[p].length == WORDS_PER_PAGE && \typeof(pages[p]) == \type(Entry[])));
      @ private invariant zero != null && zero.low == 0 && zero.addr == 0 && zero.high == 0;
      @ private invariant journalAddress != null && journalOld != null && journalAddress.length == journalOld.length;
      @ private invariant 0 <= journalLength && journalLength <= journalAddress.length;
      @ private invariant (\forall int k; 0 <= k && k < journalLength; 0 <= journalAddress[k] && journalAddress[k] < size);
      @*/

    /**
     * Memory of {@code size} bytes in which writes to {@code [protectedStart, protectedEnd)} and to the
     * word at {@code protectedWord} are refused.
     */
    /*@ public normal_behavior
      @ requires size > 0 && size % 4096 == 0 && size / 4096 <= 2147483647L;
      @ ensures size() == size;
      @ assignable \nothing;
      @*/
    public SparseMemory(long size, long protectedStart, long protectedEnd, long protectedWord) {
        this.size = size;
        this.pages = new Entry[(int) (size / 4096)][];
        this.protectedStart = protectedStart;
        this.protectedEnd = protectedEnd;
        this.protectedWord = protectedWord;
    }

    /*@ also public normal_behavior
      @ ensures \result == size;
      @*/
    @Override
    public /*@ pure @*/ long size() {
        return size;
    }

    /*
     * Inside memory, the word as stored: what a write put there, else the shared zero entry. The
     * interface's case says only that a read is a function of the state; this one gives its value,
     * which initialize's contract needs.
     */
    /*@ also private normal_behavior
      @ requires 0 <= pa && pa < size;
      @ ensures pages[(int) (pa / 4096)] == null ==> \result == zero;
      @ ensures pages[(int) (pa / 4096)] != null ==>
      @         \result == (pages[(int) (pa / 4096)][(int) ((pa % 4096) / 8)] == null ? zero
      @                      : pages[(int) (pa / 4096)][(int) ((pa % 4096) / 8)]);
      @*/
    @Override
    public /*@ pure @*/ Entry read(long pa) {
        if (pa < 0 || pa >= size) {
            return zero;
        }
        Entry[] page = pages[(int) (pa / 4096)];
        if (page == null) {
            return zero;
        }
        Entry word = page[(int) ((pa % 4096) / 8)];
        if (word == null) {
            return zero;
        }
        return word;
    }

    /** True when a write to {@code pa} breaks the harness rule. */
    /*@ public normal_behavior
      @ ensures \result <==> ((protectedStart <= pa && pa < protectedEnd) || pa == protectedWord);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean isProtected(long pa) {
        return (protectedStart <= pa && pa < protectedEnd) || pa == protectedWord;
    }

    @Override
    public void write(long pa, Entry value) throws ForbiddenAccess {
        if (isProtected(pa)) {
            throw new ForbiddenAccess("store into harness memory", pa);
        }
        remember(pa, read(pa));
        put(pa, value);
    }

    @Override
    public void write(long pa, int low, long addr, int high) throws ForbiddenAccess {
        if (pa + 8 > size) {
            throw new ForbiddenAccess("store outside memory (physical " + pa + ", memory is " + size + " bytes)",
                    pa);
        }
        write(pa, Entry.of(low, addr, high));
    }

    /**
     * Writes without the harness rule and without the journal: for building the initial machine and
     * for {@code poke}, whose arguments the caller has checked.
     */
    /*@ public normal_behavior
      @ requires 0 <= pa && pa + 8 <= size() && pa % 8 == 0 && value != null && \invariant_for(value);
      @ ensures read(pa).sameAs(value);
      @*/
    public void initialize(long pa, Entry value) {
        put(pa, value);
    }

    /** Starts an operation: forgets the journal, so {@link #undoOperation} goes back to this point. */
    /*@ public normal_behavior
      @ assignable journalLength;
      @ ensures journalLength == 0;
      @*/
    public void beginOperation() {
        journalLength = 0;
    }

    /** Puts back every word written since {@link #beginOperation}, newest first. */
    /*@ public normal_behavior
      @ ensures journalLength == 0;
      @*/
    public void undoOperation() {
        /*@ loop_invariant -1 <= i && i < journalLength && \invariant_for(this);
          @ decreases i + 1;
          @*/
        for (int i = journalLength - 1; i >= 0; i--) {
            put(journalAddress[i], journalOld[i]);
        }
        journalLength = 0;
    }

    /** True when the 4 KiB page at {@code pageIndex} has ever been written (otherwise it is all zero). */
    /*@ public normal_behavior
      @ requires 0 <= pageIndex && pageIndex < size() / 4096;
      @ ensures !\result ==> (\forall int w; 0 <= w && w < 512; read((long) (pageIndex * 4096L + 8L * w)).isUnused());
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean pageWritten(int pageIndex) {
        return pages[pageIndex] != null;
    }

    private void remember(long pa, Entry old) {
        if (journalLength == journalAddress.length) {
            long[] moreAddresses = new long[journalLength * 2];
            Entry[] moreOld = new Entry[journalLength * 2];
            for (int i = 0; i < journalLength; i++) {
                moreAddresses[i] = journalAddress[i];
                moreOld[i] = journalOld[i];
            }
            journalAddress = moreAddresses;
            journalOld = moreOld;
        }
        journalAddress[journalLength] = pa;
        journalOld[journalLength] = old;
        journalLength++;
    }

    private void put(long pa, Entry value) {
        int pageIndex = (int) (pa / 4096);
        Entry[] page = pages[pageIndex];
        if (page == null) {
            page = new Entry[WORDS_PER_PAGE];
            pages[pageIndex] = page;
        }
        page[(int) ((pa % 4096) / 8)] = value;
    }
}
