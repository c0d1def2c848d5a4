package org.dina.analysis;

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

/** analysis.json keeps its keys and their types (pinned in schema/analysis.schema.txt), ground truth included. */
class AnalysisSchemaTest {
    @Test
    void analysisJsonKeepsItsPinnedKeys(@TempDir Path dir) throws Exception {
        DinaConfig cfg = new DinaConfig("schema", 5,
                new DinaConfig.Data(new DinaConfig.Simulation(60, 24, 2, 0.3, 0.3), SplitProtocol.IMAGES, TrialMode.SINGLE, 0.2, 0.2, 36, 136),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 1, List.of(32, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(16, 2, 100, 1e-2, 5e-5, 1e-3, 0.9, 0.5, 50));
        SimulatedV1.Result sim = SimulatedV1.generate(cfg.simulationConfig());
        TrainingRun.Outcome o = TrainingRun.run(cfg, sim.dataset(), DataSource.simulated(), dir, false);
        AnalysisResults a = RunAnalysis.analyze(o.model(), o.data(), AnalysisOptions.defaults().quick(), sim.truth());
        JsonSchema.assertMatches("analysis", RunAnalysis.write(o.folder(), a));
    }
}
