package org.dina.eval.baselines;

import org.ejml.data.DMatrixRMaj;

/**
 * An image-computable baseline after fitting: it predicts from any image vector, so candidates it never saw (for
 * example manipulated ones in {@code dina analyze}) can be scored against any queries with the weights and
 * hyper-parameters chosen once on the split's training and validation sides.
 */
public interface FittedImageModel {
    /** The baseline's name, as in {@code compare}. */
    String name();

    /** Top-1 on the validation side at the chosen hyper-parameters (to pick the best model without the test side). */
    double validationTop1();

    /** Wall-clock seconds of fitting and tuning. */
    double fitSeconds();

    /**
     * sim[q][c]: how well normalised response {@code q} (a row of {@code queries} [Q, N], scaled by the input's
     * {@link BaselineInput#normalizer()}) matches candidate {@code c}, a row of {@code candidates} [C, D] in the
     * representation the model was fitted on (for pixels: images area-averaged to {@link BaselineInput#pixelSize()}).
     */
    float[][] similarities(DMatrixRMaj queries, DMatrixRMaj candidates);
}
