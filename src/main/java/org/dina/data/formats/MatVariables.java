package org.dina.data.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The variables of a MATLAB {@code .mat} file: version 5.0 (read with MFL) or 7.3 (an HDF5 file, read with jhdf).
 * Arrays come back in MATLAB's shape and column-major order whatever the version, so readers never care which.
 */
public abstract class MatVariables implements AutoCloseable {
    /** MAT-file versions told apart by the 128-byte header. */
    public enum Version { V5, V73 }

    protected final Path file;

    protected MatVariables(Path file) {
        this.file = file;
    }

    /**
     * Opens {@code file}, reading only the variables in {@code wanted} (all when null) for version 5.0 files, where
     * unwanted ones are skipped unread.
     */
    public static MatVariables open(Path file, Set<String> wanted) throws DataFormatException {
        return switch (version(file)) {
            case V5 -> Mat5Variables.read(file, wanted);
            case V73 -> Mat73Variables.open(file);
        };
    }

    /** The MAT-file version, from the header; a file that is not a MAT 5.0 or 7.3 file fails. */
    public static Version version(Path file) throws DataFormatException {
        byte[] head = new byte[128];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "no such file");
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read: " + e, e);
        }
        if (n >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F') {
            throw new DataFormatException(file, "a plain HDF5 file, not a MATLAB 7.3 MAT-file (no MATLAB header)");
        }
        if (n < 128) throw new DataFormatException(file, "not a MATLAB MAT-file (" + n + " bytes, shorter than the 128-byte header)");
        String text = new String(head, 0, 116, StandardCharsets.ISO_8859_1);
        boolean im = head[126] == 'I' && head[127] == 'M', mi = head[126] == 'M' && head[127] == 'I';
        if (text.startsWith("MATLAB 7.3 MAT-file")) return Version.V73;
        int version = im ? (head[124] & 0xff) | (head[125] & 0xff) << 8 : (head[125] & 0xff) | (head[124] & 0xff) << 8;
        if ((im || mi) && version == 0x0100) return Version.V5;
        if (text.startsWith("MATLAB")) {
            throw new DataFormatException(file, "unsupported MAT-file: header '" + text.strip().split(",")[0]
                    + "' with version 0x" + Integer.toHexString(version));
        }
        throw new DataFormatException(file, "not a MATLAB MAT-file (no 'MATLAB 5.0' or 'MATLAB 7.3' header)");
    }

    public Path file() { return file; }

    public abstract Version version();

    /** Names of the top-level variables read. */
    public abstract Set<String> names();

    /** A numeric (or logical/char, for the caller to reject) top-level variable. */
    public abstract NdArray array(String name) throws DataFormatException;

    /** Whether a top-level struct {@code struct} exists and has a field {@code field}. */
    public abstract boolean hasField(String struct, String field);

    /** Field {@code field} of the 1x1 struct {@code struct}. */
    public abstract NdArray field(String struct, String field) throws DataFormatException;

    /** The strings of a cell array of char arrays (e.g. class names), in MATLAB's column-major order. */
    public abstract List<String> strings(String name) throws DataFormatException;

    public boolean has(String name) { return names().contains(name); }

    protected DataFormatException missing(String name) {
        return new DataFormatException(file, "no variable '" + name + "' (the file has " + names() + ")");
    }

    @Override
    public abstract void close();
}
