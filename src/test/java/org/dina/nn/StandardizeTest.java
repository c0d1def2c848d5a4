package org.dina.nn;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class StandardizeTest {
    @Test
    void rowsComeOutWithMeanZeroAndUnitVariance() {
        Standardize layer = new Standardize("maps", 40);
        Tensor x = GradCheck.randomLike(new int[] {3, 40}, 1);
        for (int i = 0; i < 40; i++) x.setFlat(40 + i, x.getFlat(40 + i) * 7 + 3); // a shifted, stretched row
        Tensor y = layer.forward(x);
        for (int r = 0; r < 3; r++) {
            double s = 0, ss = 0;
            for (int i = 0; i < 40; i++) {
                double v = y.get(r, i);
                s += v;
                ss += v * v;
            }
            assertEquals(0, s / 40, 1e-5, "row " + r + " mean");
            assertEquals(1, ss / 40, 1e-3, "row " + r + " variance");
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        new GradCheck(1e-2, 2e-2, 2e-3, 120).check("Standardize", new Standardize("maps", 24), GradCheck.randomLike(new int[] {4, 24}, 2), null, 3);
    }

    @Test
    void backwardIsRepeatableAndShapesAreChecked() {
        Standardize layer = new Standardize("neural.head.zscore", 16);
        Tensor x = GradCheck.randomLike(new int[] {2, 16}, 4), dy = GradCheck.randomLike(new int[] {2, 16}, 5);
        layer.forward(x);
        float[] first = layer.backward(dy).toArray();
        layer.forward(x);
        assertArrayEquals(first, layer.backward(dy).toArray(), "the discarded scale/shift gradients must not leak into dx");
        var e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(2, 15)));
        assertTrue(e.getMessage().contains("neural.head.zscore") && e.getMessage().contains("[2, 15]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Standardize("x", 1));
    }
}
