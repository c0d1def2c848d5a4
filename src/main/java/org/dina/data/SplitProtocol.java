package org.dina.data;

/** How trials are divided between training, validation and test. */
public enum SplitProtocol {
    /** By image identity: every repeat of an image is on one side, so test images are never seen (zero-shot). */
    IMAGES,
    /** Every image is in training; some repeats of each image are held out for validation and test. */
    REPEATS,
    /** The dataset's own per-trial tiers, as published with it. */
    DATASET_TIERS;

    /**
     * {@return the lower-case name configs and JSON outputs use} {@code images}, {@code repeats} or
     * {@code dataset_tiers}.
     */
    public String key() { return name().toLowerCase(java.util.Locale.ROOT); }
}
