package org.dina.nn;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * Adam with decoupled weight decay, exactly as PyTorch 1.13's {@code torch.optim.AdamW} single-tensor (for-loop)
 * implementation computes it in float32, per element:
 * <pre>
 *   p = p * (1 - lr*wd)
 *   m = fma(g, 1-beta1, m * beta1)                       // exp_avg.mul_(beta1).add_(g, alpha=1-beta1)
 *   v = fma((1-beta2) * g, g, v * beta2)                 // exp_avg_sq.mul_(beta2).addcmul_(g, g, value=1-beta2)
 *   vmax = max(vmax, v)                                  // amsgrad only; then used in place of v
 *   denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 *   p = p + (-(lr / (1 - beta1^t)) * m) / denom          // addcdiv_(m, denom, value=-step_size)
 * </pre>
 * Scalars are computed in double as Python does and rounded to float where PyTorch's kernels do. PyTorch's CPU
 * kernels (built by GCC, which contracts {@code a + b * c}) fuse the last multiply-add of {@code add_} with alpha and
 * of {@code addcmul_} into one FMA; so does this class, which is why it agrees with PyTorch bit for bit.
 */
public final class AdamW extends ElementwiseOptimizer {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** Hyperparameters; PyTorch's defaults are {@link #DEFAULTS}. */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        public static final Config DEFAULTS = new Config(1e-3, 0.9, 0.999, 1e-8, 1e-2, false);

        public Config {
            if (!(eps >= 0)) throw new IllegalArgumentException("AdamW: invalid eps " + eps);
            if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("AdamW: invalid beta1 " + beta1);
            if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("AdamW: invalid beta2 " + beta2);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("AdamW: invalid weight decay " + weightDecay);
        }

        public Config withLr(double v) { return new Config(v, beta1, beta2, eps, weightDecay, amsgrad); }
        public Config withBetas(double b1, double b2) { return new Config(lr, b1, b2, eps, weightDecay, amsgrad); }
        public Config withEps(double v) { return new Config(lr, beta1, beta2, v, weightDecay, amsgrad); }
        public Config withWeightDecay(double v) { return new Config(lr, beta1, beta2, eps, v, amsgrad); }
        public Config withAmsgrad(boolean v) { return new Config(lr, beta1, beta2, eps, weightDecay, v); }
    }

    private final Config config;
    private final Tensor expAvg;
    private final Tensor expAvgSq;
    private final Tensor maxExpAvgSq; // null unless amsgrad

    // this step's coefficients, rounded to float as PyTorch rounds a Python scalar for a float tensor
    private float decay, beta1, oneMinusBeta1, beta2, oneMinusBeta2, biasCorrection2Sqrt, eps, negStepSize;

    /** Optimizes {@code params} (any contiguous tensor, typically {@link ParameterSet#values()}) from {@code grads}. */
    public AdamW(Tensor params, Tensor grads, Config config) {
        super("AdamW", params, grads, config.lr());
        this.config = config;
        this.expAvg = addBuffer("exp_avg");
        this.expAvgSq = addBuffer("exp_avg_sq");
        this.maxExpAvgSq = config.amsgrad() ? addBuffer("max_exp_avg_sq") : null;
    }

    public Config config() { return config; }

    @Override
    void prepare(long step) {
        double lr = lr();
        double bc1 = 1 - Math.pow(config.beta1(), step);
        double bc2 = 1 - Math.pow(config.beta2(), step);
        decay = (float) (1 - lr * config.weightDecay());
        beta1 = (float) config.beta1();
        oneMinusBeta1 = (float) (1 - config.beta1());
        beta2 = (float) config.beta2();
        oneMinusBeta2 = (float) (1 - config.beta2());
        biasCorrection2Sqrt = (float) Math.sqrt(bc2);
        eps = (float) config.eps();
        negStepSize = (float) -(lr / bc1);
    }

    @Override
    void updateVector(int from, int to) {
        MemorySegment ps = params.segment(), gs = grads.segment();
        MemorySegment ms = expAvg.segment(), vs = expAvgSq.segment();
        MemorySegment xs = maxExpAvgSq == null ? null : maxExpAvgSq.segment();
        long pOff = params.offset(), gOff = grads.offset();
        FloatVector vDecay = FloatVector.broadcast(S, decay);
        FloatVector vBeta1 = FloatVector.broadcast(S, beta1), vOneMinusBeta1 = FloatVector.broadcast(S, oneMinusBeta1);
        FloatVector vBeta2 = FloatVector.broadcast(S, beta2), vOneMinusBeta2 = FloatVector.broadcast(S, oneMinusBeta2);
        FloatVector vBc2 = FloatVector.broadcast(S, biasCorrection2Sqrt), vEps = FloatVector.broadcast(S, eps);
        FloatVector vNegStep = FloatVector.broadcast(S, negStepSize);
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            long pb = (pOff + i) * Float.BYTES, gb = (gOff + i) * Float.BYTES, sb = (long) i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, ps, pb, LE).mul(vDecay);
            FloatVector g = FloatVector.fromMemorySegment(S, gs, gb, LE);
            FloatVector m = g.fma(vOneMinusBeta1, FloatVector.fromMemorySegment(S, ms, sb, LE).mul(vBeta1));
            FloatVector v = vOneMinusBeta2.mul(g).fma(g, FloatVector.fromMemorySegment(S, vs, sb, LE).mul(vBeta2));
            m.intoMemorySegment(ms, sb, LE);
            v.intoMemorySegment(vs, sb, LE);
            if (xs != null) {
                v = FloatVector.fromMemorySegment(S, xs, sb, LE).max(v);
                v.intoMemorySegment(xs, sb, LE);
            }
            FloatVector denom = v.sqrt().div(vBc2).add(vEps);
            p.add(vNegStep.mul(m).div(denom)).intoMemorySegment(ps, pb, LE);
        }
        if (i < to) updateScalar(i, to);
    }

    @Override
    void updateScalar(int from, int to) {
        MemorySegment ps = params.segment(), gs = grads.segment();
        MemorySegment ms = expAvg.segment(), vs = expAvgSq.segment();
        MemorySegment xs = maxExpAvgSq == null ? null : maxExpAvgSq.segment();
        long pOff = params.offset(), gOff = grads.offset();
        for (int i = from; i < to; i++) {
            float p = ps.getAtIndex(Tensor.FLOAT, pOff + i) * decay;
            float g = gs.getAtIndex(Tensor.FLOAT, gOff + i);
            float m = Math.fma(g, oneMinusBeta1, ms.getAtIndex(Tensor.FLOAT, i) * beta1);
            float v = Math.fma(oneMinusBeta2 * g, g, vs.getAtIndex(Tensor.FLOAT, i) * beta2);
            ms.setAtIndex(Tensor.FLOAT, i, m);
            vs.setAtIndex(Tensor.FLOAT, i, v);
            if (xs != null) {
                v = Math.max(xs.getAtIndex(Tensor.FLOAT, i), v);
                xs.setAtIndex(Tensor.FLOAT, i, v);
            }
            float denom = (float) Math.sqrt(v) / biasCorrection2Sqrt + eps;
            ps.setAtIndex(Tensor.FLOAT, pOff + i, p + negStepSize * m / denom);
        }
    }
}
