package org.ptoracle.difftest.unicorn;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finds {@code libunicorn.so.2}. Places, in order:
 * <ol>
 *   <li>system property {@value #PROPERTY} (a path to the library file);</li>
 *   <li>environment variable {@value #ENV} (likewise);</li>
 *   <li>{@code <project>/.deps/unicorn/unicorn/lib/libunicorn.so.2}, where ci/install-unicorn.sh puts
 *       the unicorn==2.1.4 wheel; the project folder is system property {@value #HOME_PROPERTY}, or the
 *       current directory;</li>
 *   <li>the system library {@value #SYSTEM_NAME}, through the dynamic loader's search path.</li>
 * </ol>
 * A path given explicitly (1 or 2) that does not exist is an error at once rather than a silent
 * fall-through, so a typo cannot pick up some other library. Finding nothing is an error listing every
 * place searched. The version is checked afterwards, by {@link UnicornLibrary}.
 */
public final class UnicornLibraryLocator {
    public static final String PROPERTY = "ptoracle.unicorn.lib";
    public static final String ENV = "PTORACLE_UNICORN_LIB";
    public static final String HOME_PROPERTY = "ptoracle.home";
    public static final String SYSTEM_NAME = "libunicorn.so.2";
    /** Where the wheel puts the library, relative to the project folder. */
    public static final Path BUNDLED = Path.of(".deps", "unicorn", "unicorn", "lib", SYSTEM_NAME);

    /** What the locator reads from the outside world; replaced in tests. */
    public record Environment(
        Function<String, String> property,
        Function<String, String> variable,
        Predicate<Path> isFile,
        Function<Path, SymbolLookup> openPath,
        Function<String, SymbolLookup> openSystem) {

        /** The real process environment; libraries stay loaded for the life of the JVM. */
        public static Environment process() {
            return new Environment(
                System::getProperty,
                System::getenv,
                Files::isRegularFile,
                path -> SymbolLookup.libraryLookup(path, Arena.global()),
                name -> SymbolLookup.libraryLookup(name, Arena.global()));
        }
    }

    /**
     * A library that was found and opened, a phrase saying where it came from, and its file (null for the
     * system library, which the dynamic loader found by name).
     */
    public record Found(String origin, SymbolLookup symbols, Path file) {
    }

    private UnicornLibraryLocator() {
    }

    /** Locates the library in the real environment. */
    public static Found locate() {
        return locate(Environment.process());
    }

    /**
     * Locates the library in {@code env}.
     *
     * @throws UnicornUnavailableException with the places searched, if none holds a loadable library
     */
    public static Found locate(Environment env) {
        List<String> searched = new ArrayList<>();

        String fromProperty = blankToNull(env.property().apply(PROPERTY));
        if (fromProperty != null) {
            return openExplicit(env, Path.of(fromProperty), "system property " + PROPERTY);
        }
        String fromEnv = blankToNull(env.variable().apply(ENV));
        if (fromEnv != null) {
            return openExplicit(env, Path.of(fromEnv), "environment variable " + ENV);
        }
        searched.add("system property " + PROPERTY + " (not set)");
        searched.add("environment variable " + ENV + " (not set)");

        String home = blankToNull(env.property().apply(HOME_PROPERTY));
        Path project = Path.of(home == null ? "" : home).toAbsolutePath().normalize();
        Path bundled = project.resolve(BUNDLED);
        if (env.isFile().test(bundled)) {
            try {
                return new Found("project install " + bundled, env.openPath().apply(bundled), bundled);
            } catch (IllegalArgumentException e) {
                searched.add(bundled + " (exists but could not be loaded: " + e.getMessage() + ")");
            }
        } else {
            searched.add(bundled + " (no such file; project folder from "
                + (home == null ? "the current directory" : HOME_PROPERTY) + ")");
        }

        try {
            return new Found("system library " + SYSTEM_NAME, env.openSystem().apply(SYSTEM_NAME), null);
        } catch (IllegalArgumentException e) {
            searched.add("system library " + SYSTEM_NAME + " (the dynamic loader did not find it)");
        }

        StringBuilder message = new StringBuilder("Unicorn library not found. Searched, in order:");
        for (String place : searched) {
            message.append("\n  - ").append(place);
        }
        message.append("\nTo install Unicorn 2.1.4: run ./ptoracle (or ci/install-unicorn.sh), which puts the ")
            .append("unicorn==2.1.4 wheel into .deps/unicorn; or set ").append(ENV)
            .append(" to the path of a libunicorn.so.2 of version 2.1.4 or later.");
        throw new UnicornUnavailableException(message.toString());
    }

    private static Found openExplicit(Environment env, Path path, String origin) {
        if (!env.isFile().test(path)) {
            throw new UnicornUnavailableException(
                origin + " names " + path + ", which is not a file. Point it at libunicorn.so.2 of Unicorn 2.1.4 or later, "
                    + "or unset it to use .deps/unicorn (installed by ./ptoracle or ci/install-unicorn.sh).");
        }
        try {
            return new Found(origin + " (" + path + ")", env.openPath().apply(path), path.toAbsolutePath());
        } catch (IllegalArgumentException e) {
            throw new UnicornUnavailableException(origin + " names " + path + ", which could not be loaded: "
                + e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
