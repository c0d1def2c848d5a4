package org.dina.model;

import org.dina.kernels.Elementwise;
import org.dina.nn.Buffers;
import org.dina.nn.MeanSsim;
import org.dina.nn.SsimPadding;
import org.dina.tensor.Tensor;

/**
 * The reference's optional map-matching terms, added to InfoNCE: {@code rmseWeight · RMSE + ssimWeight · (1 − SSIM)}
 * between each image map and its paired neural map (the min-max scaled 16 x 64 maps, before L2 normalisation).
 * RMSE is the square root of the mean squared difference over the whole batch, as {@code sqrt(F.mse_loss(a, b))};
 * SSIM is the evaluation's mean SSIM ({@link MeanSsim}). Both weights are 0 in the reference, so by default nothing
 * here runs. Where the maps are identical, RMSE has no derivative; its gradient is taken as 0 there.
 */
public final class MapMatchLoss {
    private final double rmseWeight, ssimWeight;
    private final MeanSsim ssim;
    private Tensor difference, gradImage, gradNeural;
    private int[] shape;
    private double lastRmse = Double.NaN, lastSsim = Double.NaN;

    /** The release's terms, SSIM with zero padding. */
    public MapMatchLoss(double rmseWeight, double ssimWeight) {
        this(rmseWeight, ssimWeight, SsimPadding.ZERO);
    }

    public MapMatchLoss(double rmseWeight, double ssimWeight, SsimPadding ssimPadding) {
        if (!(rmseWeight >= 0 && ssimWeight >= 0)) {
            throw new IllegalArgumentException("MapMatchLoss: weights must be >= 0, got rmse " + rmseWeight + ", ssim " + ssimWeight);
        }
        this.rmseWeight = rmseWeight;
        this.ssimWeight = ssimWeight;
        this.ssim = new MeanSsim(ssimPadding);
    }

    /** Whether any term has a non-zero weight (otherwise the model skips this loss entirely). */
    public boolean active() { return rmseWeight > 0 || ssimWeight > 0; }

    /** The weighted sum of the terms for paired maps [B, 1, 16, 64]; terms with weight 0 are not computed. */
    public double forward(Tensor imageMaps, Tensor neuralMaps) {
        if (!imageMaps.hasShape(neuralMaps.shape())) {
            throw new IllegalArgumentException("MapMatchLoss: image maps " + imageMaps.shapeString()
                    + " and neural maps " + neuralMaps.shapeString() + " differ in shape");
        }
        shape = imageMaps.shape();
        double total = 0;
        lastRmse = lastSsim = Double.NaN;
        if (rmseWeight > 0) {
            difference = Buffers.ensure(difference, imageMaps.shape());
            Elementwise.addScaled(imageMaps, -1f, neuralMaps, difference);
            lastRmse = Math.sqrt(Elementwise.sumOfSquares(difference) / difference.numel());
            total += rmseWeight * lastRmse;
        }
        if (ssimWeight > 0) {
            lastSsim = ssim.forward(imageMaps, neuralMaps);
            total += ssimWeight * (1 - lastSsim);
        }
        return total;
    }

    /** Computes {@link #gradImage()} and {@link #gradNeural()} for the last forward. */
    public void backward() {
        if (shape == null) throw new IllegalStateException("MapMatchLoss: backward before forward");
        gradImage = Buffers.ensure(gradImage, shape);
        gradNeural = Buffers.ensure(gradNeural, shape);
        if (ssimWeight > 0) {
            ssim.backward(-ssimWeight);
            ssim.gradA().copyTo(gradImage);
            ssim.gradB().copyTo(gradNeural);
        } else {
            gradImage.zero();
            gradNeural.zero();
        }
        if (rmseWeight > 0 && lastRmse > 0) {
            // d sqrt(mean(d²)) / d d = d / (n · rmse); the neural map enters with the opposite sign
            float scale = (float) (rmseWeight / (difference.numel() * lastRmse));
            Elementwise.axpy(scale, difference, gradImage);
            Elementwise.axpy(-scale, difference, gradNeural);
        }
    }

    /** d loss / d image maps of the last backward. */
    public Tensor gradImage() { return gradImage; }

    /** d loss / d neural maps of the last backward. */
    public Tensor gradNeural() { return gradNeural; }

    /** RMSE of the last forward (NaN when its weight is 0). */
    public double lastRmse() { return lastRmse; }

    /** Mean SSIM of the last forward (NaN when its weight is 0). */
    public double lastSsim() { return lastSsim; }
}
