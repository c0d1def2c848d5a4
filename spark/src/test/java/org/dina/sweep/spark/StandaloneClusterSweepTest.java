package org.dina.sweep.spark;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.dina.sweep.LocalEngine;
import org.dina.sweep.Sweep;
import org.dina.sweep.SweepEngine;
import org.dina.sweep.SweepPlan;
import org.dina.sweep.SweepPlanFile;
import org.dina.sweep.SweepSummary;
import org.dina.sweep.TinyPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real cluster: a tiny sweep through spark://127.0.0.1:PORT gives the same sweep.json as the in-process run. */
class StandaloneClusterSweepTest {
    @TempDir Path dir;

    @Test
    @Timeout(300)
    void aStandaloneClusterGivesTheSameSweepJsonAsTheInProcessRun() throws Exception {
        Path plan = TinyPlans.write(dir, """
                grid:
                  loss.temperature: [0.1, 0.05]
                """);
        SweepPlan p = SweepPlanFile.read(plan);
        JsonNode inProcess = sweep(p, new LocalEngine(), dir.resolve("local"));
        JsonNode cluster;
        try (LocalSparkCluster c = new LocalSparkCluster(dir, 2)) {
            cluster = sweep(p, new SparkEngine(c.masterUrl), dir.resolve("cluster"));
        }
        assertEquals(2, cluster.get("ok").asInt(), cluster.toString());
        assertEquals(SparkSweepTest.withoutTiming(inProcess), SparkSweepTest.withoutTiming(cluster));
    }

    private static JsonNode sweep(SweepPlan plan, SweepEngine engine, Path out) throws Exception {
        long t0 = System.nanoTime();
        Sweep.run(plan, engine, out, new PrintStream(new ByteArrayOutputStream(), true));
        System.out.printf(Locale.ROOT, "sweep into %s: %.1f s%n", out.getFileName(), (System.nanoTime() - t0) / 1e9);
        return new ObjectMapper().readTree(out.resolve(SweepSummary.FILE).toFile());
    }
}
