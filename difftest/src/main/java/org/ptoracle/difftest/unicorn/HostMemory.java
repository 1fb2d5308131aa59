package org.ptoracle.difftest.unicorn;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Guest memory that Java owns and Unicorn uses in place ({@link Unicorn#mapHostMemory}). Reads and
 * writes here bypass the emulated MMU and are seen by the CPU at once (the page walker and the
 * load/store helpers read the same bytes). Words are little-endian, as on x86. Valid until the owning
 * {@link Unicorn} is closed; afterwards every method throws {@link IllegalStateException}.
 *
 * <p>Writing code bytes here does not invalidate translated blocks; call
 * {@link Unicorn#flushTranslatedCode()} after doing so (mmu-facts part 2, U4).
 */
public final class HostMemory {
    private final long base;
    private final MemorySegment bytes;

    HostMemory(long base, MemorySegment bytes) {
        this.base = base;
        this.bytes = bytes;
    }

    /** First guest-physical address. */
    public long base() {
        return base;
    }

    /** Size in bytes. */
    public long size() {
        return bytes.byteSize();
    }

    /** True if [pa, pa + length) lies inside this memory. */
    public boolean contains(long pa, long length) {
        return pa >= base && length >= 0 && pa - base <= bytes.byteSize() - length;
    }

    /** The word at 8-byte-aligned guest-physical {@code pa}. */
    public long readLong(long pa) {
        return bytes.get(JAVA_LONG, offset(pa, 8));
    }

    /** Writes the word at 8-byte-aligned guest-physical {@code pa}. */
    public void writeLong(long pa, long value) {
        bytes.set(JAVA_LONG, offset(pa, 8), value);
    }

    /** Copies {@code words.length} words from 8-byte-aligned guest-physical {@code pa} into {@code words}. */
    public void readWords(long pa, long[] words) {
        MemorySegment.copy(bytes, JAVA_LONG, offset(pa, 8L * words.length), words, 0, words.length);
    }

    /** Copies {@code words} to 8-byte-aligned guest-physical {@code pa}. */
    public void writeWords(long pa, long[] words) {
        MemorySegment.copy(words, 0, bytes, JAVA_LONG, offset(pa, 8L * words.length), words.length);
    }

    /** The byte at guest-physical {@code pa}. */
    public byte readByte(long pa) {
        return bytes.get(JAVA_BYTE, offset(pa, 1));
    }

    /** Writes the byte at guest-physical {@code pa}. */
    public void writeByte(long pa, byte value) {
        bytes.set(JAVA_BYTE, offset(pa, 1), value);
    }

    /** Copies {@code data} to guest-physical {@code pa}. */
    public void writeBytes(long pa, byte[] data) {
        MemorySegment.copy(data, 0, bytes, JAVA_BYTE, offset(pa, data.length), data.length);
    }

    /** Fills [pa, pa + length) with {@code value}. */
    public void fill(long pa, long length, byte value) {
        bytes.asSlice(offset(pa, length), length).fill(value);
    }

    /**
     * The lowest 8-byte-aligned address in [from, to) whose word differs from {@code other}, or -1.
     * {@code from} and {@code to} must be 8-byte aligned and inside this memory.
     */
    public long firstDifference(PhysicalWords other, long from, long to) {
        long start = offset(from, to - from);
        long end = start + (to - from);
        if ((start & 7) != 0 || (end & 7) != 0) {
            throw new IllegalArgumentException("range not 8-byte aligned: " + Long.toHexString(from) + ".."
                + Long.toHexString(to));
        }
        for (long off = start; off < end; off += 8) {
            long pa = base + off;
            if (bytes.get(JAVA_LONG, off) != other.word(pa)) {
                return pa;
            }
        }
        return -1;
    }

    /**
     * The lowest 8-byte-aligned address at which this memory differs from {@code words} (word i is
     * address {@code base + 8 * i}), or -1. Arrays shorter than memory compare as zero-extended.
     * Vectorised (MemorySegment.mismatch), so a whole 64 MiB compare takes milliseconds at most.
     */
    public long firstDifference(long[] words) {
        MemorySegment theirs = MemorySegment.ofArray(words);
        long common = Math.min(theirs.byteSize(), bytes.byteSize());
        long at = MemorySegment.mismatch(bytes, 0, common, theirs, 0, common);
        if (at >= 0) {
            return base + (at & ~7L);
        }
        for (long off = common; off < bytes.byteSize(); off += 8) {
            if (bytes.get(JAVA_LONG, off) != 0) {
                return base + off;
            }
        }
        return -1;
    }

    /**
     * The lowest 8-byte-aligned address in [pa, pa + 8 * words.length) whose word differs from
     * {@code words}, or -1 (vectorised).
     */
    public long firstDifference(long[] words, long pa) {
        long start = offset(pa, 8L * words.length);
        long at = MemorySegment.mismatch(bytes, start, start + 8L * words.length, MemorySegment.ofArray(words), 0,
            8L * words.length);
        return at < 0 ? -1 : pa + (at & ~7L);
    }

    /**
     * The lowest 8-byte-aligned address in [from, to) whose word is not zero, or -1. Zero stretches are
     * skipped with vectorised compares, so walking the non-zero words of a mostly empty memory is fast
     * (for comparing against a sparse model memory from both sides).
     */
    public long nextNonZeroWord(long from, long to) {
        long start = offset(from, to - from);
        if ((start & 7) != 0 || ((to - from) & 7) != 0) {
            throw new IllegalArgumentException("range not 8-byte aligned");
        }
        long end = start + (to - from);
        long off = start;
        while (off < end) {
            long chunk = Math.min(ZEROS.byteSize(), end - off);
            long at = MemorySegment.mismatch(bytes, off, off + chunk, ZEROS, 0, chunk);
            if (at >= 0) {
                return base + ((off + at) & ~7L);
            }
            off += chunk;
        }
        return -1;
    }

    private static final MemorySegment ZEROS = MemorySegment.ofArray(new long[8192]);

    /** A copy of all of memory as words (index i is address {@code base + 8 * i}). */
    public long[] toLongArray() {
        return bytes.toArray(JAVA_LONG);
    }

    /** Overwrites all of memory from {@code words} (must have exactly {@code size() / 8} elements). */
    public void copyFrom(long[] words) {
        if ((long) words.length * 8 != bytes.byteSize()) {
            throw new IllegalArgumentException("need " + bytes.byteSize() / 8 + " words, got " + words.length);
        }
        MemorySegment.copy(MemorySegment.ofArray(words), 0, bytes, 0, bytes.byteSize());
    }

    /** A read-only little-endian view of all bytes (index 0 is {@link #base()}); memory under 2 GiB only. */
    public ByteBuffer readOnlyView() {
        return bytes.asByteBuffer().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private long offset(long pa, long length) {
        if (!contains(pa, length)) {
            throw new IndexOutOfBoundsException("physical [0x" + Long.toHexString(pa) + ", +" + length
                + ") is outside memory [0x" + Long.toHexString(base) + ", 0x" + Long.toHexString(base + size()) + ")");
        }
        return pa - base;
    }
}
