package org.dina.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.dina.model.ConfigFiles;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTowerMode;
import org.junit.jupiter.api.Test;

/** The training-step harness on a tiny model: sane positive numbers and parseable JSON; no timing assertions. */
class TrainStepBenchmarkTest {
    private static final int NEURONS = 12, BATCH = 4, DIM = 8;

    /** The default config shrunk to a few neurons, d 8, batch 4, a short MLP. */
    static TrainBenchCase tinyCase() {
        DinaConfig c = ConfigFiles.builtIn("default");
        DinaConfig.Model m = c.model();
        DinaConfig.Train t = c.train();
        DinaConfig tiny = new DinaConfig("tiny", c.seed(), c.data(),
                new DinaConfig.Model(m.imageTower(), DIM, 2, List.of(16, 256), m.neuralAttention()), c.loss(),
                new DinaConfig.Train(BATCH, 1, t.earlyStopPatience(), t.imageLr(), t.imageWeightDecay(), t.neuralLr(),
                        t.neuralAlpha(), t.plateauFactor(), t.plateauPatience()));
        return new TrainBenchCase("tiny", tiny, NEURONS, 1, 0, 3);
    }

    @Test
    void tinyCaseGivesSanePositiveNumbers() throws Exception {
        TrainBenchResult r = TrainStepBenchmark.measure(tinyCase(), null);
        assertEquals("tiny", r.caseName());
        assertEquals(NEURONS, r.neurons());
        assertEquals(DIM, r.dim());
        assertEquals(BATCH, r.batch());
        assertEquals(3, r.steps());
        assertTrue(r.warmupSteps() >= 1, "warm-up steps " + r.warmupSteps());
        assertTrue(r.secondsPerStep() > 0 && Double.isFinite(r.secondsPerStep()), "s/step " + r.secondsPerStep());
        assertTrue(r.fastestSeconds() <= r.secondsPerStep() && r.secondsPerStep() <= r.slowestSeconds());
        assertEquals(BATCH / r.secondsPerStep(), r.samplesPerSecond(), 1e-9);
        assertTrue(Double.isFinite(r.lastLoss()) && r.lastLoss() > 0, "loss " + r.lastLoss());
        for (String phase : List.of("zero_grad", "image_tower", "attention_tables", "attention_forward",
                "attention_backward", "attention_table_gradients", "neural_mlp", "mlp_heads_and_rest", "loss", "optimizers")) {
            Double v = r.phases().get(phase);
            assertTrue(v != null && v >= 0 && Double.isFinite(v), phase + " = " + v);
        }
        assertTrue(r.peakHeapBytes() > 0 && r.liveHeapBytes() > 0);
        assertTrue(r.peakDirectBytes() > 0, "the model's tensors live off-heap");
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertTrue(r.peakRssBytes() > r.liveHeapBytes(), "peak RSS " + r.peakRssBytes());
        }

        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertEquals("tiny", json.get("case").asText());
        assertEquals(NEURONS, json.get("neurons").asInt());
        assertEquals(DIM, json.get("dim").asInt());
        assertEquals(BATCH, json.get("batch").asInt());
        assertTrue(json.get("seconds_per_step").asDouble() > 0);
        assertTrue(json.get("samples_per_second").asDouble() > 0);
        assertTrue(json.get("peak_rss_mb").isNumber() && json.get("phase_seconds").isObject());
        assertEquals(1, r.toJson().lines().count(), "one JSON object per line");
        assertTrue(r.toText().startsWith("tiny: 12 neurons, d 8"), r.toText());
    }

    @Test
    void namedCasesHaveTheAdvertisedShapes() {
        int defaultDim = ConfigFiles.builtIn("default").model().neuralDim();
        Map<String, int[]> expected = Map.of("default", new int[] {500, defaultDim}, "default-maps", new int[] {500, defaultDim},
                "paper-1k", new int[] {1_000, 512},
                "paper-10k", new int[] {10_000, 512}, "joint", new int[] {500, 16});
        for (String name : TrainBenchCase.NAMES) {
            TrainBenchCase c = TrainBenchCase.named(name);
            assertEquals(expected.get(name)[0], c.neurons(), name);
            assertEquals(expected.get(name)[1], c.dim(), name);
            assertEquals(128, c.batch(), name);
            assertEquals(name.equals("joint") ? ImageTowerMode.JOINT : ImageTowerMode.FROZEN, c.config().model().imageTower(), name);
        }
        assertTrue(TrainBenchCase.named("default-maps").config().loss().ssimWeight() > 0, "default-maps turns the map terms on");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainBenchCase.named("paper-2k"));
        assertTrue(e.getMessage().contains("paper-2k") && e.getMessage().contains("paper-10k"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tinyCase().withSteps(0, 0));
    }

    @Test
    void directMemorySizesParse() {
        assertEquals(12L << 30, MemoryProbe.parseSize("12g"));
        assertEquals(512L << 20, MemoryProbe.parseSize("512M"));
        assertEquals(4096, MemoryProbe.parseSize("4096"));
    }
}
