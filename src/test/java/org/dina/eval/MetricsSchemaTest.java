package org.dina.eval;

import java.nio.file.Path;
import java.util.List;
import org.dina.data.DataSource;
import org.dina.data.SimulatedV1;
import org.dina.data.SplitProtocol;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTowerMode;
import org.dina.model.NeuralAttentionMode;
import org.dina.model.TrialMode;
import org.dina.testing.JsonSchema;
import org.dina.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.json keeps its keys and their types (pinned in schema/metrics.schema.txt), noise ceiling included. */
class MetricsSchemaTest {
    @Test
    void metricsJsonKeepsItsPinnedKeys(@TempDir Path dir) throws Exception {
        // 3 repeats of unseen test images: the noise ceiling applies, so every section of the file is written
        DinaConfig cfg = new DinaConfig("schema", 5,
                new DinaConfig.Data(new DinaConfig.Simulation(60, 24, 3, 0.3, 0.3), SplitProtocol.IMAGES, TrialMode.SINGLE, 0.2, 0.2, 36, 136),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 1, List.of(32, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(16, 2, 100, 1e-2, 5e-5, 1e-3, 0.9, 0.5, 50));
        TrainingRun.Outcome o = TrainingRun.run(cfg, SimulatedV1.generate(cfg.simulationConfig()).dataset(), DataSource.simulated(), dir, false);
        RunEvaluation.evaluateAndWrite(o.model(), o.data(), o.folder(), o.state());
        JsonSchema.assertMatches("metrics", o.folder().metricsFile());
    }
}
