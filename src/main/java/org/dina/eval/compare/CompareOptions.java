package org.dina.eval.compare;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongFunction;
import org.dina.eval.baselines.Baseline;
import org.dina.eval.baselines.Baselines;
import org.dina.model.DinaConfig;

/**
 * How to compare.
 *
 * @param config      the DINA config (its split protocol, fractions, epochs and seed are used as given)
 * @param folds       1 = the config's own split; K >= 2 = K-fold cross-validation ({@link CrossValidationFolds})
 * @param seeds       repetitions with seeds config.seed, config.seed + 1, ...
 * @param controls    also run the shuffled-pairs, shuffled-neurons and untrained controls
 * @param baselines   the baselines to run for a seed (default {@link Baselines#standard})
 * @param maxFeatures budget of pooled image-tower features per image for the feature baselines
 * @param out         folder for compare.json and the DINA run folders
 * @param log         where progress, estimates and warnings go
 * @param neuronCounts the neuron-subset sizes to score (top-1 against the number of neurons), or null for none
 */
public record CompareOptions(DinaConfig config, int folds, int seeds, boolean controls, LongFunction<List<Baseline>> baselines,
                             int maxFeatures, Path out, PrintStream log, NeuronCounts neuronCounts) {
    public CompareOptions {
        if (config == null || out == null || baselines == null || log == null) {
            throw new IllegalArgumentException("CompareOptions: config, baselines, out and log are required");
        }
        if (folds < 1) throw new IllegalArgumentException("--folds must be >= 1, got " + folds);
        if (seeds < 1) throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        if (maxFeatures < 1) throw new IllegalArgumentException("the feature budget must be >= 1, got " + maxFeatures);
    }

    /** One fold (the config's split), one seed, controls on, the standard baselines, progress on stderr. */
    public static CompareOptions defaults(DinaConfig config, Path out) {
        return new CompareOptions(config, 1, 1, true, Baselines::standard, FeaturePooling.DEFAULT_MAX_FEATURES, out, System.err, null);
    }

    public CompareOptions withFolds(int k) { return new CompareOptions(config, k, seeds, controls, baselines, maxFeatures, out, log, neuronCounts); }
    public CompareOptions withSeeds(int s) { return new CompareOptions(config, folds, s, controls, baselines, maxFeatures, out, log, neuronCounts); }
    public CompareOptions withControls(boolean c) { return new CompareOptions(config, folds, seeds, c, baselines, maxFeatures, out, log, neuronCounts); }
    public CompareOptions withBaselines(LongFunction<List<Baseline>> b) { return new CompareOptions(config, folds, seeds, controls, b, maxFeatures, out, log, neuronCounts); }
    public CompareOptions withNeuronCounts(NeuronCounts n) { return new CompareOptions(config, folds, seeds, controls, baselines, maxFeatures, out, log, n); }
    public CompareOptions withLog(PrintStream l) { return new CompareOptions(config, folds, seeds, controls, baselines, maxFeatures, out, l, neuronCounts); }
}
