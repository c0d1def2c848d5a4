package org.dina.eval;

import java.io.IOException;
import org.dina.model.DinaModel;
import org.dina.tensor.Tensor;
import org.dina.train.ResultJson;
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
    public static MetricsJson evaluateAndWrite(DinaModel model, TrainingData data, RunFolder folder, TrainingState state)
            throws IOException {
        Evaluator.Result result = Evaluator.evaluate(model, data);
        MetricsJson metrics = MetricsJson.of(folder.root().getFileName().toString(), data.dataset().name(),
                model.config().model().imageTower().key(), result, ceiling(data, result, model.config().seed()).orElse(null), state);
        ResultJson.write(folder.metricsFile(), metrics);
        return metrics;
    }
}
