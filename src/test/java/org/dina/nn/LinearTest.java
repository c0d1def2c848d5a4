package org.dina.nn;

import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class LinearTest {
    @Test
    void backwardMatchesFiniteDifferences() {
        ParameterSet ps = new ParameterSet();
        Linear l = new Linear(ps, "fc", 7, 5, true);
        ps.allocate(1);
        Tensor x = GradCheck.randomLike(new int[] {2, 3, 7}, 2);
        GradCheck.standard().check("Linear", l, x, ps, 3);
    }
}
