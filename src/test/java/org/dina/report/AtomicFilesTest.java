package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void createsFoldersReplacesContentAndLeavesNoTemporaryFile(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("a/b/file.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        AtomicFiles.write(target, new byte[] {4});
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void finalFileHasTheFoldersUsualPermissionsNotOwnerOnly(@TempDir Path tmp) throws Exception {
        if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) == null) return; // not a POSIX file system
        Path normal = tmp.resolve("normal.txt");
        Files.write(normal, new byte[] {1});
        Path atomic = AtomicFiles.write(tmp.resolve("atomic.txt"), new byte[] {1});
        assertEquals(Files.getPosixFilePermissions(normal), Files.getPosixFilePermissions(atomic));
    }

    @Test
    void failureNamesTheFile(@TempDir Path tmp) throws Exception {
        Path blocker = tmp.resolve("blocker");
        Files.write(blocker, new byte[] {1});
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(blocker.resolve("x.png"), new byte[] {1}));
        assertEquals(true, e.getMessage().contains("x.png"));
    }
}
