package org.dina.eval.compare;

/**
 * What a method was trained on: the real pairs, or one of the controls that break the image-response relation and so
 * must score at chance unless something leaks.
 */
public enum Condition {
    /** The recording as it is. */
    REAL("real", "the recording as it is"),
    /** Training responses permuted across training trials: every training pair is broken; test untouched. */
    SHUFFLED_PAIRS("shuffled_pairs", "training responses permuted across training trials (pairing broken); test untouched"),
    /** Each training trial's response vector permuted on its own: neuron identities broken; test untouched. */
    SHUFFLED_NEURONS("shuffled_neurons", "each training trial's neurons permuted independently (identities broken); test untouched"),
    /** DINA built but never trained (DINA only). */
    UNTRAINED("untrained", "DINA constructed with its initial weights and evaluated without training");

    private final String key;
    private final String description;

    Condition(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** Stable snake_case key used in compare.json. */
    public String key() { return key; }

    /** One line saying what was changed. */
    public String description() { return description; }

    /** Short label for the printed table. */
    public String label() { return key.replace('_', '-'); }

    public boolean isControl() { return this != REAL; }
}
