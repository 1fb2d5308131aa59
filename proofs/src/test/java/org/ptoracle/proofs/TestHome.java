package org.ptoracle.proofs;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root for tests: -Dptoracle.home (set by surefire), else found from the cwd. */
final class TestHome {
    private TestHome() {
    }

    static Path get() {
        String prop = System.getProperty("ptoracle.home");
        if (prop != null) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(KeyConfig.DEFAULT_FILE))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + cwd);
    }

    static KeyConfig config() throws KeyConfig.ConfigException {
        return KeyConfig.load(get().resolve(KeyConfig.DEFAULT_FILE));
    }

    static Path stubs() {
        return get().resolve("proofs/key-stubs");
    }

    static Path resources(String name) {
        return get().resolve("proofs/src/test/resources").resolve(name);
    }
}
