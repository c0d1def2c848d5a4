package org.dina.eval.baselines;

import static org.junit.jupiter.api.Assertions.*;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class L2RowsTest {
    @Property(tries = 50)
    void backwardMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 9) int rows, @ForAll @IntRange(min = 1, max = 17) int dims,
                                          @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Tensor x = GradCheck.randomLike(new int[] {rows, dims}, seed);
        // keep rows away from zero length, where the map is not differentiable
        for (int r = 0; r < rows; r++) x.setFlat((long) r * dims, x.getFlat((long) r * dims) + 2f);
        GradCheck.standard().check("L2Rows", new L2Rows("test"), x, null, seed + 1);
    }

    @Test
    void rowsComeOutWithUnitLength() {
        Tensor y = new L2Rows("t").forward(Tensor.of(new float[] {3, 4, 0, 0, 0, 5}, 2, 3));
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 0, 0, 1}, y.toArray(), 1e-7f);
    }

    @Test
    void aZeroRowStaysZeroInsteadOfNaN() {
        L2Rows l = new L2Rows("t");
        Tensor y = l.forward(Tensor.zeros(1, 4));
        assertArrayEquals(new float[4], y.toArray());
        for (float v : l.backward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 4)).toArray()) assertTrue(Float.isFinite(v));
    }

    @Test
    void sameBitsOnOneOrTwoThreads() {
        Tensor x = GradCheck.randomLike(new int[] {300, 33}, 4), g = GradCheck.randomLike(new int[] {300, 33}, 5);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            L2Rows a = new L2Rows("a");
            float[] y1 = a.forward(x).toArray(), d1 = a.backward(g).toArray();
            Parallel.setThreads(2);
            L2Rows b = new L2Rows("b");
            assertArrayEquals(y1, b.forward(x).toArray());
            assertArrayEquals(d1, b.backward(g).toArray());
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void shapesAreChecked() {
        L2Rows l = new L2Rows("neural");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(2, 3, 4)));
        assertTrue(e.getMessage().contains("neural"));
        l.forward(Tensor.zeros(2, 3));
        e = assertThrows(IllegalArgumentException.class, () -> l.backward(Tensor.zeros(3, 3)));
        assertTrue(e.getMessage().contains("neural"));
    }
}
