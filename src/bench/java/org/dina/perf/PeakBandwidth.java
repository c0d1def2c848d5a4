package org.dina.perf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.dina.kernels.Parallel;

/**
 * Measures the machine's memory bandwidth as kernels see it: bulk copies between two off-heap buffers much larger
 * than the caches, split over every {@link Parallel} thread, timed by the wall clock, best round kept. Bytes read
 * plus bytes written count, as in STREAM's copy. Kernel benchmarks use it for the memory side of their roofline.
 *
 * <p>A round is four parallel copies of the whole buffer (about 0.1 s); the best round is kept because on a shared
 * machine slower rounds measure the neighbours, as {@link PeakFlops} and the kernel benchmarks do.
 */
public final class PeakBandwidth {
    /** Bytes per buffer: far past the last-level cache of the machines this runs on, so copies stream from DRAM. */
    public static final long BUFFER_BYTES = 256L << 20;
    private static final int CALLS_PER_ROUND = 4, CHUNKS_PER_THREAD = 4;
    private static final double MIN_SECONDS = 0.05;

    private PeakBandwidth() {}

    /** Best GB/s (1e9 bytes, read + written) over about {@code seconds} of rounds, after one untimed round. */
    public static double measure(double seconds) {
        return measure(seconds, BUFFER_BYTES);
    }

    /** {@link #measure(double)} with buffers of {@code bufferBytes} each (tests use small ones; they then measure a cache). */
    public static double measure(double seconds, long bufferBytes) {
        try (Arena arena = Arena.ofShared()) { // the worker threads copy
            MemorySegment src = arena.allocate(bufferBytes, 64), dst = arena.allocate(bufferBytes, 64);
            src.fill((byte) 1); // touch every page before timing
            dst.fill((byte) 0);
            int pieces = Parallel.threads() * CHUNKS_PER_THREAD;
            long piece = bufferBytes / pieces;
            MemorySegment s = src, d = dst;
            Runnable round = () -> {
                for (int call = 0; call < CALLS_PER_ROUND; call++) {
                    Parallel.forRange(pieces, 1, (from, to) -> {
                        for (int p = from; p < to; p++) MemorySegment.copy(s, p * piece, d, p * piece, piece);
                    });
                }
            };
            round.run();
            double best = 0;
            long end = System.nanoTime() + (long) (Math.max(seconds, MIN_SECONDS) * 1e9);
            do {
                long t0 = System.nanoTime();
                round.run();
                double dt = Math.max(1e-9, (System.nanoTime() - t0) * 1e-9);
                best = Math.max(best, 2.0 * CALLS_PER_ROUND * pieces * piece / dt * 1e-9);
            } while (System.nanoTime() < end);
            return best;
        }
    }

    /** {@link #measure(double)} over about a second. */
    public static double measure() {
        return measure(1.0);
    }
}
