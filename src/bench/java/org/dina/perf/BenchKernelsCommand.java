package org.dina.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.incubator.vector.FloatVector;
import org.dina.kernels.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dina bench kernels}: measures the float32 peak, then each kernel's GFLOP/s as JSON lines. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = {"Measure the machine's float32 peak (FMA loop) and memory bandwidth (parallel copies of 256 MB), then time every kernel benchmark.",
                "Prints one JSON object per line: first the peak and bandwidth, then {kernel, shape, gflops, peak_gflops, fraction_of_peak, ...};",
                "kernels that state their memory traffic add roofline (compute or memory: the lower bound of the two), roofline_gflops and fraction_of_roofline."})
public final class BenchKernelsCommand implements Callable<Integer> {
    @Option(names = "--threads", description = "Worker threads (default: all cores, or -Ddina.threads).")
    Integer threads;

    @Option(names = "--filter", description = "Only kernels whose name or shape contains this text.")
    String filter;

    @Override
    public Integer call() throws Exception {
        if (threads != null) Parallel.setThreads(threads);
        List<KernelBenchmark> list = AllKernelBenchmarks.all().stream()
                .filter(b -> filter == null || b.kernel().contains(filter) || b.shape().contains(filter))
                .toList();
        double peak = PeakFlops.measure();
        double bandwidth = PeakBandwidth.measure();
        var json = new ObjectMapper().createObjectNode();
        json.put("peak_gflops", Math.round(peak * 10) / 10.0);
        json.put("bandwidth_gbs", Math.round(bandwidth * 10) / 10.0);
        json.put("threads", Parallel.threads());
        json.put("vector_bits", FloatVector.SPECIES_PREFERRED.vectorBitSize());
        // other processes on the cores lower both the peak and the kernels: the load average says how busy it was
        json.put("load_average", Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0);
        json.put("method", "FMA loop, 12 independent FloatVector accumulators per thread; best round of 10 parallel calls of about 1 ms");
        json.put("bandwidth_method", "MemorySegment.copy between two off-heap buffers of 256 MB on all threads, bytes read + written; best round");
        System.out.println(json);
        KernelBenchmarks.run(list, System.out, peak, bandwidth);
        return 0;
    }
}
