package org.dina.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dina.data.DataSource;
import org.dina.data.SimulatedV1;
import org.dina.data.SplitProtocol;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTowerMode;
import org.dina.model.NeuralAttentionMode;
import org.dina.model.TrialMode;
import org.dina.testing.TinyConfig;
import org.dina.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dina analyze --run} end to end on a tiny simulated run: files written, ground truth regenerated, errors. */
class AnalyzeCommandTest {
    @Test
    void analyzesARunFolderAndWritesJsonAndReport(@TempDir Path dir) throws Exception {
        DinaConfig cfg = new DinaConfig("tiny", 5,
                new DinaConfig.Data(new DinaConfig.Simulation(60, 24, 2, 0.3, 0.3), SplitProtocol.IMAGES, TrialMode.SINGLE, 0.2, 0.2, 36, 136),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 1, List.of(32, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(16, 2, 100, 1e-2, 5e-5, 1e-3, 0.9, 0.5, 50));
        Path run = dir.resolve("runs/tiny");
        TrainingRun.run(cfg, SimulatedV1.generate(cfg.simulationConfig()).dataset(), DataSource.simulated(), run, false);

        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("analyze", "--run", run.toString()), err.toString());
        JsonNode json = new ObjectMapper().readTree(run.resolve("analysis.json").toFile());
        for (String key : List.of("manipulations", "semantic", "spatial", "neurons", "interactions")) assertTrue(json.has(key), key);
        assertTrue(json.has("ground_truth"), "a simulated run is checked against its regenerated truth");
        assertEquals(24, json.path("neurons").path("per_neuron").path("attribution").size());
        assertTrue(Files.isRegularFile(run.resolve("report/index.html")));
        assertTrue(Files.isRegularFile(run.resolve("report/manip_low_pass.png")));
        // every manipulation is a curve of at least 6 strengths, with DINA and its pixel controls side by side
        JsonNode curves = json.path("manipulations").path("curves");
        assertEquals(5, curves.size());
        for (JsonNode c : curves) {
            assertTrue(c.path("strengths").size() >= 6, c.toString());
            for (String method : List.of("DINA", "ridge-encoder-pixels", "linear-two-tower-pixels")) {
                JsonNode m = c.path("by_method").path(method);
                assertEquals(c.path("strengths").size(), m.path("top1").size(), method);
                assertEquals(c.path("strengths").size(), m.path("top1_ci_low").size(), method);
            }
        }
        String html = Files.readString(run.resolve("report/index.html"));
        assertTrue(html.contains("DINA beside its controls"), "the report shows each manipulation with its control");
        assertTrue(Files.isRegularFile(run.resolve("report/manip_high_pass_rank.png")));
    }

    /**
     * {@code --seeds 2}: the config trained again with the next seed into the run's seeds/ folder (a normal run folder),
     * both analysed, the claims combined into analysis.json's seeds section and the report; a second call reuses the
     * finished training and combines the same numbers.
     */
    @Test
    void seedsRepeatTheAnalysisOverTrainedRuns(@TempDir Path dir) throws Exception {
        DinaConfig cfg = TinyConfig.of(5, 60, 24, 2, 0.3, 2);
        Path run = dir.resolve("runs/tiny");
        TrainingRun.run(cfg, SimulatedV1.generate(cfg.simulationConfig()).dataset(), DataSource.simulated(), run, false);
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("analyze", "--run", run.toString(), "--quick", "--seeds", "2"), err.toString());
        Path seed = run.resolve("seeds/seed-6");
        for (String f : List.of("metrics.json", "history.json", "config.json", "data.json", "checkpoints/best.safetensors", "analysis.json")) {
            assertTrue(Files.isRegularFile(seed.resolve(f)), f);
        }
        JsonNode seeds = new ObjectMapper().readTree(run.resolve("analysis.json").toFile()).path("seeds");
        assertEquals(2, seeds.path("seeds").asInt());
        assertEquals(List.of(5L, 6L), List.of(seeds.path("runs").get(0).path("seed").asLong(), seeds.path("runs").get(1).path("seed").asLong()));
        assertEquals("seeds/seed-6", seeds.path("runs").get(1).path("run").asText());
        assertEquals(3, seeds.path("claims").size());
        JsonNode coarse = seeds.path("claims").get(0).path("tests").get(0);
        assertEquals("coarse_over_fine", coarse.path("test").asText());
        assertEquals(2, coarse.path("effects").size());
        double own = new ObjectMapper().readTree(run.resolve("analysis.json").toFile()).path("claims").get(0).path("tests").get(0).path("effect").asDouble();
        assertEquals(own, coarse.path("effects").get(0).asDouble(), 0.0, "the first seed is the analysed run");
        assertTrue(Files.readString(run.resolve("report/index.html")).contains("over 2 seeds"));

        long trained = Files.getLastModifiedTime(seed.resolve("checkpoints/best.safetensors")).toMillis();
        assertEquals(0, cl.execute("analyze", "--run", run.toString(), "--quick", "--seeds", "2"), err.toString());
        assertEquals(trained, Files.getLastModifiedTime(seed.resolve("checkpoints/best.safetensors")).toMillis(), "a finished seed is not trained again");
        JsonNode again = new ObjectMapper().readTree(run.resolve("analysis.json").toFile()).path("seeds");
        assertEquals(seeds.path("claims"), again.path("claims"), "the same runs and options give the same combination");
    }

    /**
     * {@code --beside}: a joint-mode run on the same split is scored on the same manipulated candidates, as its own series
     * in analysis.json and the report; a run on another split is refused with a one-line error before anything is written.
     */
    @Test
    void besideScoresAJointRunOnTheSameCandidates(@TempDir Path dir) throws Exception {
        DinaConfig frozen = TinyConfig.of(5, 60, 24, 2, 0.3, 2);
        DinaConfig joint = new DinaConfig(frozen.name(), frozen.seed(), frozen.data(),
                new DinaConfig.Model(ImageTowerMode.JOINT, 8, 1, List.of(32, 256), NeuralAttentionMode.SHORTCUT), frozen.loss(), frozen.train());
        Path run = dir.resolve("runs/frozen"), jointRun = dir.resolve("runs/joint"), otherSplit = dir.resolve("runs/other");
        TrainingRun.run(frozen, SimulatedV1.generate(frozen.simulationConfig()).dataset(), DataSource.simulated(), run, false);
        TrainingRun.run(joint, SimulatedV1.generate(joint.simulationConfig()).dataset(), DataSource.simulated(), jointRun, false);
        DinaConfig other = frozen.withSeed(9);
        TrainingRun.run(other, SimulatedV1.generate(other.simulationConfig()).dataset(), DataSource.simulated(), otherSplit, false);

        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(Main.BAD_INPUT, cl.execute("analyze", "--run", run.toString(), "--quick", "--beside", otherSplit.toString()));
        assertTrue(err.toString().strip().startsWith("dina: --beside " + otherSplit + ": cannot be scored beside the analysed run"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertFalse(Files.exists(run.resolve("analysis.json")), "nothing is written");

        assertEquals(0, cl.execute("analyze", "--run", run.toString(), "--quick", "--beside", jointRun.toString()), err.toString());
        JsonNode manip = new ObjectMapper().readTree(run.resolve("analysis.json").toFile()).path("manipulations");
        assertEquals("DINA joint", manip.path("dina_runs_beside").get(0).path("name").asText());
        assertEquals("joint", manip.path("dina_runs_beside").get(0).path("image_tower").asText());
        for (JsonNode c : manip.path("curves")) {
            assertEquals(c.path("strengths").size(), c.path("by_method").path("DINA joint").path("top1").size(), c.toString());
        }
        JsonNode coarse = new ObjectMapper().readTree(run.resolve("analysis.json").toFile()).path("coarse_vs_fine");
        assertTrue(coarse.path("dina_runs_beside").has("DINA joint"), coarse.toString());
        assertTrue(Files.readString(run.resolve("report/index.html")).contains("DINA joint: the model of " + jointRun), "the report says what the series is");
    }

    @Test
    void badInputIsAOneLineErrorWithExitCode2(@TempDir Path dir) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(Main.BAD_INPUT, cl.execute("analyze", "--run", dir.resolve("nothing").toString()));
        assertTrue(err.toString().contains("no such run folder"), err.toString());
        assertEquals(Main.BAD_INPUT, cl.execute("analyze", "--run", dir.toString(), "--checkpoint", "middle"));
        assertEquals(Main.BAD_INPUT, cl.execute("analyze", "--run", dir.resolve("nothing").toString(), "--beside", dir.resolve("absent").toString()));
        assertTrue(err.toString().contains("dina: --beside " + dir.resolve("absent") + ": no such run folder"), err.toString());
    }
}
