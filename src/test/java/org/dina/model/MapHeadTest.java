package org.dina.model;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.kernels.Resize;
import org.dina.nn.MinMaxNormalize;
import org.dina.nn.ResizeLayer;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class MapHeadTest {
    /** Inputs [B, C, 8, 32] whose values are spread out enough that a finite-difference step never moves a min or max. */
    static Tensor spread(long seed, int b, int c) {
        Tensor t = GradCheck.randomLike(new int[] {b, c, 8, 32}, seed);
        for (long i = 0; i < t.numel(); i++) t.setFlat(i, t.getFlat(i) + (i % 7) * 0.3f);
        return t;
    }

    @Test
    void backwardMatchesFiniteDifferencesForEveryNormalisationAndChannelCount() {
        for (MapNormalisation n : MapNormalisation.values()) {
            for (int c : new int[] {1, 3}) {
                MapHead head = new MapHead("head", n, c);
                new GradCheck(1e-2, 3e-2, 2e-3, 96).check("MapHead " + n.key() + " x" + c, head, spread(c, 2, c), null, 7 + c);
            }
        }
    }

    @Test
    void oneMinMaxMapIsTheReleaseHeadBitForBit() {
        Tensor x = spread(3, 4, 1);
        MapHead head = new MapHead("head");
        float[] maps = head.forward(x).toArray();
        Tensor release = new MinMaxNormalize().forward(new ResizeLayer(Resize.Mode.BILINEAR, 16, 64).forward(x));
        assertArrayEquals(release.toArray(), head.maps().toArray());
        assertEquals(1024, maps.length / 4);
    }

    @Test
    void zscoredMapsCompareByPearsonCorrelationAndEachMapIsScaledOnItsOwn() {
        int c = 2;
        MapHead head = new MapHead("head", MapNormalisation.ZSCORE, c);
        Tensor x = spread(5, 2, c);
        // stretch and shift the second sample's second map: a z-scored map does not change
        for (int i = 0; i < 256; i++) {
            long at = (long) (2 + 1) * 256 + i;
            x.setFlat(at, x.getFlat((long) 256 + i) * 5 + 2);
        }
        Tensor emb = head.forward(x).copy();
        assertArrayEquals(new int[] {2, c * 1024}, emb.shape());
        assertArrayEquals(new int[] {2, c, 16, 64}, head.maps().shape());
        for (int i = 0; i < 1024; i++) {
            assertEquals(head.maps().get(0, 1, i / 64, i % 64), head.maps().get(1, 1, i / 64, i % 64), 2e-4);
        }
        double n0 = 0, dot = 0;
        for (int i = 0; i < c * 1024; i++) {
            n0 += emb.get(0, i) * emb.get(0, i);
            dot += emb.get(0, i) * emb.get(1, i);
        }
        assertEquals(1, n0, 1e-4);
        // cosine of z-scored maps = mean over maps of their Pearson correlations (equal-variance maps weigh equally)
        float[] m = head.maps().toArray();
        double pearson = 0;
        for (int k = 0; k < c; k++) pearson += correlation(m, k * 1024, (c + k) * 1024) / c;
        assertEquals(pearson, dot, 1e-4);
    }

    @Test
    void wrongChannelCountIsNamed() {
        MapHead head = new MapHead("neural.head", MapNormalisation.NONE, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> head.forward(Tensor.zeros(2, 1, 8, 32)));
        assertTrue(e.getMessage().contains("neural.head") && e.getMessage().contains("4 map channel"), e.getMessage());
        assertEquals(4096, head.embeddingDim());
    }

    private static double correlation(float[] v, int a, int b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < 1024; i++) {
            ma += v[a + i] / 1024.0;
            mb += v[b + i] / 1024.0;
        }
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < 1024; i++) {
            sab += (v[a + i] - ma) * (v[b + i] - mb);
            saa += (v[a + i] - ma) * (v[a + i] - ma);
            sbb += (v[b + i] - mb) * (v[b + i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
