package org.dina.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.model.ConfigFiles;
import org.dina.model.DinaConfig;
import org.dina.model.DinaModel;
import org.dina.tensor.Tensor;
import org.dina.train.Checkpoint;
import org.dina.train.DataProvenance;
import org.dina.train.RunFolder;
import org.dina.train.TrainingData;
import org.dina.train.TrainingState;

/** Evaluates a trained model on its run's test split and writes {@code metrics.json}. */
public final class RunEvaluation {
    private RunEvaluation() {}

    /** A model restored from a run folder, with the data it was trained on. */
    public record Restored(DinaModel model, TrainingData data, RunFolder folder, TrainingState state) {}

    /** Reloads the data and the chosen checkpoint ({@code best} or {@code last}) of a run folder. */
    public static Restored restore(Path runDir, String which) throws IOException {
        return restore(runDir, which, false);
    }

    /** Like {@link #restore(Path, String)}; data that changed since training is refused unless {@code allowChangedData}. */
    public static Restored restore(Path runDir, String which, boolean allowChangedData) throws IOException {
        RunFolder folder = RunFolder.open(runDir);
        Path file = which.equals("last") ? folder.lastCheckpoint() : folder.bestCheckpoint();
        Checkpoint.Loaded ckpt = Checkpoint.load(file);
        DinaConfig cfg = ckpt.config();
        DataSource source = folder.readDataSource();
        if (!source.isSimulated() && source.path() != null && !org.dina.data.formats.DataPaths.exist(Path.of(source.path()))) {
            throw new IOException(folder.dataFile() + ": the data it names, " + source.path() + ", is not there any more (moved or "
                    + "deleted); put it back or correct the path in data.json");
        }
        Dataset dataset = source.load(cfg.simulationConfig());
        DataProvenance.check(folder, dataset, allowChangedData);
        if (dataset.neuronCount() != ckpt.neurons()) {
            throw new IllegalArgumentException(file + ": trained on " + ckpt.neurons() + " neurons but the data has " + dataset.neuronCount());
        }
        DinaModel model = new DinaModel(cfg, dataset.neuronCount());
        ckpt.restoreModel(model);
        TrainingData data = TrainingData.prepare(cfg, dataset, model.image(), ckpt.normalizer());
        double seconds = folder.readHistory().epochs().stream().mapToDouble(e -> e.seconds()).max().orElse(0);
        return new Restored(model, data, folder, ckpt.state(seconds));
    }

    /** Repeat-vs-repeat identification of the evaluation's test trials among its candidates, when images repeat. */
    public static java.util.Optional<NoiseCeiling.Result> ceiling(TrainingData data, Evaluator.Result result, long seed) {
        Tensor responses = data.normalizer().apply(data.dataset().responses());
        return NoiseCeiling.of(data.dataset(), responses, result.testTrials(), result.candidateImages(), seed);
    }

    /** Evaluates and writes metrics.json; returns what was written. */
    public static Map<String, Object> evaluateAndWrite(DinaModel model, TrainingData data, RunFolder folder, TrainingState state)
            throws IOException {
        Evaluator.Result result = Evaluator.evaluate(model, data);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("run", folder.root().getFileName().toString());
        metrics.put("dataset", data.dataset().name());
        metrics.put("image_tower", model.config().model().imageTower());
        metrics.putAll(MetricsJson.of(result));
        ceiling(data, result, model.config().seed())
                .ifPresent(c -> metrics.put("noise_ceiling", MetricsJson.ceiling(c, result.neuralToImage().top1())));
        metrics.put("train_seconds", state.trainSeconds());
        metrics.put("epochs", state.epochsDone());
        metrics.put("best_epoch", state.bestEpoch() + 1);
        metrics.put("best_val_loss", state.bestValLoss());
        folder.writeJson(folder.metricsFile(), metrics);
        return metrics;
    }
}
