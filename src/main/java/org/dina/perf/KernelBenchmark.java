package org.dina.perf;

/**
 * One kernel speed measurement: the kernel's name, the shape it runs on (free text such as "512x512x512"), the
 * floating-point operations one call of {@code run} performs, {@code setup} (allocates inputs, called once before
 * timing) and {@code run} (the timed call).
 */
public record KernelBenchmark(String kernel, String shape, double flopsPerRun, Runnable setup, Runnable run) {
    public KernelBenchmark {
        if (!(flopsPerRun > 0)) throw new IllegalArgumentException(kernel + " " + shape + ": flopsPerRun must be > 0");
    }
}
