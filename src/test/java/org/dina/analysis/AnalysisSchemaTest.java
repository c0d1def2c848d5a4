package org.dina.analysis;

import java.nio.file.Path;
import java.util.List;
import org.dina.data.DataSource;
import org.dina.data.SimulatedV1;
import org.dina.model.DinaConfig;
import org.dina.testing.JsonSchema;
import org.dina.testing.TinyConfig;
import org.dina.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * analysis.json keeps its keys and their types (pinned in schema/analysis.schema.txt), ground truth, the retraining on
 * neuron subsets and the claims over seeds included (the run's claims stand in for a second seed's: the keys are the same).
 */
class AnalysisSchemaTest {
    @Test
    void analysisJsonKeepsItsPinnedKeys(@TempDir Path dir) throws Exception {
        DinaConfig cfg = TinyConfig.of(5, 60, 24, 2, 0.3, 2);
        SimulatedV1.Result sim = SimulatedV1.generate(cfg.simulationConfig());
        TrainingRun.Outcome o = TrainingRun.run(cfg, sim.dataset(), DataSource.simulated(), dir, false);
        AnalysisOptions options = AnalysisOptions.defaults().quick().withRetraining(new double[] {0.1}, 2);
        AnalysisResults a = RunAnalysis.analyze(o.model(), o.data(), options, sim.truth());
        a = a.withSeeds(ClaimsAcrossSeeds.of(List.of(new ClaimsAcrossSeeds.SeedRun(5, ".", a.top1(), a.claims()),
                new ClaimsAcrossSeeds.SeedRun(6, "seeds/seed-6", a.top1(), a.claims()))));
        JsonSchema.assertMatches("analysis", RunAnalysis.write(o.folder(), a));
    }
}
