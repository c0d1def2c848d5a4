package org.dina.eval.compare;

/**
 * What a method was trained on: the real pairs, or one of the controls that break the image-response relation and so
 * must score at chance unless something leaks.
 */
public enum Condition {
    /** The recording as it is. */
    REAL("real", "the recording as it is", ""),
    /** Training responses permuted across training trials: every training pair is broken; test untouched. */
    SHUFFLED_PAIRS("shuffled_pairs", "training responses permuted across training trials (pairing broken); test untouched",
            "nothing learnt from broken pairs can identify test images: look for a leak (test data reaching training, tuning"
                    + " or the candidates)"),
    /** Each training trial's response vector permuted on its own: neuron identities broken; test untouched. */
    SHUFFLED_NEURONS("shuffled_neurons", "each training trial's neurons permuted independently (identities broken); test untouched",
            "only neuron identities were broken, so either something leaks or statistics that ignore which neuron fired"
                    + " (overall activity, sparseness) carry image information for this method; read it beside shuffled-pairs"),
    /** DINA built but never trained (DINA only). */
    UNTRAINED("untrained", "DINA constructed with its initial weights and evaluated without training",
            "a model that never saw a pair cannot know the pairing: look for a leak in evaluation (candidates, normalisation, ties)");

    private final String key;
    private final String description;
    private final String ifBeatsChance;

    Condition(String key, String description, String ifBeatsChance) {
        this.key = key;
        this.description = description;
        this.ifBeatsChance = ifBeatsChance;
    }

    /** What it means when this control beats chance. */
    public String ifBeatsChance() { return ifBeatsChance; }

    /** Stable snake_case key used in compare.json. */
    public String key() { return key; }

    /** One line saying what was changed. */
    public String description() { return description; }

    /** Short label for the printed table. */
    public String label() { return key.replace('_', '-'); }

    public boolean isControl() { return this != REAL; }
}
