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
    public enum Version {
        /** MATLAB 5.0 to 7.2: MATLAB's own tagged binary format. */
        V5,
        /** MATLAB 7.3: an HDF5 file behind a MATLAB header. */
        V73
    }

    /** The file the variables come from, which every message names. */
    protected final Path file;

    /**
     * The variables of one file.
     *
     * @param file the file, named in every message
     */
    protected MatVariables(Path file) {
        this.file = file;
    }

    /**
     * Opens a MAT-file of either version.
     *
     * @param file   the file
     * @param wanted the variables to read from a version 5.0 file (the others are skipped unread), or null for all;
     *               a 7.3 file reads variables on demand, so it ignores this
     * @return the variables; close them to release the file
     * @throws DataFormatException naming the file when it is missing, not a MAT-file or unreadable
     */
    public static MatVariables open(Path file, Set<String> wanted) throws DataFormatException {
        return switch (version(file)) {
            case V5 -> Mat5Variables.read(file, wanted);
            case V73 -> Mat73Variables.open(file);
        };
    }

    /**
     * The MAT-file version, from the header.
     *
     * @param file the file
     * @return its version
     * @throws DataFormatException naming the file when it is missing or not a MAT 5.0 or 7.3 file
     */
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

    /** {@return the file the variables come from} */
    public Path file() { return file; }

    /** {@return the file's MAT-file version} */
    public abstract Version version();

    /** {@return the names of the top-level variables read} */
    public abstract Set<String> names();

    /**
     * A top-level array variable: numeric, or logical or char for the caller to reject.
     *
     * @param name the variable's name
     * @return its values in MATLAB's shape and column-major order
     * @throws DataFormatException naming the file when there is no such variable or it cannot be read
     */
    public abstract NdArray array(String name) throws DataFormatException;

    /**
     * Whether a top-level struct has a field.
     *
     * @param struct the struct variable's name
     * @param field  the field's name
     * @return true when the struct exists and has that field
     */
    public abstract boolean hasField(String struct, String field);

    /**
     * A field of a 1x1 struct variable.
     *
     * @param struct the struct variable's name
     * @param field  the field's name
     * @return the field's values in MATLAB's shape and column-major order
     * @throws DataFormatException naming the file when the struct or the field is missing or unreadable
     */
    public abstract NdArray field(String struct, String field) throws DataFormatException;

    /**
     * The strings of a cell array of char arrays (class names, for example).
     *
     * @param name the variable's name
     * @return the strings in MATLAB's column-major order
     * @throws DataFormatException naming the file when the variable is missing or not a cell array of text
     */
    public abstract List<String> strings(String name) throws DataFormatException;

    /**
     * Whether a top-level variable was read.
     *
     * @param name the variable's name
     * @return true when the file has it (and, for version 5.0, it was wanted)
     */
    public boolean has(String name) { return names().contains(name); }

    /**
     * The error for a variable the file lacks, listing the ones it has.
     *
     * @param name the missing variable's name
     * @return the exception to throw
     */
    protected DataFormatException missing(String name) {
        return new DataFormatException(file, "no variable '" + name + "' (the file has " + names() + ")");
    }

    /** Releases the file; never fails. */
    @Override
    public abstract void close();
}
