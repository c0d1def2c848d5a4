package org.dina.kernels;

import static org.dina.kernels.SsimMap.C1;
import static org.dina.kernels.SsimMap.C2;

import org.dina.kernels.SsimMap.MomentGrads;
import org.dina.kernels.SsimMap.Moments;
import org.dina.tensor.Tensor;

/**
 * Scalar twin of {@link SsimMap}, one pixel at a time with the same float operations in the same order.
 *
 * <p>Unlike the other kernels' scalar twins, which live with the tests, this one stays in the product: {@link SsimMap}
 * finishes the pixels its vector loop leaves over with {@link #pixel}, so the tail and the twin cannot drift apart.
 */
public final class SsimMapScalar {
    private SsimMapScalar() {}

    public static void forward(Moments m, Tensor ssim) {
        int n = m.size("SsimMapScalar.forward", ssim);
        for (int i = 0; i < n; i++) pixel(m, ssim, null, null, i);
    }

    public static void backward(Moments m, Tensor dSsim, MomentGrads out) {
        int n = m.size("SsimMapScalar.backward", dSsim, out.dMeanA(), out.dMeanB(), out.dMeanSquares(), out.dMeanAB());
        for (int i = 0; i < n; i++) pixel(m, null, dSsim, out, i);
    }

    /** Forward (ssim != null) or backward (dSsim, out != null) at pixel i. */
    static void pixel(Moments m, Tensor ssim, Tensor dSsim, MomentGrads out, int i) {
        float meanA = m.meanA().getFlat(i), meanB = m.meanB().getFlat(i);
        float varA = m.meanAA().getFlat(i) - meanA * meanA;
        float varB = m.meanBB().getFlat(i) - meanB * meanB;
        float cov = m.meanAB().getFlat(i) - meanA * meanB;
        float num1 = meanA * 2f * meanB + C1, num2 = cov * 2f + C2;
        float den1 = meanA * meanA + meanB * meanB + C1, den2 = varA + varB + C2;
        float s = num1 * num2 / (den1 * den2);
        if (ssim != null) {
            ssim.setFlat(i, Math.min(1f, Math.max(0f, s)));
            return;
        }
        float g = s >= 0f && s <= 1f ? dSsim.getFlat(i) : 0f; // as PyTorch's clamp: NaN passes no gradient either
        float inv = 1f / (den1 * den2);
        float dNum1 = g * num2 * inv, dNum2 = g * num1 * inv;
        float dDen1 = -(g * s / den1), dDen2 = -(g * s / den2);
        float dNumDiff = dNum1 - dNum2, dDenDiff = dDen1 - dDen2;
        out.dMeanA().setFlat(i, (meanB * dNumDiff + meanA * dDenDiff) * 2f);
        out.dMeanB().setFlat(i, (meanA * dNumDiff + meanB * dDenDiff) * 2f);
        out.dMeanSquares().setFlat(i, dDen2);
        out.dMeanAB().setFlat(i, dNum2 * 2f);
    }
}
