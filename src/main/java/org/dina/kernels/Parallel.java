package org.dina.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Runs loops over independent outputs on all cores.
 *
 * <p>Determinism rule for every kernel: work is split by <em>output</em> index, and each output is computed by
 * exactly one task in a fixed order. The split points may change with the thread count; the bits may not.
 * Nested calls (a parallel kernel called from inside a parallel loop) run on the caller's thread.
 */
public final class Parallel {
    /** Body of a parallel loop over the half-open range [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    private static volatile int threads = defaultThreads();
    private static volatile ForkJoinPool pool = newPool(threads);

    private Parallel() {}

    private static int defaultThreads() {
        String p = System.getProperty("dina.threads", System.getenv("DINA_THREADS"));
        if (p != null && !p.isBlank()) return Math.max(1, Integer.parseInt(p.trim()));
        return Runtime.getRuntime().availableProcessors();
    }

    private static ForkJoinPool newPool(int n) {
        // numbered here: a worker's pool index is not assigned yet when the factory runs, so every worker was "-0"
        AtomicInteger made = new AtomicInteger();
        return new ForkJoinPool(n, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setDaemon(true);
            t.setName("dina-worker-" + made.getAndIncrement());
            return t;
        }, null, false);
    }

    public static int threads() { return threads; }

    /**
     * Threads a parallel loop started here would run on: 1 inside another parallel loop, whose nested loops run on
     * the caller's thread, so that a kernel does not split work it will do alone anyway.
     */
    public static int threadsHere() { return ForkJoinTask.inForkJoinPool() ? 1 : threads; }

    /** Sets the number of worker threads (tests use this to prove results do not depend on it). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        if (n == threads) return;
        ForkJoinPool old = pool;
        pool = newPool(n);
        threads = n;
        old.shutdown();
    }

    /**
     * Runs {@code body} over [0, n) in contiguous chunks of at least {@code grain} indices, on up to
     * {@link #threads()} cores. Returns when all chunks are done.
     */
    public static void forRange(int n, int grain, Range body) {
        if (n <= 0) return;
        int t = threads;
        int chunks = Math.min(t, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || ForkJoinTask.inForkJoinPool()) {
            body.run(0, n);
            return;
        }
        // a few chunks per thread balance uneven work without changing which task owns an output
        int pieces = Math.min(n, chunks * (n >= 4L * chunks * grain ? 4 : 1));
        pool.invoke(new Chunk(body, n, pieces, 0, pieces));
    }

    /** {@link #forRange(int, int, Range)} with a grain of 1. */
    public static void forRange(int n, Range body) {
        forRange(n, 1, body);
    }

    private static final class Chunk extends RecursiveAction {
        private final Range body;
        private final int n, pieces, lo, hi;

        Chunk(Range body, int n, int pieces, int lo, int hi) {
            this.body = body; this.n = n; this.pieces = pieces; this.lo = lo; this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                int from = (int) ((long) n * lo / pieces), to = (int) ((long) n * (lo + 1) / pieces);
                body.run(from, to);
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Chunk(body, n, pieces, lo, mid), new Chunk(body, n, pieces, mid, hi));
        }
    }
}
