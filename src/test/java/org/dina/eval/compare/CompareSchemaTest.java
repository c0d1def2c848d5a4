package org.dina.eval.compare;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.dina.data.DataSource;
import org.dina.model.DinaConfig;
import org.dina.testing.JsonSchema;
import org.dina.testing.TinyConfig;
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
        DinaConfig cfg = TinyConfig.of(3, 60, 24, 4, 0.6, 2);
        CompareOptions o = CompareOptions.defaults(cfg, dir).withBaselines(CompareDeterminismTest::few)
                .withNeuronCounts(NeuronCounts.parse("8,all", 1)).withLog(CompareFixtures.quietLog(new ByteArrayOutputStream()));
        CompareRun.run(CompareFixtures.data(cfg), DataSource.simulated(), o);
        JsonSchema.assertMatches("compare", dir.resolve("compare.json"));
    }
}
