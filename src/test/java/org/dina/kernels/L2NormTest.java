package org.dina.kernels;

import static org.junit.jupiter.api.Assertions.*;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class L2NormTest {
    @Property(tries = 150)
    void optimisedMatchesScalarTwin(@ForAll @IntRange(min = 1, max = 5) int rows, @ForAll @IntRange(min = 1, max = 150) int cols) {
        Tensor x = GradCheck.randomLike(new int[] {rows, cols}, rows * 31L + cols);
        Tensor fast = Tensor.zeros(rows, cols), ref = Tensor.zeros(rows, cols);
        float[] nFast = new float[rows], nRef = new float[rows];
        L2Norm.forward(x, fast, L2Norm.DEFAULT_EPS, nFast);
        L2NormScalar.forward(x, ref, L2Norm.DEFAULT_EPS, nRef);
        ResizeTest.assertClose("norms", nRef, nFast, 1e-6);
        ResizeTest.assertClose("forward", ref.toArray(), fast.toArray(), 1e-6);

        Tensor dy = GradCheck.randomLike(new int[] {rows, cols}, cols);
        Tensor dxFast = Tensor.zeros(rows, cols), dxRef = Tensor.zeros(rows, cols);
        L2Norm.backward(fast, dy, dxFast, L2Norm.DEFAULT_EPS, nFast);
        L2NormScalar.backward(ref, dy, dxRef, L2Norm.DEFAULT_EPS, nRef);
        float[] e = dxRef.toArray(), a = dxFast.toArray();
        for (int i = 0; i < e.length; i++) {
            // terms are O(|dy| / norm); the sum over a row adds O(cols) rounding steps
            assertEquals(e[i], a[i], 1e-6 * (1 + Math.sqrt(cols)) / nRef[i / cols], "dx[" + i + "]");
        }
    }

    @Test
    void normsBelowEpsAreClampedAndPassNoGradientThroughTheNorm() {
        Tensor x = Tensor.of(new float[] {3e-13f, -4e-13f, 0f, 0f}, 2, 2), y = Tensor.zeros(2, 2);
        float[] norms = new float[2];
        L2Norm.forward(x, y, 1e-12f, norms);
        assertEquals(5e-13f, norms[0], 1e-19f);
        assertEquals(0.3f, y.getFlat(0), 1e-6f);
        assertEquals(0f, y.getFlat(2));
        Tensor dy = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), dx = Tensor.zeros(2, 2);
        L2Norm.backward(y, dy, dx, 1e-12f, norms);
        float[] d = dx.toArray();
        for (int i = 0; i < 4; i++) assertEquals(dy.getFlat(i) / 1e-12f, d[i], Math.ulp(d[i]) * 2, "dx[" + i + "]");
    }

    @Test
    void unitRowsAndOrthogonalGradient() {
        Tensor x = GradCheck.randomLike(new int[] {3, 1024}, 2), y = Tensor.zeros(3, 1024);
        float[] norms = new float[3];
        L2Norm.forward(x, y, L2Norm.DEFAULT_EPS, norms);
        Tensor dy = GradCheck.randomLike(new int[] {3, 1024}, 3), dx = Tensor.zeros(3, 1024);
        L2Norm.backward(y, dy, dx, L2Norm.DEFAULT_EPS, norms);
        for (int r = 0; r < 3; r++) {
            double nn = 0, dot = 0;
            for (int i = 0; i < 1024; i++) {
                nn += y.get(r, i) * (double) y.get(r, i);
                dot += y.get(r, i) * (double) dx.get(r, i);
            }
            assertEquals(1.0, nn, 1e-5);
            // scaling x does not change y, so dx has no component along x
            assertEquals(0.0, dot, 1e-5);
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        Tensor x = GradCheck.randomLike(new int[] {64, 1024}, 8), dy = GradCheck.randomLike(x.shape(), 9);
        float[][] one = KernelChecks.withThreads(1, () -> run(x, dy)), two = KernelChecks.withThreads(2, () -> run(x, dy));
        assertArrayEquals(one[0], two[0], "forward");
        assertArrayEquals(one[1], two[1], "backward");
    }

    private static float[][] run(Tensor x, Tensor dy) {
        float[] norms = new float[x.dim(0)];
        Tensor y = Tensor.zeros(x.shape()), dx = Tensor.zeros(x.shape());
        L2Norm.forward(x, y, L2Norm.DEFAULT_EPS, norms);
        L2Norm.backward(y, dy, dx, L2Norm.DEFAULT_EPS, norms);
        return new float[][] {y.toArray(), dx.toArray()};
    }
}
