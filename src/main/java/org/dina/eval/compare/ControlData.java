package org.dina.eval.compare;

import java.util.SplittableRandom;
import org.dina.data.Dataset;
import org.dina.data.Split;
import org.dina.data.Tier;
import org.dina.tensor.Tensor;

/**
 * Copies of a dataset for the controls and the folds: the same images, image ids, tiers, positions and categories,
 * with some responses rearranged or with a split written into the tiers. The original is never modified.
 */
public final class ControlData {
    private static final long PAIRS_STREAM = 0x5A1F_0001L, NEURONS_STREAM = 0x5A1F_0002L;

    private ControlData() {}

    /**
     * The responses of {@code trials} permuted among those trials (a uniform random permutation; a few rows may
     * stay in place),
     * so each of them is paired with another trial's image. Other trials are untouched.
     */
    public static Dataset shuffledPairs(Dataset d, int[] trials, long seed) {
        int[] target = trials.clone();
        int[] source = trials.clone();
        shuffle(source, new SplittableRandom(mix(seed, PAIRS_STREAM)));
        float[] all = d.responses().toArray();
        float[] out = all.clone();
        int n = d.neuronCount();
        for (int i = 0; i < target.length; i++) System.arraycopy(all, source[i] * n, out, target[i] * n, n);
        return withResponses(d, Tensor.of(out, d.trialCount(), n), "shuffled-pairs");
    }

    /** Each of {@code trials} gets its own random permutation of the neurons; other trials are untouched. */
    public static Dataset shuffledNeurons(Dataset d, int[] trials, long seed) {
        float[] all = d.responses().toArray();
        float[] out = all.clone();
        int n = d.neuronCount();
        int[] perm = new int[n];
        SplittableRandom r = new SplittableRandom(mix(seed, NEURONS_STREAM));
        for (int t : trials) {
            for (int j = 0; j < n; j++) perm[j] = j;
            shuffle(perm, r);
            for (int j = 0; j < n; j++) out[t * n + j] = all[t * n + perm[j]];
        }
        return withResponses(d, Tensor.of(out, d.trialCount(), n), "shuffled-neurons");
    }

    /**
     * The dataset with {@code split} written into its per-trial tiers, so that anything that honours a dataset's own
     * tiers (the trainer's split) uses exactly this split. Every trial must be on one side.
     */
    public static Dataset withTiers(Dataset d, Split split) {
        Tier[] tiers = new Tier[d.trialCount()];
        for (Tier tier : Tier.values()) for (int t : split.trials(tier)) tiers[t] = tier;
        for (int t = 0; t < tiers.length; t++) {
            if (tiers[t] == null) throw new IllegalArgumentException("ControlData.withTiers: trial " + t + " is on no side of " + split);
        }
        return rebuild(d, d.name(), d.responses(), tiers);
    }

    /** The same dataset with other responses [T, N] (tiers and everything else kept). */
    static Dataset withResponses(Dataset d, Tensor responses, String suffix) {
        Tier[] tiers = null;
        if (d.hasTiers()) {
            tiers = new Tier[d.trialCount()];
            for (int t = 0; t < tiers.length; t++) tiers[t] = d.tier(t);
        }
        return rebuild(d, d.name() + " [" + suffix + "]", responses, tiers);
    }

    private static Dataset rebuild(Dataset d, String name, Tensor responses, Tier[] tiers) {
        Dataset.Builder b = Dataset.builder(name, d.images(), responses, d.imageIds());
        if (tiers != null) b.tiers(tiers);
        if (d.neuronPositions().isPresent()) b.neuronPositions(d.neuronPositions().get(), d.positionKind().orElseThrow());
        if (d.hasCategories()) {
            int[] c = new int[d.imageCount()];
            for (int k = 0; k < c.length; k++) c[k] = d.category(k);
            b.categories(c, d.categoryNames());
        }
        return b.build();
    }

    static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }

    /** A seed for one purpose derived from a run seed (SplitMix64 finaliser, so nearby seeds give unrelated streams). */
    static long mix(long seed, long stream) {
        long z = seed * 0x9E37_79B9_7F4A_7C15L + stream;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
