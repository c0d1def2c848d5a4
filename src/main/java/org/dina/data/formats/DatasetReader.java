package org.dina.data.formats;

import java.nio.file.Path;
import org.dina.data.Dataset;

/** Reads one on-disk dataset layout into a {@link Dataset}. */
public interface DatasetReader {
    /** {@return the name {@code --format} and the reports use} */
    String name();

    /** {@return one line: what the reader expects on disk} */
    String description();

    /**
     * Whether a path looks like this format, by file names and headers; cheap, and never throws.
     *
     * @param path a file, a folder or a comma-separated list of files
     * @return true when this reader should read it
     */
    boolean canRead(Path path);

    /**
     * Reads the dataset and the reader's report.
     *
     * @param path    what {@link #canRead} accepted
     * @param options what the reader may need beyond the path
     * @return the dataset and what the reader found, chose and dropped
     * @throws DataFormatException naming the file, for every problem with the input
     */
    ReadResult load(Path path, ReadOptions options) throws DataFormatException;

    /**
     * Reads the dataset.
     *
     * @param path    what {@link #canRead} accepted
     * @param options what the reader may need beyond the path
     * @return the dataset
     * @throws DataFormatException naming the file, for every problem with the input
     */
    default Dataset read(Path path, ReadOptions options) throws DataFormatException {
        return load(path, options).dataset();
    }
}
