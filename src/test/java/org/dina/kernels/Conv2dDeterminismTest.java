package org.dina.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.dina.kernels.Conv2d.Spec;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Conv2d gives bit-identical forward and backward results with 1 and 2 threads, and rejects bad shapes by name. */
class Conv2dDeterminismTest {
    private final int defaultThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(defaultThreads);
    }

    @Test
    void generalGroupedStrided() { checkThreadInvariance(new Spec(6, 8, 3, 2, 2, 1, 1, 0, 2), 5, 13, 17); }

    @Test
    void patchEmbedding() { checkThreadInvariance(Spec.of(1, 16, 4, 4, 0, 1), 3, 20, 36); }

    @Test
    void pointwise() { checkThreadInvariance(Spec.of(16, 40, 1, 1, 0, 1), 4, 9, 11); }

    @Test
    void pointwiseGroupedOverUnevenSampleGroups() { checkThreadInvariance(new Spec(12, 18, 1, 1, 1, 1, 0, 0, 3), 2 * Conv2d.SAMPLE_GROUPS + 3, 5, 7); }

    @Test
    void pointwiseSingleSample() { checkThreadInvariance(Spec.of(24, 48, 1, 1, 0, 1), 1, 8, 33); }

    @Test
    void depthwise3x3() { checkThreadInvariance(Spec.of(12, 12, 3, 1, 1, 12), 3, 17, 35); }

    @Test
    void depthwise5x5() { checkThreadInvariance(Spec.of(6, 6, 5, 1, 2, 6), 2, 9, 21); }

    private static void checkThreadInvariance(Spec s, int n, int h, int w) {
        float[][] one = runAll(s, n, h, w, 1), two = runAll(s, n, h, w, 2);
        for (int i = 0; i < one.length; i++) assertArrayEquals(bits(one[i]), bits(two[i]), s + " output " + i);
    }

    private static float[][] runAll(Spec s, int n, int h, int w, int threads) {
        Parallel.setThreads(threads);
        Tensor x = GradCheck.randomLike(new int[] {n, s.cin(), h, w}, 1);
        Tensor wt = GradCheck.randomLike(s.weightShape(), 2);
        Tensor b = GradCheck.randomLike(new int[] {s.cout()}, 3);
        Tensor y = Tensor.zeros(s.outputShape(n, h, w));
        Tensor dy = GradCheck.randomLike(y.shape(), 4);
        Tensor dx = Tensor.zeros(x.shape()), dw = Tensor.zeros(wt.shape()), db = Tensor.zeros(s.cout());
        Conv2d.forward(s, x, wt, b, y);
        Conv2d.backwardInput(s, dy, wt, dx);
        Conv2d.backwardWeight(s, x, dy, dw, db);
        return new float[][] {y.toArray(), dx.toArray(), dw.toArray(), db.toArray()};
    }

    private static int[] bits(float[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) r[i] = Float.floatToRawIntBits(v[i]);
        return r;
    }

    @Test
    void shapeErrorsNameBothShapes() {
        Spec s = Spec.of(4, 8, 3, 1, 1, 2);
        Tensor x = Tensor.zeros(2, 4, 5, 5), w = Tensor.zeros(s.weightShape());
        Function<Tensor, String> msg = y -> assertThrows(IllegalArgumentException.class,
                () -> Conv2d.forward(s, x, w, null, y)).getMessage();
        String m = msg.apply(Tensor.zeros(2, 8, 4, 5));
        assertTrue(m.contains("[2, 8, 5, 5]") && m.contains("[2, 8, 4, 5]"), m);
        String m2 = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.forward(s, Tensor.zeros(2, 3, 5, 5), w, null, Tensor.zeros(2, 8, 5, 5))).getMessage();
        assertTrue(m2.contains("[2, 3, 5, 5]") && m2.contains("[N, 4, H, W]"), m2);
        assertThrows(IllegalArgumentException.class, () -> Spec.of(4, 6, 3, 1, 1, 4));
    }
}
