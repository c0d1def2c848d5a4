package org.dina.kernels;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.kernels.AvgPool3x3.Padding;
import org.dina.kernels.SsimMap.MomentGrads;
import org.dina.kernels.SsimMap.Moments;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class SsimMapTest {
    /** Moments of real map pairs (values in [0, 1]) or, with {@code raw}, arbitrary values that make SSIM leave [0, 1]. */
    static Moments moments(int n, long seed, boolean raw) {
        Tensor[] m = new Tensor[5];
        if (raw) {
            for (int k = 0; k < 5; k++) m[k] = GradCheck.randomLike(new int[] {n}, seed + k);
            return new Moments(m[0], m[1], m[2], m[3], m[4]);
        }
        SplittableRandom r = new SplittableRandom(seed);
        Tensor a = Tensor.zeros(1, n, 1), b = Tensor.zeros(1, n, 1);
        for (int i = 0; i < n; i++) {
            float v = (float) r.nextDouble();
            a.setFlat(i, v);
            b.setFlat(i, (float) Math.min(1, Math.max(0, v + 0.4 * (r.nextDouble() - 0.5))));
        }
        // one 1 x n plane; zero padding accepts any plane size
        Tensor pa = a.reshape(1, 1, n), pb = b.reshape(1, 1, n);
        Tensor[] inputs = {pa, pb, mul(pa, pa), mul(pb, pb), mul(pa, pb)};
        for (int k = 0; k < 5; k++) {
            m[k] = Tensor.zeros(1, 1, n);
            AvgPool3x3Scalar.forward(Padding.ZERO, inputs[k], m[k]);
            m[k] = m[k].reshape(n);
        }
        return new Moments(m[0], m[1], m[2], m[3], m[4]);
    }

    private static Tensor mul(Tensor x, Tensor y) {
        Tensor out = Tensor.zeros(x.shape());
        Elementwise.mul(x, y, out);
        return out;
    }

    static MomentGrads grads(int n) {
        return new MomentGrads(Tensor.zeros(n), Tensor.zeros(n), Tensor.zeros(n), Tensor.zeros(n));
    }

    @Property(tries = 120)
    void vectorKernelGivesTheScalarTwinsBits(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll boolean raw) {
        Moments m = moments(n, n * 31L + (raw ? 1 : 0), raw);
        Tensor fast = Tensor.zeros(n), ref = Tensor.zeros(n);
        SsimMap.forward(m, fast);
        SsimMapScalar.forward(m, ref);
        assertArrayEquals(ref.toArray(), fast.toArray(), "forward, n = " + n);

        Tensor dSsim = GradCheck.randomLike(new int[] {n}, n);
        MomentGrads gFast = grads(n), gRef = grads(n);
        SsimMap.backward(m, dSsim, gFast);
        SsimMapScalar.backward(m, dSsim, gRef);
        assertArrayEquals(gRef.dMeanA().toArray(), gFast.dMeanA().toArray(), "d mean a");
        assertArrayEquals(gRef.dMeanB().toArray(), gFast.dMeanB().toArray(), "d mean b");
        assertArrayEquals(gRef.dMeanSquares().toArray(), gFast.dMeanSquares().toArray(), "d mean of squares");
        assertArrayEquals(gRef.dMeanAB().toArray(), gFast.dMeanAB().toArray(), "d mean of the product");
    }

    @Test
    void clampedPixelsPassNoGradientAndUnclampedOnesMatchFiniteDifferences() {
        int n = 64;
        Moments m = moments(n, 5, true);
        Tensor s = Tensor.zeros(n);
        SsimMap.forward(m, s);
        Tensor dSsim = Tensor.zeros(n);
        dSsim.fill(1f);
        MomentGrads g = grads(n);
        SsimMap.backward(m, dSsim, g);
        int clamped = 0, checked = 0;
        Tensor[] moments = {m.meanA(), m.meanB(), m.meanAA(), m.meanBB(), m.meanAB()};
        Tensor[] analytic = {g.dMeanA(), g.dMeanB(), g.dMeanSquares(), g.dMeanSquares(), g.dMeanAB()};
        for (int i = 0; i < n; i++) {
            double raw = rawSsim(m, i);
            if (raw < 0 || raw > 1) {
                clamped++;
                for (Tensor a : analytic) assertEquals(0.0, a.getFlat(i), 0.0, "clamped pixel " + i); // -0.0 counts as 0
                continue;
            }
            for (int k = 0; k < 5; k++) {
                float orig = moments[k].getFlat(i);
                double h = 1e-3;
                moments[k].setFlat(i, (float) (orig + h));
                double up = rawSsim(m, i);
                moments[k].setFlat(i, (float) (orig - h));
                double down = rawSsim(m, i);
                moments[k].setFlat(i, orig);
                if (up < 0 || up > 1 || down < 0 || down > 1) continue; // a kink inside the step
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, analytic[k].getFlat(i), 2e-3 + 2e-2 * Math.abs(numeric), "moment " + k + " at " + i);
                checked++;
            }
        }
        assertTrue(clamped > 5 && checked > 20, "raw moments should give both cases: clamped " + clamped + ", checked " + checked);
    }

    /** Unclamped SSIM at pixel i, in double. */
    private static double rawSsim(Moments m, int i) {
        double ma = m.meanA().getFlat(i), mb = m.meanB().getFlat(i);
        double va = m.meanAA().getFlat(i) - ma * ma, vb = m.meanBB().getFlat(i) - mb * mb, cov = m.meanAB().getFlat(i) - ma * mb;
        return (2 * ma * mb + SsimMap.C1) * (2 * cov + SsimMap.C2) / ((ma * ma + mb * mb + SsimMap.C1) * (va + vb + SsimMap.C2));
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        int n = 3 * Elementwise.GRAIN + 17;
        Moments m = moments(n, 9, false);
        Tensor dSsim = GradCheck.randomLike(new int[] {n}, 10);
        float[][] one = KernelChecks.withThreads(1, () -> run(m, dSsim)), two = KernelChecks.withThreads(2, () -> run(m, dSsim));
        for (int k = 0; k < one.length; k++) assertArrayEquals(one[k], two[k], "output " + k);
    }

    private static float[][] run(Moments m, Tensor dSsim) {
        int n = Math.toIntExact(dSsim.numel());
        Tensor s = Tensor.zeros(n);
        SsimMap.forward(m, s);
        MomentGrads g = grads(n);
        SsimMap.backward(m, dSsim, g);
        return new float[][] {s.toArray(), g.dMeanA().toArray(), g.dMeanB().toArray(), g.dMeanSquares().toArray(), g.dMeanAB().toArray()};
    }
}
