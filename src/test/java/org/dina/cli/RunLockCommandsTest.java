package org.dina.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dina.train.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder another command is writing: train, eval and analyze refuse it with one line. */
class RunLockCommandsTest {
    @Test
    void commandsRefuseARunFolderThatIsBeingWritten(@TempDir Path dir) throws Exception {
        Path cfg = Files.writeString(dir.resolve("tiny.yaml"), BadInputCorpusTest.TINY_YAML);
        Path data = BadInputCorpusTest.recording(dir.resolve("data"), 12, 2, 6, (t, n) -> Math.sin(t * 0.7 + n * 1.3) + 1);
        Path run = dir.resolve("run");
        String[] train = {"train", "--config", cfg.toString(), "--data", data.toString(), "--out", run.toString()};
        assertEquals(0, BadInputCorpusTest.run(train).code());
        byte[] last = Files.readAllBytes(run.resolve("checkpoints/last.safetensors"));
        try (RunLock busy = RunLock.acquire(run, "train")) {
            for (String[] args : new String[][] {train, {"eval", "--run", run.toString()}, {"analyze", "--run", run.toString()}}) {
                BadInputCorpusTest.Outcome o = BadInputCorpusTest.run(args);
                assertEquals(Main.BAD_INPUT, o.code(), args[0] + ": " + o.err());
                String line = o.err().strip().lines().reduce((a, b) -> b).orElse("");
                assertTrue(line.startsWith("dina: " + run) && line.contains("another dina command is writing"), args[0] + ": " + o.err());
            }
        }
        assertArrayEquals(last, Files.readAllBytes(run.resolve("checkpoints/last.safetensors")));
        assertEquals(0, BadInputCorpusTest.run("eval", "--run", run.toString()).code(), "free again once the writer is done");
    }
}
