package org.dina.data.formats;

import java.nio.file.Path;
import org.dina.data.Dataset;

/** Reads one on-disk dataset layout into a {@link Dataset}. */
public interface DatasetReader {
    /** The name used by {@code --format} and in reports. */
    String name();

    /** One line: what the reader expects on disk. */
    String description();

    /** Whether {@code path} looks like this format (by names and headers; cheap, never throws). */
    boolean canRead(Path path);

    /** Reads the dataset and the reader's report; every problem with the input is a {@link DataFormatException}. */
    ReadResult load(Path path, ReadOptions options) throws DataFormatException;

    /** Reads the dataset. */
    default Dataset read(Path path, ReadOptions options) throws DataFormatException {
        return load(path, options).dataset();
    }
}
