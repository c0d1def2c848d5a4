package org.dina.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.function.Supplier;
import org.dina.eval.Ssim;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.dina.testing.Golden;
import org.junit.jupiter.api.Test;

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

    @Test
    void agreesWithTheEvaluationsSsim() {
        Tensor[] p = pair(3, 16, 64, 1);
        double mean = new MeanSsim().forward(p[0], p[1]);
        float[] a = p[0].toArray(), b = p[1].toArray();
        double expected = 0;
        for (int i = 0; i < 3; i++) expected += Ssim.mean(a, i * 1024, b, i * 1024, 16, 64) / 3;
        assertEquals(expected, mean, 1e-5);
        assertEquals(1.0, new MeanSsim().forward(p[0], p[0].copy()), 1e-5);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (int[] hw : new int[][] {{2, 2}, {3, 5}, {6, 9}}) {
            Tensor[] p = pair(2, hw[0], hw[1], hw[1]);
            MeanSsim ssim = new MeanSsim();
            ssim.forward(p[0], p[1]);
            ssim.backward(0.75);
            Tensor ga = ssim.gradA().copy(), gb = ssim.gradB().copy();
            Supplier<Double> loss = () -> 0.75 * new MeanSsim().forward(p[0], p[1]);
            GradCheck fd = new GradCheck(1e-3, 3e-2, 1e-3, 200);
            fd.compare("MeanSsim d/da " + hw[0] + "x" + hw[1], p[0], ga, loss, 3);
            fd.compare("MeanSsim d/db " + hw[0] + "x" + hw[1], p[1], gb, loss, 4);
        }
    }

    @Test
    void matchesPyTorch() {
        Golden g = Golden.load("map_match");
        for (String prefix : new String[] {"", "tiny_"}) {
            MeanSsim ssim = new MeanSsim();
            double mean = ssim.forward(g.tensor(prefix + "a"), g.tensor(prefix + "b"));
            assertEquals(g.scalar(prefix + "ssim"), mean, 2e-6, prefix + "mean");
            Golden.assertClose(prefix + "ssim map", g.tensor(prefix + "ssim_map"), ssim.ssimMap(), 1e-4, 1e-6);
        }
    }

    @Test
    void buffersAreReusedWhileTheShapeStays() {
        Tensor[] p = pair(2, 16, 64, 7);
        MeanSsim ssim = new MeanSsim();
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
