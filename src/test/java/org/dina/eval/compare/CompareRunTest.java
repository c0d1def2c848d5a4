package org.dina.eval.compare;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.data.SplitProtocol;
import org.dina.eval.baselines.Baseline;
import org.dina.model.DinaConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One comparison on a small simulated recording (200 images x 120 neurons x 3 repeats, unseen test images), with the
 * quick baselines and a leaky impostor that reads the test labels: compare.json is complete, the controls stay at
 * chance for honest methods and expose the impostor.
 */
class CompareRunTest {
    private static final int EPOCHS = 30;
    @TempDir static Path dir;
    static CompareResult result;
    static JsonNode json;
    static String table;

    @BeforeAll
    static void compare() throws Exception {
        DinaConfig cfg = CompareFixtures.tiny(EPOCHS, SplitProtocol.IMAGES);
        Dataset d = CompareFixtures.data(cfg);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        result = CompareRun.run(d, DataSource.simulated(), CompareFixtures.options(cfg, dir, CompareFixtures.quietLog(log)));
        table = CompareTable.of(result);
        System.out.println(table);
        json = new ObjectMapper().readTree(Files.readString(dir.resolve("compare.json")));
    }

    private static List<String> expectedMethods() {
        List<String> names = new ArrayList<>();
        names.add("dina");
        for (Baseline b : CompareFixtures.withLeak(5)) names.add(b.name());
        return names;
    }

    private static JsonNode method(String name) {
        for (JsonNode m : json.get("methods")) if (m.get("name").asText().equals(name)) return m;
        throw new AssertionError("compare.json has no method " + name);
    }

    @Test
    void compareJsonHasEveryMethodModeAndControl() {
        List<String> names = new ArrayList<>();
        for (JsonNode m : json.get("methods")) names.add(m.get("name").asText());
        assertEquals(expectedMethods(), names);
        for (String name : names) {
            for (String mode : List.of("single", "averaged")) {
                JsonNode byCondition = method(name).get(mode);
                List<String> conditions = new ArrayList<>(List.of("real", "shuffled_pairs", "shuffled_neurons"));
                if (name.equals("dina")) conditions.add("untrained");
                List<String> present = new ArrayList<>();
                byCondition.fieldNames().forEachRemaining(present::add);
                assertEquals(conditions, present, name + " " + mode);
                for (String c : conditions) {
                    JsonNode s = byCondition.get(c);
                    if (s.get("applicable").asBoolean()) {
                        assertTrue(s.get("top1").get("mean").isNumber(), name + " " + mode + " " + c);
                        assertEquals(1, s.get("per_fold").size());
                        if (!c.equals("real")) assertTrue(s.has("beats_chance"), name + " " + mode + " " + c);
                    } else {
                        assertFalse(s.get("reason").asText().isBlank(), name + " " + mode + " " + c);
                    }
                }
            }
        }
        // template matching and kNN cannot name unseen images; everything else runs
        assertFalse(method("template-matching").get("single").get("real").get("applicable").asBoolean());
        assertTrue(method("ridge-decoder-features").get("single").get("real").get("applicable").asBoolean());
        assertTrue(method("dina").get("averaged").get("real").get("applicable").asBoolean(), "3 repeats: averaging applies");
    }

    @Test
    void shuffledPairsAndUntrainedStayAtChanceForEveryHonestMethod() {
        int checked = 0;
        for (Summary s : result.summaries()) {
            if (s.method().equals(CompareFixtures.Leaky.NAME) || !s.applicable()) continue;
            if (s.condition() != Condition.SHUFFLED_PAIRS && s.condition() != Condition.UNTRAINED) continue;
            ChanceTest.Verdict v = s.verdict();
            String what = s.method() + " " + s.mode().key() + " " + s.condition().key() + ": " + v;
            assertFalse(v.flagged(), what);
            assertTrue(v.wilson95()[0] <= v.chance(), what);
            assertTrue(s.top1().mean() < 4 * s.chanceTop1(), what);
            assertEquals(s.chanceMeanRank(), s.meanRank().mean(), 0.4 * s.chanceMeanRank(), what);
            checked++;
        }
        assertTrue(checked >= 14, "checked " + checked);
        for (JsonNode f : json.get("control_flags")) assertEquals(CompareFixtures.Leaky.NAME, f.get("method").asText(), f.toString());
    }

    @Test
    void aLeakyMethodIsFlaggedByBothShuffles() {
        assertTrue(json.get("any_control_flagged").asBoolean());
        List<String> flagged = new ArrayList<>();
        for (JsonNode f : json.get("control_flags")) {
            assertTrue(f.get("flagged").asBoolean());
            assertTrue(f.get("p_value").asDouble() < f.get("threshold").asDouble());
            flagged.add(f.get("control").asText() + "/" + f.get("mode").asText());
        }
        assertEquals(List.of("shuffled_pairs/single", "shuffled_neurons/single", "shuffled_pairs/averaged", "shuffled_neurons/averaged"), flagged);
        JsonNode v = method(CompareFixtures.Leaky.NAME).get("single").get("shuffled_pairs").get("beats_chance");
        assertTrue(v.get("flagged").asBoolean());
        assertTrue(v.get("wilson_low_above_chance").asBoolean());
        assertTrue(table.contains("WARNING: control shuffled-pairs beats chance for " + CompareFixtures.Leaky.NAME), table);
        assertTrue(table.contains("WARNING: control shuffled-neurons beats chance for " + CompareFixtures.Leaky.NAME), table);
    }

    @Test
    void dinaLearnsAndEveryMethodIsScoredOnTheSameQueriesAndCandidates() {
        Summary dina = result.summary("dina", Mode.SINGLE, Condition.REAL).orElseThrow();
        assertTrue(dina.meanRank().mean() < dina.chanceMeanRank(), "DINA should rank better than chance: " + dina.meanRank());
        for (Summary s : result.summaries()) {
            if (!s.applicable()) continue;
            Summary ref = result.summary("dina", s.mode(), Condition.REAL).orElseThrow();
            assertEquals(ref.runs().get(0).result().queries(), s.runs().get(0).result().queries(), s.method() + " " + s.mode());
            assertEquals(ref.runs().get(0).result().candidates(), s.runs().get(0).result().candidates(), s.method() + " " + s.mode());
        }
        assertTrue(result.notes().isEmpty(), result.notes().toString());
    }

    @Test
    void bestBaselineIsTheHighestRealTop1() {
        assertEquals(CompareFixtures.Leaky.NAME, CompareRun.bestBaseline(result, Mode.SINGLE).orElseThrow().method());
        assertEquals(CompareFixtures.Leaky.NAME, json.get("best_baseline").get("single").get("name").asText());
    }

    @Test
    void everyDinaTrainingHasItsOwnRunFolderLabelledAsPartOfTheComparison() throws Exception {
        for (Condition c : List.of(Condition.REAL, Condition.SHUFFLED_PAIRS, Condition.SHUFFLED_NEURONS)) {
            Path part = dir.resolve("seed-5/fold-1").resolve(c.key());
            assertTrue(Files.isRegularFile(part.resolve("checkpoints/best.safetensors")), part.toString());
            assertTrue(Files.readString(part.resolve("compare-part.json")).contains(c.key()));
        }
    }
}
