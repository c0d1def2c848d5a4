package org.dina.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dina.kernels.Parallel;

/**
 * Times {@link KernelBenchmark}s and prints one JSON object per line:
 * {@code {"kernel", "shape", "gflops", "peak_gflops", "fraction_of_peak", "gflops_median", "ms_per_run", "threads"}},
 * plus, for benchmarks that state their memory traffic, {@code "bytes_per_run", "flops_per_byte", "bandwidth_gbs",
 * "roofline"} ("compute" or "memory": the lower of the peak and bandwidth x flops/byte), {@code "roofline_gflops"}
 * and {@code "fraction_of_roofline"}.
 *
 * <p>Each kernel is warmed up until the JIT has settled, then run in batches of about 10 ms for about half a
 * second. {@code gflops} is the fastest batch (as {@link PeakFlops} keeps its fastest round), because on a shared
 * machine slower batches measure the neighbours; {@code gflops_median} is reported next to it.
 */
public final class KernelBenchmarks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double WARMUP_SECONDS = 0.3, WARMUP_WINDOW_SECONDS = 0.1, MAX_WARMUP_SECONDS = 4;
    private static final double MEASURE_SECONDS = 0.5, BATCH_SECONDS = 0.01;

    private KernelBenchmarks() {}

    /** Measures the peak with {@link PeakFlops}, then runs every benchmark. */
    public static List<KernelResult> run(List<KernelBenchmark> benchmarks, PrintStream out) {
        return run(benchmarks, out, PeakFlops.measure());
    }

    /** Runs every benchmark, reporting speed as a fraction of {@code peakGflops}. */
    public static List<KernelResult> run(List<KernelBenchmark> benchmarks, PrintStream out, double peakGflops) {
        return run(benchmarks, out, peakGflops, 0);
    }

    /**
     * Runs every benchmark, reporting speed as a fraction of {@code peakGflops} and, for those that state their
     * memory traffic, of their roofline at {@code bandwidthGBs} (0: no memory roofline).
     */
    public static List<KernelResult> run(List<KernelBenchmark> benchmarks, PrintStream out, double peakGflops, double bandwidthGBs) {
        List<KernelResult> results = new ArrayList<>();
        for (KernelBenchmark b : benchmarks) {
            KernelResult r = measure(b, peakGflops, bandwidthGBs);
            results.add(r);
            out.println(toJson(r));
            out.flush();
        }
        return results;
    }

    /** Times one benchmark. */
    public static KernelResult measure(KernelBenchmark b, double peakGflops) {
        return measure(b, peakGflops, 0);
    }

    /** Times one benchmark; {@code bandwidthGBs} (0: unknown) sets its memory roofline. */
    public static KernelResult measure(KernelBenchmark b, double peakGflops, double bandwidthGBs) {
        b.setup().run();
        Runnable run = b.run();
        double secondsPerRun = warmUp(run);
        // many short batches: on a shared machine the fastest ones show the kernel, the median shows the machine
        long perBatch = Math.max(1, Math.round(BATCH_SECONDS / secondsPerRun));
        double[] perRun = new double[Math.max(3, (int) Math.ceil(MEASURE_SECONDS / (perBatch * secondsPerRun)))];
        for (int batch = 0; batch < perRun.length; batch++) {
            long start = System.nanoTime();
            for (long i = 0; i < perBatch; i++) run.run();
            perRun[batch] = (System.nanoTime() - start) * 1e-9 / perBatch;
        }
        Arrays.sort(perRun);
        double best = perRun[0], median = perRun[perRun.length / 2];
        return new KernelResult(b.kernel(), b.shape(), b.flopsPerRun() / best * 1e-9, b.flopsPerRun() / median * 1e-9,
                peakGflops, best * 1e3, Parallel.threads(), b.bytesPerRun(), bandwidthGBs);
    }

    /**
     * Runs until the JIT has settled: at least {@value #WARMUP_SECONDS} s, then until a window's fastest run is
     * no longer clearly faster than the previous window's (at most {@value #MAX_WARMUP_SECONDS} s). Returns the
     * fastest seconds per run seen.
     */
    private static double warmUp(Runnable run) {
        long begin = System.nanoTime();
        double previous = Double.MAX_VALUE;
        while (true) {
            double windowBest = Double.MAX_VALUE;
            long windowEnd = System.nanoTime() + (long) (WARMUP_WINDOW_SECONDS * 1e9);
            do {
                long t = System.nanoTime();
                run.run();
                windowBest = Math.min(windowBest, (System.nanoTime() - t) * 1e-9);
            } while (System.nanoTime() < windowEnd);
            double elapsed = (System.nanoTime() - begin) * 1e-9;
            boolean settled = windowBest > 0.97 * previous;
            previous = Math.min(previous, windowBest);
            if ((settled && elapsed >= WARMUP_SECONDS) || elapsed >= MAX_WARMUP_SECONDS) return previous;
        }
    }

    /** The one-line JSON form of a result. */
    public static String toJson(KernelResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kernel", r.kernel());
        o.put("shape", r.shape());
        o.put("gflops", round(r.gflops(), 1));
        o.put("peak_gflops", round(r.peakGflops(), 1));
        o.put("fraction_of_peak", round(r.fractionOfPeak(), 3));
        o.put("gflops_median", round(r.gflopsMedian(), 1));
        o.put("ms_per_run", round(r.msPerRun(), 4));
        o.put("threads", r.threads());
        if (r.bytesPerRun() > 0 && r.bandwidthGBs() > 0) {
            o.put("bytes_per_run", Math.round(r.bytesPerRun()));
            o.put("flops_per_byte", round(r.intensity(), 2));
            o.put("bandwidth_gbs", round(r.bandwidthGBs(), 1));
            o.put("roofline", r.roofline());
            o.put("roofline_gflops", round(r.rooflineGflops(), 1));
            o.put("fraction_of_roofline", round(r.fractionOfRoofline(), 3));
        }
        return o.toString();
    }

    private static double round(double v, int digits) {
        double s = Math.pow(10, digits);
        return Math.round(v * s) / s;
    }
}
