package org.dina.kernels;

import static org.junit.jupiter.api.Assertions.*;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class MinMaxTest {
    @Property(tries = 150)
    void optimisedMatchesScalarTwin(@ForAll @IntRange(min = 1, max = 5) int rows, @ForAll @IntRange(min = 1, max = 150) int cols,
                                    @ForAll @IntRange(min = 0, max = 2) int ties) {
        Tensor x = GradCheck.randomLike(new int[] {rows, cols}, rows * 1009L + cols);
        // some rows with repeated values, to exercise first-occurrence ties
        if (ties > 0) for (int i = 0; i < x.numel(); i++) x.setFlat(i, Math.round(x.getFlat(i) * ties * 2) / 4f);
        Tensor fast = Tensor.zeros(rows, cols), ref = Tensor.zeros(rows, cols);
        int[] aMin = new int[rows], aMax = new int[rows], rMin = new int[rows], rMax = new int[rows];
        MinMax.forward(x, fast, MinMax.DEFAULT_EPS, aMin, aMax);
        MinMaxScalar.forward(x, ref, MinMax.DEFAULT_EPS, rMin, rMax);
        assertArrayEquals(ref.toArray(), fast.toArray(), "forward");
        assertArrayEquals(rMin, aMin, "argmin");
        assertArrayEquals(rMax, aMax, "argmax");

        Tensor dy = GradCheck.randomLike(new int[] {rows, cols}, cols);
        Tensor dxFast = Tensor.zeros(rows, cols), dxRef = Tensor.zeros(rows, cols);
        MinMax.backward(x, fast, dy, dxFast, MinMax.DEFAULT_EPS, aMin, aMax);
        MinMaxScalar.backward(x, ref, dy, dxRef, MinMax.DEFAULT_EPS, rMin, rMax);
        // the two sum in different orders; scale the tolerance by the size of the sums
        float[] e = dxRef.toArray(), a = dxFast.toArray();
        for (int r = 0; r < rows; r++) {
            double range = x.getFlat((long) r * cols + rMax[r]) - x.getFlat((long) r * cols + rMin[r]) + MinMax.DEFAULT_EPS;
            double scale = cols / range;
            for (int i = r * cols; i < (r + 1) * cols; i++) {
                assertEquals(e[i], a[i], 1e-6 * scale, "dx[" + i + "]");
            }
        }
    }

    @Test
    void tiesSendTheGradientToTheFirstOccurrence() {
        Tensor x = Tensor.of(new float[] {3, 1, 1, 3, 2}, 1, 5), y = Tensor.zeros(1, 5);
        int[] aMin = new int[1], aMax = new int[1];
        MinMax.forward(x, y, 0f, aMin, aMax);
        assertEquals(1, aMin[0]);
        assertEquals(0, aMax[0]);
        assertArrayEquals(new float[] {1, 0, 0, 1, 0.5f}, y.toArray());
        Tensor dy = Tensor.of(new float[] {0, 0, 0, 0, 1}, 1, 5), dx = Tensor.zeros(1, 5);
        MinMax.backward(x, y, dy, dx, 0f, aMin, aMax);
        // y4 = (x4 - min) / (max - min): dy4/dx4 = 1/2, dy4/dmin = -1/4, dy4/dmax = -1/4
        assertArrayEquals(new float[] {-0.25f, -0.25f, 0, 0, 0.5f}, dx.toArray());
    }

    @Test
    void constantRowsGiveZerosNotNaN() {
        Tensor x = Tensor.zeros(2, 7), y = Tensor.zeros(2, 7);
        x.fill(4f);
        MinMax.forward(x, y, MinMax.DEFAULT_EPS, new int[2], new int[2]);
        for (float v : y.toArray()) assertEquals(0f, v);
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        Tensor x = GradCheck.randomLike(new int[] {64, 1, 16, 64}, 8), dy = GradCheck.randomLike(x.shape(), 9);
        float[][] one = KernelChecks.withThreads(1, () -> run(x, dy)), two = KernelChecks.withThreads(2, () -> run(x, dy));
        assertArrayEquals(one[0], two[0], "forward");
        assertArrayEquals(one[1], two[1], "backward");
    }

    private static float[][] run(Tensor x, Tensor dy) {
        int n = x.dim(0);
        int[] aMin = new int[n], aMax = new int[n];
        Tensor y = Tensor.zeros(x.shape()), dx = Tensor.zeros(x.shape());
        MinMax.forward(x, y, MinMax.DEFAULT_EPS, aMin, aMax);
        MinMax.backward(x, y, dy, dx, MinMax.DEFAULT_EPS, aMin, aMax);
        return new float[][] {y.toArray(), dx.toArray()};
    }
}
