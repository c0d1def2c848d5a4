package org.dina.data.formats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dina.data.Dataset;

/**
 * Entry point for reading datasets from disk: finds the reader for a path by its file names (or takes the one
 * named in {@link ReadOptions#format()}) and reads it.
 */
public final class Formats {
    /** In detection order: specific layouts before the generic NPY folder. */
    private static final List<DatasetReader> READERS = List.of(
            new Natimg2800Reader(), new DinaMatReader(), new SensoriumReader(), new Antolik2016Reader(),
            new AllenReader(), new NwbReader(), new NpyFolderReader());

    private Formats() {}

    /** {@return every reader, in the order detection tries them} */
    public static List<DatasetReader> readers() { return READERS; }

    /** {@return the readers' names, for {@code --format}} */
    public static List<String> names() { return READERS.stream().map(DatasetReader::name).toList(); }

    /**
     * The reader with a name.
     *
     * @param name a reader's name, in any case
     * @return the reader
     * @throws IllegalArgumentException listing the known names when none matches
     */
    public static DatasetReader byName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (DatasetReader r : READERS) if (r.name().equals(n)) return r;
        throw new IllegalArgumentException("unknown format '" + name + "' (known: " + String.join(", ", names()) + ")");
    }

    /**
     * The reader whose layout {@code path} has. A file that no reader takes is tried as its folder (so
     * {@code .../images.npy} finds the NPY folder). A comma-separated list of files ({@link DataPaths}) is for the
     * readers that join several files (NWB).
     *
     * @param path a file, a folder or a comma-separated list of files
     * @return the first reader, in {@link #readers()} order, that takes it
     * @throws DataFormatException naming the path when it does not exist or no reader takes it (the message lists
     *                             every layout)
     */
    public static DatasetReader detect(Path path) throws DataFormatException {
        Path missing = DataPaths.firstMissing(path);
        if (missing != null) throw new DataFormatException(missing, "no such file or folder");
        for (DatasetReader r : READERS) if (r.canRead(path)) return r;
        Path parent = path.toAbsolutePath().getParent();
        if (Files.isRegularFile(path) && parent != null) {
            for (DatasetReader r : READERS) if (r.canRead(parent)) return r;
        }
        StringBuilder sb = new StringBuilder("not a known dataset layout; expected one of: ");
        for (int i = 0; i < READERS.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(READERS.get(i).name()).append(" (").append(READERS.get(i).description()).append(')');
        }
        throw new DataFormatException(path, sb.toString());
    }

    /**
     * Reads a dataset with the reader {@code options.format()} names, or the detected one.
     *
     * @param path    a file, a folder or a comma-separated list of files
     * @param options reader options, or null for {@link ReadOptions#defaults()}
     * @return the dataset and the reader's report of what it found, chose and dropped
     * @throws DataFormatException naming the file, for every problem with the input or an unknown format name
     */
    public static ReadResult load(Path path, ReadOptions options) throws DataFormatException {
        ReadOptions o = options == null ? ReadOptions.defaults() : options;
        DatasetReader reader;
        Path target = path;
        if (o.format() != null) {
            try {
                reader = byName(o.format());
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(path, e.getMessage());
            }
            Path missing = DataPaths.firstMissing(path);
            if (missing != null) throw new DataFormatException(missing, "no such file or folder");
        } else {
            reader = detect(path);
        }
        if (!reader.canRead(target) && Files.isRegularFile(target) && target.toAbsolutePath().getParent() != null
                && reader.canRead(target.toAbsolutePath().getParent())) {
            target = target.toAbsolutePath().getParent();
        }
        return reader.load(target, o);
    }

    /**
     * Reads a dataset (see {@link #load} for the reader's report).
     *
     * @param path    a file, a folder or a comma-separated list of files
     * @param options reader options, or null for {@link ReadOptions#defaults()}
     * @return the dataset
     * @throws DataFormatException naming the file, for every problem with the input or an unknown format name
     */
    public static Dataset read(Path path, ReadOptions options) throws DataFormatException {
        return load(path, options).dataset();
    }
}
