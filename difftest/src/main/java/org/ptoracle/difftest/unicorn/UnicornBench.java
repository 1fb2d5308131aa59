package org.ptoracle.difftest.unicorn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-call cost of the Unicorn backend, printed in one run (not a test; figures vary a lot on a shared
 * machine). Each figure is the median over several batches of the mean per call within a batch.
 *
 * <ul>
 *   <li>bare {@code uc_emu_start} of one {@code mov rax,[rbx]} through this binding, paging on, set up as
 *       shared/reference/bare_load_probe.c does (same tables, same address pattern, TLB kept warm);</li>
 *   <li>an {@link EmulatedMachine#access} step, and {@link EmulatedMachine#load64} (the cost of one table
 *       access of a Mapper step: baseline restore, TLB flush, full walk);</li>
 *   <li>if {@code gcc} is on PATH: bare_load_probe.c compiled against the same libunicorn into a temporary
 *       folder and run (MAPPED_ONLY=1), so the C floor is printed beside the Java figures.</li>
 * </ul>
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -Dptoracle.home=. -cp difftest/target/classes
 * org.ptoracle.difftest.unicorn.UnicornBench [batches [callsPerBatch]]}. The C source is looked up at
 * {@code $PTORACLE_SHARED/reference/bare_load_probe.c}, then {@code ../shared/reference/} and
 * {@code /work/shared/reference/} (or pass {@code -Dptoracle.bench.c=path}).
 */
public final class UnicornBench {
    private UnicornBench() {
    }

    /** One measured operation: runs {@code calls} calls. */
    @FunctionalInterface
    private interface Batch {
        void run(int calls);
    }

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        UnicornLibrary.Info lib = UnicornLibrary.require();
        System.out.printf("Unicorn %s from %s; median of %d batches x %d calls; %d CPUs%n",
            lib.version(), lib.origin(), batches, calls, Runtime.getRuntime().availableProcessors());

        List<String[]> rows = new ArrayList<>();
        try (Unicorn bare = openBareProbe()) {
            rows.add(row("bare uc_emu_start, mov rax,[rbx], paging on, TLB warm (Java/FFM)",
                measure(batches, calls, bareEmuStart(bare))));
        }

        try (EmulatedMachine m = EmulatedMachine.open(64)) {
            long data = layOut(m);
            long va = 1L << 39;
            rows.add(row("EmulatedMachine.access(read, supervisor)",
                measure(batches, calls, n -> repeat(n, () -> m.access(va + 8, AccessKind.READ, AccessMode.SUPERVISOR)))));
            rows.add(row("EmulatedMachine.access(write, user)",
                measure(batches, calls, n -> repeat(n, () -> m.access(va + 8, AccessKind.WRITE, AccessMode.USER)))));
            rows.add(row("EmulatedMachine.access(exec, supervisor), not page-aligned",
                measure(batches, calls, n -> repeat(n, () -> m.access(va + 8, AccessKind.EXEC, AccessMode.SUPERVISOR)))));
            rows.add(row("EmulatedMachine.access(exec, user), page-aligned",
                measure(batches, calls, n -> repeat(n, () -> m.access(va, AccessKind.EXEC, AccessMode.USER)))));
            rows.add(row("EmulatedMachine.access(read, supervisor), page fault",
                measure(batches, calls, n -> repeat(n, () -> m.access(va + 0x5000, AccessKind.READ,
                    AccessMode.SUPERVISOR)))));
            rows.add(row("EmulatedMachine.load64 (restore + TLB flush + 4-level walk)",
                measure(batches, calls, n -> repeat(n, () -> m.load64(va + 8)))));
            rows.add(row("EmulatedMachine.store64",
                measure(batches, calls, n -> repeat(n, () -> m.store64(va + 8, data)))));
        }

        String floor = cFloor(batches * calls);
        rows.add(new String[] {"C floor: bare_load_probe.c, MAPPED_ONLY=1, same libunicorn", floor});

        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(40);
        for (String[] r : rows) {
            System.out.printf("  %-" + width + "s  %s%n", r[0], r[1]);
        }
    }

    private static String[] row(String what, double micros) {
        return new String[] {what, String.format("%8.2f us/call", micros)};
    }

    private static void repeat(int n, Runnable r) {
        for (int i = 0; i < n; i++) {
            r.run();
        }
    }

    /** Median over batches of the per-call mean, in microseconds; one unmeasured batch first as warm-up. */
    private static double measure(int batches, int calls, Batch batch) {
        batch.run(calls);
        double[] perCall = new double[batches];
        for (int b = 0; b < batches; b++) {
            long t0 = System.nanoTime();
            batch.run(calls);
            perCall[b] = (System.nanoTime() - t0) / 1e3 / calls;
        }
        Arrays.sort(perCall);
        return perCall[batches / 2];
    }

    /** A level 1 table mapping VA 1<<39 .. +0x4000 to data frames (page +0x5000 not present). */
    private static long layOut(EmulatedMachine m) {
        long pool = 0x100000;
        long l4 = pool;
        m.writePhys64(l4 + 8 * 510, l4 | 3);
        m.installHarness(l4, 511, EmulatedMachine.harnessFrameForPool(pool));
        m.setCr3(l4);
        long l3 = pool + 0x1000;
        long l2 = pool + 0x2000;
        long l1 = pool + 0x3000;
        long data = 0x400000;
        m.writePhys64(l4 + 8, l3 | 7);
        m.writePhys64(l3, l2 | 7);
        m.writePhys64(l2, l1 | 7);
        for (int i = 0; i < 5; i++) {
            m.writePhys64(l1 + 8L * i, (data + 0x1000L * i) | 7);
        }
        return data;
    }

    /**
     * The C probe's loop through this binding: same tables (PML4 0x1000, recursive slot 510, 64 data pages
     * and four 2 MiB pages, code at 0x10000), same xorshift address choice (MAPPED_ONLY), one
     * {@code uc_reg_write(RBX)}, {@code uc_emu_start} and {@code uc_reg_read(RAX)} per call.
     */
    private static Unicorn openBareProbe() {
        Unicorn uc = Unicorn.openX86_64();
        uc.memMap(0, 64L << 20, UcConst.PROT_ALL);
        final long p4 = 0x1000;
        final long p3 = 0x2000;
        final long p2 = 0x3000;
        final long p1 = 0x4000;
        final long code = 0x10000;
        final long pw = 3;
        write64(uc, p4 + 510 * 8, p4 | pw);
        write64(uc, p4, p3 | pw);
        write64(uc, p3, p2 | pw);
        write64(uc, p2, p1 | pw);
        write64(uc, p1 + 16 * 8, code | pw);
        for (int i = 0; i < 64; i++) {
            write64(uc, p1 + (64 + i) * 8L, (0x100000 + i * 0x1000L) | pw);
        }
        for (int i = 0; i < 4; i++) {
            write64(uc, p2 + (8 + i) * 8L, (0x400000L * (i + 1)) | pw | 0x80);
        }
        uc.memWrite(code, new byte[] {0x48, (byte) 0x8b, 0x03});
        uc.regWrite(UcConst.X86_REG_CR3, p4);
        uc.regWrite(UcConst.X86_REG_CR4, uc.regRead(UcConst.X86_REG_CR4) | 1 << 5);
        uc.msrWrite(UcConst.MSR_EFER, uc.msrRead(UcConst.MSR_EFER) | 1 << 8 | 1 << 11);
        uc.regWrite(UcConst.X86_REG_CR0, uc.regRead(UcConst.X86_REG_CR0) | 1L << 31 | 1);
        uc.onInterrupt((u, vector) -> u.emuStop());
        return uc;
    }

    private static Batch bareEmuStart(Unicorn uc) {
        final long code = 0x10000;
        long[] rng = {88172645463325252L};
        return n -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                long r = rng[0];
                r ^= r << 13;
                r ^= r >>> 7;
                r ^= r << 17;
                rng[0] = r;
                long va = Long.remainderUnsigned(r, 2) == 0
                    ? (64 + Long.remainderUnsigned(r >>> 8, 64)) * 0x1000 + Long.remainderUnsigned(r >>> 20, 4088)
                    : (8 + Long.remainderUnsigned(r >>> 8, 4)) * 0x200000L + Long.remainderUnsigned(r >>> 20, 0x1ff000);
                uc.regWrite(UcConst.X86_REG_RBX, va);
                uc.emuStart(code, code + 3, 0, 0);
                sum += uc.regRead(UcConst.X86_REG_RAX);
            }
            if (sum == 42) {
                System.out.print("");
            }
        };
    }

    private static void write64(Unicorn uc, long pa, long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        uc.memWrite(pa, b);
    }

    /** Compiles and runs the C probe; its per-call figure, or why there is none. */
    private static String cFloor(int probes) {
        Path source = findCSource();
        if (source == null) {
            return "(skipped: bare_load_probe.c not found; set -Dptoracle.bench.c)";
        }
        if (!onPath("gcc")) {
            return "(skipped: gcc not on PATH)";
        }
        Path libFile = UnicornLibrary.require().file();
        if (libFile == null) {
            return "(skipped: library found by name, no file to link against)";
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ptoracle-bench");
            Path exe = dir.resolve("bare_load_probe");
            Path libDir = libFile.toAbsolutePath().getParent();
            String compiled = exec(List.of("gcc", "-O2", "-o", exe.toString(), source.toString(),
                libFile.toAbsolutePath().toString(), "-Wl,-rpath," + libDir), null);
            if (!Files.isExecutable(exe)) {
                return "(gcc failed: " + compiled.strip() + ")";
            }
            String out = exec(List.of(exe.toString(), Integer.toString(probes)), "MAPPED_ONLY");
            Matcher m = Pattern.compile("\\(([0-9.]+) us/probe\\)").matcher(out);
            return m.find() ? String.format("%8.2f us/call   (%s)", Double.parseDouble(m.group(1)), out.strip())
                : "(unexpected output: " + out.strip() + ")";
        } catch (IOException | InterruptedException e) {
            return "(failed: " + e + ")";
        } finally {
            deleteQuietly(dir);
        }
    }

    private static Path findCSource() {
        List<Path> candidates = new ArrayList<>();
        String explicit = System.getProperty("ptoracle.bench.c");
        if (explicit != null) {
            candidates.add(Path.of(explicit));
        }
        String shared = System.getenv("PTORACLE_SHARED");
        if (shared != null) {
            candidates.add(Path.of(shared, "reference", "bare_load_probe.c"));
        }
        String home = System.getProperty(UnicornLibraryLocator.HOME_PROPERTY, "");
        candidates.add(Path.of(home).toAbsolutePath().resolve("../shared/reference/bare_load_probe.c").normalize());
        candidates.add(Path.of("/work/shared/reference/bare_load_probe.c"));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        return Arrays.stream(path.split(java.io.File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static String exec(List<String> command, String flagVariable) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (flagVariable != null) {
            pb.environment().put(flagVariable, "1");
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temp folder left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // likewise
        }
    }
}
