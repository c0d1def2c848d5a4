package org.dina.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random control sets matched to a chosen set of neurons: drawn from the same pool, as many, with the same
 * distribution of activity. The pool's non-chosen neurons are split into deciles of activity (mean training
 * response); each chosen neuron is replaced by a random neuron of its own decile (without replacement, falling
 * back to the nearest decile that still has neurons left). Without the matching, a knockout of busy hubs against
 * random, mostly quiet neurons would find an effect of activity alone.
 */
public final class ActivityMatched {
    static final int BINS = 10;

    private ActivityMatched() {}

    /** A mask over all neurons (length = activity.length) of the drawn control set. */
    public static boolean[] draw(int[] chosen, int[] pool, double[] activity, SplittableRandom rng) {
        boolean[] isChosen = new boolean[activity.length];
        for (int c : chosen) isChosen[c] = true;
        double[] poolActivity = new double[pool.length];
        for (int i = 0; i < pool.length; i++) poolActivity[i] = activity[pool[i]];
        double[] edges = new double[BINS - 1];
        for (int b = 1; b < BINS; b++) edges[b - 1] = Stats.quantile(poolActivity, (double) b / BINS);
        List<List<Integer>> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) bins.add(new ArrayList<>());
        for (int p : pool) if (!isChosen[p]) bins.get(bin(activity[p], edges)).add(p);
        boolean[] out = new boolean[activity.length];
        for (int c : chosen) {
            int home = bin(activity[c], edges);
            for (int step = 0; step < 2 * BINS; step++) {
                int b = nearest(home, step);
                if (b < 0 || bins.get(b).isEmpty()) continue;
                List<Integer> candidates = bins.get(b);
                out[candidates.remove(rng.nextInt(candidates.size()))] = true;
                break;
            }
        }
        return out;
    }

    /** The decile of a value given the 9 inner edges. */
    static int bin(double v, double[] edges) {
        int b = Arrays.binarySearch(edges, v);
        return b >= 0 ? b : -b - 1;
    }

    /** Bins in the order home, home+1, home-1, home+2, ...; -1 when out of range. */
    private static int nearest(int home, int step) {
        int off = (step + 1) / 2, b = step % 2 == 1 ? home + off : home - off;
        return b >= 0 && b < BINS ? b : -1;
    }
}
