package org.dina.sweep.spark;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.dina.sweep.LocalEngine;
import org.dina.sweep.SweepPlan;
import org.dina.sweep.SweepPlanFile;
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
        String inProcess = SparkSweepTest.sweep(p, new LocalEngine(), dir.resolve("local"));
        String cluster;
        try (LocalSparkCluster c = new LocalSparkCluster(dir, 2)) {
            cluster = SparkSweepTest.sweep(p, new SparkEngine(c.masterUrl), dir.resolve("cluster"));
        }
        assertEquals(2, new ObjectMapper().readTree(cluster).get("ok").asInt(), cluster);
        assertEquals(inProcess, cluster, "sweep.json holds results only, so it is byte for byte the same");
    }
}
