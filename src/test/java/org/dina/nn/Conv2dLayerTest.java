package org.dina.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

/** Conv2dLayer: finite-difference gradients, accumulation, buffer reuse, PyTorch init bounds and shape errors. */
class Conv2dLayerTest {
    private static void gradCheck(String name, int cin, int cout, int k, int stride, int pad, int groups, boolean bias,
                                  int... inputShape) {
        ParameterSet ps = new ParameterSet();
        Conv2dLayer l = new Conv2dLayer(ps, name, cin, cout, k, k, stride, pad, groups, bias);
        ps.allocate(7);
        GradCheck.standard().check(name, l, GradCheck.randomLike(inputShape, 11), ps, 13);
    }

    @Test
    void stridedGradients() { gradCheck("patch", 2, 5, 4, 4, 0, 1, true, 2, 2, 9, 13); }

    @Test
    void paddedStridedGradients() { gradCheck("down", 3, 4, 3, 2, 1, 1, true, 2, 3, 7, 8); }

    @Test
    void groupedGradients() { gradCheck("grouped", 4, 6, 3, 1, 1, 2, true, 2, 4, 5, 6); }

    @Test
    void depthwiseGradients() { gradCheck("dw", 5, 5, 3, 1, 1, 5, true, 2, 5, 6, 19); }

    @Test
    void pointwiseGradients() { gradCheck("pw", 6, 4, 1, 1, 0, 1, false, 2, 6, 3, 5); }

    @Test
    void backwardAccumulatesParameterGradients() {
        ParameterSet ps = new ParameterSet();
        Conv2dLayer l = new Conv2dLayer(ps, "c", 3, 4, 3, 3, 1, 1, 1, true);
        ps.allocate(1);
        Tensor x = GradCheck.randomLike(new int[] {2, 3, 5, 6}, 2);
        Tensor y = l.forward(x);
        Tensor dy = GradCheck.randomLike(y.shape(), 3);
        Tensor dx = l.backward(dy);
        float[] once = ps.grads().toArray();
        assertSame(y, l.forward(x), "output buffer reused");
        assertSame(dx, l.backward(dy), "gradInput buffer reused");
        float[] twice = ps.grads().toArray();
        for (int i = 0; i < once.length; i++) assertEquals(2 * once[i], twice[i], 1e-5 * (1 + Math.abs(once[i])));
    }

    @Test
    void recomputeOutputWritesTheSameBitsAgain() {
        ParameterSet ps = new ParameterSet();
        Conv2dLayer l = new Conv2dLayer(ps, "fc1", 6, 24, 1, 1, 1, 0, 1, true);
        ps.allocate(7);
        Tensor y = l.forward(GradCheck.randomLike(new int[] {2, 6, 5, 7}, 8));
        float[] first = y.toArray();
        y.fill(Float.NaN);  // as if another layer had written over a shared output slot
        assertSame(y, l.recomputeOutput());
        org.junit.jupiter.api.Assertions.assertArrayEquals(first, y.toArray());
        assertThrows(IllegalStateException.class, () -> new Conv2dLayer(new ParameterSet(), "cold", 1, 1, 1, 1, 1, 0, 1, false).recomputeOutput());
    }

    @Test
    void withoutInputGradientStillAccumulatesParameterGradients() {
        ParameterSet full = new ParameterSet(), skip = new ParameterSet();
        Conv2dLayer a = new Conv2dLayer(full, "stem", 1, 4, 4, 4, 4, 0, 1, true);
        Conv2dLayer b = new Conv2dLayer(skip, "stem", 1, 4, 4, 4, 4, 0, 1, true).withoutInputGradient();
        full.allocate(3);
        skip.allocate(3);
        Tensor x = GradCheck.randomLike(new int[] {2, 1, 8, 12}, 4);
        Tensor dy = GradCheck.randomLike(a.forward(x).shape(), 5);
        b.forward(x);
        assertTrue(a.backward(dy) != null);
        assertEquals(null, b.backward(dy));
        org.junit.jupiter.api.Assertions.assertArrayEquals(full.grads().toArray(), skip.grads().toArray());
    }

    @Test
    void initialisationFollowsPyTorch() {
        ParameterSet ps = new ParameterSet();
        Conv2dLayer l = new Conv2dLayer(ps, "c", 8, 6, 3, 3, 1, 1, 2, true);
        ps.allocate(5);
        double bound = 1 / Math.sqrt(4 * 9);
        assertEquals("c.weight", l.weight().name());
        assertTrue(l.weight().value().hasShape(6, 4, 3, 3));
        float max = 0;
        for (float v : ps.values().toArray()) {
            assertTrue(Math.abs(v) <= bound, "value " + v + " beyond bound " + bound);
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0.8 * bound, "draws should fill the range");
    }

    @Test
    void shapeErrorsNameTheLayerAndShapes() {
        ParameterSet ps = new ParameterSet();
        Conv2dLayer l = new Conv2dLayer(ps, "stem", 1, 64, 4, 4, 4, 0, 1, true);
        ps.allocate(1);
        String m = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(2, 3, 68, 270))).getMessage();
        assertTrue(m.contains("stem") && m.contains("[2, 3, 68, 270]") && m.contains("[N, 1"), m);
        Tensor y = l.forward(Tensor.zeros(2, 1, 68, 270));
        assertTrue(y.hasShape(2, 64, 17, 67));
        String m2 = assertThrows(IllegalArgumentException.class, () -> l.backward(Tensor.zeros(2, 64, 17, 66))).getMessage();
        assertTrue(m2.contains("stem") && m2.contains("[2, 64, 17, 66]") && m2.contains("[2, 64, 17, 67]"), m2);
    }
}
