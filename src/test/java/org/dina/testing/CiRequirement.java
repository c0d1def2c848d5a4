package org.dina.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need an outside tool (Chromium, PyTorch) skip where it is missing, except in CI ({@code CI=true}):
 * there a missing tool fails the run, so that CI can never pass by skipping silently. .ci/run installs the tools.
 */
public final class CiRequirement {
    private CiRequirement() {}

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the calling test unless {@code available}; in CI, fails it with {@code why} instead. */
    public static void assumeAvailable(boolean available, String why) {
        if (available) return;
        if (inCi()) fail(why + " (CI=true: this test must run, not skip)");
        Assumptions.assumeTrue(false, why);
    }
}
