package org.dina.perf;

/**
 * What {@link KernelBenchmarks} measured for one {@link KernelBenchmark}: best and median speed, the compute peak
 * and the memory bandwidth measured in the same run, and the kernel's minimum memory traffic per run (0: unknown).
 *
 * <p>Roofline: a kernel that moves {@code bytesPerRun} bytes for {@code flops} flops can run at most at
 * min(peak, bandwidth * flops / bytes). {@link #roofline()} says which of the two bounds is lower ("compute" or
 * "memory"), and {@link #fractionOfRoofline()} is the speed as a fraction of that bound.
 */
public record KernelResult(String kernel, String shape, double gflops, double gflopsMedian, double peakGflops,
                           double msPerRun, int threads, double bytesPerRun, double bandwidthGBs) {
    public KernelResult(String kernel, String shape, double gflops, double gflopsMedian, double peakGflops,
                        double msPerRun, int threads) {
        this(kernel, shape, gflops, gflopsMedian, peakGflops, msPerRun, threads, 0, 0);
    }

    public double fractionOfPeak() {
        return gflops / peakGflops;
    }

    /** Flops per byte of minimum memory traffic (infinite when the traffic is unknown). */
    public double intensity() {
        return bytesPerRun > 0 ? gflops * msPerRun * 1e6 / bytesPerRun : Double.POSITIVE_INFINITY;
    }

    /** GFLOP/s the memory traffic allows at the measured bandwidth (infinite when either is unknown). */
    public double memoryBoundGflops() {
        return bytesPerRun > 0 && bandwidthGBs > 0 ? bandwidthGBs * intensity() : Double.POSITIVE_INFINITY;
    }

    /** "memory" when the bandwidth bounds the kernel below the compute peak, else "compute". */
    public String roofline() {
        return memoryBoundGflops() < peakGflops ? "memory" : "compute";
    }

    public double rooflineGflops() {
        return Math.min(peakGflops, memoryBoundGflops());
    }

    public double fractionOfRoofline() {
        return gflops / rooflineGflops();
    }
}
