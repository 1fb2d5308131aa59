package org.ptoracle.spec;

/**
 * The crate's error variants (crate-semantics §5.4), one number each. Which operation can return which
 * is part of each method's contract in {@link Mapper}: MapToError = {FRAME_ALLOCATION_FAILED,
 * PARENT_ENTRY_HUGE_PAGE, PAGE_ALREADY_MAPPED}; UnmapError = {PARENT_ENTRY_HUGE_PAGE, PAGE_NOT_MAPPED,
 * INVALID_FRAME_ADDRESS}; FlagUpdateError = {PAGE_NOT_MAPPED, PARENT_ENTRY_HUGE_PAGE}; TranslateError =
 * {PAGE_NOT_MAPPED, PARENT_ENTRY_HUGE_PAGE, INVALID_FRAME_ADDRESS}; InvalidPageTable = {NOT_RECURSIVE,
 * NOT_ACTIVE}.
 */
public final class MapperError {
    public static final int NONE = 0;
    /** The allocator returned None while a parent table had to be created. */
    public static final int FRAME_ALLOCATION_FAILED = 1;
    /** A parent entry has HUGE_PAGE (and, misleadingly, several other cases: crate-semantics §8 Q11). */
    public static final int PARENT_ENTRY_HUGE_PAGE = 2;
    /** The leaf is non-zero; carries the frame the caller asked to map. */
    public static final int PAGE_ALREADY_MAPPED = 3;
    /** An entry on the path is zero (or, for unmap, not present). */
    public static final int PAGE_NOT_MAPPED = 4;
    /** A huge leaf's address is not aligned to its size; carries the address. */
    public static final int INVALID_FRAME_ADDRESS = 5;
    /** {@code new}: the table address is not of recursive form. */
    public static final int NOT_RECURSIVE = 6;
    /** {@code new}: entry r does not name CR3's frame. */
    public static final int NOT_ACTIVE = 7;

    private MapperError() {
    }

    /*@ public normal_behavior
      @ ensures \result <==> (1 <= error && error <= 7);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean isError(int error) {
        return 1 <= error && error <= 7;
    }
}
