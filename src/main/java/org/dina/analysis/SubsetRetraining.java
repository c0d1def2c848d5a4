package org.dina.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import org.dina.api.Dina;
import org.dina.data.Dataset;
import org.dina.eval.compare.NeuronCurve;
import org.dina.model.DinaConfig;
import org.dina.progress.Progress;
import org.dina.train.TrainingListener;

/**
 * Claim 4's information-content variant ({@code analyze --retrain-subsets}). The keep curves of
 * {@link NeuronAnalysis} show what one trained model relies on: a neuron it learnt to ignore may still carry the
 * image. Here the model is trained again from scratch, with the run's config and seed, on only the top share of
 * neurons by validation attribution, and on random subsets of the same size, and each is scored on the same test
 * queries and candidates as the keep curves. Subsets are cut and drawn as {@code compare --neuron-counts} does
 * ({@link NeuronCurve#subset}, {@link NeuronCurve#draw}); the training is {@link Dina#train}'s, in memory, with the
 * split of the run (checked). Too few random subsets for a p-value, so the result is evidence beside the tests, not a
 * test.
 */
public final class SubsetRetraining {
    /** The fold number of the random draws: compare's folds count from 1, so these subsets are not any of its. */
    private static final int DRAW_STREAM = 0;

    private SubsetRetraining() {}

    /**
     * Top-1 and similarity margin of the retrained models on the keep curves' queries, per share.
     *
     * @param counts            neurons kept at each share
     * @param topTop1           retrained on the top neurons by validation attribution
     * @param randomTop1        [share][draw] retrained on random subsets
     * @param relianceTop1Top   the keep curve's top-1 at the same share (the run's model, top neurons kept), NaN if the
     *                          curve has no such share; likewise {@code relianceTop1Random} for its random orders
     * @param fullTop1          the run's model with every neuron, on the same queries
     * @param trainingSeconds   seconds of each training, in order (top, then the draws, share by share)
     */
    public record Result(double[] shares, int[] counts, double[] topTop1, double[] topMargin, double[][] randomTop1, double[][] randomMargin,
                         double[] relianceTop1Top, double[] relianceTop1Random, double fullTop1, int queries, int draws,
                         double[] trainingSeconds) {
        public double randomTop1Mean(int share) {
            return Stats.mean(randomTop1[share]);
        }

        public double randomTop1Sd(int share) {
            return org.dina.eval.compare.Stats.of(randomTop1[share]).sd();
        }

        /** One sentence per share for the claim's note. */
        public String summary() {
            StringBuilder b = new StringBuilder("retrained from scratch on subsets of neurons (information content, no test: "
                    + draws + " random subset(s) per size)");
            for (int i = 0; i < shares.length; i++) {
                b.append(String.format(Locale.ROOT, "; %.0f%% (%d neurons): top-1 %.3f on the top by attribution, %.3f +- %.3f on random",
                        100 * shares[i], counts[i], topTop1[i], randomTop1Mean(i), randomTop1Sd(i)));
                if (Double.isFinite(relianceTop1Top[i])) {
                    b.append(String.format(Locale.ROOT, " (the run's model keeping them: %.3f and %.3f)", relianceTop1Top[i], relianceTop1Random[i]));
                }
            }
            return b.append(String.format(Locale.ROOT, "; every neuron: %.3f", fullTop1)).toString();
        }
    }

    /** Retrains on the shares of {@code options} with the neurons ranked by validation attribution. */
    public static Result run(RetrievalProbe probe, NeuronAnalysis.Result neurons, AnalysisOptions options) {
        Result r = of(probe, Stats.descendingOrder(neurons.attributionValidation()), options);
        double[] top = new double[r.shares().length], random = new double[r.shares().length];
        for (int i = 0; i < top.length; i++) {
            top[i] = relianceAt(neurons.curve(NeuronAnalysis.Order.ATTRIBUTION, NeuronAnalysis.Selection.KEEP), r.shares()[i]);
            random[i] = relianceAt(neurons.curve(NeuronAnalysis.Order.RANDOM, NeuronAnalysis.Selection.KEEP), r.shares()[i]);
        }
        return new Result(r.shares(), r.counts(), r.topTop1(), r.topMargin(), r.randomTop1(), r.randomMargin(), top, random, r.fullTop1(),
                r.queries(), r.draws(), r.trainingSeconds());
    }

    /**
     * Retrains on the first neurons of {@code ranking} (best first) and on random subsets, for each share of
     * {@code options.retrainShares()}; the reliance columns are left NaN.
     */
    static Result of(RetrievalProbe probe, int[] ranking, AnalysisOptions options) {
        Dataset d = probe.dataset();
        int n = d.neuronCount();
        double[] shares = options.retrainShares();
        int draws = options.retrainDraws();
        int[] rows = NeuronAnalysis.evenlySpaced(probe.trialCount(), options.maxNeuronTrials());
        int[] trials = new int[rows.length], truth = new int[rows.length];
        int[] allTrials = probe.trials(), allCorrect = probe.correct();
        for (int i = 0; i < rows.length; i++) {
            trials[i] = allTrials[rows[i]];
            truth[i] = allCorrect[rows[i]];
        }
        int[] counts = new int[shares.length];
        double[] topTop1 = new double[shares.length], topMargin = new double[shares.length];
        double[][] randomTop1 = new double[shares.length][draws], randomMargin = new double[shares.length][draws];
        double[] seconds = new double[shares.length * (1 + draws)];
        long seed = probe.model().config().seed();
        try (Progress.Task bar = Progress.start("retrain", seconds.length)) {
            int done = 0;
            for (int i = 0; i < shares.length; i++) {
                counts[i] = Math.max(1, (int) Math.round(shares[i] * n));
                int[] top = Arrays.copyOf(ranking, counts[i]);
                Arrays.sort(top);
                long t0 = System.nanoTime();
                RetrievalProbe.Score s = trainAndScore(probe, top, trials, truth);
                seconds[done++] = (System.nanoTime() - t0) / 1e9;
                topTop1[i] = s.top1();
                topMargin[i] = s.margin();
                bar.step(String.format(Locale.ROOT, "%d neurons, top", counts[i]));
                for (int k = 0; k < draws; k++) {
                    t0 = System.nanoTime();
                    s = trainAndScore(probe, NeuronCurve.draw(n, counts[i], seed, DRAW_STREAM, k), trials, truth);
                    seconds[done++] = (System.nanoTime() - t0) / 1e9;
                    randomTop1[i][k] = s.top1();
                    randomMargin[i][k] = s.margin();
                    bar.step(String.format(Locale.ROOT, "%d neurons, random %d", counts[i], k + 1));
                }
            }
        }
        double[] none = new double[shares.length];
        Arrays.fill(none, Double.NaN);
        float[][] full = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) full[i] = probe.neuralVectors()[rows[i]];
        double fullTop1 = RetrievalProbe.score(full, probe.imageVectors(), truth).top1();
        return new Result(shares, counts, topTop1, topMargin, randomTop1, randomMargin, none, none.clone(), fullTop1, rows.length, draws, seconds);
    }

    /**
     * Trains the run's config on {@code neurons} of its data and scores the new model on the probe's candidates and the
     * given test trials (dataset trial indices, with their true candidate slots).
     */
    private static RetrievalProbe.Score trainAndScore(RetrievalProbe probe, int[] neurons, int[] trials, int[] truth) {
        DinaConfig cfg = probe.model().config();
        Dataset subset = NeuronCurve.subset(probe.dataset(), neurons);
        Dina trained;
        try {
            trained = Dina.train(subset, cfg, TrainingListener.SILENT);
        } catch (IOException e) {
            // nothing is written in memory; an IOException here would be a programming error
            throw new UncheckedIOException(e);
        }
        if (!Arrays.equals(trained.data().split().testTrials(), probe.data().split().testTrials())) {
            throw new IllegalStateException("retrain-subsets: the subset of " + neurons.length + " neurons was split differently from the run");
        }
        float[][] images = trained.embedDatasetImages(probe.candidates(), RetrievalProbe.IMAGE_BATCH).vectors();
        float[][] queries = trained.embedNormalisedResponses(trained.normalisedResponses(trials), RetrievalProbe.NEURAL_BATCH).vectors();
        return RetrievalProbe.score(queries, images, truth);
    }

    /** The keep curve's top-1 at {@code share}, NaN when the curve is missing or has no such share. */
    private static double relianceAt(NeuronAnalysis.Curve c, double share) {
        if (c == null) return Double.NaN;
        for (int k = 0; k < c.fractions().length; k++) if (Math.abs(c.fractions()[k] - share) < 1e-9) return c.top1()[k];
        return Double.NaN;
    }
}
