package org.ptoracle.difftest.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The search order and messages, with a fake environment (no library is loaded). */
class UnicornLibraryLocatorTest {

    private static final SymbolLookup DUMMY = name -> Optional.empty();

    private final List<String> opened = new ArrayList<>();

    private UnicornLibraryLocator.Environment env(Map<String, String> props, Map<String, String> vars,
                                                  Set<Path> files, boolean systemPresent) {
        return new UnicornLibraryLocator.Environment(
            props::get,
            vars::get,
            files::contains,
            path -> {
                opened.add(path.toString());
                return DUMMY;
            },
            name -> {
                if (!systemPresent) {
                    throw new IllegalArgumentException("Cannot open library: " + name);
                }
                opened.add("system:" + name);
                return DUMMY;
            });
    }

    @Test
    void missingLibraryListsEveryPlaceSearched() {
        var e = assertThrows(UnicornUnavailableException.class, () -> UnicornLibraryLocator.locate(
            env(Map.of(UnicornLibraryLocator.HOME_PROPERTY, "/proj"), Map.of(), Set.of(), false)));
        String m = e.getMessage();
        assertTrue(m.contains("not found"), m);
        assertTrue(m.contains("system property ptoracle.unicorn.lib"), m);
        assertTrue(m.contains("environment variable PTORACLE_UNICORN_LIB"), m);
        assertTrue(m.contains("/proj/.deps/unicorn/unicorn/lib/libunicorn.so.2"), m);
        assertTrue(m.contains("system library libunicorn.so.2"), m);
        assertTrue(m.contains("./ptoracle"), "says how to install: " + m);
        assertTrue(m.indexOf("ptoracle.unicorn.lib") < m.indexOf("PTORACLE_UNICORN_LIB")
            && m.indexOf("PTORACLE_UNICORN_LIB") < m.indexOf(".deps") && m.indexOf(".deps") < m.indexOf("system library"),
            "in search order: " + m);
    }

    @Test
    void propertyComesFirst() {
        Path p = Path.of("/x/libunicorn.so.2");
        Path q = Path.of("/y/libunicorn.so.2");
        var found = UnicornLibraryLocator.locate(env(Map.of(UnicornLibraryLocator.PROPERTY, p.toString()),
            Map.of(UnicornLibraryLocator.ENV, q.toString()), Set.of(p, q), true));
        assertTrue(found.origin().contains("system property"), found.origin());
        assertEquals(List.of(p.toString()), opened);
    }

    @Test
    void environmentVariableBeforeProjectInstall() {
        Path q = Path.of("/y/libunicorn.so.2");
        Path bundled = Path.of("/proj").resolve(UnicornLibraryLocator.BUNDLED);
        var found = UnicornLibraryLocator.locate(env(Map.of(UnicornLibraryLocator.HOME_PROPERTY, "/proj"),
            Map.of(UnicornLibraryLocator.ENV, q.toString()), Set.of(q, bundled), true));
        assertTrue(found.origin().contains("PTORACLE_UNICORN_LIB"), found.origin());
        assertEquals(List.of(q.toString()), opened);
    }

    @Test
    void projectInstallBeforeSystemLibrary() {
        Path bundled = Path.of("/proj").resolve(UnicornLibraryLocator.BUNDLED);
        var found = UnicornLibraryLocator.locate(env(Map.of(UnicornLibraryLocator.HOME_PROPERTY, "/proj"),
            Map.of(), Set.of(bundled), true));
        assertTrue(found.origin().contains(".deps"), found.origin());
        assertEquals(List.of(bundled.toString()), opened);
    }

    @Test
    void systemLibraryLast() {
        var found = UnicornLibraryLocator.locate(env(Map.of(UnicornLibraryLocator.HOME_PROPERTY, "/proj"),
            Map.of(), Set.of(), true));
        assertTrue(found.origin().contains("system library"), found.origin());
        assertEquals(List.of("system:libunicorn.so.2"), opened);
    }

    @Test
    void anExplicitPathThatDoesNotExistIsAnErrorNotAFallThrough() {
        Path bundled = Path.of("/proj").resolve(UnicornLibraryLocator.BUNDLED);
        var e = assertThrows(UnicornUnavailableException.class, () -> UnicornLibraryLocator.locate(
            env(Map.of(UnicornLibraryLocator.HOME_PROPERTY, "/proj"),
                Map.of(UnicornLibraryLocator.ENV, "/typo/libunicorn.so.2"), Set.of(bundled), true)));
        assertTrue(e.getMessage().contains("/typo/libunicorn.so.2"), e.getMessage());
        assertTrue(e.getMessage().contains("PTORACLE_UNICORN_LIB"), e.getMessage());
        assertTrue(opened.isEmpty());
    }
}
