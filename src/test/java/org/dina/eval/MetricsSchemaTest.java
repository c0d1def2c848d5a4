package org.dina.eval;

import java.nio.file.Path;
import org.dina.data.DataSource;
import org.dina.data.SimulatedV1;
import org.dina.model.DinaConfig;
import org.dina.testing.JsonSchema;
import org.dina.testing.TinyConfig;
import org.dina.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.json keeps its keys and their types (pinned in schema/metrics.schema.txt), noise ceiling included. */
class MetricsSchemaTest {
    @Test
    void metricsJsonKeepsItsPinnedKeys(@TempDir Path dir) throws Exception {
        // 3 repeats of unseen test images: the noise ceiling applies, so every section of the file is written
        DinaConfig cfg = TinyConfig.of(5, 60, 24, 3, 0.3, 2);
        TrainingRun.Outcome o = TrainingRun.run(cfg, SimulatedV1.generate(cfg.simulationConfig()).dataset(), DataSource.simulated(), dir, false);
        RunEvaluation.evaluateAndWrite(o.model(), o.data(), o.folder(), o.state());
        JsonSchema.assertMatches("metrics", o.folder().metricsFile());
    }
}
