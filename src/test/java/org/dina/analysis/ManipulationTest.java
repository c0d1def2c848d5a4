package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ManipulationTest {
    private static final int H = 36, W = 136;

    /** A horizontal grating with {@code cycles} cycles across the image width, mean 0.5, amplitude 0.4. */
    private static float[] grating(double cycles) {
        float[] g = new float[H * W];
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) g[y * W + x] = (float) (0.5 + 0.4 * Math.cos(2 * Math.PI * cycles * x / W));
        return g;
    }

    private static float[] noise(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] g = new float[H * W];
        for (int i = 0; i < g.length; i++) g[i] = (float) r.nextDouble();
        return g;
    }

    private static double sd(float[] x) {
        double m = Manipulation.mean(x), s = 0;
        for (float v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / x.length);
    }

    /** Standard deviation away from the image border, where mirror padding leaves its trace. */
    private static double innerSd(float[] x) {
        double s = 0, ss = 0;
        int n = 0;
        for (int y = 4; y < H - 4; y++) for (int xx = 8; xx < W - 8; xx++) {
            s += x[y * W + xx];
            ss += x[y * W + xx] * x[y * W + xx];
            n++;
        }
        double m = s / n;
        return Math.sqrt(ss / n - m * m);
    }

    private static double corr(float[] a, float[] b) {
        return Stats.pearson(Stats.toDouble(a), Stats.toDouble(b));
    }

    private static float[] apply(Manipulation m, float[] src, double strength) {
        float[] out = new float[src.length];
        m.apply(src, out, H, W, strength, 42);
        return out;
    }

    @Test
    void lowPassKeepsCoarseAndRemovesFineGratings() {
        float[] coarse = grating(2), fine = grating(40);
        // cutoff 10 cycles per image width: gain exp(-ln2 * 0.04) ~ 0.97 at 2 cycles, exp(-ln2 * 16) ~ 0 at 40
        assertEquals(0.97, innerSd(apply(Manipulation.LOW_PASS, coarse, 10)) / innerSd(coarse), 0.03);
        assertTrue(innerSd(apply(Manipulation.LOW_PASS, fine, 10)) / innerSd(fine) < 0.02);
        // at the cutoff itself the amplitude halves
        assertEquals(0.5, innerSd(apply(Manipulation.LOW_PASS, grating(16), 16)) / innerSd(grating(16)), 0.05);
    }

    @Test
    void highPassIsTheComplementAndKeepsTheMean() {
        float[] coarse = grating(2), fine = grating(40);
        assertTrue(innerSd(apply(Manipulation.HIGH_PASS, coarse, 10)) / innerSd(coarse) < 0.05);
        assertEquals(1.0, innerSd(apply(Manipulation.HIGH_PASS, fine, 10)) / innerSd(fine), 0.03);
        float[] img = noise(1);
        float[] lo = apply(Manipulation.LOW_PASS, img, 8), hi = apply(Manipulation.HIGH_PASS, img, 8);
        double mean = Manipulation.mean(img);
        // both keep the DC term, so low + high = image + mean (the mean of the mirrored canvas, within 0.005 of the image's)
        for (int i = 0; i < img.length; i++) assertEquals(img[i] + mean, lo[i] + hi[i], 5e-3, "low + high = image + mean at " + i);
    }

    @Test
    void everyManipulationKeepsMeanLuminance() {
        float[] img = noise(2);
        double mean = Manipulation.mean(img);
        for (Manipulation m : Manipulation.values()) {
            double s = m == Manipulation.PATCH_SHUFFLE ? 8 : 0.5;
            // filters act on the mirrored canvas: the cropped mean moves a little
            assertEquals(mean, Manipulation.mean(apply(m, img, s)), 0.01, m.key());
        }
    }

    @Test
    void phaseScramblingDestroysStructureButKeepsContrast() {
        float[] img = grating(6);
        assertEquals(1.0, corr(img, apply(Manipulation.PHASE_SCRAMBLE, img, 0.0)), 1e-6, "strength 0 is the identity");
        float[] full = apply(Manipulation.PHASE_SCRAMBLE, noise(3), 1.0);
        assertTrue(Math.abs(corr(noise(3), full)) < 0.1, "full scrambling decorrelates: " + corr(noise(3), full));
        float[] natural = apply(Manipulation.LOW_PASS, noise(4), 20);
        float[] scrambled = apply(Manipulation.PHASE_SCRAMBLE, natural, 1.0);
        assertEquals(1.0, sd(scrambled) / sd(natural), 0.25, "amplitude spectrum, so contrast, is kept");
        assertTrue(corr(natural, apply(Manipulation.PHASE_SCRAMBLE, natural, 0.2)) > corr(natural, apply(Manipulation.PHASE_SCRAMBLE, natural, 0.8)));
    }

    @Test
    void patchShufflingPermutesPixelsInBlocks() {
        float[] img = noise(5);
        float[] out = apply(Manipulation.PATCH_SHUFFLE, img, 9);
        float[] a = img.clone(), b = out.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        assertArrayEquals(a, b, "the same pixels, moved");
        assertFalse(Arrays.equals(img, out));
        // a patch as large as the image cannot move
        assertArrayEquals(img, apply(Manipulation.PATCH_SHUFFLE, img, 100));
        // deterministic in the seed
        assertArrayEquals(out, apply(Manipulation.PATCH_SHUFFLE, img, 9));
    }

    @Test
    void contrastScalesDeviationsFromTheMean() {
        float[] img = noise(6);
        assertEquals(0.25, sd(apply(Manipulation.CONTRAST, img, 0.25)) / sd(img), 1e-4);
    }

    @Test
    void manipulatingABatchGivesTheSameBitsWithOneAndTwoThreads() {
        int c = 5;
        org.dina.tensor.Tensor src = org.dina.tensor.Tensor.zeros(c, 1, H, W);
        for (int i = 0; i < c; i++) {
            float[] img = noise(10 + i);
            for (int p = 0; p < img.length; p++) src.setFlat((long) i * img.length + p, img[p]);
        }
        int threads = org.dina.kernels.Parallel.threads();
        try {
            for (Manipulation m : Manipulation.values()) {
                double s = m == Manipulation.PATCH_SHUFFLE ? 6 : 0.7;
                org.dina.tensor.Tensor a = org.dina.tensor.Tensor.zeros(c, 1, H, W), b = org.dina.tensor.Tensor.zeros(c, 1, H, W);
                org.dina.kernels.Parallel.setThreads(1);
                ManipulationAnalysis.manipulate(src, a, m, s, 3);
                org.dina.kernels.Parallel.setThreads(2);
                ManipulationAnalysis.manipulate(src, b, m, s, 3);
                assertArrayEquals(a.toArray(), b.toArray(), m.key());
                // and each image equals the single-image call with its own seed
                float[] one = new float[H * W];
                m.apply(noise(12), one, H, W, s, 3 * 1_000_003L + 2);
                assertArrayEquals(one, java.util.Arrays.copyOfRange(a.toArray(), 2 * H * W, 3 * H * W), m.key());
            }
        } finally {
            org.dina.kernels.Parallel.setThreads(threads);
        }
    }

    @Test
    void wrongSizesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Manipulation.LOW_PASS.apply(new float[10], new float[10], H, W, 4, 0));
        assertTrue(e.getMessage().contains("36x136"), e.getMessage());
    }
}
