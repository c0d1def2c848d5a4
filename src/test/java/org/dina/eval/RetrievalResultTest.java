package org.dina.eval;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RetrievalResultTest {
    @Test
    void ranksCountTiesAgainstTheQuery() {
        float[][] sim = {
            {0.9f, 0.1f, 0.2f},   // correct 0: rank 1
            {0.5f, 0.5f, 0.1f},   // correct 1: tie with 0 -> rank 2
            {0.9f, 0.8f, 0.1f},   // correct 2: rank 3
        };
        RetrievalResult r = RetrievalResult.fromSimilarities(sim, new int[] {0, 1, 2});
        assertArrayEquals(new int[] {1, 2, 3}, r.ranks());
        assertEquals(1.0 / 3, r.top1(), 1e-12);
        assertEquals(1.0, r.top5(), 1e-12);
        assertEquals(1.0 / 3, r.chanceTop1(), 1e-12);
        assertEquals(2.0, r.meanRank(), 1e-12);
        assertEquals(2.0, r.medianRank(), 1e-12);
    }

    @Test
    void wilsonIntervalContainsTheProportionAndKnownValues() {
        double[] ci = BinomialInterval.wilson(5, 10);
        assertEquals(0.2366, ci[0], 1e-3);
        assertEquals(0.7634, ci[1], 1e-3);
        double[] zero = BinomialInterval.wilson(0, 20);
        assertEquals(0.0, zero[0], 1e-12);
        assertTrue(zero[1] > 0.1 && zero[1] < 0.2);
    }

    @Test
    void ssimIsOneForIdenticalMapsAndLowerOtherwise() {
        float[] a = new float[16 * 64], b = new float[16 * 64];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) { a[i] = r.nextFloat(); b[i] = r.nextFloat(); }
        assertEquals(1.0, Ssim.mean(a, 0, a, 0, 16, 64, org.dina.nn.SsimPadding.ZERO), 1e-9);
        double s = Ssim.mean(a, 0, b, 0, 16, 64, org.dina.nn.SsimPadding.ZERO);
        assertTrue(s >= 0 && s < 0.5, "independent noise maps have low SSIM, got " + s);
        assertEquals(1, Ssim.reflect(-1, 5));
        assertEquals(3, Ssim.reflect(5, 5));
    }
}
