package org.dina.eval;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dina.model.DinaModel;
import org.dina.tensor.Tensor;
import org.dina.train.RunFolder;
import org.dina.train.TrainingData;
import org.dina.train.TrainingState;

/** Evaluates a trained model on its run's test split and writes {@code metrics.json}. */
public final class RunEvaluation {
    private RunEvaluation() {}

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
        metrics.put("image_tower", model.config().model().imageTower().key());
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
