package org.dina.eval.compare;

import org.dina.eval.baselines.EvaluationMode;

/** Whether a test query is one trial or the average of an image's held-out trials. */
public enum Mode {
    SINGLE("single", EvaluationMode.SINGLE_TRIALS),
    AVERAGED("averaged", EvaluationMode.REPEAT_AVERAGED);

    private final String key;
    private final EvaluationMode baselineMode;

    Mode(String key, EvaluationMode baselineMode) {
        this.key = key;
        this.baselineMode = baselineMode;
    }

    /** Stable key used in compare.json and the table. */
    public String key() { return key; }

    /** The same mode as the baselines name it. */
    public EvaluationMode baselineMode() { return baselineMode; }
}
