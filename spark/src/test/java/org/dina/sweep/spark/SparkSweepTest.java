package org.dina.sweep.spark;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.dina.sweep.LocalEngine;
import org.dina.sweep.Sweep;
import org.dina.sweep.SweepEngine;
import org.dina.sweep.SweepEngines;
import org.dina.sweep.SweepPlan;
import org.dina.sweep.SweepPlanFile;
import org.dina.sweep.SweepSummary;
import org.dina.sweep.TinyPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine gives the same sweep.json, byte for byte, with one executor thread, with two, and as the plain
 * in-process {@code --master local}: a sweep's results do not depend on where or how concurrently its tasks ran.
 */
class SparkSweepTest {
    @TempDir Path dir;

    @Test
    void localOneLocalTwoAndInProcessGiveTheSameSweepJson() throws Exception {
        Path plan = TinyPlans.write(dir, """
                grid:
                  loss.temperature: [0.1, 0.05]
                folds: 2
                seeds: [1]
                """);
        SweepPlan p = SweepPlanFile.read(plan);
        assertInstanceOf(SparkEngine.class, SweepEngines.forMaster("local[2]"), "the provider is found through ServiceLoader");
        String one = sweep(p, SweepEngines.forMaster("local[1]"), dir.resolve("local1"));
        String two = sweep(p, SweepEngines.forMaster("local[2]"), dir.resolve("local2"));
        String inProcess = sweep(p, new LocalEngine(), dir.resolve("local"));
        assertEquals(4, new ObjectMapper().readTree(one).get("ok").asInt(), one);
        assertEquals(one, two, "sweep.json holds results only, so it is byte for byte the same");
        assertEquals(one, inProcess);
    }

    /** Runs the plan and returns the text of its sweep.json. */
    static String sweep(SweepPlan plan, SweepEngine engine, Path out) throws Exception {
        long t0 = System.nanoTime();
        Sweep.run(plan, engine, out, new PrintStream(new ByteArrayOutputStream(), true));
        System.out.printf(Locale.ROOT, "sweep into %s: %.1f s%n", out.getFileName(), (System.nanoTime() - t0) / 1e9);
        return Files.readString(out.resolve(SweepSummary.FILE));
    }
}
