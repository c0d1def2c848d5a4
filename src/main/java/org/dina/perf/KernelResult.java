package org.dina.perf;

/** What {@link KernelBenchmarks} measured for one {@link KernelBenchmark}: best and median speed, and the peak. */
public record KernelResult(String kernel, String shape, double gflops, double gflopsMedian, double peakGflops,
                           double msPerRun, int threads) {
    public double fractionOfPeak() {
        return gflops / peakGflops;
    }
}
