package org.ptoracle.difftest.unicorn;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * The process-wide Unicorn library: located once by {@link UnicornLibraryLocator}, then its version is
 * checked ({@link UnicornVersion#refusal()}). Every {@link Unicorn} goes through {@link #require()}
 * before it touches a native function, so a missing or wrong library is a clear
 * {@link UnicornUnavailableException}, never an {@code ExceptionInInitializerError}.
 */
public final class UnicornLibrary {
    /** The library in use: where it came from, its file (null if found by name), and its version. */
    public record Info(String origin, Path file, UnicornVersion version) {
    }

    private static SymbolLookup symbols;
    private static Info info;
    private static String failure;

    private UnicornLibrary() {
    }

    /**
     * Locates, loads and checks the library (once per JVM).
     *
     * @throws UnicornUnavailableException if it is missing or its version is refused
     */
    public static synchronized Info require() {
        if (info != null) {
            return info;
        }
        if (failure != null) {
            throw new UnicornUnavailableException(failure);
        }
        try {
            UnicornLibraryLocator.Found found = UnicornLibraryLocator.locate();
            // Check the version with a handle of its own first: an older library may lack functions that
            // UcNative binds, and that must read as "wrong version", not as a missing-symbol error.
            UnicornVersion version = UnicornVersion.fromPacked(versionOf(found.symbols()));
            var refusal = version.refusal();
            if (refusal.isPresent()) {
                throw new UnicornUnavailableException(refusal.get() + " (library: " + found.origin() + ")");
            }
            symbols = found.symbols();
            try {
                UcNative.version(); // binds every function now
            } catch (ExceptionInInitializerError e) {
                throw new UnicornUnavailableException("Unicorn " + version + " from " + found.origin()
                    + " could not be bound: " + e.getCause(), e.getCause());
            }
            info = new Info(found.origin(), found.file(), version);
            return info;
        } catch (UnicornUnavailableException e) {
            failure = e.getMessage();
            throw e;
        }
    }

    /** {@code unsigned int uc_version(unsigned int *major, unsigned int *minor)}, called with two NULLs. */
    private static int versionOf(SymbolLookup lib) {
        MemorySegment symbol = lib.find("uc_version").orElseThrow(() -> new UnicornUnavailableException(
            "the library has no uc_version; it is not Unicorn"));
        MethodHandle call = Linker.nativeLinker().downcallHandle(symbol,
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        try {
            return (int) call.invokeExact(MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new UnicornUnavailableException("uc_version failed: " + t, t);
        }
    }

    /** The loaded library's symbols; only {@link UcNative}'s initialiser calls this, after locate. */
    static synchronized SymbolLookup symbols() {
        if (symbols == null) {
            throw new IllegalStateException("UnicornLibrary.require() must run before UcNative is used");
        }
        return symbols;
    }
}
