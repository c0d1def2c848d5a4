package org.dina.eval.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dina.data.Dataset;
import org.dina.data.Split;
import org.dina.data.SplitProtocol;
import org.dina.data.Splits;

/**
 * K-fold splits that never leak. By images: every shown image is in exactly one test fold, and each fold's validation
 * images are carved from the other folds' images. By repeats: the repeat indices (an image's trials in presentation
 * order) are dealt into K groups; fold f tests every image's repeats in group f and validates on one repeat index of
 * the next group. Deterministic in the seed.
 */
public final class CrossValidationFolds {
    private static final long IMAGE_STREAM = 0xF01D_0001L, REPEAT_STREAM = 0xF01D_0002L;

    /** Fewest repeats an image needs to be tested under the REPEATS protocol (one each for train, validation, test). */
    public static final int MIN_REPEATS = 3;

    private CrossValidationFolds() {}

    /** The K folds of {@code d} under {@code protocol} (IMAGES or REPEATS). */
    public static List<Split> of(Dataset d, SplitProtocol protocol, int k, double validationFraction, long seed) {
        return switch (protocol) {
            case IMAGES -> byImages(d, k, validationFraction, seed);
            case REPEATS -> byRepeats(d, k, seed);
            case DATASET_TIERS -> throw new IllegalArgumentException("cross-validation folds are by images or by repeats, not by the dataset's tiers");
        };
    }

    /**
     * Shown images shuffled and dealt round-robin into {@code k} test folds (sizes differ by at most one). Fold f
     * validates on round(K·validationFraction) of the remaining images, taken first from fold f+1, then f+2, ...
     * so that validation rotates with the test fold; the rest train.
     */
    public static List<Split> byImages(Dataset d, int k, double validationFraction, long seed) {
        int[] shown = d.shownImages();
        if (k < 2) throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + k);
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
        int nVal = Math.max(1, (int) Math.round(shown.length * validationFraction));
        int smallestTrain = shown.length - (shown.length + k - 1) / k - nVal;
        if (k > shown.length || smallestTrain < 2) {
            throw new IllegalArgumentException(d.name() + ": " + k + " folds of " + shown.length + " images with " + nVal
                    + " validation images leave " + smallestTrain + " training images; use fewer folds");
        }
        ControlData.shuffle(shown, new SplittableRandom(ControlData.mix(seed, IMAGE_STREAM)));
        int[] foldOf = new int[d.imageCount()];
        java.util.Arrays.fill(foldOf, -1);
        for (int i = 0; i < shown.length; i++) foldOf[shown[i]] = i % k;

        List<Split> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            boolean[] validation = new boolean[d.imageCount()];
            int taken = 0;
            for (int step = 1; step < k && taken < nVal; step++) {
                int from = (f + step) % k;
                for (int i = 0; i < shown.length && taken < nVal; i++) {
                    if (foldOf[shown[i]] == from) { validation[shown[i]] = true; taken++; }
                }
            }
            List<Integer> tr = new ArrayList<>(), va = new ArrayList<>(), te = new ArrayList<>();
            for (int t = 0; t < d.trialCount(); t++) {
                int img = d.imageId(t);
                (foldOf[img] == f ? te : validation[img] ? va : tr).add(t);
            }
            folds.add(Splits.fromTrials(d, SplitProtocol.IMAGES, ints(tr), ints(va), ints(te)));
        }
        return folds;
    }

    /**
     * Repeat indices 0..R-1 (R the most repeats of any image) shuffled and dealt round-robin into {@code k} groups.
     * Fold f holds out, for each image with at least {@link #MIN_REPEATS} repeats, its trials whose repeat index is in
     * group f for test and its trial at the first index of group f+1 for validation; everything else trains. An image
     * keeps at least one training trial: if the held-out indices would take them all, its validation trial trains,
     * and failing that the image trains only. Images with fewer repeats always train.
     */
    public static List<Split> byRepeats(Dataset d, int k, long seed) {
        int r = d.maxRepeats();
        if (k < 2) throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + k);
        if (r < MIN_REPEATS) {
            throw new IllegalArgumentException(d.name() + ": cross-validation over held-out repeats needs images with at least "
                    + MIN_REPEATS + " repeats (train, validation, test); the most any image has is " + r);
        }
        if (k > r) throw new IllegalArgumentException(d.name() + ": " + k + " folds over held-out repeats but images have at most " + r + " repeats");
        int[] order = new int[r];
        for (int i = 0; i < r; i++) order[i] = i;
        ControlData.shuffle(order, new SplittableRandom(ControlData.mix(seed, REPEAT_STREAM)));
        int[] groupOf = new int[r];
        for (int i = 0; i < r; i++) groupOf[order[i]] = i % k;

        List<Split> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int validationIndex = order[(f + 1) % k]; // first index dealt to group f+1
            List<Integer> tr = new ArrayList<>(), va = new ArrayList<>(), te = new ArrayList<>();
            for (int img : d.shownImages()) {
                int[] trials = d.trialsOf(img);
                if (trials.length < MIN_REPEATS) {
                    for (int t : trials) tr.add(t);
                    continue;
                }
                int tested = 0;
                for (int i = 0; i < trials.length; i++) if (groupOf[i] == f) tested++;
                boolean validate = validationIndex < trials.length && groupOf[validationIndex] != f;
                int training = trials.length - tested - (validate ? 1 : 0);
                if (training < 1 && validate) { validate = false; training++; }
                if (training < 1) tested = 0; // nothing left to train on: this image trains only in this fold
                for (int i = 0; i < trials.length; i++) {
                    if (tested > 0 && groupOf[i] == f) te.add(trials[i]);
                    else if (validate && i == validationIndex) va.add(trials[i]);
                    else tr.add(trials[i]);
                }
            }
            folds.add(Splits.fromTrials(d, SplitProtocol.REPEATS, ints(tr), ints(va), ints(te)));
        }
        return folds;
    }

    private static int[] ints(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }
}
