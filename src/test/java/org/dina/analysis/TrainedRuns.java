package org.dina.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.data.SimulatedV1;
import org.dina.data.SimulationConfig;
import org.dina.data.SimulationTruth;
import org.dina.data.SplitProtocol;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTowerMode;
import org.dina.model.NeuralAttentionMode;
import org.dina.model.TrialMode;
import org.dina.train.TrainingRun;

/**
 * Small models trained on simulated recordings for the ground-truth tests, trained once per JVM and shared by
 * the test classes (training one takes ~10-25 s on 2 cores). Settings that make a tiny frozen-tower model learn:
 * temperature 0.1, neural lr 1e-3, image-head lr 1e-2, 200 neurons, 600 images of 36 x 136.
 */
final class TrainedRuns {
    /** A trained run with the truth of the data it was trained on. */
    record Trained(TrainingRun.Outcome outcome, SimulationTruth truth, Path dir) {}

    /** The left-band model needs 120 epochs for a clear attribution AUC; the spatial-frequency pair separates at 60. */
    private static final int LEFT_EPOCHS = 120, SF_EPOCHS = 60;
    private static final Map<String, Trained> CACHE = new HashMap<>();

    private TrainedRuns() {}

    static DinaConfig config(int images, int neurons, int epochs) {
        return new DinaConfig("analysis-test", 5,
                new DinaConfig.Data(new DinaConfig.Simulation(images, neurons, 2, 0.3, 0.2), SplitProtocol.IMAGES, TrialMode.SINGLE, 0.2, 0.2, 36, 136),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 16, 1, List.of(64, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(64, epochs, 100, 1e-2, 5e-5, 1e-3, 0.9, 0.5, 50));
    }

    /** Receptive fields in the left half of the image, low spatial frequencies. */
    static synchronized Trained leftBand() {
        return CACHE.computeIfAbsent("left", k -> {
            DinaConfig cfg = config(600, 200, LEFT_EPOCHS);
            PlantedPopulation p = PlantedPopulation.build(cfg.simulationConfig(), 0.05, 0.5);
            return train(cfg, p.dataset(), p.truth(), k);
        });
    }

    /** A small run trained for a few epochs: enough for every figure of the report, not for claims. */
    static synchronized Trained small() {
        return CACHE.computeIfAbsent("small", k -> {
            DinaConfig cfg = config(150, 40, 5);
            SimulatedV1.Result sim = SimulatedV1.generate(cfg.simulationConfig());
            return train(cfg, sim.dataset(), sim.truth(), k);
        });
    }

    /** SimulatedV1 with its default (low) or high preferred spatial frequencies. */
    static synchronized Trained spatialFrequency(boolean high) {
        return CACHE.computeIfAbsent(high ? "high-sf" : "low-sf", k -> {
            DinaConfig cfg = config(600, 200, SF_EPOCHS);
            SimulationConfig sc = high ? cfg.simulationConfig().preferHighSpatialFrequency() : cfg.simulationConfig();
            SimulatedV1.Result sim = SimulatedV1.generate(sc);
            return train(cfg, sim.dataset(), sim.truth(), k);
        });
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temporary folder left behind is harmless
        }
    }

    private static Trained train(DinaConfig cfg, Dataset d, SimulationTruth truth, String name) {
        try {
            Path dir = Files.createTempDirectory("dina-analysis-" + name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return new Trained(TrainingRun.run(cfg, d, DataSource.simulated(), dir, false), truth, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
