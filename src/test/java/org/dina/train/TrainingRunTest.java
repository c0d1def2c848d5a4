package org.dina.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.data.SplitProtocol;
import org.dina.eval.Evaluator;
import org.dina.kernels.Parallel;
import org.dina.model.DinaConfig;
import org.dina.model.DinaModel;
import org.dina.model.ImageTowerMode;
import org.dina.model.MapNormalisation;
import org.dina.model.NeuralAttentionMode;
import org.dina.model.TrialMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {
    private static final int DEFAULT_THREADS = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(DEFAULT_THREADS);
    }

    static DinaConfig tiny(int epochs) {
        return new DinaConfig("tiny", 5,
                new DinaConfig.Data(new DinaConfig.Simulation(60, 24, 2, 0.3, 0.6), SplitProtocol.IMAGES, TrialMode.SINGLE, 0.2, 0.2, 36, 136),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 1, List.of(32, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(16, epochs, 100, 1e-3, 5e-5, 1e-3, 0.9, 0.5, 50));
    }

    static Dataset data(DinaConfig cfg) throws java.io.IOException {
        return DataSource.simulated().load(cfg.simulationConfig());
    }

    @Test
    void sameSeedGivesIdenticalCheckpointBytesWhateverTheThreadCount(@TempDir Path dir) throws Exception {
        DinaConfig cfg = tiny(3);
        Dataset d = data(cfg);
        Parallel.setThreads(2);
        TrainingRun.run(cfg, d, DataSource.simulated(), dir.resolve("a"), false);
        Parallel.setThreads(1);
        TrainingRun.run(cfg, d, DataSource.simulated(), dir.resolve("b"), false);
        for (String f : List.of("checkpoints/best.safetensors", "checkpoints/last.safetensors")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void theLadderRecipeIsBitIdenticalWhateverTheThreadCountAndResumes(@TempDir Path dir) throws Exception {
        DinaConfig release = tiny(4);
        DinaConfig cfg = new DinaConfig("tiny-recipe", release.seed(), release.data(),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 1, List.of(3 * 256), NeuralAttentionMode.SHORTCUT, MapNormalisation.ZSCORE, 3, true, 5),
                release.loss(), release.train());
        Dataset d = data(cfg);
        Parallel.setThreads(2);
        TrainingRun.run(cfg, d, DataSource.simulated(), dir.resolve("a"), false);
        Parallel.setThreads(1);
        TrainingRun.run(cfg, d, DataSource.simulated(), dir.resolve("b"), false);

        Path split = dir.resolve("split");
        DinaModel m = new DinaModel(cfg, d.neuronCount());
        RunFolder f = RunFolder.create(split);
        f.writeConfig(cfg);
        f.writeDataSource(DataSource.simulated());
        new Trainer(m, TrainingData.prepare(cfg, d, m.image()), f).fitUntil(2);
        TrainingRun.run(cfg, d, DataSource.simulated(), split, true);
        for (String file : List.of("checkpoints/best.safetensors", "checkpoints/last.safetensors")) {
            byte[] a = Files.readAllBytes(dir.resolve("a").resolve(file));
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("b").resolve(file)), file + ": 2 threads vs 1");
            assertArrayEquals(a, Files.readAllBytes(split.resolve(file)), file + ": resumed vs straight");
        }
    }

    @Test
    void resumingFromTheLastCheckpointEqualsNotStopping(@TempDir Path dir) throws Exception {
        DinaConfig cfg = tiny(4);
        Dataset d = data(cfg);
        TrainingRun.run(cfg, d, DataSource.simulated(), dir.resolve("straight"), false);

        Path split = dir.resolve("split");
        DinaModel m1 = new DinaModel(cfg, d.neuronCount());
        TrainingData data1 = TrainingData.prepare(cfg, d, m1.image());
        RunFolder f1 = RunFolder.create(split);
        f1.writeConfig(cfg);
        f1.writeDataSource(DataSource.simulated());
        new Trainer(m1, data1, f1).fitUntil(2);
        TrainingRun.run(cfg, d, DataSource.simulated(), split, true);

        for (String f : List.of("checkpoints/best.safetensors", "checkpoints/last.safetensors")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("straight").resolve(f)), Files.readAllBytes(split.resolve(f)), f);
        }
        assertEquals(4, RunFolder.open(split).readHistory().epochs().size());
    }

    @Test
    void jointTowerTrainsTheBackboneToo(@TempDir Path dir) throws Exception {
        DinaConfig f = tiny(2);
        DinaConfig cfg = new DinaConfig("tiny-joint", f.seed(),
                new DinaConfig.Data(new DinaConfig.Simulation(30, 24, 2, 0.3, 0.6), SplitProtocol.IMAGES, TrialMode.SINGLE, 0.2, 0.2, 36, 136),
                new DinaConfig.Model(ImageTowerMode.JOINT, 8, 1, List.of(32, 256), NeuralAttentionMode.SHORTCUT), f.loss(), f.train());
        Dataset d = data(cfg);
        float[] before = new DinaModel(cfg, d.neuronCount()).image().parameters().values().toArray();
        TrainingRun.Outcome o = TrainingRun.run(cfg, d, DataSource.simulated(), dir.resolve("j"), false);
        float[] after = o.model().image().parameters().values().toArray();
        int changed = 0;
        // the first parameters belong to the patch embedding, far from the loss: they move only if gradients reach them
        for (int i = 0; i < 64; i++) if (before[i] != after[i]) changed++;
        assertTrue(changed > 32, "backbone weights moved: " + changed + " of 64");
        assertTrue(Double.isFinite(o.history().epochs().get(1).valLoss()));
    }

    /** With the SSIM and RMSE terms on, training stays deterministic and the paired maps grow more alike. */
    @Test
    void mapTermsRaiseTheSsimOfPairedMapsDeterministically(@TempDir Path dir) throws Exception {
        DinaConfig plain = tiny(6);
        DinaConfig mapped = new DinaConfig("tiny-maps", plain.seed(), plain.data(), plain.model(),
                new DinaConfig.Loss(0.1, false, 0.5, 2.0), plain.train());
        Dataset d = data(plain);
        TrainingRun.Outcome withoutTerms = TrainingRun.run(plain, d, DataSource.simulated(), dir.resolve("plain"), false);
        double ssimPlain = Evaluator.evaluate(withoutTerms.model(), withoutTerms.data()).ssimMean();
        Parallel.setThreads(2);
        TrainingRun.Outcome two = TrainingRun.run(mapped, d, DataSource.simulated(), dir.resolve("two"), false);
        Parallel.setThreads(1);
        TrainingRun.run(mapped, d, DataSource.simulated(), dir.resolve("one"), false);
        String f = "checkpoints/last.safetensors";
        assertArrayEquals(Files.readAllBytes(dir.resolve("two").resolve(f)), Files.readAllBytes(dir.resolve("one").resolve(f)), f);
        double ssimMapped = Evaluator.evaluate(two.model(), two.data()).ssimMean();
        assertTrue(ssimMapped > ssimPlain + 0.2, "test SSIM with the SSIM term " + ssimMapped + " vs without " + ssimPlain);
    }

    @Test
    void lossFallsOnTheTrainingSet(@TempDir Path dir) throws Exception {
        DinaConfig cfg = tiny(8);
        TrainingRun.Outcome o = TrainingRun.run(cfg, data(cfg), DataSource.simulated(), dir.resolve("r"), false);
        List<History.Epoch> h = o.history().epochs();
        assertTrue(h.get(h.size() - 1).trainLoss() < h.get(0).trainLoss(), "training loss should fall: " + h);
    }
}
