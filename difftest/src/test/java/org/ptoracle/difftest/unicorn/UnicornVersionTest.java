package org.ptoracle.difftest.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnicornVersionTest {

    @Test
    void decodesThePackedForm() {
        UnicornVersion v = UnicornVersion.fromPacked(0x020104FF);
        assertEquals(new UnicornVersion(2, 1, 4, 255), v);
        assertEquals("2.1.4", v.toString());
        assertEquals(0x020104FF, v.packed());
    }

    @Test
    void acceptsTwoPointOnePointFourAndLater() {
        assertTrue(UnicornVersion.fromPacked(0x020104FF).refusal().isEmpty());
        assertTrue(UnicornVersion.fromPacked(0x020105FF).refusal().isEmpty());
        assertTrue(UnicornVersion.fromPacked(0x020200FF).refusal().isEmpty());
    }

    @Test
    void refusesTwoPointOneBeforeUcVmemTranslate() {
        String why = UnicornVersion.fromPacked(0x020103FF).refusal().orElseThrow();
        assertTrue(why.contains("2.1.3") && why.contains("uc_vmem_translate"), why);
        assertTrue(UnicornVersion.fromPacked(0x020100FF).refusal().isPresent());
    }

    @Test
    void refusesDebiansTwoPointZeroPointOneWithTheReason() {
        // Debian's libunicorn2 package is 2.0.1.
        String why = UnicornVersion.fromPacked(0x020001FF).refusal().orElseThrow();
        assertTrue(why.contains("2.0.1"), why);
        assertTrue(why.contains("1:1"), "says why 2.0.x is useless: " + why);
        assertTrue(why.contains("./ptoracle"), "says how to get 2.1: " + why);
        assertTrue(why.contains("unicorn==2.1.4"), why);
        assertTrue(why.contains("PTORACLE_UNICORN_LIB"), why);
    }

    @Test
    void refusesOtherMajors() {
        String why = UnicornVersion.fromPacked(0x010003FF).refusal().orElseThrow();
        assertTrue(why.contains("1.0.3"), why);
        assertTrue(UnicornVersion.fromPacked(0x030000FF).refusal().isPresent());
    }

    @Test
    void releaseCandidatesAreNamed() {
        assertEquals("2.1.0-rc2", UnicornVersion.fromPacked(0x02010002).toString());
    }
}
