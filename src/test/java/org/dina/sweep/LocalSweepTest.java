package org.dina.sweep;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --master local}: each task is a normal run folder; a second sweep skips finished tasks and redoes only
 * unfinished ones; a task that fails is tried twice, reported with its error, and the others still run.
 */
class LocalSweepTest {
    @TempDir Path dir;

    @Test
    void finishedTasksAreSkippedAndUnfinishedOnesRedone() throws Exception {
        Path plan = TinyPlans.write(dir, "grid:\n  loss.temperature: [0.1, 0.05]\n");
        Path out = dir.resolve("out");
        JsonNode first = sweep(plan, out);
        String firstBytes = Files.readString(out.resolve(SweepSummary.FILE));
        assertEquals(2, first.get("ok").asInt());
        Path run1 = out.resolve("simulated-g1-seed1-fold1"), run2 = out.resolve("simulated-g2-seed1-fold1");
        for (Path run : new Path[] {run1, run2}) {
            assertTrue(Files.isRegularFile(run.resolve("metrics.json")), run + " is a normal run folder");
            assertTrue(Files.isRegularFile(run.resolve("checkpoints/best.safetensors")));
        }
        assertTrue(first.at("/rows/0/metrics/test/neural_to_image/top1").isNumber());
        assertEquals("0.05", first.at("/rows/1/overrides/loss.temperature").asText());

        // a killed sweep: run 2 never got its marker, run 1 did
        Files.delete(run2.resolve(TaskRunner.DONE_MARKER));
        FileTime before = Files.getLastModifiedTime(run1.resolve("metrics.json"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        JsonNode second = sweep(plan, out, log);
        assertTrue(log.toString().contains("simulated-g1-seed1-fold1 already done, skipped"), log.toString());
        assertFalse(log.toString().contains("simulated-g2-seed1-fold1 already done"), log.toString());
        assertEquals(before, Files.getLastModifiedTime(run1.resolve("metrics.json")), "a finished task is not run again");
        assertTrue(Files.isRegularFile(run2.resolve(TaskRunner.DONE_MARKER)));
        assertEquals(firstBytes, Files.readString(out.resolve(SweepSummary.FILE)),
                "a resumed sweep writes the same sweep.json as one that ran straight through (the redone task gives the same results)");
        assertEquals(second.get("rows").size(), timing(out).get("tasks").size());
        assertEquals(0, timing(out).at("/tasks/0/attempts").asInt(), "timing.json tells the skipped task");
        assertEquals(1, timing(out).at("/tasks/1/attempts").asInt());
        assertEquals(1, timing(out).get("skipped").asInt());
        assertTrue(timing(out).at("/tasks/1/train_seconds").isNumber(), "the run's own timing moves to timing.json");
        assertFalse(second.at("/rows/1/metrics").has("train_seconds"));
    }

    @Test
    void aFailingTaskIsRetriedOnceThenReportedAndTheSweepGoesOn() throws Exception {
        Files.writeString(dir.resolve("broken.npz"), "not a recording");
        Path plan = TinyPlans.write(dir, "recordings: [broken.npz, simulated]\n");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        JsonNode s = sweep(plan, dir.resolve("out"), log);
        assertEquals(1, s.get("failed").asInt(), s.toString());
        assertEquals(1, s.get("ok").asInt(), s.toString());
        JsonNode failed = s.at("/rows/0");
        assertEquals("failed", failed.get("status").asText());
        assertEquals(2, timing(dir.resolve("out")).at("/tasks/0/attempts").asInt());
        assertFalse(failed.get("error").asText().isBlank());
        assertTrue(log.toString().contains("attempt 2 of 2 failed"), log.toString());
        assertEquals("ok", s.at("/rows/1/status").asText());
    }

    private static JsonNode timing(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve(SweepSummary.TIMING_FILE).toFile());
    }

    private static JsonNode sweep(Path plan, Path out) throws Exception {
        return sweep(plan, out, new ByteArrayOutputStream());
    }

    private static JsonNode sweep(Path plan, Path out, ByteArrayOutputStream log) throws Exception {
        Sweep.run(SweepPlanFile.read(plan), new LocalEngine(), out, new PrintStream(log, true));
        return new ObjectMapper().readTree(out.resolve(SweepSummary.FILE).toFile());
    }
}
