package org.dina.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.dina.kernels.PeakFlops;
import org.junit.jupiter.api.Test;

/** The harness calls setup once, times run, and prints one JSON object per benchmark. */
class KernelBenchmarksTest {
    @Test
    void printsOneJsonLinePerBenchmark() throws Exception {
        AtomicInteger setups = new AtomicInteger(), runs = new AtomicInteger();
        double[] sink = new double[1];
        KernelBenchmark spin = new KernelBenchmark("spin", "1000", 1000, setups::incrementAndGet, () -> {
            runs.incrementAndGet();
            double s = 0;
            for (int i = 0; i < 1000; i++) s += Math.sqrt(i);
            sink[0] += s;
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<KernelResult> results = KernelBenchmarks.run(List.of(spin), new PrintStream(bytes, true, StandardCharsets.UTF_8), 50.0);

        assertEquals(1, setups.get());
        assertTrue(runs.get() > 10, "runs: " + runs.get());
        String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(1, lines.length);
        JsonNode json = new ObjectMapper().readTree(lines[0]);
        assertEquals("spin", json.get("kernel").asText());
        assertEquals("1000", json.get("shape").asText());
        assertEquals(50.0, json.get("peak_gflops").asDouble());
        assertTrue(json.get("gflops").asDouble() > 0);
        assertEquals(results.get(0).fractionOfPeak(), json.get("fraction_of_peak").asDouble(), 1e-3);
        assertTrue(json.get("gflops").asDouble() >= json.get("gflops_median").asDouble());
    }

    @Test
    void gemmSuiteIsListedWithPositiveFlops() {
        List<KernelBenchmark> all = AllKernelBenchmarks.all();
        assertTrue(all.stream().anyMatch(b -> b.kernel().equals("gemm_NN") && b.shape().equals("512x512x512")));
        all.forEach(b -> assertTrue(b.flopsPerRun() > 0, b.kernel()));
    }

    @Test
    void peakIsPositive() {
        double gflops = PeakFlops.measure(0.05);
        assertTrue(gflops > 0 && Double.isFinite(gflops), "peak " + gflops);
    }
}
