package org.dina.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a crash leaves either the old file or the complete new one, never half of one: the bytes go
 * to a temporary file in the same folder, are forced to disk, and the temporary file is then renamed over the target
 * in one atomic step (and the folder is synced so the rename itself survives a power cut).
 */
public final class AtomicFiles {
    /** Writes a file's content to an open channel positioned at 0. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {}

    /** Replaces {@code target} atomically by what {@code content} writes; creates missing parent folders. */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        // a dot-name ending in .tmp so that a leftover from a crash is recognisable and never mistaken for the target
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            makeReadable(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(ch);
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(abs + ": the file system cannot rename atomically, refusing a non-atomic write", e);
            }
            moved = true;
            syncFolder(dir);
        } finally {
            if (!moved) Files.deleteIfExists(tmp);
        }
    }

    /** Replaces {@code target} atomically by {@code bytes}. */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, ch -> writeFully(ch, ByteBuffer.wrap(bytes)));
    }

    /**
     * {@link #writeBytes} for callers that cannot pass a checked exception on (figures, the HTML report): a failure
     * becomes an {@link UncheckedIOException} that names the file. Returns {@code target}.
     */
    public static Path writeBytesOrFail(Path target, byte[] bytes) {
        try {
            writeBytes(target, bytes);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Replaces {@code target} atomically by {@code text} in UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes all remaining bytes of {@code buf} (a single write may stop short). */
    public static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) ch.write(buf);
    }

    private static void makeReadable(Path tmp) throws IOException {
        // temporary files are created private (rw-------); a finished file should read like any other
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
    }

    private static void syncFolder(Path dir) {
        // on Linux fsync of the folder makes the rename durable; other systems may not allow opening a folder
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // durability of the rename is best effort where the platform offers no way to sync a folder
        }
    }
}
