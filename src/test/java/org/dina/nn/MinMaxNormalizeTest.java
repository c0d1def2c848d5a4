package org.dina.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.dina.kernels.Resize;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.dina.testing.Golden;
import org.junit.jupiter.api.Test;

class MinMaxNormalizeTest {
    /** Distinct values 0.05 apart, shuffled, so that a finite-difference step never changes which is min or max. */
    static Tensor noTies(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        int rows = shape[0], cols = (int) (t.numel() / rows);
        SplittableRandom r = new SplittableRandom(seed);
        for (int row = 0; row < rows; row++) {
            int[] perm = new int[cols];
            for (int i = 0; i < cols; i++) perm[i] = i;
            for (int i = cols - 1; i > 0; i--) {
                int j = r.nextInt(i + 1), tmp = perm[i];
                perm[i] = perm[j];
                perm[j] = tmp;
            }
            for (int i = 0; i < cols; i++) t.setFlat((long) row * cols + i, (float) (perm[i] * 0.05 - 1 + r.nextDouble() * 0.01));
        }
        return t;
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        new GradCheck(1e-2, 1e-2, 1e-4, 200).check("MinMaxNormalize", new MinMaxNormalize(), noTies(1, 3, 1, 4, 9), null, 2);
        new GradCheck(1e-2, 1e-2, 1e-4, 200).check("MinMaxNormalize eps", new MinMaxNormalize(0.5f), noTies(2, 2, 17), null, 3);
        new GradCheck(1e-2, 1e-2, 1e-4, 200).check("MinMaxNormalize 2 values", new MinMaxNormalize(), noTies(3, 4, 2), null, 4);
    }

    @Test
    void theTowerHeadMatchesPyTorch() {
        // bilinear 8x32 -> 16x64, then per-sample min-max: the end of both towers
        Golden g = Golden.load("resize_head_minmax");
        Tensor x = g.tensor("x"), w = g.tensor("w");
        ResizeLayer resize = new ResizeLayer("head.resize", Resize.Mode.BILINEAR, 16, 64);
        MinMaxNormalize norm = new MinMaxNormalize("head.minmax", 1e-8f);
        Tensor y = norm.forward(resize.forward(x));
        Golden.assertClose("head y", g.tensor("y"), y, 1e-5, 1e-6);
        Tensor dx = resize.backward(norm.backward(w));
        Golden.assertClose("head dx", g.tensor("dx"), dx, 1e-5, 1e-5);
    }

    @Test
    void checksShapesAndReusesBuffers() {
        MinMaxNormalize layer = new MinMaxNormalize("neural.minmax", 1e-8f);
        Tensor x = noTies(4, 2, 1, 16, 64);
        Tensor y = layer.forward(x);
        assertSame(y, layer.forward(x));
        var e = assertThrows(IllegalArgumentException.class, () -> layer.backward(Tensor.zeros(2, 1024)));
        assertTrue(e.getMessage().contains("neural.minmax") && e.getMessage().contains("[2, 1024]") && e.getMessage().contains("[2, 1, 16, 64]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(5)));
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : y.toArray()) { min = Math.min(min, v); max = Math.max(max, v); }
        assertEquals(0f, min);
        assertEquals(1f, max, 1e-6f);
    }
}
