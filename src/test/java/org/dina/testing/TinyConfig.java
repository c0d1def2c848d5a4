package org.dina.testing;

import java.util.List;
import org.dina.data.SplitProtocol;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTowerMode;
import org.dina.model.NeuralAttentionMode;
import org.dina.model.TrialMode;

/**
 * A config that trains in seconds on a small simulated recording (36 x 136 images, frozen image tower, a tiny map
 * head): for tests that need a trained run's files, not a model that has learnt much.
 */
public final class TinyConfig {
    private TinyConfig() {}

    /** Unseen test images (split by image), {@code repeats} trials per image, 30% undriven neurons. */
    public static DinaConfig of(long seed, int images, int neurons, int repeats, double noise, int epochs) {
        return new DinaConfig("tiny", seed,
                new DinaConfig.Data(new DinaConfig.Simulation(images, neurons, repeats, 0.3, noise), SplitProtocol.IMAGES, TrialMode.SINGLE,
                        0.2, 0.2, 36, 136),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 1, List.of(32, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(16, epochs, 100, 1e-2, 5e-5, 1e-3, 0.9, 0.5, 50));
    }
}
