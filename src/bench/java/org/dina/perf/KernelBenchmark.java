package org.dina.perf;

/**
 * One kernel speed measurement: the kernel's name, the shape it runs on (free text such as "512x512x512"), the
 * floating-point operations one call of {@code run} performs, the bytes it must move to or from memory at least
 * ({@code bytesPerRun}: every input read once and every output written once; 0 when not stated, and then the
 * kernel is measured against the compute peak only), {@code setup} (allocates inputs, called once before timing)
 * and {@code run} (the timed call).
 */
public record KernelBenchmark(String kernel, String shape, double flopsPerRun, double bytesPerRun, Runnable setup, Runnable run) {
    public KernelBenchmark {
        if (!(flopsPerRun > 0)) throw new IllegalArgumentException(kernel + " " + shape + ": flopsPerRun must be > 0");
        if (!(bytesPerRun >= 0)) throw new IllegalArgumentException(kernel + " " + shape + ": bytesPerRun must be >= 0");
    }

    /** A benchmark with no stated memory traffic (measured against the compute peak). */
    public KernelBenchmark(String kernel, String shape, double flopsPerRun, Runnable setup, Runnable run) {
        this(kernel, shape, flopsPerRun, 0, setup, run);
    }
}
