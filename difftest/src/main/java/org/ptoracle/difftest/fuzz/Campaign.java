package org.ptoracle.difftest.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A differential campaign: random traces from a seed, each run on two sides, on several threads (each
 * thread builds its own machines, so a native engine never crosses threads). Trace {@code i} is generated
 * from a seed derived from the campaign seed and {@code i} alone, so the same seed gives the same traces
 * whatever the number of jobs. A divergence is shrunk and saved as a trace file.
 */
public final class Campaign {

    /** What to run. */
    /**
     * @param command the command line that reproduces the campaign, for the counterexample's header
     *     (for example {@code ./ptoracle fuzz --seed 7 --mutant dirty-not-set --against model})
     * @param replay the command that replays a saved counterexample, without the file
     */
    public record Settings(long seed, int traces, Duration time, int jobs, int stepsPerTrace, Path out,
            boolean stopAtFirst, int shrinkBudget, String command, String replay) {
    }

    /** One divergence found: the trace's seed and index, the original and the shrunk trace. */
    public record Finding(int index, long traceSeed, Divergence divergence, GeneratedTrace shrunk,
            Divergence shrunkDivergence, Path saved, int shrinkRuns) {
    }

    /** What a campaign came to. */
    public record Result(int traces, long steps, Duration elapsed, List<Finding> findings,
            Map<String, Map<String, Integer>> outcomes) {
        public double stepsPerSecond() {
            double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
            return steps / seconds;
        }
    }

    private final Settings settings;
    private final Supplier<Side> reference;
    private final Supplier<Side> other;
    private final TraceGenerator generator;
    private final Progress progress;

    /**
     * @param reference a fresh reference side per thread
     * @param other a fresh other side per thread
     */
    public Campaign(Settings settings, Supplier<Side> reference, Supplier<Side> other, Progress progress) {
        this.settings = settings;
        this.reference = reference;
        this.other = other;
        this.generator = new TraceGenerator(OpWeights.defaults(), settings.stepsPerTrace());
        this.progress = progress;
    }

    /** The seed of trace {@code index} of a campaign with {@code seed}. */
    public static long traceSeed(long seed, int index) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1L))).nextLong();
    }

    public Result run() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = settings.time() == null ? Long.MAX_VALUE : start + settings.time().toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong steps = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Finding> findings = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(settings.jobs());
        List<Future<?>> workers = new ArrayList<>();
        for (int j = 0; j < settings.jobs(); j++) {
            workers.add(pool.submit(() -> {
                Side ref = reference.get();
                Side oth = other.get();
                while (!stop.get() && System.nanoTime() < deadline) {
                    int index = next.getAndIncrement();
                    if (settings.traces() > 0 && index >= settings.traces()) {
                        break;
                    }
                    long traceSeed = traceSeed(settings.seed(), index);
                    GeneratedTrace trace = generator.generate(traceSeed);
                    DifferentialRun.Outcome outcome = DifferentialRun.run(trace, ref, oth);
                    steps.addAndGet(outcome.steps());
                    synchronized (outcomes) {
                        merge(outcomes, outcome.outcomes());
                    }
                    if (outcome.divergence() != null) {
                        findings.add(shrinkAndSave(index, traceSeed, trace, outcome.divergence(), ref, oth));
                        if (settings.stopAtFirst()) {
                            stop.set(true);
                        }
                    }
                    progress.update(done.incrementAndGet(), settings.traces(), steps.get(), findings.size(),
                            System.nanoTime() - start, settings.time());
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (java.util.concurrent.ExecutionException e) {
                pool.shutdownNow();
                throw new IllegalStateException("a campaign thread failed: " + e.getCause(), e.getCause());
            }
        }
        progress.finish();
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(java.util.Comparator.comparingInt(Finding::index));
        return new Result(done.get(), steps.get(), Duration.ofNanos(System.nanoTime() - start), sorted, outcomes);
    }

    private Finding shrinkAndSave(int index, long traceSeed, GeneratedTrace trace, Divergence divergence,
            Side ref, Side oth) {
        // Only the steps up to the divergence matter.
        GeneratedTrace prefix = trace.withSteps(trace.steps().subList(0, divergence.step()));
        Shrinker shrinker = new Shrinker(t -> {
            Divergence d = DifferentialRun.run(t, ref, oth).divergence();
            return d == null ? null : d.kind();
        }, settings.shrinkBudget());
        GeneratedTrace shrunk = shrinker.shrink(prefix, divergence.kind());
        Divergence shrunkDivergence = DifferentialRun.run(shrunk, ref, oth).divergence();
        Path saved = save(index, traceSeed, trace, divergence, shrunk, shrunkDivergence, ref, oth);
        return new Finding(index, traceSeed, divergence, shrunk, shrunkDivergence, saved, shrinker.runs());
    }

    private Path save(int index, long traceSeed, GeneratedTrace trace, Divergence original, GeneratedTrace shrunk,
            Divergence found, Side ref, Side oth) {
        if (settings.out() == null) {
            return null;
        }
        List<String> comments = new ArrayList<>();
        comments.add("ptoracle counterexample: " + ref.name() + " and " + oth.name() + " diverge.");
        comments.add("found by: " + settings.command() + " (trace " + index + ", trace seed " + traceSeed + ", "
                + trace.steps().size() + " steps; diverged at step " + original.step() + ")");
        comments.add("divergence: " + (found == null ? original.kind() : found.kind()));
        comments.add("at step " + (found == null ? "?" : found.step()) + ": "
                + (found == null ? original.detail() : found.detail()));
        comments.add("shrunk from " + original.step() + " steps to " + shrunk.steps().size()
                + "; replay with: " + settings.replay() + " FILE");
        try {
            Files.createDirectories(settings.out());
            Path file = settings.out().resolve("divergence-" + Long.toUnsignedString(settings.seed()) + "-" + index
                    + ".jsonl");
            Files.write(file, shrunk.lines(comments));
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot save the counterexample in " + settings.out(), e);
        }
    }

    private static void merge(Map<String, Map<String, Integer>> into, Map<String, Map<String, Integer>> from) {
        for (Map.Entry<String, Map<String, Integer>> op : from.entrySet()) {
            Map<String, Integer> counts = into.computeIfAbsent(op.getKey(), k -> new TreeMap<>());
            op.getValue().forEach((kind, n) -> counts.merge(kind, n, Integer::sum));
        }
    }

    /** Reports progress: a bar on a terminal, a plain line now and then otherwise. */
    public interface Progress {
        void update(int traces, int plannedTraces, long steps, int findings, long elapsedNanos, Duration time);

        void finish();

        /** No progress output (tests). */
        static Progress none() {
            return new Progress() {
                @Override
                public void update(int t, int p, long s, int f, long e, Duration d) {
                }

                @Override
                public void finish() {
                }
            };
        }

        /** A progress bar when {@code terminal}, else one line every five seconds. */
        static Progress on(PrintStream err, boolean terminal) {
            return new Progress() {
                private long lastLine;

                @Override
                public synchronized void update(int traces, int planned, long steps, int findings, long elapsed,
                        Duration time) {
                    if (terminal ? elapsed - lastLine < 200_000_000L : elapsed - lastLine < 5_000_000_000L) {
                        return;
                    }
                    lastLine = elapsed;
                    double fraction = planned > 0 ? traces / (double) planned
                            : time != null ? Math.min(1.0, elapsed / (double) time.toNanos()) : 0;
                    String counts = String.format("traces %d  steps %d  %.0f steps/s  divergences %d", traces, steps,
                            steps / Math.max(1e-9, elapsed / 1e9), findings);
                    if (terminal) {
                        int width = 30;
                        int filled = (int) Math.round(fraction * width);
                        err.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                                + String.format("%3.0f%%  ", fraction * 100) + counts);
                        err.flush();
                    } else {
                        err.println(String.format("fuzz: %3.0f%%  ", fraction * 100) + counts);
                    }
                }

                @Override
                public synchronized void finish() {
                    if (terminal) {
                        err.println();
                    }
                }
            };
        }
    }
}
