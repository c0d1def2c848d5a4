package org.dina.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.data.SimulatedV1;
import org.dina.data.SplitProtocol;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTowerMode;
import org.dina.model.NeuralAttentionMode;
import org.dina.model.TrialMode;
import org.dina.train.TrainingRun;

/** A small simulated recording and a config that trains on it in seconds, for the facade's tests. */
final class TinyRun {
    private TinyRun() {}

    static DinaConfig config(SplitProtocol split) {
        return new DinaConfig("tiny", 5,
                new DinaConfig.Data(new DinaConfig.Simulation(60, 24, 3, 0.3, 0.3), split, TrialMode.SINGLE, 0.2, 0.2, 36, 136),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 2, List.of(32, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(16, 3, 10, 1e-2, 5e-5, 1e-3, 0.9, 0.5, 1));
    }

    static Dataset data(DinaConfig cfg) {
        return SimulatedV1.generate(cfg.simulationConfig()).dataset();
    }

    /** Trains {@code cfg} into a run folder at {@code dir}, as {@code dina train} does. */
    static TrainingRun.Outcome trainInto(Path dir, DinaConfig cfg) throws IOException {
        return TrainingRun.run(cfg, data(cfg), DataSource.simulated(), dir, false);
    }
}
