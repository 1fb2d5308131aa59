package org.ptoracle.spec;

/**
 * What a Mapper method returned: Ok with its payload, or Err with its variant. The payload fields used
 * depend on {@link #kind}; the others are 0.
 */
public final class MapperResult {
    /** Ok(MapperFlush(page)): map_to, identity_map, update_flags. */
    public static final int OK_FLUSH = 0;
    /** Ok(MapperFlushAll): set_flags_pN_entry. */
    public static final int OK_FLUSH_ALL = 1;
    /** Ok((frame, MapperFlush(page))): unmap. */
    public static final int OK_UNMAPPED = 2;
    /** Ok(frame): translate_page. */
    public static final int OK_FRAME = 3;
    /** Ok(RecursivePageTable) from new: carries the recursive index. */
    public static final int OK_RECURSIVE = 4;
    /** Err(variant). */
    public static final int ERR = 5;

    /*@ public invariant 0 <= kind && kind <= 5;
      @ public invariant (kind == ERR) <==> MapperError.isError(error);
      @*/
    public final int kind;
    /** The {@link MapperError} variant; NONE unless {@code kind == ERR}. */
    public final int error;
    /**
     * The frame (OK_UNMAPPED, OK_FRAME), the requested frame (PAGE_ALREADY_MAPPED), the address
     * (INVALID_FRAME_ADDRESS), or the recursive index (OK_RECURSIVE).
     */
    public final long value;
    /** The flush page (OK_FLUSH, OK_UNMAPPED). */
    public final long page;
    /** The page or frame size the value is of (a {@link PageSize}), where it is a frame. */
    public final int size;

    /*@ public normal_behavior
      @ requires 0 <= kind && kind <= 5;
      @ requires (kind == ERR) <==> MapperError.isError(error);
      @ ensures this.kind == kind && this.error == error && this.value == value;
      @ ensures this.page == page && this.size == size;
      @ assignable \nothing;
      @*/
    private MapperResult(int kind, int error, long value, long page, int size) {
        this.kind = kind;
        this.error = error;
        this.value = value;
        this.page = page;
        this.size = size;
    }

    /*@ public normal_behavior
      @ ensures \result != null && \result.kind == OK_FLUSH && \result.page == page;
      @ assignable \nothing;
      @*/
    public static MapperResult flush(long page) {
        return new MapperResult(OK_FLUSH, MapperError.NONE, 0L, page, 0);
    }

    /*@ public normal_behavior
      @ ensures \result != null && \result.kind == OK_FLUSH_ALL;
      @ assignable \nothing;
      @*/
    public static MapperResult flushAll() {
        return new MapperResult(OK_FLUSH_ALL, MapperError.NONE, 0L, 0L, 0);
    }

    /*@ public normal_behavior
      @ ensures \result != null && \result.kind == OK_UNMAPPED;
      @ ensures \result.value == frame && \result.page == page && \result.size == size;
      @ assignable \nothing;
      @*/
    public static MapperResult unmapped(long frame, long page, int size) {
        return new MapperResult(OK_UNMAPPED, MapperError.NONE, frame, page, size);
    }

    /*@ public normal_behavior
      @ ensures \result != null && \result.kind == OK_FRAME && \result.value == frame && \result.size == size;
      @ assignable \nothing;
      @*/
    public static MapperResult frame(long frame, int size) {
        return new MapperResult(OK_FRAME, MapperError.NONE, frame, 0L, size);
    }

    /*@ public normal_behavior
      @ ensures \result != null && \result.kind == OK_RECURSIVE && \result.value == index;
      @ assignable \nothing;
      @*/
    public static MapperResult recursive(int index) {
        return new MapperResult(OK_RECURSIVE, MapperError.NONE, index, 0L, 0);
    }

    /*@ public normal_behavior
      @ requires MapperError.isError(error);
      @ ensures \result != null && \result.kind == ERR && \result.error == error;
      @ ensures \result.value == value && \result.size == size;
      @ assignable \nothing;
      @*/
    public static MapperResult err(int error, long value, int size) {
        return new MapperResult(ERR, error, value, 0L, size);
    }

    /*@ public normal_behavior
      @ ensures \result <==> (kind == ERR && error == e);
      @ assignable \strictly_nothing;
      @*/
    /*
     * helper: reads two fields and needs no invariant. Without it, every contract that mentions
     * isErr on a result needs that result's invariant, which the factories' contracts do not restate.
     */
    public /*@ pure helper @*/ boolean isErr(int e) {
        return kind == ERR && error == e;
    }
}
