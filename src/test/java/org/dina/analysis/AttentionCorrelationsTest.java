package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Mantel-permutation Spearman test of attention against a pairwise measure: planted relation found, null near alpha. */
class AttentionCorrelationsTest {
    private static final AnalysisOptions O = AnalysisOptions.defaults().quick();
    private static final int K = 40;

    /** Symmetric random matrix; {@code planted} > 0 makes attention follow the measure. */
    private static double[][][] matrices(double planted, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] measure = new double[K][K], attention = new double[K][K];
        for (int i = 0; i < K; i++) {
            for (int j = i + 1; j < K; j++) {
                measure[i][j] = measure[j][i] = rng.nextGaussian();
                attention[i][j] = attention[j][i] = planted * measure[i][j] + rng.nextGaussian();
            }
        }
        return new double[][][] {measure, attention};
    }

    @Test
    void aPlantedRelationIsFoundWithItsSign() {
        double[][][] m = matrices(0.5, 1);
        AttentionCorrelations.Relation r = AttentionCorrelations.relation("signal_correlation", "", m[0], m[1], O, new SplittableRandom(2));
        assertEquals(K * (K - 1) / 2, r.pairs());
        assertTrue(r.spearman() > 0.3, "rho " + r.spearman());
        assertTrue(r.p() < 0.01, "p " + r.p());
        assertTrue(r.nullLow() < 0 && r.nullHigh() > 0 && r.nullHigh() < r.spearman());
        assertEquals(Stats.spearman(upper(m[0]), upper(m[1])), r.spearman(), 1e-9, "the same rho as a plain Spearman over pairs");
    }

    @Test
    void withoutARelationThePValueFallsBelowAlphaAtAboutAlpha() {
        int rejected = 0, seeds = 60;
        for (long s = 0; s < seeds; s++) {
            double[][][] m = matrices(0, 100 + s);
            if (AttentionCorrelations.relation("x", "", m[0], m[1], O, new SplittableRandom(s)).p() < Verdict.ALPHA) rejected++;
        }
        // 3 of 60 expected; 9 or more would be p < 0.01 under a correct test
        assertTrue(rejected <= 8, rejected + " of " + seeds);
    }

    private static double[] upper(double[][] m) {
        double[] out = new double[K * (K - 1) / 2];
        for (int i = 0, q = 0; i < K; i++) for (int j = i + 1; j < K; j++) out[q++] = m[i][j];
        return out;
    }
}
