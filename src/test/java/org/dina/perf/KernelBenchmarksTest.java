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
    void kernelsThatStateTheirTrafficReportTheirRoofline() throws Exception {
        KernelBenchmark spin = new KernelBenchmark("spin", "1000", 1000, 4000, () -> {}, () -> {
            double s = 0;
            for (int i = 0; i < 1000; i++) s += Math.sqrt(i);
            if (s < 0) throw new AssertionError();
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        KernelResult r = KernelBenchmarks.run(List.of(spin), new PrintStream(bytes, true, StandardCharsets.UTF_8), 50.0, 10.0).get(0);
        JsonNode json = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8).strip());
        // 0.25 flop per byte at 10 GB/s: 2.5 GFLOP/s, below the 50 GFLOP/s peak, so memory bounds it
        assertEquals("memory", json.get("roofline").asText());
        assertEquals(2.5, r.rooflineGflops(), 1e-9);
        assertEquals(0.25, json.get("flops_per_byte").asDouble(), 1e-9);
        assertEquals(r.gflops() / 2.5, json.get("fraction_of_roofline").asDouble(), 1e-3);
        KernelResult dense = new KernelResult("k", "s", 40, 30, 50, 1, 2, 1e3, 10);
        assertEquals("compute", dense.roofline(), "1 MFLOP per kB moves little: the peak bounds it");
        assertEquals(50, dense.rooflineGflops(), 1e-9);
        assertTrue(AllKernelBenchmarks.all().stream().filter(b -> b.kernel().startsWith("conv2d")).allMatch(b -> b.bytesPerRun() > 0));
    }

    @Test
    void bandwidthIsPositive() {
        double gbs = PeakBandwidth.measure(0.05, 1 << 20);
        assertTrue(gbs > 0 && Double.isFinite(gbs), "bandwidth " + gbs);
    }

    @Test
    void peakIsPositive() {
        double gflops = PeakFlops.measure(0.05);
        assertTrue(gflops > 0 && Double.isFinite(gflops), "peak " + gflops);
    }
}
