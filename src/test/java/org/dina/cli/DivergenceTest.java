package org.dina.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A learning rate that makes training diverge: one line, the last good checkpoint kept, and --resume continues. */
class DivergenceTest {
    @Test
    void divergenceStopsWithOneLineKeepsTheLastGoodCheckpointAndResumeContinues(@TempDir Path dir) throws Exception {
        Path cfg = Files.writeString(dir.resolve("tiny.yaml"), BadInputCorpusTest.TINY_YAML);
        Path data = BadInputCorpusTest.recording(dir.resolve("data"), 12, 2, 6, (t, n) -> Math.sin(t * 0.7 + n * 1.3) + 1);
        Path run = dir.resolve("run");
        String[] base = {"train", "--config", cfg.toString(), "--data", data.toString(), "--out", run.toString()};
        assertEquals(0, BadInputCorpusTest.run(base).code());
        Path last = run.resolve("checkpoints/last.safetensors"), best = run.resolve("checkpoints/best.safetensors");
        byte[] lastBefore = Files.readAllBytes(last), bestBefore = Files.readAllBytes(best);

        BadInputCorpusTest.Outcome o = BadInputCorpusTest.run(concat(base, "--resume", "--epochs", "3",
                "--set", "train.neuralLr=1.0e30", "--set", "train.imageLr=1.0e30"));
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        List<String> lines = o.err().strip().lines().filter(l -> l.startsWith("dina: ") && !l.startsWith("dina: note:")).toList();
        assertEquals(1, lines.size(), o.err());
        String line = lines.get(0);
        for (String m : List.of("training diverged at epoch 2, step 2 of", "tower", "epoch 1", last.toString(), "--resume",
                "train.neuralLr=", "train.imageLr=")) {
            assertTrue(line.contains(m), "'" + m + "' missing from: " + line);
        }
        assertArrayEquals(lastBefore, Files.readAllBytes(last), "the last good checkpoint is kept");
        assertArrayEquals(bestBefore, Files.readAllBytes(best));

        // as the message says: a lower learning rate, and --resume
        o = BadInputCorpusTest.run(concat(base, "--resume", "--epochs", "2", "--set", "train.neuralLr=1.0e-4"));
        assertEquals(0, o.code(), o.err());
        var history = new ObjectMapper().readTree(run.resolve("history.json").toFile()).path("epochs");
        assertEquals(2, history.size());
        assertEquals(1.0e-4, history.get(1).path("neuralLr").asDouble(), 1e-12, history.toString());
    }

    @Test
    void divergenceInTheFirstEpochSaysNoCheckpointWasWritten(@TempDir Path dir) throws Exception {
        Path cfg = Files.writeString(dir.resolve("tiny.yaml"), BadInputCorpusTest.TINY_YAML);
        Path data = BadInputCorpusTest.recording(dir.resolve("data"), 12, 2, 6, (t, n) -> Math.sin(t * 0.7 + n * 1.3) + 1);
        Path run = dir.resolve("run");
        BadInputCorpusTest.Outcome o = BadInputCorpusTest.run("train", "--config", cfg.toString(), "--data", data.toString(),
                "--out", run.toString(), "--set", "train.neuralLr=1.0e30");
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().contains("training diverged at epoch 1") && o.err().contains("no checkpoint was written yet")
                && o.err().contains("neural tower"), o.err());
        assertFalse(Files.exists(run.resolve("checkpoints/last.safetensors")));
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
