package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The claim tests on planted data, without a model: a planted effect must be found (supported) and, where nothing
 * is planted, the verdict must not be supported in (nearly) all of many seeds, i.e. the false-positive rate stays
 * near alpha.
 */
class ClaimStatisticsTest {
    private static final AnalysisOptions O = AnalysisOptions.defaults().quick();

    /** 40 images x 3 queries; per-query rank scores with a planted low-minus-high difference. */
    static CoarseVsFine.Result coarse(double planted, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int q = 120;
        double[] low = new double[q], high = new double[q], base = new double[q];
        int[] correct = new int[q];
        for (int i = 0; i < q; i++) {
            correct[i] = i / 3;
            double shared = 0.7 + 0.1 * rng.nextGaussian();
            low[i] = shared + planted + 0.1 * rng.nextGaussian();
            high[i] = shared + 0.1 * rng.nextGaussian();
            base[i] = shared;
        }
        return CoarseVsFine.of(low, high, base, correct, O.withSeed(seed));
    }

    private static Verdict verdict(CoarseVsFine.Result r) {
        return Verdict.of(r.ciLow(), r.ciHigh(), r.p(), 0);
    }

    @Test
    void coarseOverFineFindsAPlantedDifference() {
        CoarseVsFine.Result r = coarse(0.1, 1);
        assertEquals(Verdict.SUPPORTED, verdict(r), r.toString());
        assertEquals(0.1, r.effect(), 0.03);
        assertEquals(Verdict.NOT_SUPPORTED, verdict(coarse(-0.1, 2)), "a reversed effect");
    }

    @Test
    void coarseOverFineFalsePositiveRateIsNearAlpha() {
        int supported = 0, seeds = 60;
        for (long s = 0; s < seeds; s++) if (verdict(coarse(0, 100 + s)) == Verdict.SUPPORTED) supported++;
        // alpha = 0.05 one-sided: 3 of 60 expected; 9 or more would be p < 0.01 under a correct test
        assertTrue(supported <= 8, supported + " of " + seeds + " null runs supported");
    }

    /**
     * Maps of 16 x 64 with the matched image and neural vectors sharing a signal only in the given column ranges
     * (every location carries independent noise; the signal is strong enough that every band cell passes, since a weak
     * band fragments into several components); 30 images x 2 queries.
     */
    private static SpatialRegionNull.Result regions(int[][] columns, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int c = 30, d = SpatialAnalysis.H * SpatialAnalysis.W;
        float[][] images = new float[c][d], neural = new float[2 * c][];
        int[] correct = new int[2 * c];
        for (int k = 0; k < c; k++) for (int l = 0; l < d; l++) images[k][l] = (float) rng.nextGaussian();
        for (int i = 0; i < 2 * c; i++) {
            correct[i] = i / 2;
            float[] v = new float[d];
            for (int l = 0; l < d; l++) {
                int x = l % SpatialAnalysis.W;
                boolean signal = false;
                for (int[] r : columns) signal |= x >= r[0] && x < r[1];
                v[l] = (float) ((signal ? 1.5 * images[correct[i]][l] : 0) + rng.nextGaussian());
            }
            neural[i] = v;
        }
        return SpatialRegionNull.of(neural, images, correct, 200, seed);
    }

    @Test
    void twoPlantedBandsAreTwoRegions() {
        SpatialRegionNull.Result r = regions(new int[][] {{4, 12}, {40, 50}}, 3);
        assertEquals(2, r.regions(), r.toString());
        assertEquals(Verdict.SUPPORTED, Verdict.of(r.ciLow(), r.ciHigh(), r.p(), 1), "CI " + r.ciLow() + "-" + r.ciHigh() + " p " + r.p());
    }

    @Test
    void oneBandIsNotDistributedAndNoBandFindsNoCells() {
        SpatialRegionNull.Result one = regions(new int[][] {{4, 20}}, 4);
        assertEquals(1, one.regions());
        assertNotEquals(Verdict.SUPPORTED, Verdict.of(one.ciLow(), one.ciHigh(), one.p(), 1));
        int falseCells = 0;
        for (long s = 0; s < 5; s++) {
            SpatialRegionNull.Result none = regions(new int[0][], 10 + s);
            // the bootstrap of a thresholded count is not centred on a null map, so the verdict may be inconclusive
            assertNotEquals(Verdict.SUPPORTED, Verdict.of(none.ciLow(), none.ciHigh(), none.p(), 1));
            if (none.significantCells() > 0) falseCells++;
        }
        assertTrue(falseCells <= 1, falseCells + " of 5 null maps had a significant cell (family-wise 5% each)");
    }

    @Test
    void activityMatchedControlsComeFromThePoolWithTheSameActivity() {
        int n = 200;
        double[] activity = new double[n];
        for (int j = 0; j < n; j++) activity[j] = j;
        int[] pool = new int[100];
        for (int i = 0; i < 100; i++) pool[i] = 2 * i; // even neurons only
        int[] chosen = {190, 192, 194, 196, 198}; // the busiest decile of the pool
        boolean[] drawn = ActivityMatched.draw(chosen, pool, activity, new SplittableRandom(1));
        int count = 0;
        for (int j = 0; j < n; j++) {
            if (!drawn[j]) continue;
            count++;
            assertEquals(0, j % 2, "from the pool");
            assertTrue(j >= 180 && j < 190, "same decile and not a chosen one: " + j);
        }
        assertEquals(chosen.length, count);
    }

    @Test
    void verdictRules() {
        assertEquals(Verdict.SUPPORTED, Verdict.of(0.1, 0.3, 0.01, 0));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(0.1, 0.3, 0.2, 0), "interval alone is not enough");
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(-0.1, 0.3, 0.01, 0), "p alone is not enough");
        assertEquals(Verdict.NOT_SUPPORTED, Verdict.of(-0.3, 0, 0.6, 0));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(Double.NaN, 1, 0.01, 0));
        assertEquals(Verdict.NOT_SUPPORTED, Verdict.combine(java.util.List.of(Verdict.SUPPORTED, Verdict.NOT_SUPPORTED)));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.combine(java.util.List.of(Verdict.SUPPORTED, Verdict.INCONCLUSIVE)));
        assertEquals(Verdict.SUPPORTED, Verdict.combine(java.util.List.of(Verdict.SUPPORTED, Verdict.SUPPORTED)));
    }
}
