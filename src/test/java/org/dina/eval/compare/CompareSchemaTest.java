package org.dina.eval.compare;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.dina.data.DataSource;
import org.dina.data.SplitProtocol;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTowerMode;
import org.dina.model.NeuralAttentionMode;
import org.dina.model.TrialMode;
import org.dina.testing.JsonSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare.json keeps its keys and their types (pinned in schema/compare.schema.txt). The run covers every section:
 * controls on, a baseline that does not apply to unseen images beside ones that do, the noise ceiling (repeated test
 * images) and the neuron curve.
 */
class CompareSchemaTest {
    @Test
    void compareJsonKeepsItsPinnedKeys(@TempDir Path dir) throws Exception {
        // 60 images x 24 neurons x 4 repeats, tiny towers, 2 epochs
        DinaConfig cfg = new DinaConfig("schema", 3,
                new DinaConfig.Data(new DinaConfig.Simulation(60, 24, 4, 0.3, 0.6), SplitProtocol.IMAGES, TrialMode.SINGLE, 0.2, 0.2, 36, 136),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 1, List.of(32, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(16, 2, 100, 1e-2, 5e-5, 1e-3, 0.9, 0.5, 50));
        CompareOptions o = CompareOptions.defaults(cfg, dir).withBaselines(CompareDeterminismTest::few)
                .withNeuronCounts(NeuronCounts.parse("8,all", 1)).withLog(CompareFixtures.quietLog(new ByteArrayOutputStream()));
        CompareRun.run(CompareFixtures.data(cfg), DataSource.simulated(), o);
        JsonSchema.assertMatches("compare", dir.resolve("compare.json"));
    }
}
