package org.dina.data.formats;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's shared folder ({@code ../shared}: data and fixtures that are not part of the project) for
 * tests that need it, and skips those tests with a clear message when it is absent.
 */
final class SharedData {
    private SharedData() {}

    /** The shared folder: system property {@code dina.shared} (set by the pom), else env {@code DINA_SHARED}. */
    static Path root() {
        String prop = System.getProperty("dina.shared");
        if (prop != null && Files.isDirectory(Path.of(prop))) return Path.of(prop);
        String env = System.getenv("DINA_SHARED");
        if (env != null && Files.isDirectory(Path.of(env))) return Path.of(env);
        return prop == null ? Path.of("../shared") : Path.of(prop);
    }

    /** {@code root()/relative}, or a skipped test when it does not exist. */
    static Path require(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), "shared data absent: " + p.toAbsolutePath().normalize()
                + " not found (set -Ddina.shared or DINA_SHARED to the shared folder); skipping");
        return p;
    }
}
