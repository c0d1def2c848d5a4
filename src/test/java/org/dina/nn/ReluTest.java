package org.dina.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class ReluTest {
    @Test
    void backwardMatchesFiniteDifferences() {
        // keep inputs at least 0.1 away from the kink so that central differences with h = 0.01 are exact
        Tensor x = GradCheck.randomLike(new int[] {3, 17}, 41);
        for (int i = 0; i < x.numel(); i++) {
            float v = x.getFlat(i);
            x.setFlat(i, v + Math.signum(v) * 0.1f);
        }
        GradCheck.standard().check("Relu", new Relu("act"), x, null, 42);
    }

    @Test
    void checksShapes() {
        Relu relu = new Relu("head.act");
        relu.forward(Tensor.zeros(4));
        var e = assertThrows(IllegalArgumentException.class, () -> relu.backward(Tensor.zeros(5)));
        assertTrue(e.getMessage().contains("head.act"), e.getMessage());
    }
}
