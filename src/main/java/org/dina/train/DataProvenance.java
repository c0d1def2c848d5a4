package org.dina.train;

import java.util.Optional;
import org.dina.data.Dataset;
import org.dina.data.DatasetFingerprint;

/**
 * Refuses to evaluate, analyse or resume a run on data that differs from the data it was trained on: the run
 * folder's {@code data.json} records a {@link DatasetFingerprint}, and the data read now must have the same one.
 */
public final class DataProvenance {
    private DataProvenance() {}

    /**
     * Throws {@link IllegalArgumentException} (one line) when {@code data} differs from what {@code folder} recorded;
     * run folders written before fingerprints existed are accepted as they are.
     */
    public static void check(RunFolder folder, Dataset data, boolean allowChanged) throws java.io.IOException {
        if (allowChanged) return;
        Optional<String> recorded = folder.readDataFingerprint();
        if (recorded.isEmpty()) return;
        String now = DatasetFingerprint.of(data);
        if (!recorded.get().equals(now)) {
            throw new IllegalArgumentException(folder.dataFile() + ": the data (" + data.name() + ") has changed since the run was "
                    + "trained (sha256 " + shortHash(recorded.get()) + " recorded, " + shortHash(now) + " now); pass "
                    + "--allow-changed-data to use it anyway");
        }
    }

    private static String shortHash(String hex) {
        return hex.length() > 12 ? hex.substring(0, 12) + "..." : hex;
    }
}
