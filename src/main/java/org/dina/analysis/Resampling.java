package org.dina.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bootstrap intervals and permutation p-values for the claim tests. Queries showing the same image are not
 * independent (they share the image and its embedding), so the resampling unit is the image: a bootstrap draws
 * images with replacement and keeps all of their queries; a sign-flip null flips whole images.
 */
public final class Resampling {
    /** Bootstrap resamples per interval. */
    public static final int BOOTSTRAPS = 1000;

    private Resampling() {}

    /** Query indices grouped by their label (e.g. the true candidate), in label order; empty labels are skipped. */
    public static int[][] clusters(int[] labels) {
        int max = -1;
        for (int v : labels) max = Math.max(max, v);
        int[] count = new int[max + 1];
        for (int v : labels) count[v]++;
        int groups = 0;
        for (int c : count) if (c > 0) groups++;
        int[][] out = new int[groups][];
        int[] slot = new int[max + 1];
        for (int v = 0, g = 0; v <= max; v++) {
            if (count[v] == 0) continue;
            slot[v] = g;
            out[g++] = new int[count[v]];
        }
        int[] fill = new int[groups];
        for (int i = 0; i < labels.length; i++) {
            int g = slot[labels[i]];
            out[g][fill[g]++] = i;
        }
        return out;
    }

    /** The 2.5% and 97.5% percentiles of bootstrap statistics. */
    public static double[] interval(double[] samples) {
        return new double[] {Stats.quantile(samples, 0.025), Stats.quantile(samples, 0.975)};
    }

    /** 95% percentile interval of the mean of {@code values} over queries, resampling whole clusters. */
    public static double[] clusterMeanInterval(double[] values, int[][] clusters, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] sums = new double[clusters.length];
        int[] sizes = new int[clusters.length];
        for (int g = 0; g < clusters.length; g++) {
            for (int i : clusters[g]) sums[g] += values[i];
            sizes[g] = clusters[g].length;
        }
        double[] boot = new double[BOOTSTRAPS];
        for (int b = 0; b < BOOTSTRAPS; b++) {
            double s = 0;
            long n = 0;
            for (int k = 0; k < clusters.length; k++) {
                int g = rng.nextInt(clusters.length);
                s += sums[g];
                n += sizes[g];
            }
            boot[b] = s / n;
        }
        return interval(boot);
    }

    /**
     * One-sided sign-flip p-value of "mean of {@code differences} > 0": under the null the two conditions are
     * exchangeable within an image, so each image's differences change sign together with probability 1/2.
     */
    public static double signFlipP(double[] differences, int[][] clusters, int draws, long seed) {
        double[] sums = new double[clusters.length];
        double observed = 0;
        for (int g = 0; g < clusters.length; g++) {
            for (int i : clusters[g]) sums[g] += differences[i];
            observed += sums[g];
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int atLeast = 0;
        for (int d = 0; d < draws; d++) {
            double s = 0;
            for (double v : sums) s += rng.nextBoolean() ? v : -v;
            if (s >= observed - 1e-12 * Math.abs(observed)) atLeast++;
        }
        return (atLeast + 1.0) / (draws + 1.0);
    }

    /** One-sided p-value of an observed statistic against draws from its null: (1 + #null >= observed) / (1 + draws). */
    public static double pAtLeast(double observed, double[] nulls) {
        int atLeast = 0;
        for (double v : nulls) if (v >= observed) atLeast++;
        return (atLeast + 1.0) / (nulls.length + 1.0);
    }

    /** Mean of the values. */
    public static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }
}
