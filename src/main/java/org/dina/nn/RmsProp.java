package org.dina.nn;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * RMSprop exactly as PyTorch 1.13's {@code torch.optim.RMSprop} single-tensor implementation computes it in float32,
 * per element:
 * <pre>
 *   g = fma(p, wd, g)                                  // weight decay != 0 only: grad.add(p, alpha=wd)
 *   s = fma((1-alpha) * g, g, s * alpha)               // square_avg.mul_(alpha).addcmul_(g, g, value=1-alpha)
 *   a = fma(g, 1-alpha, a * alpha)                     // centered only: grad_avg.mul_(alpha).add_(g, alpha=1-alpha)
 *   avg = sqrt(centered ? fma(-1 * a, a, s) : s) + eps // eps is added after the square root
 *   b = b * momentum + (1 * g) / avg                   // momentum > 0: buf.mul_(momentum).addcdiv_(g, avg)
 *   p = momentum > 0 ? fma(b, -lr, p) : p + (-lr * g) / avg
 * </pre>
 * Scalars are computed in double as Python does and rounded to float where PyTorch's kernels do; the fused
 * multiply-adds are where GCC-built PyTorch CPU kernels contract {@code a + b * c} (see {@link AdamW}).
 */
public final class RmsProp extends ElementwiseOptimizer {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** Hyperparameters; PyTorch's defaults are {@link #DEFAULTS}. */
    public record Config(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        public static final Config DEFAULTS = new Config(1e-2, 0.99, 1e-8, 0, 0, false);

        public Config {
            if (!(eps >= 0)) throw new IllegalArgumentException("RmsProp: invalid eps " + eps);
            if (!(alpha >= 0)) throw new IllegalArgumentException("RmsProp: invalid alpha " + alpha);
            if (!(momentum >= 0)) throw new IllegalArgumentException("RmsProp: invalid momentum " + momentum);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("RmsProp: invalid weight decay " + weightDecay);
        }

        public Config withLr(double v) { return new Config(v, alpha, eps, weightDecay, momentum, centered); }
        public Config withAlpha(double v) { return new Config(lr, v, eps, weightDecay, momentum, centered); }
        public Config withEps(double v) { return new Config(lr, alpha, v, weightDecay, momentum, centered); }
        public Config withWeightDecay(double v) { return new Config(lr, alpha, eps, v, momentum, centered); }
        public Config withMomentum(double v) { return new Config(lr, alpha, eps, weightDecay, v, centered); }
        public Config withCentered(boolean v) { return new Config(lr, alpha, eps, weightDecay, momentum, v); }
    }

    private final Config config;
    private final Tensor squareAvg;
    private final Tensor gradAvg; // null unless centered
    private final Tensor momentumBuffer; // null unless momentum > 0

    // this step's coefficients, rounded to float as PyTorch rounds a Python scalar for a float tensor
    private float weightDecay, alpha, oneMinusAlpha, eps, momentum, negLr;

    /** Optimizes {@code params} (any contiguous tensor, typically {@link ParameterSet#values()}) from {@code grads}. */
    public RmsProp(Tensor params, Tensor grads, Config config) {
        super("RmsProp", params, grads, config.lr());
        this.config = config;
        this.squareAvg = addBuffer("square_avg");
        this.gradAvg = config.centered() ? addBuffer("grad_avg") : null;
        this.momentumBuffer = config.momentum() > 0 ? addBuffer("momentum_buffer") : null;
    }

    public Config config() { return config; }

    @Override
    void prepare(long step) {
        weightDecay = (float) config.weightDecay();
        alpha = (float) config.alpha();
        oneMinusAlpha = (float) (1 - config.alpha());
        eps = (float) config.eps();
        momentum = (float) config.momentum();
        negLr = (float) -lr();
    }

    @Override
    void updateVector(int from, int to) {
        MemorySegment ps = params.segment(), gs = grads.segment(), ss = squareAvg.segment();
        MemorySegment as = gradAvg == null ? null : gradAvg.segment();
        MemorySegment bs = momentumBuffer == null ? null : momentumBuffer.segment();
        long pOff = params.offset(), gOff = grads.offset();
        boolean decays = config.weightDecay() != 0;
        FloatVector vWd = FloatVector.broadcast(S, weightDecay);
        FloatVector vAlpha = FloatVector.broadcast(S, alpha), vOneMinusAlpha = FloatVector.broadcast(S, oneMinusAlpha);
        FloatVector vMinusOne = FloatVector.broadcast(S, -1f), vOne = FloatVector.broadcast(S, 1f);
        FloatVector vEps = FloatVector.broadcast(S, eps), vMomentum = FloatVector.broadcast(S, momentum);
        FloatVector vNegLr = FloatVector.broadcast(S, negLr);
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            long pb = (pOff + i) * Float.BYTES, gb = (gOff + i) * Float.BYTES, sb = (long) i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, ps, pb, LE);
            FloatVector g = FloatVector.fromMemorySegment(S, gs, gb, LE);
            if (decays) g = p.fma(vWd, g);
            FloatVector s = vOneMinusAlpha.mul(g).fma(g, FloatVector.fromMemorySegment(S, ss, sb, LE).mul(vAlpha));
            s.intoMemorySegment(ss, sb, LE);
            FloatVector avg;
            if (as != null) {
                FloatVector a = g.fma(vOneMinusAlpha, FloatVector.fromMemorySegment(S, as, sb, LE).mul(vAlpha));
                a.intoMemorySegment(as, sb, LE);
                avg = vMinusOne.mul(a).fma(a, s).sqrt();
            } else {
                avg = s.sqrt();
            }
            avg = avg.add(vEps);
            if (bs != null) {
                FloatVector b = FloatVector.fromMemorySegment(S, bs, sb, LE).mul(vMomentum).add(vOne.mul(g).div(avg));
                b.intoMemorySegment(bs, sb, LE);
                p = b.fma(vNegLr, p);
            } else {
                p = p.add(vNegLr.mul(g).div(avg));
            }
            p.intoMemorySegment(ps, pb, LE);
        }
        if (i < to) updateScalar(i, to);
    }

    @Override
    void updateScalar(int from, int to) {
        MemorySegment ps = params.segment(), gs = grads.segment(), ss = squareAvg.segment();
        MemorySegment as = gradAvg == null ? null : gradAvg.segment();
        MemorySegment bs = momentumBuffer == null ? null : momentumBuffer.segment();
        long pOff = params.offset(), gOff = grads.offset();
        boolean decays = config.weightDecay() != 0;
        for (int i = from; i < to; i++) {
            float p = ps.getAtIndex(Tensor.FLOAT, pOff + i);
            float g = gs.getAtIndex(Tensor.FLOAT, gOff + i);
            if (decays) g = Math.fma(p, weightDecay, g);
            float s = Math.fma(oneMinusAlpha * g, g, ss.getAtIndex(Tensor.FLOAT, i) * alpha);
            ss.setAtIndex(Tensor.FLOAT, i, s);
            float avg;
            if (as != null) {
                float a = Math.fma(g, oneMinusAlpha, as.getAtIndex(Tensor.FLOAT, i) * alpha);
                as.setAtIndex(Tensor.FLOAT, i, a);
                avg = (float) Math.sqrt(Math.fma(-1f * a, a, s));
            } else {
                avg = (float) Math.sqrt(s);
            }
            avg = avg + eps;
            if (bs != null) {
                float b = bs.getAtIndex(Tensor.FLOAT, i) * momentum + 1f * g / avg;
                bs.setAtIndex(Tensor.FLOAT, i, b);
                p = Math.fma(b, negLr, p);
            } else {
                p = p + negLr * g / avg;
            }
            ps.setAtIndex(Tensor.FLOAT, pOff + i, p);
        }
    }
}
