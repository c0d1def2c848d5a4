package org.dina.data.formats;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The NWB files written by src/test/resources/formats/make_nwb.py, copied out of the test resources. */
public final class NwbFixtures {
    private NwbFixtures() {}

    public static final String TWO_PLANES = "dandi_two_planes.nwb", OPTICAL = "dandi_optical_series.nwb",
            ALLEN = "ophys_experiment_000000001.nwb", MISSING_TABLE = "bad_missing_table.nwb",
            INDEX_OUT_OF_RANGE = "bad_index_out_of_range.nwb", NON_MONOTONIC = "bad_nonmonotonic.nwb";

    /** Folders of several files of one subject: two planes of a session; two sessions (the second in two planes). */
    public static final String PLANES = "subject_planes", SESSIONS = "subject_sessions", TWO_SUBJECTS = "bad_subjects";

    /** The files of each folder fixture, as make_nwb.py writes them. */
    private static final java.util.Map<String, java.util.List<String>> FOLDERS = java.util.Map.of(
            PLANES, java.util.List.of("sub-01_ses-1_plane-0.nwb", "sub-01_ses-1_plane-1.nwb"),
            SESSIONS, java.util.List.of("sub-01_ses-1.nwb", "sub-01_ses-2_plane-0.nwb", "sub-01_ses-2_plane-1.nwb"),
            TWO_SUBJECTS, java.util.List.of("sub-01_ses-1.nwb", "sub-02_ses-1.nwb"));

    /** Copies a folder fixture into {@code dir}; returns the copied folder. */
    public static Path copyFolder(String name, Path dir) throws IOException {
        Path to = Files.createDirectories(dir.resolve(name));
        for (String f : FOLDERS.get(name)) copy(name + "/" + f, to, f);
        return to;
    }

    public static Path copy(String name, Path dir) throws IOException {
        return copy(name, dir, name);
    }

    private static Path copy(String name, Path dir, String as) throws IOException {
        Path to = dir.resolve(as);
        try (InputStream in = NwbFixtures.class.getResourceAsStream("/formats/nwb/" + name)) {
            assertNotNull(in, name);
            Files.copy(in, to);
        }
        return to;
    }

    static InputStream manifest() {
        return NwbFixtures.class.getResourceAsStream("/formats/nwb/manifest.json");
    }
}
