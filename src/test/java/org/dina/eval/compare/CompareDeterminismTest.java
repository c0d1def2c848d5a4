package org.dina.eval.compare;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.data.SplitProtocol;
import org.dina.eval.baselines.Baseline;
import org.dina.eval.baselines.ImageRepresentation;
import org.dina.eval.baselines.LinearTwoTower;
import org.dina.eval.baselines.RidgeDecoder;
import org.dina.eval.baselines.TemplateMatching;
import org.dina.kernels.Parallel;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTowerMode;
import org.dina.model.NeuralAttentionMode;
import org.dina.model.TrialMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-fold cross-validation over held-out repeats, controls on, run twice (2 threads, then 1): compare.json is
 * identical apart from timings, and the folds report mean, sd and per-fold values.
 */
class CompareDeterminismTest {
    private static final int DEFAULT_THREADS = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(DEFAULT_THREADS);
    }

    /** 60 images x 24 neurons x 4 repeats, tiny towers, 2 epochs. */
    static DinaConfig small() {
        return new DinaConfig("small", 3,
                new DinaConfig.Data(new DinaConfig.Simulation(60, 24, 4, 0.3, 0.6), SplitProtocol.REPEATS, TrialMode.SINGLE, 0.2, 0.2, 36, 136),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 1, List.of(32, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(16, 2, 100, 1e-2, 5e-5, 1e-3, 0.9, 0.5, 50));
    }

    static List<Baseline> few(long seed) {
        return List.of(new TemplateMatching(), new RidgeDecoder(ImageRepresentation.PIXELS),
                new LinearTwoTower(ImageRepresentation.TOWER_FEATURES, new LinearTwoTower.Config(16, 0.07, 1e-2, 1e-2, 64, 5, 3, seed)));
    }

    private static JsonNode run(Dataset d, Path out, int threads) throws Exception {
        Parallel.setThreads(threads);
        CompareOptions o = CompareOptions.defaults(small(), out).withFolds(2).withBaselines(CompareDeterminismTest::few)
                .withLog(CompareFixtures.quietLog(new ByteArrayOutputStream()));
        CompareRun.run(d, DataSource.simulated(), o);
        return withoutTimings(new ObjectMapper().readTree(Files.readString(out.resolve("compare.json"))));
    }

    /** Drops every "seconds" field (wall-clock time is the only thing allowed to differ). */
    static JsonNode withoutTimings(JsonNode n) {
        if (n.isObject()) {
            ((ObjectNode) n).remove("seconds");
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) withoutTimings(it.next());
        } else if (n.isArray()) {
            for (JsonNode c : n) withoutTimings(c);
        }
        return n;
    }

    @Test
    void sameSeedsGiveTheSameComparisonWhateverTheThreadCount(@TempDir Path dir) throws Exception {
        Dataset d = CompareFixtures.data(small());
        JsonNode a = run(d, dir.resolve("a"), 2);
        JsonNode b = run(d, dir.resolve("b"), 1);
        assertEquals(a.toPrettyString(), b.toPrettyString());

        assertEquals("repeats", a.get("protocol").asText());
        JsonNode dina = a.get("methods").get(0).get("single");
        JsonNode real = dina.get("real");
        assertEquals(2, real.get("per_fold").size());
        assertEquals(2, real.get("top1").get("per_fold").size());
        assertTrue(real.get("top1").get("sd").isNumber(), "two folds give a standard deviation");
        List<String> conditions = new ArrayList<>();
        dina.fieldNames().forEachRemaining(conditions::add);
        assertEquals(List.of("real", "shuffled_pairs", "shuffled_neurons", "untrained"), conditions);
        // template matching applies to held-out repeats, and its folds rank the same candidates as DINA's
        JsonNode tm = a.get("methods").get(1).get("single").get("real");
        assertEquals("template-matching", a.get("methods").get(1).get("name").asText());
        assertTrue(tm.get("applicable").asBoolean());
        for (int f = 0; f < 2; f++) {
            assertEquals(real.get("per_fold").get(f).get("candidates").asInt(), tm.get("per_fold").get(f).get("candidates").asInt());
            assertEquals(real.get("per_fold").get(f).get("queries").asInt(), tm.get("per_fold").get(f).get("queries").asInt());
        }
        assertEquals(0, a.get("notes").size(), a.get("notes").toString());
    }
}
