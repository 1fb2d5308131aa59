/**
 * The Unicorn backend: Unicorn 2.1.4's x86-64 emulation (QEMU 5.0 TCG) with 4-level paging, driven through
 * a hand-written {@code java.lang.foreign} binding.
 *
 * <ul>
 *   <li>{@link org.ptoracle.difftest.unicorn.EmulatedMachine}: the machine a trace runs on (physical memory,
 *       the harness, CR3 and control bits, CPU loads, stores and 1-byte accesses with their faults);</li>
 *   <li>{@link org.ptoracle.difftest.unicorn.Unicorn}: the typed binding, one engine per object;
 *       {@code UcNative} holds the downcall handles, {@link org.ptoracle.difftest.unicorn.UcCtl} the
 *       {@code uc_ctl} encoding that unicorn.h writes as macros;</li>
 *   <li>{@link org.ptoracle.difftest.unicorn.UnicornLibraryLocator} and
 *       {@link org.ptoracle.difftest.unicorn.UnicornLibrary}: where {@code libunicorn.so.2} comes from
 *       ({@code -Dptoracle.unicorn.lib}, {@code PTORACLE_UNICORN_LIB}, {@code .deps/unicorn} as installed by
 *       {@code ci/install-unicorn.sh}, the system library) and the version check (2.1.4 or later);</li>
 *   <li>{@link org.ptoracle.difftest.unicorn.ErrorCodeReader}: the page-fault error code, which Unicorn's API
 *       does not report, read from a saved CPU context.</li>
 * </ul>
 *
 * <p>The JVM needs {@code --enable-native-access=ALL-UNNAMED} (the surefire configuration passes it).
 * Tests that load the library are tagged {@code native} ({@code -DexcludedGroups=native} leaves them out).
 * {@link org.ptoracle.difftest.unicorn.UnicornBench} prints per-call costs.
 */
package org.ptoracle.difftest.unicorn;
