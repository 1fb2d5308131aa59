package org.ptoracle.spec;

/**
 * The three page sizes, named by the level of the table whose entry maps them: 1 is 4 KiB (a level 1
 * entry), 2 is 2 MiB (a level 2 entry with PS), 3 is 1 GiB (a level 3 entry with PS). The crate's
 * {@code Size4KiB}, {@code Size2MiB}, {@code Size1GiB} (src/structures/paging/page.rs).
 */
public final class PageSize {
    public static final int SIZE_4KIB = 1;
    public static final int SIZE_2MIB = 2;
    public static final int SIZE_1GIB = 3;

    private PageSize() {
    }

    /*@ public normal_behavior
      @ ensures \result <==> (size == SIZE_4KIB || size == SIZE_2MIB || size == SIZE_1GIB);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean isValid(int size) {
        return size == SIZE_4KIB || size == SIZE_2MIB || size == SIZE_1GIB;
    }

    /** Bytes in a page of this size ({@code S::SIZE}). */
    /*@ public normal_behavior
      @ requires size == SIZE_4KIB || size == SIZE_2MIB || size == SIZE_1GIB;
      @ ensures size == SIZE_4KIB ==> \result == 4096L;
      @ ensures size == SIZE_2MIB ==> \result == 2097152L;
      @ ensures size == SIZE_1GIB ==> \result == 1073741824L;
      @ assignable \strictly_nothing;
      @ accessible \nothing;
      @*/
    public static /*@ pure @*/ long bytes(int size) {
        if (size == SIZE_4KIB) {
            return 4096L;
        }
        if (size == SIZE_2MIB) {
            return 2097152L;
        }
        return 1073741824L;
    }
}
