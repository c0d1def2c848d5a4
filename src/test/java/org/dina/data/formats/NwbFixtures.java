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

    public static Path copy(String name, Path dir) throws IOException {
        Path to = dir.resolve(name);
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
