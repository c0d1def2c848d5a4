package org.dina.analysis;

import java.nio.file.Path;
import org.dina.data.DataSource;
import org.dina.data.SimulatedV1;
import org.dina.model.DinaConfig;
import org.dina.testing.JsonSchema;
import org.dina.testing.TinyConfig;
import org.dina.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analysis.json keeps its keys and their types (pinned in schema/analysis.schema.txt), ground truth included. */
class AnalysisSchemaTest {
    @Test
    void analysisJsonKeepsItsPinnedKeys(@TempDir Path dir) throws Exception {
        DinaConfig cfg = TinyConfig.of(5, 60, 24, 2, 0.3, 2);
        SimulatedV1.Result sim = SimulatedV1.generate(cfg.simulationConfig());
        TrainingRun.Outcome o = TrainingRun.run(cfg, sim.dataset(), DataSource.simulated(), dir, false);
        AnalysisResults a = RunAnalysis.analyze(o.model(), o.data(), AnalysisOptions.defaults().quick(), sim.truth());
        JsonSchema.assertMatches("analysis", RunAnalysis.write(o.folder(), a));
    }
}
