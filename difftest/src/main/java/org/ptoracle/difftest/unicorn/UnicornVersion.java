package org.ptoracle.difftest.unicorn;

import java.util.Optional;

/**
 * A Unicorn library version as {@code uc_version()} reports it: one unsigned int packed as
 * {@code major << 24 | minor << 16 | patch << 8 | extra} (unicorn.h: {@code UC_MAKE_VERSION} builds the
 * top two bytes; {@code UC_API_EXTRA} 255 means a final release). 2.1.4 is {@code 0x020104FF}.
 */
public record UnicornVersion(int major, int minor, int patch, int extra) {

    /** Decodes a packed {@code uc_version()} result. */
    public static UnicornVersion fromPacked(int packed) {
        return new UnicornVersion(packed >>> 24, (packed >>> 16) & 0xFF, (packed >>> 8) & 0xFF, packed & 0xFF);
    }

    /** The packed form, as {@code uc_version()} returns it. */
    public int packed() {
        return major << 24 | minor << 16 | patch << 8 | extra;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (extra == 255 ? "" : "-rc" + extra);
    }

    /**
     * Why this version cannot run the differential tests, or empty if it can. Required: major 2, and 2.1.4
     * or later: 2.0.x does not walk page tables at all, and {@code uc_vmem_translate}, which fetch accesses
     * use to learn their physical address, first appears in 2.1.4 (it is absent from unicorn.h at tags
     * 2.1.0 to 2.1.3); 2.1.4 is also the version whose paging behaviour mmu-facts.md part 2 records. Pure, so
     * refusal can be tested without loading a library.
     */
    public Optional<String> refusal() {
        if (major == 2 && (minor > 1 || (minor == 1 && patch >= 4))) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder();
        why.append("Unicorn ").append(this).append(" cannot be used: ptoracle needs Unicorn 2.1 (2.1.4 or later, 2.x)");
        if (major == 2 && minor == 0) {
            why.append(". Unicorn 2.0.x translates virtual to physical addresses 1:1 even with paging on, so ")
                .append("page tables are never walked (Debian's libunicorn2 package is 2.0.1).");
        } else if (major == 2 && minor == 1) {
            why.append(". Before 2.1.4 the library has no uc_vmem_translate, which fetch accesses need.");
        } else {
            why.append('.');
        }
        why.append(" To get 2.1: run ./ptoracle, which installs the unicorn==2.1.4 wheel into .deps/ ")
            .append("(or run ci/install-unicorn.sh), or set PTORACLE_UNICORN_LIB (or -Dptoracle.unicorn.lib) ")
            .append("to the path of a libunicorn.so.2 of version 2.1.4 or later.");
        return Optional.of(why.toString());
    }
}
