package org.dina.nn;

import org.dina.kernels.AvgPool3x3;
import org.dina.kernels.AvgPool3x3.Padding;
import org.dina.kernels.Elementwise;
import org.dina.kernels.SsimMap;
import org.dina.kernels.SsimMap.MomentGrads;
import org.dina.kernels.SsimMap.Moments;
import org.dina.tensor.Tensor;

/**
 * Mean structural similarity of paired maps [..., H, W] as the DINA reference defines it (3x3 mean window, zero
 * padded as released or reflect padded, see {@link SsimPadding}; C1 = 0.01², C2 = 0.03², each pixel clamped to
 * [0, 1]), averaged over every pixel of every pair, with its gradient with respect to both maps. Built the way PyTorch evaluates it: five window means
 * ({@link AvgPool3x3}) feed the per-pixel formula ({@link SsimMap}); the backward runs the same chain in reverse.
 * Buffers are kept between calls, so a training step allocates nothing once the batch size is steady.
 */
public final class MeanSsim {
    private final Padding padding;
    private Tensor a, b, product, ssim, dSsim, pooledSquares, pooledProduct, gradA, gradB;
    private Moments moments;
    private MomentGrads momentGrads;

    public MeanSsim(SsimPadding padding) {
        this.padding = padding.pool();
    }

    /** Mean SSIM of {@code a} and {@code b} (same shape, contiguous); keeps both maps for {@link #backward}. */
    public double forward(Tensor a, Tensor b) {
        if (a.rank() < 2 || !a.hasShape(b.shape()) || !a.isContiguous() || !b.isContiguous()) {
            throw new IllegalArgumentException("MeanSsim: expected two contiguous maps [..., H, W] of one shape, got "
                    + a.shapeString() + " and " + b.shapeString());
        }
        AvgPool3x3.checkInput("MeanSsim", a.dim(-2), a.dim(-1), padding);
        this.a = a;
        this.b = b;
        if (ssim == null || !ssim.hasShape(a.shape())) allocate(a.shape());
        AvgPool3x3.forward(padding, a, moments.meanA());
        AvgPool3x3.forward(padding, b, moments.meanB());
        windowMeanOfProduct(a, a, moments.meanAA());
        windowMeanOfProduct(b, b, moments.meanBB());
        windowMeanOfProduct(a, b, moments.meanAB());
        SsimMap.forward(moments, ssim);
        return Elementwise.sum(ssim) / ssim.numel();
    }

    /** The clamped per-pixel SSIM of the last forward. */
    public Tensor ssimMap() { return ssim; }

    /** Gradients of {@code dMean · mean SSIM} with respect to both maps of the last forward: {@link #gradA()}, {@link #gradB()}. */
    public void backward(double dMean) {
        if (a == null) throw new IllegalStateException("MeanSsim: backward before forward");
        dSsim.fill((float) (dMean / ssim.numel()));
        SsimMap.backward(moments, dSsim, momentGrads);
        AvgPool3x3.backward(padding, momentGrads.dMeanSquares(), pooledSquares);
        AvgPool3x3.backward(padding, momentGrads.dMeanAB(), pooledProduct);
        // mean(a) -> a; mean(a²) -> 2a; mean(ab) -> b (and symmetrically for b)
        AvgPool3x3.backward(padding, momentGrads.dMeanA(), gradA);
        addMomentTerms(gradA, a, b);
        AvgPool3x3.backward(padding, momentGrads.dMeanB(), gradB);
        addMomentTerms(gradB, b, a);
    }

    public Tensor gradA() { return gradA; }

    public Tensor gradB() { return gradB; }

    /** Every buffer, for maps of this shape (made again only when the shape changes). */
    private void allocate(int[] shape) {
        Tensor[] t = new Tensor[16];
        for (int i = 0; i < t.length; i++) t[i] = Tensor.zeros(shape);
        product = t[0];
        ssim = t[1];
        moments = new Moments(t[2], t[3], t[4], t[5], t[6]);
        dSsim = t[7];
        momentGrads = new MomentGrads(t[8], t[9], t[10], t[11]);
        pooledSquares = t[12];
        pooledProduct = t[13];
        gradA = t[14];
        gradB = t[15];
    }

    private void windowMeanOfProduct(Tensor x, Tensor y, Tensor out) {
        Elementwise.mul(x, y, product);
        AvgPool3x3.forward(padding, product, out);
    }

    /** grad += 2·self·pooled(d mean of squares) + other·pooled(d mean of the product). */
    private void addMomentTerms(Tensor grad, Tensor self, Tensor other) {
        Elementwise.mul(self, pooledSquares, product);
        Elementwise.axpy(2f, product, grad);
        Elementwise.mul(other, pooledProduct, product);
        Elementwise.addInPlace(grad, product);
    }
}
