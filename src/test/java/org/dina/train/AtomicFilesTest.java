package org.dina.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesAndReplacesLeavingNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("sub/ckpt.json");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.writeString(f, "second");
        assertEquals("second", Files.readString(f));
        assertEquals(List.of("ckpt.json"), Files.list(f.getParent()).map(p -> p.getFileName().toString()).toList());
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aWriterThatFailsHalfwayLeavesTheOldFileWhole() throws IOException {
        Path f = dir.resolve("model.safetensors");
        AtomicFiles.writeString(f, "complete old checkpoint");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, ch -> {
            AtomicFiles.writeFully(ch, ByteBuffer.wrap("half of a new one".getBytes()));
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertEquals("complete old checkpoint", Files.readString(f));
        assertEquals(List.of("model.safetensors"), names());
    }

    @Test
    void aFailedFirstWriteLeavesNothing() throws IOException {
        Path f = dir.resolve("new.bin");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, ch -> {
            throw new IllegalStateException("bug in the writer");
        }));
        assertEquals(List.of(), names());
    }

    @Test
    void theUncheckedFormNamesTheFileThatCouldNotBeWritten() throws IOException {
        Path blocker = dir.resolve("blocker");
        Files.write(blocker, new byte[] {1});
        var e = assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.writeBytesOrFail(blocker.resolve("x.png"), new byte[] {1}));
        assertTrue(e.getMessage().contains("x.png"), e.getMessage());
        assertEquals(List.of("blocker"), names());
        Path ok = AtomicFiles.writeBytesOrFail(dir.resolve("a/b/figure.png"), new byte[] {4});
        assertEquals(4, Files.readAllBytes(ok)[0]);
    }
}
