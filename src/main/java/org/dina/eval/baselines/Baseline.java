package org.dina.eval.baselines;

import java.util.Optional;

/** A simple decoder fitted on a split's training side, tuned on its validation side and scored on its test side. */
public interface Baseline {
    /** Short stable name for reports, e.g. {@code ridge-decoder-pixels}. */
    String name();

    /**
     * Why this baseline cannot be evaluated on {@code in} (for example: it can only identify images it saw in
     * training), or empty when it can.
     */
    default Optional<String> whyNotApplicable(BaselineInput in) { return Optional.empty(); }

    /**
     * Fits on the training trials, picks hyper-parameters on the validation trials only and scores the test trials.
     * Returns {@link BaselineResult#notApplicable} with the reason instead of throwing when the baseline does not
     * apply.
     */
    BaselineResult fitAndEvaluate(BaselineInput in);
}
