package org.ptoracle.difftest.unicorn;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the page-fault error code, which Unicorn 2.1.4 does not expose: exceptions are never delivered
 * through the guest IDT, and {@code UC_HOOK_INTR} receives only the vector (mmu-facts part 2, U1, §2.1).
 * QEMU stores the code in {@code CPUX86State.error_code} before raising, and {@code uc_context_save}
 * copies {@code CPUX86State} up to {@code end_reset_fields}, so the code is inside a saved context.
 *
 * <p>Where: in QEMU 5.0's {@code target/i386/cpu.h} the fields run
 * {@code int error_code; int exception_is_int; target_ulong exception_next_eip; target_ulong dr[8];
 * union { void *bp[4]; } ; int old_exception;}. The debug registers can be set through
 * {@code uc_reg_write} (plain stores in the 64-bit path of {@code target/i386/unicorn.c}), so eight
 * distinct marker values written to DR0..DR7 locate {@code dr[0]} in the context bytes; then
 * {@code error_code} is 16 bytes before it and {@code old_exception} 96 bytes after it (8 words of dr,
 * 4 pointers). {@link #locate} checks that layout and fails loudly if it is not what it expects;
 * {@link EmulatedMachine} additionally checks the codes of known faults at start.
 */
public final class ErrorCodeReader {
    /** Offset of {@code error_code} from {@code dr[0]}. */
    static final int ERROR_CODE_FROM_DR0 = -16;
    /** Offset of {@code old_exception} from {@code dr[0]}. */
    static final int OLD_EXCEPTION_FROM_DR0 = 8 * 8 + 4 * 8;

    private static final long MARKER = 0x5054_4f52_4143_4c00L; // "PTORACL\0" plus the register number

    private final int errorCodeOffset;
    private final int oldExceptionOffset;
    private final int dr0Offset;

    private ErrorCodeReader(int dr0Offset) {
        this.dr0Offset = dr0Offset;
        this.errorCodeOffset = dr0Offset + ERROR_CODE_FROM_DR0;
        this.oldExceptionOffset = dr0Offset + OLD_EXCEPTION_FROM_DR0;
    }

    /**
     * Finds the offsets in {@code uc}'s context. Call on an engine whose CPU has not raised an exception
     * since reset (then {@code old_exception} is -1). DR0..DR7 are put back to their previous values.
     *
     * @throws IllegalStateException if the markers are not found exactly once, or the neighbouring fields
     *     do not hold what QEMU 5.0 would put there
     */
    public static ErrorCodeReader locate(Unicorn uc) {
        long[] saved = new long[8];
        for (int i = 0; i < 8; i++) {
            saved[i] = uc.regRead(UcConst.X86_REG_DR0 + i);
        }
        try (Unicorn.Context context = markedContext(uc, 0)) {
            byte[] blob = context.toByteArray();
            List<Integer> hits = find(blob, markers(0));
            if (hits.size() != 1) {
                throw new IllegalStateException("error-code reader: the DR0..DR7 markers occur " + hits.size()
                    + " times in the " + blob.length + "-byte saved context (expected once); this Unicorn build's "
                    + "CPUX86State is not laid out as QEMU 5.0's");
            }
            int dr0 = hits.get(0);
            if (dr0 + ERROR_CODE_FROM_DR0 < 0 || dr0 + OLD_EXCEPTION_FROM_DR0 + 4 > blob.length) {
                throw new IllegalStateException("error-code reader: dr[0] at " + dr0
                    + " leaves no room for error_code/old_exception in a " + blob.length + "-byte context");
            }
            ErrorCodeReader reader = new ErrorCodeReader(dr0);
            int oldException = context.readInt(reader.oldExceptionOffset);
            if (oldException != -1) {
                throw new IllegalStateException("error-code reader: old_exception (dr[0]+96) reads " + oldException
                    + " on a freshly reset CPU, expected -1; the field layout is not QEMU 5.0's");
            }
            // The location must be live, not a coincidence: new markers must appear at the same offset.
            try (Unicorn.Context again = markedContext(uc, 0x80)) {
                for (int i = 0; i < 8; i++) {
                    long at = again.readLong(dr0 + 8L * i);
                    if (at != markers(0x80)[i]) {
                        throw new IllegalStateException("error-code reader: dr[" + i + "] did not follow a second "
                            + "marker write (read 0x" + Long.toHexString(at) + ")");
                    }
                }
            }
            return reader;
        } finally {
            for (int i = 0; i < 8; i++) {
                uc.regWrite(UcConst.X86_REG_DR0 + i, saved[i]);
            }
        }
    }

    /** The {@code error_code} of the last exception, from a context saved after it was raised. */
    public int errorCode(Unicorn.Context context) {
        return context.readInt(errorCodeOffset);
    }

    /** QEMU's {@code old_exception}: -1 when no exception is in flight (mmu-facts part 2, U2). */
    public int oldException(Unicorn.Context context) {
        return context.readInt(oldExceptionOffset);
    }

    /** Offset of {@code error_code} in the saved context bytes. */
    public int errorCodeOffset() {
        return errorCodeOffset;
    }

    /** Offset of {@code old_exception} in the saved context bytes. */
    public int oldExceptionOffset() {
        return oldExceptionOffset;
    }

    /** Offset of {@code dr[0]} in the saved context bytes. */
    public int dr0Offset() {
        return dr0Offset;
    }

    private static Unicorn.Context markedContext(Unicorn uc, int salt) {
        long[] m = markers(salt);
        for (int i = 0; i < 8; i++) {
            uc.regWrite(UcConst.X86_REG_DR0 + i, m[i]);
        }
        return uc.saveContext();
    }

    private static long[] markers(int salt) {
        long[] m = new long[8];
        for (int i = 0; i < 8; i++) {
            m[i] = MARKER + salt + i;
        }
        return m;
    }

    private static List<Integer> find(byte[] blob, long[] words) {
        byte[] pattern = new byte[words.length * 8];
        for (int i = 0; i < words.length; i++) {
            for (int b = 0; b < 8; b++) {
                pattern[8 * i + b] = (byte) (words[i] >>> (8 * b));
            }
        }
        List<Integer> hits = new ArrayList<>();
        outer:
        for (int at = 0; at + pattern.length <= blob.length; at++) {
            for (int j = 0; j < pattern.length; j++) {
                if (blob[at + j] != pattern[j]) {
                    continue outer;
                }
            }
            hits.add(at);
        }
        return hits;
    }
}
