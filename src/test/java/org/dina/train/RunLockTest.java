package org.dina.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    /** Holds the lock of the folder in args[0] until killed (the other process of the test). */
    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]), "holder")) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    @Test
    void aSecondWriterInThisProcessIsRefusedUntilTheFirstCloses(@TempDir Path dir) throws IOException {
        try (RunLock first = RunLock.acquire(dir, "train")) {
            IOException e = assertThrows(IOException.class, () -> RunLock.acquire(dir, "analyze"));
            assertTrue(e.getMessage().contains("another dina command is writing") && e.getMessage().contains("train, pid "),
                    e.getMessage());
        }
        RunLock.acquire(dir, "analyze").close();
        assertTrue(Files.isRegularFile(dir.resolve(RunLock.FILE)), "the lock file stays (deleting it would race)");
    }

    @Test
    void anotherProcessIsRefusedAndItsLockDiesWithIt(@TempDir Path dir) throws Exception {
        Process holder = ChildJvm.start(null, RunLockTest.class, dir.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("locked")) { /* JVM warnings */ }
            assertEquals("locked", line, "the holder did not lock");
            IOException e = assertThrows(IOException.class, () -> RunLock.acquire(dir, "train"));
            assertTrue(e.getMessage().contains("holder, pid " + holder.pid()), e.getMessage());
        } finally {
            holder.destroyForcibly(); // as kill -9: the lock file stays behind, stale
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        RunLock.acquire(dir, "train").close();
    }

    @Test
    void aFolderThatDoesNotExistIsNotLockedIntoExistence(@TempDir Path dir) {
        assertThrows(IOException.class, () -> RunLock.acquire(dir.resolve("none"), "eval"));
        assertFalse(Files.exists(dir.resolve("none")));
    }
}
