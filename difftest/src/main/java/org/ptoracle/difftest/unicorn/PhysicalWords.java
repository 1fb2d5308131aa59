package org.ptoracle.difftest.unicorn;

/** Another backend's physical memory, read as 8-byte words (for comparisons). */
@FunctionalInterface
public interface PhysicalWords {
    /** The 8-byte little-endian word at 8-byte-aligned physical address {@code pa}. */
    long word(long pa);
}
