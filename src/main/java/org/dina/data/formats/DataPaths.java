package org.dina.data.formats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --data} naming several files at once: {@code a.nwb,b.nwb} (comma-separated, no file of that whole name
 * existing). One path is itself; only the NWB reader takes several (planes and sessions of one subject).
 */
public final class DataPaths {
    private DataPaths() {}

    /**
     * The files a {@code --data} value names.
     *
     * @param path a {@code --data} value
     * @return the files in the order given; the path itself when it has no comma or exists as it is
     */
    public static List<Path> split(Path path) {
        String s = path.toString();
        if (!s.contains(",") || Files.exists(path)) return List.of(path);
        List<Path> out = new ArrayList<>();
        for (String part : s.split(",")) {
            if (!part.isBlank()) out.add(Path.of(part.strip()));
        }
        return out.isEmpty() ? List.of(path) : out;
    }

    /**
     * Whether every file a {@code --data} value names exists.
     *
     * @param path a {@code --data} value
     * @return true when all of them exist
     */
    public static boolean exist(Path path) {
        for (Path p : split(path)) if (!Files.exists(p)) return false;
        return true;
    }

    /** The first named file that does not exist, or null. */
    static Path firstMissing(Path path) {
        for (Path p : split(path)) if (!Files.exists(p)) return p;
        return null;
    }
}
