package org.dina.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes train / validation / test splits that do not leak: by image identity (zero-shot), by held-out repeats, or
 * the dataset's own tiers. Deterministic in the seed.
 */
public final class Splits {
    private static final long IMAGE_ORDER = 31, REPEAT_ORDER = 32;

    private Splits() {}

    /**
     * How to split.
     *
     * @param protocol           IMAGES or REPEATS (DATASET_TIERS only uses the dataset's tiers)
     * @param trainFraction      IMAGES: share of images in training
     * @param validationFraction IMAGES: share of images in validation (test gets the rest); REPEATS: held-out repeats
     *                           go to validation for a share validation / (1 - train) of the images, to test otherwise
     * @param heldOutRepeats     REPEATS: repeats held out per image (each image keeps at least one for training)
     * @param seed               seed of the random assignment
     * @param honourTiers        when the dataset has its own tiers, use them instead of {@code protocol}
     */
    public record Config(SplitProtocol protocol, double trainFraction, double validationFraction, int heldOutRepeats,
                         long seed, boolean honourTiers) {
        public Config {
            if (protocol == null) throw new IllegalArgumentException("Splits.Config: protocol is required");
            if (!(trainFraction >= 0 && validationFraction >= 0 && trainFraction + validationFraction <= 1.0 + 1e-12)) {
                throw new IllegalArgumentException("Splits.Config: need train >= 0, validation >= 0, train + validation <= 1; got "
                        + trainFraction + " and " + validationFraction);
            }
            if (heldOutRepeats < 1) throw new IllegalArgumentException("Splits.Config: heldOutRepeats must be >= 1, got " + heldOutRepeats);
        }

        /** Zero-shot split by images, 80/10/10, honouring dataset tiers. */
        public static Config images(long seed) {
            return new Config(SplitProtocol.IMAGES, 0.8, 0.1, 1, seed, true);
        }

        /** Every image in training; one repeat per image held out, half of the images' held-out to validation. */
        public static Config repeats(long seed) {
            return new Config(SplitProtocol.REPEATS, 0.8, 0.1, 1, seed, true);
        }

        public double testFraction() { return Math.max(0.0, 1.0 - trainFraction - validationFraction); }
    }

    /** Splits {@code d} as {@code c} says; a dataset with tiers is split by them when {@code c.honourTiers()}. */
    public static Split split(Dataset d, Config c) {
        if (c.protocol() == SplitProtocol.DATASET_TIERS || (c.honourTiers() && d.hasTiers())) {
            return byTiers(d, c.validationFraction(), c.seed());
        }
        return c.protocol() == SplitProtocol.IMAGES
                ? byImages(d, c.trainFraction(), c.validationFraction(), c.seed())
                : byRepeats(d, c.heldOutRepeats(), c.validationFraction() / Math.max(1e-12, 1.0 - c.trainFraction()), c.seed());
    }

    /** The dataset's own tiers. */
    public static Split byTiers(Dataset d) {
        if (!d.hasTiers()) throw new IllegalArgumentException("Splits.byTiers: dataset '" + d.name() + "' has no tiers");
        List<Integer> tr = new ArrayList<>(), va = new ArrayList<>(), te = new ArrayList<>();
        for (int t = 0; t < d.trialCount(); t++) {
            switch (d.tier(t)) {
                case TRAIN -> tr.add(t);
                case VALIDATION -> va.add(t);
                case TEST -> te.add(t);
            }
        }
        return new Split(SplitProtocol.DATASET_TIERS, d, toArray(tr), toArray(va), toArray(te));
    }

    /**
     * The dataset's own tiers; when they name no validation trials (Allen: train and test only), a seeded share
     * {@code validationShare} of the training images moves to validation with all their trials, so model selection
     * never looks at the test tier.
     */
    public static Split byTiers(Dataset d, double validationShare, long seed) {
        Split tiers = byTiers(d);
        if (tiers.trialCount(Tier.VALIDATION) > 0 || tiers.trialCount(Tier.TRAIN) == 0) return tiers;
        int[] trainImages = tiers.trainImages();
        int[] order = trainImages.clone();
        SplitMix.stream(seed, IMAGE_ORDER, 1).shuffle(order);
        int nVal = Math.max(1, Math.min(order.length - 1, (int) Math.round(order.length * validationShare)));
        boolean[] toValidation = new boolean[d.imageCount()];
        for (int i = 0; i < nVal; i++) toValidation[order[i]] = true;
        List<Integer> tr = new ArrayList<>(), va = new ArrayList<>();
        for (int t : tiers.trainTrials()) (toValidation[d.imageId(t)] ? va : tr).add(t);
        return new Split(SplitProtocol.DATASET_TIERS, d, toArray(tr), toArray(va), tiers.testTrials());
    }

    /**
     * By image identity: the shown images are shuffled; the first round(K·train) go to training, the next
     * round(K·validation) to validation, the rest to test. All repeats of an image land on the same side.
     */
    public static Split byImages(Dataset d, double trainFraction, double validationFraction, long seed) {
        int[] shown = d.shownImages();
        SplitMix.stream(seed, IMAGE_ORDER, 0).shuffle(shown);
        int k = shown.length;
        int nVal = (int) Math.round(k * validationFraction);
        int nTest = Math.min(k - nVal, (int) Math.round(k * Math.max(0.0, 1.0 - trainFraction - validationFraction)));
        int nTrain = k - nVal - nTest;
        Tier[] side = new Tier[d.imageCount()];
        for (int i = 0; i < k; i++) side[shown[i]] = i < nTrain ? Tier.TRAIN : i < nTrain + nVal ? Tier.VALIDATION : Tier.TEST;
        List<Integer> tr = new ArrayList<>(), va = new ArrayList<>(), te = new ArrayList<>();
        for (int t = 0; t < d.trialCount(); t++) {
            switch (side[d.imageId(t)]) {
                case TRAIN -> tr.add(t);
                case VALIDATION -> va.add(t);
                case TEST -> te.add(t);
            }
        }
        return new Split(SplitProtocol.IMAGES, d, toArray(tr), toArray(va), toArray(te));
    }

    /**
     * By repeats: every shown image stays in training with at least one repeat; {@code heldOut} of its repeats
     * (at most all but one, chosen at random) are held out. An image's held-out trials all go to validation or all
     * to test: validation for round(K·validationShare) of the images with held-out trials (chosen at random), test
     * for the others. Images shown once are training only.
     */
    public static Split byRepeats(Dataset d, int heldOut, double validationShare, long seed) {
        if (heldOut < 1) throw new IllegalArgumentException("Splits.byRepeats: heldOut must be >= 1, got " + heldOut);
        if (!(validationShare >= 0 && validationShare <= 1)) {
            throw new IllegalArgumentException("Splits.byRepeats: validationShare must be in [0, 1], got " + validationShare);
        }
        List<Integer> withHeldOut = new ArrayList<>();
        for (int k : d.shownImages()) if (d.repeatsOf(k) >= 2) withHeldOut.add(k);
        int[] order = toArray(withHeldOut);
        SplitMix.stream(seed, REPEAT_ORDER, 0).shuffle(order);
        int nVal = (int) Math.round(order.length * validationShare);
        boolean[] toValidation = new boolean[d.imageCount()];
        for (int i = 0; i < nVal; i++) toValidation[order[i]] = true;

        List<Integer> tr = new ArrayList<>(), va = new ArrayList<>(), te = new ArrayList<>();
        for (int k : d.shownImages()) {
            int[] trials = d.trialsOf(k);
            SplitMix.stream(seed, REPEAT_ORDER, 1 + k).shuffle(trials);
            int out = Math.min(heldOut, trials.length - 1);
            for (int i = 0; i < trials.length; i++) {
                if (i >= out) tr.add(trials[i]);
                else (toValidation[k] ? va : te).add(trials[i]);
            }
        }
        return new Split(SplitProtocol.REPEATS, d, toArray(tr), toArray(va), toArray(te));
    }

    /**
     * A split from explicit trial lists (cross-validation folds, hand-made tiers). Each side's images are the distinct
     * images of its trials. Rejects trials out of range or named twice; trials named nowhere are simply unused.
     */
    public static Split fromTrials(Dataset d, SplitProtocol protocol, int[] train, int[] validation, int[] test) {
        if (d == null || protocol == null || train == null || validation == null || test == null) {
            throw new IllegalArgumentException("Splits.fromTrials: dataset, protocol and all three trial lists are required");
        }
        boolean[] used = new boolean[d.trialCount()];
        int[][] sides = {train, validation, test};
        for (int[] side : sides) {
            for (int t : side) {
                if (t < 0 || t >= used.length) {
                    throw new IllegalArgumentException("Splits.fromTrials: trial " + t + " is outside dataset '" + d.name()
                            + "' with " + used.length + " trials");
                }
                if (used[t]) throw new IllegalArgumentException("Splits.fromTrials: trial " + t + " is named twice");
                used[t] = true;
            }
        }
        return new Split(protocol, d, train, validation, test);
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }
}
