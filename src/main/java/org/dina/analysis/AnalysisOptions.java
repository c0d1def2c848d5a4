package org.dina.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much work the analyses do: manipulation strengths, occlusion grids, neuron fractions, graph sample size and
 * the bounds that keep a run of {@code dina analyze} within minutes on a small CPU.
 *
 * @param strengths         strengths per manipulation (patch sizes are fractions of the image height)
 * @param maxCandidates     at most this many candidate images are re-embedded; more are subsampled (seeded)
 * @param occlusionRows     rows of the occlusion grid over the image and over the 16 x 64 map
 * @param occlusionCols     columns of that grid
 * @param fractions         shares of neurons kept or removed in the keep/remove curves
 * @param randomDraws       random neuron orders per random curve and random knockout sets (their spread is the null of the claim tests)
 * @param maxNeuronTrials   at most this many trials go into attribution and the keep/remove curves
 * @param graphSamples      test trials whose attention matrices are averaged into the interaction graph
 * @param maxGraphNeurons   above this many neurons the graph keeps only the {@code graphSubset} top-attributed ones
 * @param graphSubset       neurons kept in the graph when N is larger than {@code maxGraphNeurons}
 * @param edgeQuantile      edges are the off-diagonal weights above this quantile (0.99 = the top 1%)
 * @param hubFractions      shares of neurons knocked out as hubs (and as random controls)
 * @param permutations      label permutations of the semantic test
 * @param nullDraws         permutations or sign flips of the cheap claim nulls (no re-embedding)
 * @param responseShuffles  shuffled-response attributions of the sparsity null (one gradient pass each)
 * @param seed              seed of every random choice
 * @param retrainShares     shares of neurons the model is retrained on (top by validation attribution, and random);
 *                          empty (the default) skips the retraining ({@code --retrain-subsets})
 * @param retrainDraws      random subsets retrained per share
 */
public record AnalysisOptions(Map<Manipulation, double[]> strengths, int maxCandidates, int occlusionRows,
                              int occlusionCols, double[] fractions, int randomDraws, int maxNeuronTrials,
                              int graphSamples, int maxGraphNeurons, int graphSubset, double edgeQuantile,
                              double[] hubFractions, int permutations, int nullDraws,
                              int responseShuffles, long seed, double[] retrainShares, int retrainDraws) {

    public AnalysisOptions {
        if (maxCandidates < 2) throw new IllegalArgumentException("AnalysisOptions: maxCandidates must be >= 2, got " + maxCandidates);
        if (occlusionRows < 1 || occlusionCols < 1 || occlusionRows > 16 || occlusionCols > 64) {
            throw new IllegalArgumentException("AnalysisOptions: occlusion grid must be within 1..16 x 1..64, got " + occlusionRows + "x" + occlusionCols);
        }
        // with k null draws the smallest p-value is 1 / (k + 1): below 19 a test could never reach p < 0.05
        if (nullDraws < 19 || responseShuffles < 19 || randomDraws < 19) {
            throw new IllegalArgumentException("AnalysisOptions: nullDraws, responseShuffles and randomDraws must be >= 19 "
                    + "(p < 0.05 must be reachable), got " + nullDraws + ", " + responseShuffles + ", " + randomDraws);
        }
        if (randomDraws < 1 || graphSamples < 1 || maxNeuronTrials < 2) {
            throw new IllegalArgumentException("AnalysisOptions: randomDraws, graphSamples must be >= 1 and maxNeuronTrials >= 2");
        }
        if (maxGraphNeurons > 8000) {
            throw new IllegalArgumentException("AnalysisOptions: maxGraphNeurons must be <= 8000 (the graph is a dense matrix), got " + maxGraphNeurons);
        }
        if (graphSubset < 2 || graphSubset > maxGraphNeurons) {
            throw new IllegalArgumentException("AnalysisOptions: need 2 <= graphSubset <= maxGraphNeurons, got " + graphSubset + ", " + maxGraphNeurons);
        }
        if (!(edgeQuantile > 0 && edgeQuantile < 1)) throw new IllegalArgumentException("AnalysisOptions: edgeQuantile must be in (0, 1)");
        for (double f : fractions) if (!(f > 0 && f <= 1)) throw new IllegalArgumentException("AnalysisOptions: fractions must be in (0, 1], got " + f);
        for (double f : hubFractions) if (!(f > 0 && f < 1)) throw new IllegalArgumentException("AnalysisOptions: hubFractions must be in (0, 1), got " + f);
        for (double f : retrainShares) {
            if (!(f > 0 && f < 1)) throw new IllegalArgumentException("--retrain-subsets: shares of neurons must be in (0, 1), got " + f);
        }
        if (retrainDraws < 1) throw new IllegalArgumentException("--retrain-draws must be >= 1, got " + retrainDraws);
        retrainShares = retrainShares.clone();
        strengths = new LinkedHashMap<>(strengths);
    }

    /**
     * Shares of neurons retrained on by {@code --retrain-subsets} without a list: shares every keep curve also has
     * (the full and the quick ones), so retrained and reliance top-1 sit side by side at each.
     */
    public static final double[] DEFAULT_RETRAIN_SHARES = {0.05, 0.1, 0.5};

    /** Random subsets retrained per share unless {@code --retrain-draws} says otherwise. */
    public static final int DEFAULT_RETRAIN_DRAWS = 3;

    /** Trials attributed and scored by the quick neuron and interaction analyses. */
    static final int QUICK_NEURON_TRIALS = 128;

    /**
     * Defaults sized for the default config (160 test images, 500 neurons) to finish in a few minutes on 2 cores. Every
     * manipulation sweeps at least 6 strengths, octave steps for the filters and patches, so a curve has a shape.
     */
    public static AnalysisOptions defaults() {
        Map<Manipulation, double[]> s = new LinkedHashMap<>();
        s.put(Manipulation.LOW_PASS, new double[] {64, 32, 16, 8, 4, 2, 1});
        s.put(Manipulation.HIGH_PASS, new double[] {0.5, 1, 2, 4, 8, 16, 32, 64});
        s.put(Manipulation.PHASE_SCRAMBLE, new double[] {0.1, 0.2, 0.4, 0.6, 0.8, 1.0});
        s.put(Manipulation.PATCH_SHUFFLE, new double[] {1.0, 0.5, 0.25, 0.125, 0.0625, 0.03125});
        s.put(Manipulation.CONTRAST, new double[] {0.75, 0.5, 0.25, 0.125, 0.0625, 0.03125});
        return new AnalysisOptions(s, 200, 3, 8, new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.5}, 20, 512, 32, 3000, 2000,
                0.99, new double[] {0.01, 0.05, 0.1}, 1000, 1000, 20, 20260505L, new double[0], DEFAULT_RETRAIN_DRAWS);
    }

    /**
     * The same options with fewer manipulation strengths, occlusion cells, neuron shares and trials, for the demo and
     * tests. The claim nulls keep their 20 draws (p below 0.05 must stay reachable); their cost is cut by attributing and
     * scoring at most {@link #QUICK_NEURON_TRIALS} trials, which took the demo's neuron stage from 176 s to a third.
     */
    public AnalysisOptions quick() {
        Map<Manipulation, double[]> s = new LinkedHashMap<>();
        s.put(Manipulation.LOW_PASS, new double[] {16, 4, 1});
        s.put(Manipulation.HIGH_PASS, new double[] {1, 4, 16});
        s.put(Manipulation.PHASE_SCRAMBLE, new double[] {0.5, 1.0});
        s.put(Manipulation.PATCH_SHUFFLE, new double[] {0.5, 0.25});
        s.put(Manipulation.CONTRAST, new double[] {0.5, 0.125});
        return new AnalysisOptions(s, maxCandidates, 2, 4, new double[] {0.05, 0.1, 0.5}, 20, Math.min(maxNeuronTrials, QUICK_NEURON_TRIALS), 8,
                maxGraphNeurons, graphSubset, edgeQuantile, new double[] {0.05, 0.2}, 200, 500, 20, seed, retrainShares, retrainDraws);
    }

    public AnalysisOptions withStrengths(Manipulation m, double... values) {
        Map<Manipulation, double[]> s = new LinkedHashMap<>(strengths);
        s.put(m, values.clone());
        return new AnalysisOptions(s, maxCandidates, occlusionRows, occlusionCols, fractions, randomDraws, maxNeuronTrials,
                graphSamples, maxGraphNeurons, graphSubset, edgeQuantile, hubFractions, permutations, nullDraws, responseShuffles, seed, retrainShares, retrainDraws);
    }

    public AnalysisOptions withGraphLimit(int maxNeurons, int subset) {
        return new AnalysisOptions(strengths, maxCandidates, occlusionRows, occlusionCols, fractions, randomDraws, maxNeuronTrials,
                graphSamples, maxNeurons, subset, edgeQuantile, hubFractions, permutations, nullDraws, responseShuffles, seed, retrainShares, retrainDraws);
    }

    public AnalysisOptions withSeed(long newSeed) {
        return new AnalysisOptions(strengths, maxCandidates, occlusionRows, occlusionCols, fractions, randomDraws, maxNeuronTrials,
                graphSamples, maxGraphNeurons, graphSubset, edgeQuantile, hubFractions, permutations, nullDraws, responseShuffles, newSeed, retrainShares, retrainDraws);
    }

    public AnalysisOptions withMaxCandidates(int max) {
        return new AnalysisOptions(strengths, max, occlusionRows, occlusionCols, fractions, randomDraws, maxNeuronTrials,
                graphSamples, maxGraphNeurons, graphSubset, edgeQuantile, hubFractions, permutations, nullDraws, responseShuffles, seed, retrainShares, retrainDraws);
    }

    /**
     * The same options with the retraining on subsets of neurons: for each share, the model retrained on the top share
     * by validation attribution and on {@code draws} random subsets of that size (each a full training).
     */
    public AnalysisOptions withRetraining(double[] shares, int draws) {
        return new AnalysisOptions(strengths, maxCandidates, occlusionRows, occlusionCols, fractions, randomDraws, maxNeuronTrials,
                graphSamples, maxGraphNeurons, graphSubset, edgeQuantile, hubFractions, permutations, nullDraws, responseShuffles, seed,
                shares, draws);
    }

    /** The manipulations that have strengths, in order. */
    public List<Manipulation> manipulations() {
        return strengths.entrySet().stream().filter(e -> e.getValue().length > 0).map(Map.Entry::getKey).toList();
    }

    /** The number of image re-embeddings per candidate these options cost (for progress bars). */
    public int embeddingsPerCandidate() {
        int n = 0;
        for (double[] v : strengths.values()) n += v.length;
        return n + occlusionRows * occlusionCols;
    }
}
