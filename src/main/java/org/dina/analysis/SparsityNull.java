package org.dina.analysis;

import java.util.SplittableRandom;
import org.dina.model.DinaModel;
import org.dina.progress.Progress;
import org.dina.tensor.Tensor;

/**
 * Claim 4's sparsity test: is the attribution more concentrated on few neurons than it would be if the responses
 * carried nothing about the images? Each null draw shuffles every neuron's responses independently across the
 * test trials (its distribution is kept, its link to the image shown and to the other neurons is cut) and
 * recomputes the attribution against the same targets. A tower whose weights are unequal gives unequal attribution
 * even then; only concentration beyond that belongs to the data.
 *
 * <p>Effect: Gini of the positive part of the observed attribution minus the mean Gini of the shuffles; interval:
 * the observed Gini's percentile bootstrap over trials (per-trial attributions resampled) minus that mean; p-value:
 * the share of shuffles whose Gini reaches the observed one. The share of neurons holding half of the attribution
 * gets the same null for the report.
 */
public final class SparsityNull {
    private SparsityNull() {}

    /** The Gini of attribution against its shuffled-response null, with a bootstrap CI and a p-value. */
    public record Result(double gini, double nullGiniMean, double[] nullGini, double effect, double ciLow, double ciHigh, double p,
                         double share50, double nullShare50Mean) {}

    public static Result run(DinaModel model, Tensor test, float[][] targets, double[] baseline, int shuffles, long seed, Progress.Task bar) {
        int t = test.dim(0), n = test.dim(1);
        float[][] perTrial = perTrialAttribution(model, test, targets, baseline, bar);
        double[] observed = positiveMean(perTrial, null);
        double gini = Stats.gini(observed);
        SplittableRandom rng = new SplittableRandom(seed + 401);
        double[] nullGini = new double[shuffles];
        double nullShare = 0;
        Tensor shuffled = Tensor.zeros(t, n);
        for (int s = 0; s < shuffles; s++) {
            for (int j = 0; j < n; j++) {
                int[] perm = Manipulation.permutation(t, rng);
                for (int i = 0; i < t; i++) shuffled.setFlat((long) i * n + j, test.getFlat((long) perm[i] * n + j));
            }
            double[] a = positiveMean(perTrialAttribution(model, shuffled, targets, baseline, bar), null);
            nullGini[s] = Stats.gini(a);
            nullShare += Stats.shareHolding(a, 0.5) / shuffles;
        }
        double nullMean = Resampling.mean(nullGini);
        SplittableRandom brng = new SplittableRandom(seed + 402);
        double[] boot = new double[Resampling.BOOTSTRAPS];
        int[] rows = new int[t];
        for (int b = 0; b < boot.length; b++) {
            for (int i = 0; i < t; i++) rows[i] = brng.nextInt(t);
            boot[b] = Stats.gini(positiveMean(perTrial, rows));
        }
        double[] ci = Resampling.interval(boot);
        return new Result(gini, nullMean, nullGini, gini - nullMean, ci[0] - nullMean, ci[1] - nullMean,
                Resampling.pAtLeast(gini, nullGini), Stats.shareHolding(observed, 0.5), nullShare);
    }

    /** Positive part of the mean over the given rows (all rows when null) of per-trial attributions. */
    static double[] positiveMean(float[][] perTrial, int[] rows) {
        int n = perTrial[0].length, t = rows == null ? perTrial.length : rows.length;
        double[] m = new double[n];
        for (int k = 0; k < t; k++) {
            float[] r = perTrial[rows == null ? k : rows[k]];
            for (int j = 0; j < n; j++) m[j] += r[j];
        }
        for (int j = 0; j < n; j++) m[j] = Math.max(0, m[j] / t);
        return m;
    }

    /** g (r - baseline) per trial and neuron, [T][N]; the mean over trials is {@link NeuronAnalysis#gradientTimesInput}'s signed value. */
    static float[][] perTrialAttribution(DinaModel model, Tensor responses, float[][] targets, double[] baseline, Progress.Task bar) {
        float[][] out = new float[responses.dim(0)][responses.dim(1)];
        NeuronAnalysis.attribute(model, responses, targets, baseline, bar, "sparsity null", (trial, j, g) -> out[trial][j] = (float) g);
        return out;
    }
}
