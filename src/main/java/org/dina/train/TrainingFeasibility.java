package org.dina.train;

import java.util.Locale;
import org.dina.data.Dataset;
import org.dina.data.ResponseNormalizer;
import org.dina.data.Split;
import org.dina.data.SplitProtocol;
import org.dina.data.Tier;
import org.dina.model.DinaConfig;
import org.dina.model.TrialMode;

/**
 * Checks, before any feature is computed or any file written, that a dataset can be trained on the way the config
 * asks. Each problem is one line that names the data and what to change, so that a small pilot recording gets an
 * explanation instead of a crash halfway through.
 */
public final class TrainingFeasibility {
    /** Fewest images a split into training, validation and test can use: one per side. */
    static final int MIN_SHOWN_IMAGES = 3;

    private TrainingFeasibility() {}

    /** Throws {@link IllegalArgumentException} with a one-line reason when {@code d} cannot be trained on with {@code cfg}. */
    public static void check(DinaConfig cfg, Dataset d) {
        checkData(cfg, d);
        checkSplit(cfg, d, TrainingData.split(cfg, d));
    }

    /** The checks that do not depend on a particular split: which images were shown, repeats, informative neurons. */
    public static void checkData(DinaConfig cfg, Dataset d) {
        int shown = d.shownImages().length;
        if (shown < MIN_SHOWN_IMAGES) {
            throw new IllegalArgumentException(d.name() + ": only " + shown + " of " + d.imageCount() + " images "
                    + (shown == 1 ? "was" : "were") + " shown on any trial (" + d.trialCount() + " trials); training, validation and "
                    + "test need at least " + MIN_SHOWN_IMAGES + " different images");
        }
        // with its own tiers the dataset is split by them, whatever the config's protocol
        if (cfg.data().split() == SplitProtocol.REPEATS && !d.hasTiers() && d.maxRepeats() < 2) {
            throw new IllegalArgumentException(d.name() + ": split: repeats holds out repeats of each image, but every one of its "
                    + shown + " images was shown once; use split: images (--set data.split=images) or a recording with repeats");
        }
        ResponseNormalizer all = ResponseNormalizer.fit(d, allTrials(d));
        for (int j = 0; j < all.neuronCount(); j++) if (all.max(j) > all.min(j)) return;
        throw new IllegalArgumentException(d.name() + ": every one of its " + d.neuronCount() + " neurons is constant "
                + "(the same response on every trial), so there is nothing to align the images with");
    }

    /** The split must leave two pairs to train on, two to validate on, and a trial to test on. */
    static void checkSplit(DinaConfig cfg, Dataset d, Split split) {
        int train = split.trialCount(Tier.TRAIN), val = split.trialCount(Tier.VALIDATION), test = split.trialCount(Tier.TEST);
        boolean averaged = cfg.data().trials() == TrialMode.AVERAGED;
        int trainPairs = averaged ? split.imageCount(Tier.TRAIN) : train;
        int valPairs = averaged ? split.imageCount(Tier.VALIDATION) : val;
        if (trainPairs >= 2 && valPairs >= 2 && test >= 1 && split.imageCount(Tier.TRAIN) >= 2) return;
        DinaConfig.Data dc = cfg.data();
        String protocol = d.hasTiers() ? "the recording's own tiers" : String.format(Locale.ROOT,
                "split: %s with validationFraction %s and testFraction %s", dc.split().key(), dc.validationFraction(), dc.testFraction());
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s: %s leaves %d training, %d validation and %d test trials (of %d images, %d trials); need at least 2 training "
                        + "trials of 2 different images, 2 validation %s and 1 test trial",
                d.name(), protocol, train, val, test, d.shownImages().length, d.trialCount(), averaged ? "images" : "trials"));
    }

    private static int[] allTrials(Dataset d) {
        int[] t = new int[d.trialCount()];
        for (int i = 0; i < t.length; i++) t[i] = i;
        return t;
    }
}
