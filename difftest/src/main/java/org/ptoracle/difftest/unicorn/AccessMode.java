package org.ptoracle.difftest.unicorn;

/** The privilege of an access: CPL0 (explicit supervisor access) or CPL3. */
public enum AccessMode {
    SUPERVISOR,
    USER
}
