package org.dina.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sweep plans small enough for the test suite: a 24-image, 16-neuron simulation, small images, one epoch. */
public final class TinyPlans {
    private TinyPlans() {}

    static final String TINY_SET = """
            set:
              - "data.simulation={images: 24, neurons: 16, repeats: 2, undrivenFraction: 0.3, noise: 0.6}"
              - "data.validationFraction=0.25"
              - "data.testFraction=0.25"
              - "data.imageHeight=34"
              - "data.imageWidth=135"
              - "train.batch=8"
              - "train.epochs=1"
            """;

    /** Writes {@code plan.yaml} into {@code dir}: the tiny settings followed by {@code rest} (recordings, grid, folds, seeds). */
    public static Path write(Path dir, String rest) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "config: default\n" + TINY_SET + rest);
        return plan;
    }
}
