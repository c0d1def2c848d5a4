package org.dina.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint write that fails halfway, for real: a second JVM runs under {@code ulimit -f} (the largest file it may
 * write), so the operating system refuses the write past that size as a full disk would. The previous checkpoint
 * must stay whole and readable, and no temporary file may be left behind.
 */
class FullDiskTest {
    /** Tries to replace the checkpoint in args[0] by one of 1 MiB; prints what happened. */
    public static void main(String[] args) {
        Tensor big = Tensor.zeros(256 * 1024);
        try {
            SafeTensors.write(Path.of(args[0]), Map.of("w", big), Map.of("format", Checkpoint.FORMAT));
            System.out.println("written");
        } catch (IOException e) {
            System.out.println("failed: " + e.getMessage());
        }
    }

    @Test
    void aCheckpointWriteThatRunsOutOfSpaceLeavesThePreviousOneIntact(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("checkpoints/last.safetensors");
        Files.createDirectories(ckpt.getParent());
        SafeTensors.write(ckpt, Map.of("w", Tensor.of(new float[] {1, 2, 3}, 3)), Map.of("format", Checkpoint.FORMAT));
        byte[] before = Files.readAllBytes(ckpt);

        Process p = ChildJvm.start("-f 64", FullDiskTest.class, ckpt.toString()); // 64 KiB at most per file
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("failed: "), "the write should have failed:\n" + out);

        assertArrayEquals(before, Files.readAllBytes(ckpt), "the previous checkpoint must be untouched");
        assertEquals(1f, SafeTensors.read(ckpt).tensors().get("w").get(0));
        try (Stream<Path> s = Files.list(ckpt.getParent())) {
            assertEquals(java.util.List.of(ckpt), s.toList(), "no temporary file may be left");
        }
    }
}
