package org.dina.analysis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's shared data folder (not part of the project); tests that need it skip with a message when absent. */
final class SharedFolder {
    private SharedFolder() {}

    /** {@code relative} under -Ddina.shared, $DINA_SHARED or ../shared, or a skipped test. */
    static Path require(String relative) {
        for (String root : new String[] {System.getProperty("dina.shared"), System.getenv("DINA_SHARED"), "../shared"}) {
            if (root != null && Files.exists(Path.of(root, relative))) return Path.of(root, relative);
        }
        assumeTrue(false, "shared data absent: " + relative + " not found under -Ddina.shared, $DINA_SHARED or ../shared; skipping");
        return null;
    }
}
