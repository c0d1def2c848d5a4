package org.dina.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per run folder: an operating-system lock on {@code .dina.lock} in the folder, held while a command
 * writes there and released when it ends, however it ends (the OS drops the lock of a killed process, so a lock
 * file left behind by a crash is stale and harmless: it is simply locked again). The file is never deleted, because
 * deleting it would let two processes lock two different files of the same name.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = ".dina.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks an existing folder for {@code command}; throws {@link IOException} naming the holder when another process
     * (or another command in this one) holds it.
     */
    public static RunLock acquire(Path folder, String command) throws IOException {
        if (!Files.isDirectory(folder)) throw new IOException(folder + ": not a folder");
        Path file = folder.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM (another command running in-process)
        } catch (IOException e) {
            ch.close();
            throw new IOException(file + ": cannot lock the run folder (" + e.getMessage() + ")", e);
        }
        if (lock == null) {
            String holder = holder(ch);
            ch.close();
            throw new IOException(folder + ": another dina command is writing to this run folder (" + holder + "); wait for it to "
                    + "finish or choose another folder");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((command + ", pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return new RunLock(ch, lock);
    }

    /** What the holder wrote into the lock file, for the message. */
    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(200);
            ch.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "unknown" : s.lines().findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) lock.release();
        } finally {
            channel.close();
        }
    }
}
