package org.dina.eval.baselines;

import java.util.Optional;

/**
 * A baseline whose fitted model predicts from any image ({@link FittedImageModel}): fitting and scoring the test
 * side are separate steps, so one fit can serve both {@code compare}'s table and the matched controls of
 * {@code analyze} on the same split.
 */
public interface ImageModelBaseline extends Baseline {
    /**
     * Fits on the training side and picks hyper-parameters on the validation side; throws IllegalArgumentException
     * when the baseline does not apply to {@code in}.
     */
    FittedImageModel fit(BaselineInput in);

    /** The test-side result of {@code fitted}, a model this baseline fitted on {@code in}. */
    BaselineResult evaluate(FittedImageModel fitted, BaselineInput in);

    @Override
    default BaselineResult fitAndEvaluate(BaselineInput in) {
        Optional<String> why = whyNotApplicable(in);
        if (why.isPresent()) return BaselineResult.notApplicable(name(), in.mode(), why.get());
        return evaluate(fit(in), in);
    }
}
