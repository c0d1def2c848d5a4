package org.dina.analysis;

import java.util.List;
import org.dina.data.Dataset;
import org.dina.data.SimulatedV1;
import org.dina.data.SplitProtocol;
import org.dina.model.DinaConfig;
import org.dina.model.DinaModel;
import org.dina.model.ImageTowerMode;
import org.dina.model.NeuralAttentionMode;
import org.dina.model.TrialMode;
import org.dina.train.TrainingData;

/** An untrained small model with its prepared data: enough to check what the analyses compute, fast. */
record Untrained(DinaConfig config, DinaModel model, TrainingData data) {
    static Untrained of(int images, int neurons, ImageTowerMode imageTower) {
        DinaConfig cfg = new DinaConfig("untrained", 3,
                new DinaConfig.Data(new DinaConfig.Simulation(images, neurons, 2, 0.3, 0.3), SplitProtocol.IMAGES, TrialMode.SINGLE, 0.2, 0.2, 36, 136),
                new DinaConfig.Model(imageTower, 8, 2, List.of(32, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(16, 1, 10, 1e-2, 5e-5, 1e-3, 0.9, 0.5, 50));
        Dataset d = SimulatedV1.generate(cfg.simulationConfig()).dataset();
        DinaModel model = new DinaModel(cfg, neurons);
        return new Untrained(cfg, model, TrainingData.prepare(cfg, d, model.image()));
    }
}
