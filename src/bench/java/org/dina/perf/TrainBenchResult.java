package org.dina.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link TrainStepBenchmark} measured for one {@link TrainBenchCase}: median, fastest and slowest seconds per
 * training step, where the time goes ({@code phases}, seconds per step) and peak memory.
 *
 * @param neuralMlp widths of the neural tower's linear MLP after the N neuron readouts (ends in 256)
 * @param phases median seconds per step of each phase, in step order (see {@link TrainStepBenchmark})
 * @param rssPeakIsPerCase whether the RSS peak was reset before the case (else it is the whole process's)
 * @param peakHeapBytes peak of the Java heap in use, garbage included (the collector lets it grow before it runs)
 * @param heapAllocatedPerStep bytes of garbage a step leaves on the Java heap (vectors the JIT failed to keep in
 *     registers show up here)
 * @param cpuSecondsPerStep process CPU time per timed step, all threads: on a busy machine, divided by the thread
 *     count it estimates the step time the machine would give without neighbours
 * @param loadAverage the system's one-minute load average at the end of the case (other processes slow a case down)
 * @param tensorsAllocatedPerStep off-heap tensors a timed step allocated afresh (0 when every buffer is reused)
 * @param tensorBytesPerStep bytes of those tensors
 * @param minorFaultsPerStep minor page faults per timed step (first touches of fresh memory; -1 off Linux)
 * @param liveHeapBytes Java heap in use after a full collection at the end: what the case really keeps on heap
 * @param model the towers' config (its map keys go into the JSON so that the PyTorch port can build the same maps)
 */
public record TrainBenchResult(String caseName, int neurons, int dim, int heads, java.util.List<Integer> neuralMlp, int batch, String imageTower,
                               String neuralAttention, int warmupSteps, int steps, double secondsPerStep,
                               double fastestSeconds, double slowestSeconds, Map<String, Double> phases,
                               long peakRssBytes, boolean rssPeakIsPerCase, long peakHeapBytes, long liveHeapBytes,
                               long peakDirectBytes,
                               long maxDirectBytes, long heapAllocatedPerStep, long tensorsAllocatedPerStep,
                               long tensorBytesPerStep, long minorFaultsPerStep, double cpuSecondsPerStep,
                               double loadAverage, int threads, double lastLoss, org.dina.model.DinaConfig.Model model) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public double samplesPerSecond() { return batch / secondsPerStep; }

    /** The result as one line of JSON. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("case", caseName);
        o.put("neurons", neurons);
        o.put("dim", dim);
        o.put("heads", heads);
        neuralMlp.forEach(o.putArray("neural_mlp")::add);
        o.put("batch", batch);
        o.put("image_tower", imageTower);
        o.put("neural_attention", neuralAttention);
        o.put("map_channels", model.mapChannels());
        o.put("map_normalisation", model.mapNormalisation().key());
        o.put("neural_residual", model.neuralResidual());
        o.put("image_head_hidden", model.imageHeadHidden());
        o.put("seconds_per_step", round(secondsPerStep, 5));
        o.put("samples_per_second", round(samplesPerSecond(), 2));
        o.put("fastest_seconds_per_step", round(fastestSeconds, 5));
        o.put("slowest_seconds_per_step", round(slowestSeconds, 5));
        o.put("warmup_steps", warmupSteps);
        o.put("steps", steps);
        o.put("peak_rss_mb", megabytes(peakRssBytes));
        o.put("peak_rss_is_per_case", rssPeakIsPerCase);
        o.put("peak_heap_mb", megabytes(peakHeapBytes));
        o.put("live_heap_mb", megabytes(liveHeapBytes));
        o.put("peak_offheap_mb", megabytes(peakDirectBytes));
        o.put("max_offheap_mb", megabytes(maxDirectBytes));
        o.put("cpu_seconds_per_step", round(cpuSecondsPerStep, 4));
        o.put("heap_allocated_mb_per_step", megabytes(heapAllocatedPerStep));
        o.put("tensors_allocated_per_step", tensorsAllocatedPerStep);
        o.put("tensor_allocated_mb_per_step", megabytes(tensorBytesPerStep));
        o.put("minor_faults_per_step", minorFaultsPerStep);
        o.put("load_average", round(loadAverage, 2));
        o.put("threads", threads);
        o.put("loss", round(lastLoss, 4));
        ObjectNode p = o.putObject("phase_seconds");
        phases.forEach((k, v) -> p.put(k, round(v, 5)));
        return o.toString();
    }

    /** A few human-readable lines: speed, memory, and the phases that make up a step. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %,d neurons, d %d, %d head(s), MLP %s, batch %d, %s image tower, %s attention, %d threads%n",
                caseName, neurons, dim, heads, neuralMlp, batch, imageTower, neuralAttention, threads));
        sb.append(String.format(Locale.ROOT, "  %.4f s/step (median of %d after %d warm-up; fastest %.4f, slowest %.4f) = %.1f samples/s%n",
                secondsPerStep, steps, warmupSteps, fastestSeconds, slowestSeconds, samplesPerSecond()));
        sb.append(String.format(Locale.ROOT, "  peak memory: RSS %.0f MB%s (heap %.0f MB with garbage, %.0f MB live; off-heap %.0f MB of %.0f MB allowed)%n",
                megabytes(peakRssBytes), rssPeakIsPerCase ? "" : " (whole process)", megabytes(peakHeapBytes), megabytes(liveHeapBytes),
                megabytes(peakDirectBytes), megabytes(maxDirectBytes)));
        sb.append(String.format(Locale.ROOT, "  CPU %.3f s/step over %d threads; %.1f MB heap garbage/step; load average %.2f%n",
                cpuSecondsPerStep, threads, megabytes(heapAllocatedPerStep), loadAverage));
        sb.append(String.format(Locale.ROOT, "  fresh off-heap tensors: %d/step (%.1f MB/step); %,d minor page faults/step%n",
                tensorsAllocatedPerStep, megabytes(tensorBytesPerStep), minorFaultsPerStep));
        sb.append("  phases (s/step):");
        phases.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
        return sb.append(System.lineSeparator()).toString();
    }

    static double megabytes(long bytes) {
        return bytes < 0 ? -1 : round(bytes / (1024.0 * 1024.0), 1);
    }

    static double round(double v, int digits) {
        double s = Math.pow(10, digits);
        return Math.round(v * s) / s;
    }
}
