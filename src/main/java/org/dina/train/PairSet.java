package org.dina.train;

import org.dina.data.Dataset;
import org.dina.data.RepeatAverage;
import org.dina.data.ResponseNormalizer;
import org.dina.tensor.Tensor;

/**
 * The (response, image) pairs one side of a split offers: normalised responses [R, N] and, per row, the index of
 * the image that evoked it. Rows are single trials, or per-image means over repeats.
 */
public record PairSet(Tensor responses, int[] imageIds) {
    public PairSet {
        if (responses.rank() != 2 || responses.dim(0) != imageIds.length) {
            throw new IllegalArgumentException("PairSet: " + imageIds.length + " image ids for responses " + responses.shapeString());
        }
    }

    public int size() { return imageIds.length; }

    /** Normalised single trials, or their repeat averages per image when {@code averaged}. */
    public static PairSet of(Dataset d, int[] trials, ResponseNormalizer normalizer, boolean averaged) {
        Tensor normalised = normalizer.apply(d, trials);
        int[] ids = new int[trials.length];
        for (int i = 0; i < trials.length; i++) ids[i] = d.imageId(trials[i]);
        if (!averaged) return new PairSet(normalised, ids);
        RepeatAverage avg = RepeatAverage.of(normalised, ids, d.imageCount());
        return new PairSet(avg.responses(), avg.images());
    }

    /** The same responses paired with the images of another row: the control that breaks the pairing. */
    public PairSet withShuffledPairing(long seed) {
        int[] ids = imageIds.clone();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = ids.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = ids[i]; ids[i] = ids[j]; ids[j] = t;
        }
        return new PairSet(responses, ids);
    }
}
