package org.dina.nn;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.dina.testing.Golden;
import org.junit.jupiter.api.Test;

class L2NormalizeTest {
    @Test
    void backwardMatchesFiniteDifferences() {
        new GradCheck(1e-2, 1e-2, 1e-4, 200).check("L2Normalize", new L2Normalize(), GradCheck.randomLike(new int[] {3, 1, 4, 5}, 1), null, 2);
        new GradCheck(1e-3, 1e-2, 1e-3, 200).check("L2Normalize 1 value", new L2Normalize(), GradCheck.randomLike(new int[] {4, 1}, 3), null, 4);
    }

    @Test
    void matchesFNormalize() {
        Golden g = Golden.load("l2norm");
        L2Normalize layer = new L2Normalize();
        Tensor y = layer.forward(g.tensor("x"));
        Golden.assertClose("l2norm y", g.tensor("y"), y, 1e-5, 1e-7);
        Golden.assertClose("l2norm dx", g.tensor("dx"), layer.backward(g.tensor("w")), 1e-5, 1e-6);
    }

    @Test
    void checksShapes() {
        L2Normalize layer = new L2Normalize("z_img", 1e-12f);
        layer.forward(Tensor.zeros(4, 1024));
        var e = assertThrows(IllegalArgumentException.class, () -> layer.backward(Tensor.zeros(4, 1, 16, 64)));
        assertTrue(e.getMessage().contains("z_img") && e.getMessage().contains("[4, 1024]") && e.getMessage().contains("[4, 1, 16, 64]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new L2Normalize(0f));
    }
}
