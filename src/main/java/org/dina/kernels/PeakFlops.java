package org.dina.kernels;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures the machine's float32 peak: a loop of independent vector FMAs on every {@link Parallel} thread.
 * Kernel benchmarks report their speed as a fraction of this number.
 *
 * <p>Two numbers come out. {@link Result#gflops()} is the rate of one thread per second of its own CPU time,
 * times the threads that can run at once (at most the cores): what the cores can do, even while other processes
 * share them. {@link Result#wallGflops()} is the plain wall-clock rate of all threads together, which on a busy
 * machine also measures the neighbours.
 */
public final class PeakFlops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Independent accumulators: more than FMA latency x FMA ports (4 x 2 on current x86), so the loop is FMA-bound. */
    private static final int CHAINS = 12;
    private static final double FLOPS_PER_ITERATION = 2.0 * CHAINS * S.length();

    /** Peak GFLOP/s of the cores (CPU-time based), the wall-clock GFLOP/s, and the threads used. */
    public record Result(double gflops, double wallGflops, int threads) {}

    private PeakFlops() {}

    /** Peak GFLOP/s over about 0.6 s (see {@link Result#gflops()}). */
    public static double measure() {
        return measure(0.6).gflops();
    }

    /** Best of rounds over about {@code seconds}, on all {@link Parallel#threads()} threads. */
    public static Result measure(double seconds) {
        int threads = Parallel.threads();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpuClock = mx.isCurrentThreadCpuTimeSupported();
        float[] sink = new float[threads];
        long[] cpuNanos = new long[threads];
        long iterations = 1 << 12;
        double bestWall = 0, bestPerThread = 0;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        // grow the rounds while the loop is still being compiled, then keep the best round
        while (System.nanoTime() < deadline) {
            final long it = iterations;
            long t0 = System.nanoTime();
            Parallel.forRange(threads, 1, (from, to) -> {
                for (int t = from; t < to; t++) {
                    long c0 = cpuClock ? mx.getCurrentThreadCpuTime() : System.nanoTime();
                    sink[t] += fmaLoop(it, t);
                    cpuNanos[t] = (cpuClock ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - c0;
                }
            });
            double dt = (System.nanoTime() - t0) * 1e-9;
            double flops = it * FLOPS_PER_ITERATION;
            bestWall = Math.max(bestWall, threads * flops / dt * 1e-9);
            double sumRate = 0;
            for (long ns : cpuNanos) sumRate += flops / Math.max(1, ns);
            bestPerThread = Math.max(bestPerThread, sumRate / threads);
            if (dt < 0.02) iterations *= 2;
        }
        if (Float.isNaN(sink[0])) throw new AssertionError(); // keeps the loop's result alive
        int parallel = Math.min(threads, Runtime.getRuntime().availableProcessors());
        return new Result(bestPerThread * parallel, bestWall, threads);
    }

    private static float fmaLoop(long iterations, int seed) {
        FloatVector m = FloatVector.broadcast(S, 0.999f), add = FloatVector.broadcast(S, 1e-4f);
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
