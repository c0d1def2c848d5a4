package org.dina.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.function.Supplier;
import org.dina.eval.Ssim;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.dina.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MeanSsimTest {
    /** Pairs of maps in [0, 1] that are partly alike (b = a plus noise), as trained towers produce. */
    static Tensor[] pair(int b, int h, int w, long seed) {
        Tensor a = GradCheck.randomLike(new int[] {b, 1, h, w}, seed), noise = GradCheck.randomLike(new int[] {b, 1, h, w}, seed + 1);
        Tensor c = Tensor.zeros(b, 1, h, w);
        for (int i = 0; i < a.numel(); i++) {
            float v = (a.getFlat(i) + 1) / 2;
            a.setFlat(i, v);
            c.setFlat(i, Math.min(1f, Math.max(0f, v + 0.3f * noise.getFlat(i))));
        }
        return new Tensor[] {a, c};
    }

    @ParameterizedTest
    @EnumSource(SsimPadding.class)
    void agreesWithTheEvaluationsSsim(SsimPadding padding) {
        Tensor[] p = pair(3, 16, 64, 1);
        double mean = new MeanSsim(padding).forward(p[0], p[1]);
        float[] a = p[0].toArray(), b = p[1].toArray();
        double expected = 0;
        for (int i = 0; i < 3; i++) expected += Ssim.mean(a, i * 1024, b, i * 1024, 16, 64, padding) / 3;
        assertEquals(expected, mean, 1e-5);
        assertEquals(1.0, new MeanSsim(padding).forward(p[0], p[0].copy()), 1e-5);
    }

    @Test
    void thePaddingsDifferOnTheBorderOnly() {
        Tensor[] p = pair(1, 16, 64, 5);
        MeanSsim zero = new MeanSsim(SsimPadding.ZERO), reflect = new MeanSsim(SsimPadding.REFLECT);
        assertNotEquals(zero.forward(p[0], p[1]), reflect.forward(p[0], p[1]));
        for (int y = 1; y < 15; y++) {
            for (int x = 1; x < 63; x++) assertEquals(reflect.ssimMap().get(0, 0, y, x), zero.ssimMap().get(0, 0, y, x), "inside at " + y + "," + x);
        }
    }

    @ParameterizedTest
    @EnumSource(SsimPadding.class)
    void gradientsMatchFiniteDifferences(SsimPadding padding) {
        for (int[] hw : new int[][] {{2, 2}, {3, 5}, {6, 9}}) {
            Tensor[] p = pair(2, hw[0], hw[1], hw[1]);
            MeanSsim ssim = new MeanSsim(padding);
            ssim.forward(p[0], p[1]);
            ssim.backward(0.75);
            Tensor ga = ssim.gradA().copy(), gb = ssim.gradB().copy();
            Supplier<Double> loss = () -> 0.75 * new MeanSsim(padding).forward(p[0], p[1]);
            GradCheck fd = new GradCheck(1e-3, 3e-2, 1e-3, 200);
            fd.compare("MeanSsim " + padding + " d/da " + hw[0] + "x" + hw[1], p[0], ga, loss, 3);
            fd.compare("MeanSsim " + padding + " d/db " + hw[0] + "x" + hw[1], p[1], gb, loss, 4);
        }
    }

    @Test
    void matchesPyTorch() {
        Golden g = Golden.load("map_match");
        for (String prefix : new String[] {"zero_", "zero_tiny_", "reflect_", "reflect_tiny_"}) {
            MeanSsim ssim = new MeanSsim(prefix.startsWith("zero") ? SsimPadding.ZERO : SsimPadding.REFLECT);
            double mean = ssim.forward(g.tensor(prefix + "a"), g.tensor(prefix + "b"));
            assertEquals(g.scalar(prefix + "ssim"), mean, 2e-6, prefix + "mean");
            Golden.assertClose(prefix + "ssim map", g.tensor(prefix + "ssim_map"), ssim.ssimMap(), 1e-4, 1e-6);
        }
    }

    @Test
    void buffersAreReusedWhileTheShapeStays() {
        Tensor[] p = pair(2, 16, 64, 7);
        MeanSsim ssim = new MeanSsim(SsimPadding.ZERO);
        ssim.forward(p[0], p[1]);
        ssim.backward(1);
        Tensor map = ssim.ssimMap(), ga = ssim.gradA();
        float[] first = ga.toArray();
        ssim.forward(p[0], p[1]);
        ssim.backward(1);
        assertSame(map, ssim.ssimMap());
        assertSame(ga, ssim.gradA());
        assertArrayEquals(first, ssim.gradA().toArray(), "a repeated step gives the same bits");
    }
}
