package org.ptoracle.spec;

/** {@code TranslateResult} (crate-semantics §5.1): Mapped, NotMapped or InvalidFrameAddress. */
public final class TranslateResult {
    public static final int MAPPED = 0;
    public static final int NOT_MAPPED = 1;
    /** Never produced by RecursivePageTable (§6.8); part of the type. */
    public static final int INVALID_FRAME_ADDRESS = 2;

    /*@ public invariant 0 <= kind && kind <= 2;
      @ public invariant kind == MAPPED ==> (size == 1 || size == 2 || size == 3) && flags != null;
      @*/
    public final int kind;
    /** The {@link PageSize} of the mapped frame. */
    public final int size;
    /** The frame's start (MAPPED) or the invalid address (INVALID_FRAME_ADDRESS). */
    public final long frame;
    /** The offset of the address within the frame. */
    public final long offset;
    /** The leaf entry's flags only (parents are not combined: §8 Q17). */
    public final /*@ nullable @*/ Flags flags;

    /*@ public normal_behavior
      @ requires 0 <= kind && kind <= 2;
      @ requires kind == MAPPED ==> (size == 1 || size == 2 || size == 3) && flags != null;
      @ ensures this.kind == kind && this.size == size && this.frame == frame;
      @ ensures this.offset == offset && this.flags == flags;
      @ assignable \nothing;
      @*/
    private TranslateResult(int kind, int size, long frame, long offset, /*@ nullable @*/ Flags flags) {
        this.kind = kind;
        this.size = size;
        this.frame = frame;
        this.offset = offset;
        this.flags = flags;
    }

    /*@ public normal_behavior
      @ requires size == 1 || size == 2 || size == 3;
      @ requires flags != null;
      @ ensures \result != null && \result.kind == MAPPED && \result.size == size;
      @ ensures \result.frame == frame && \result.offset == offset && \result.flags == flags;
      @ assignable \nothing;
      @*/
    public static TranslateResult mapped(int size, long frame, long offset, Flags flags) {
        return new TranslateResult(MAPPED, size, frame, offset, flags);
    }

    /*@ public normal_behavior
      @ ensures \result != null && \result.kind == NOT_MAPPED;
      @ assignable \nothing;
      @*/
    public static TranslateResult notMapped() {
        return new TranslateResult(NOT_MAPPED, 0, 0L, 0L, null);
    }
}
