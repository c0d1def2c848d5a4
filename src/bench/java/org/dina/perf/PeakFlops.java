package org.dina.perf;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.kernels.Parallel;

/**
 * Measures the machine's float32 peak: a loop of independent vector FMAs on every {@link Parallel} thread, timed
 * by the wall clock, best round kept. Kernel benchmarks report their speed as a fraction of this number.
 *
 * <p>A round is shaped like a kernel benchmark batch (about ten parallel calls of about 1 ms each, 10 ms in all),
 * so that on a machine shared with other processes the peak and the kernels see the same scheduling.
 */
public final class PeakFlops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Independent accumulators: more than FMA latency x FMA ports (4 x 2 on current x86), so the loop is FMA-bound. */
    private static final int CHAINS = 12;
    private static final double FLOPS_PER_ITERATION = 2.0 * CHAINS * S.length();
    private static final double MIN_WARMUP_SECONDS = 1, MAX_WARMUP_SECONDS = 4, CALL_SECONDS = 0.001;
    private static final int CALLS_PER_ROUND = 10;

    private PeakFlops() {}

    /** Peak GFLOP/s over about 0.6 s after warm-up (1 to 4 s). */
    public static double measure() {
        return measure(0.6);
    }

    /**
     * Warms the loop up until the JIT has compiled it (at least a second, then until ten rounds in a row bring no
     * 5% gain), then returns the best GFLOP/s of rounds over about {@code seconds}, all threads together.
     */
    public static double measure(double seconds) {
        Rounds rounds = new Rounds(Parallel.threads());
        double best = 0;
        long start = System.nanoTime();
        for (int stale = 0; ; ) {
            double rate = rounds.next();
            if (rate > 1.05 * best) { best = rate; stale = 0; } else stale++;
            double elapsed = (System.nanoTime() - start) * 1e-9;
            if ((stale >= 10 && elapsed >= MIN_WARMUP_SECONDS) || elapsed >= MAX_WARMUP_SECONDS) break;
        }
        best = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do best = Math.max(best, rounds.next()); while (System.nanoTime() < end);
        return best;
    }

    /** Runs the FMA loop on every thread in parallel calls of about {@value #CALL_SECONDS} s, a few per round. */
    private static final class Rounds {
        private final int threads;
        private final float[] sink;
        private long iterations = 256;

        Rounds(int threads) {
            this.threads = threads;
            sink = new float[threads];
        }

        /** One round of {@value #CALLS_PER_ROUND} parallel calls; returns its GFLOP/s. */
        double next() {
            final long it = iterations;
            long t0 = System.nanoTime();
            for (int call = 0; call < CALLS_PER_ROUND; call++) {
                Parallel.forRange(threads, 1, (from, to) -> {
                    for (int t = from; t < to; t++) sink[t] += fmaLoop(it, t);
                });
            }
            double dt = Math.max(1e-9, (System.nanoTime() - t0) * 1e-9);
            if (Float.isNaN(sink[0])) throw new AssertionError(); // keeps the loops' results alive
            iterations = Math.max(256, Math.min(4 * it, (long) (it * CALL_SECONDS * CALLS_PER_ROUND / dt)));
            return CALLS_PER_ROUND * threads * it * FLOPS_PER_ITERATION / dt * 1e-9;
        }
    }

    private static float fmaLoop(long iterations, float seed) {
        FloatVector m = FloatVector.broadcast(S, 0.999f), add = FloatVector.broadcast(S, 1e-4f);
        // a float seed: an int would pick broadcast(species, long), and the loop then runs at half speed (JDK 25)
        FloatVector c0 = FloatVector.broadcast(S, seed), c1 = c0.add(1), c2 = c0.add(2), c3 = c0.add(3);
        FloatVector c4 = c0.add(4), c5 = c0.add(5), c6 = c0.add(6), c7 = c0.add(7);
        FloatVector c8 = c0.add(8), c9 = c0.add(9), c10 = c0.add(10), c11 = c0.add(11);
        for (long i = 0; i < iterations; i++) {
            c0 = c0.fma(m, add); c1 = c1.fma(m, add); c2 = c2.fma(m, add); c3 = c3.fma(m, add);
            c4 = c4.fma(m, add); c5 = c5.fma(m, add); c6 = c6.fma(m, add); c7 = c7.fma(m, add);
            c8 = c8.fma(m, add); c9 = c9.fma(m, add); c10 = c10.fma(m, add); c11 = c11.fma(m, add);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).lane(0);
    }
}
