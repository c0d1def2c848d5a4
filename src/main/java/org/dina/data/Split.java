package org.dina.data;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * A division of a dataset's trials into train / validation / test, with the images each side contains. Index
 * arrays are sorted ascending; accessors return copies.
 */
public final class Split {
    private final SplitProtocol protocol;
    private final Map<Tier, int[]> trials = new EnumMap<>(Tier.class);
    private final Map<Tier, int[]> images = new EnumMap<>(Tier.class);

    /** Builds a split from per-tier trial lists; each tier's images are the distinct images of its trials. */
    Split(SplitProtocol protocol, Dataset d, int[] train, int[] validation, int[] test) {
        this.protocol = protocol;
        put(Tier.TRAIN, d, train);
        put(Tier.VALIDATION, d, validation);
        put(Tier.TEST, d, test);
    }

    private void put(Tier tier, Dataset d, int[] t) {
        int[] sorted = t.clone();
        Arrays.sort(sorted);
        trials.put(tier, sorted);
        boolean[] seen = new boolean[d.imageCount()];
        int count = 0;
        for (int trial : sorted) if (!seen[d.imageId(trial)]) { seen[d.imageId(trial)] = true; count++; }
        int[] imgs = new int[count];
        for (int k = 0, i = 0; k < seen.length; k++) if (seen[k]) imgs[i++] = k;
        images.put(tier, imgs);
    }

    public SplitProtocol protocol() { return protocol; }

    /** Trials on side {@code tier}, ascending. */
    public int[] trials(Tier tier) { return trials.get(tier).clone(); }

    /** Distinct images shown on side {@code tier}, ascending. */
    public int[] images(Tier tier) { return images.get(tier).clone(); }

    public int[] trainTrials() { return trials(Tier.TRAIN); }
    public int[] validationTrials() { return trials(Tier.VALIDATION); }
    public int[] testTrials() { return trials(Tier.TEST); }
    public int[] trainImages() { return images(Tier.TRAIN); }
    public int[] validationImages() { return images(Tier.VALIDATION); }
    public int[] testImages() { return images(Tier.TEST); }

    public int trialCount(Tier tier) { return trials.get(tier).length; }
    public int imageCount(Tier tier) { return images.get(tier).length; }

    @Override
    public String toString() {
        return "Split[" + protocol + ": train " + trialCount(Tier.TRAIN) + " trials/" + imageCount(Tier.TRAIN)
                + " images, validation " + trialCount(Tier.VALIDATION) + "/" + imageCount(Tier.VALIDATION)
                + ", test " + trialCount(Tier.TEST) + "/" + imageCount(Tier.TEST) + "]";
    }
}
