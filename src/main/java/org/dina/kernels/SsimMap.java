package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * The per-pixel SSIM formula and its gradient, from the five local moments of two maps: the window means of a and
 * b and of a², b² and a·b (computed by {@link AvgPool3x3}). With var = E[x²] − mean² and cov = E[ab] − mean_a·mean_b,
 * <pre>s = (2·μa·μb + C1)(2·cov + C2) / ((μa² + μb² + C1)(var_a + var_b + C2)),</pre>
 * clamped to [0, 1] as the DINA reference does. The operations run in the order PyTorch's expression evaluates
 * them, in float32. The gradient is zero where the clamp is active (PyTorch's clamp passes it only inside
 * [0, 1], bounds included). {@link SsimMapScalar} is the scalar twin; both give the same bits.
 */
public final class SsimMap {
    /** PyTorch computes 0.01 ** 2 in double and rounds it once to float32 when it meets a float tensor. */
    public static final float C1 = (float) (0.01 * 0.01);
    public static final float C2 = (float) (0.03 * 0.03);
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private SsimMap() {}

    /** The five window moments of a pair of maps, all of the same shape. */
    public record Moments(Tensor meanA, Tensor meanB, Tensor meanAA, Tensor meanBB, Tensor meanAB) {
        int size(String where, Tensor... others) {
            long n = meanA.numel();
            for (Tensor t : new Tensor[] {meanB, meanAA, meanBB, meanAB}) require(where, t, n);
            for (Tensor t : others) require(where, t, n);
            return Math.toIntExact(n);
        }

        private static void require(String where, Tensor t, long n) {
            if (t.numel() != n || !t.isContiguous()) {
                throw new IllegalArgumentException(where + ": every tensor must be contiguous with " + n + " elements, got " + t.shapeString());
            }
        }
    }

    /** The moments' partial derivatives of a loss; {@code dMeanSquares} is that of both E[a²] and E[b²] (they are equal). */
    public record MomentGrads(Tensor dMeanA, Tensor dMeanB, Tensor dMeanSquares, Tensor dMeanAB) {}

    /** ssim = the clamped per-pixel SSIM. */
    public static void forward(Moments m, Tensor ssim) {
        int n = m.size("SsimMap.forward", ssim);
        Parallel.forRange(n, Elementwise.GRAIN, (from, to) -> forwardRange(m, ssim, from, to));
    }

    /** Given d loss / d ssim per pixel, writes d loss / d moment for every moment (overwriting {@code out}). */
    public static void backward(Moments m, Tensor dSsim, MomentGrads out) {
        int n = m.size("SsimMap.backward", dSsim, out.dMeanA(), out.dMeanB(), out.dMeanSquares(), out.dMeanAB());
        Parallel.forRange(n, Elementwise.GRAIN, (from, to) -> backwardRange(m, dSsim, out, from, to));
    }

    // forwardRange and backwardRange both spell out the four factors: a helper cannot hand several vectors back
    // without boxing them, and one loop serving both directions grew past what C2 inlines (measured: 3 MB of boxed
    // vectors per 128-map backward)
    private static void forwardRange(Moments m, Tensor ssim, int from, int to) {
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            FloatVector meanA = load(m.meanA(), i), meanB = load(m.meanB(), i);
            FloatVector varA = load(m.meanAA(), i).sub(meanA.mul(meanA));
            FloatVector varB = load(m.meanBB(), i).sub(meanB.mul(meanB));
            FloatVector cov = load(m.meanAB(), i).sub(meanA.mul(meanB));
            FloatVector num1 = meanA.mul(2f).mul(meanB).add(C1), num2 = cov.mul(2f).add(C2);
            FloatVector den1 = meanA.mul(meanA).add(meanB.mul(meanB)).add(C1), den2 = varA.add(varB).add(C2);
            store(num1.mul(num2).div(den1.mul(den2)).max(0f).min(1f), ssim, i);
        }
        for (; i < to; i++) SsimMapScalar.pixel(m, ssim, null, null, i);
    }

    private static void backwardRange(Moments m, Tensor dSsim, MomentGrads out, int from, int to) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        // stores go straight to intoMemorySegment (always inlined): through a helper, this large loop body hits
        // C2's inlining node limit and the vectors get boxed on the heap
        MemorySegment gA = out.dMeanA().segment(), gB = out.dMeanB().segment(), gSq = out.dMeanSquares().segment(), gAB = out.dMeanAB().segment();
        long oA = out.dMeanA().offset() * 4L, oB = out.dMeanB().offset() * 4L, oSq = out.dMeanSquares().offset() * 4L, oAB = out.dMeanAB().offset() * 4L;
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            FloatVector meanA = load(m.meanA(), i), meanB = load(m.meanB(), i);
            FloatVector varA = load(m.meanAA(), i).sub(meanA.mul(meanA));
            FloatVector varB = load(m.meanBB(), i).sub(meanB.mul(meanB));
            FloatVector cov = load(m.meanAB(), i).sub(meanA.mul(meanB));
            FloatVector num1 = meanA.mul(2f).mul(meanB).add(C1), num2 = cov.mul(2f).add(C2);
            FloatVector den1 = meanA.mul(meanA).add(meanB.mul(meanB)).add(C1), den2 = varA.add(varB).add(C2);
            FloatVector s = num1.mul(num2).div(den1.mul(den2));
            // the clamp passes the gradient only for s in [0, 1]
            VectorMask<Float> inside = s.compare(VectorOperators.GE, zero).and(s.compare(VectorOperators.LE, one));
            FloatVector g = zero.blend(load(dSsim, i), inside);
            FloatVector inv = one.div(den1.mul(den2));
            FloatVector dNum1 = g.mul(num2).mul(inv), dNum2 = g.mul(num1).mul(inv);
            FloatVector dDen1 = g.mul(s).div(den1).neg(), dDen2 = g.mul(s).div(den2).neg();
            FloatVector dNumDiff = dNum1.sub(dNum2), dDenDiff = dDen1.sub(dDen2);
            long at = i * 4L;
            meanB.mul(dNumDiff).add(meanA.mul(dDenDiff)).mul(2f).intoMemorySegment(gA, oA + at, LE);
            meanA.mul(dNumDiff).add(meanB.mul(dDenDiff)).mul(2f).intoMemorySegment(gB, oB + at, LE);
            dDen2.intoMemorySegment(gSq, oSq + at, LE);
            dNum2.mul(2f).intoMemorySegment(gAB, oAB + at, LE);
        }
        for (; i < to; i++) SsimMapScalar.pixel(m, null, dSsim, out, i);
    }

    private static FloatVector load(Tensor t, int i) {
        return FloatVector.fromMemorySegment(S, t.segment(), (t.offset() + i) * 4L, LE);
    }

    private static void store(FloatVector v, Tensor t, int i) {
        v.intoMemorySegment(t.segment(), (t.offset() + i) * 4L, LE);
    }
}
