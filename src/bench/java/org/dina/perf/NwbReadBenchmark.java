package org.dina.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dina.data.Dataset;
import org.dina.data.formats.Formats;
import org.dina.data.formats.ReadOptions;

/**
 * How long reading the trial responses of a (large) NWB file takes and how much memory it holds while doing so: the
 * reader reads the traces a window at a time, so the peak heap and resident set stay far below the file's size.
 */
public final class NwbReadBenchmark {
    private NwbReadBenchmark() {}

    /** Reads {@code file} with the default window and returns the measurements, in the order they print. */
    public static Map<String, Object> run(Path file) throws IOException {
        MemoryProbe probe = new MemoryProbe();
        System.gc();
        probe.reset();
        long t0 = System.nanoTime();
        Dataset d = Formats.read(file, ReadOptions.defaults());
        double seconds = (System.nanoTime() - t0) / 1e9;
        long bytes = Files.size(file);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("file_mb", bytes / 1e6);
        m.put("trials", d.trialCount());
        m.put("neurons", d.neuronCount());
        m.put("seconds", seconds);
        m.put("mb_per_s", bytes / 1e6 / seconds);
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1e6);
        m.put("peak_heap_mb", probe.peakHeapBytes() / 1e6);
        m.put("peak_rss_mb", probe.peakRssBytes() / 1e6);
        m.put("rss_peak_is_the_read", probe.rssPeakReset());
        m.put("file_larger_than_heap", bytes > Runtime.getRuntime().maxMemory());
        return m;
    }
}
