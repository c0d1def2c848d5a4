package org.dina.eval.compare;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChanceTestTest {
    @Test
    void binomialProbabilitiesSumToOneAndMatchTheFormula() {
        double[] p = ChanceTest.binomialPmf(10, 0.2);
        double sum = 0;
        for (double x : p) sum += x;
        assertEquals(1.0, sum, 1e-12);
        assertEquals(45 * Math.pow(0.2, 2) * Math.pow(0.8, 8), p[2], 1e-12);
        double[] big = ChanceTest.binomialPmf(5000, 0.5); // (1/2)^5000 underflows; the mode must not
        assertTrue(big[2500] > 0.01, "mode " + big[2500]);
    }

    @Test
    void upperTailOfOneFold() {
        // P(X >= 3) for X ~ Binomial(10, 0.1) = 1 - P(0) - P(1) - P(2)
        double expected = 1 - Math.pow(0.9, 10) - 10 * 0.1 * Math.pow(0.9, 9) - 45 * 0.01 * Math.pow(0.9, 8);
        assertEquals(expected, ChanceTest.upperTail(List.of(new ChanceTest.Counts(3, 10, 0.1)), 3), 1e-12);
        assertEquals(1.0, ChanceTest.upperTail(List.of(new ChanceTest.Counts(0, 10, 0.1)), 0));
    }

    @Test
    void foldsWithDifferentChancePoolByConvolution() {
        // brute force over both folds' hit counts
        int n1 = 6, n2 = 4, hits = 3;
        double p1 = 0.25, p2 = 0.5, tail = 0;
        double[] a = ChanceTest.binomialPmf(n1, p1), b = ChanceTest.binomialPmf(n2, p2);
        for (int i = 0; i <= n1; i++) for (int j = 0; j <= n2; j++) if (i + j >= hits) tail += a[i] * b[j];
        List<ChanceTest.Counts> folds = List.of(new ChanceTest.Counts(1, n1, p1), new ChanceTest.Counts(2, n2, p2));
        assertEquals(tail, ChanceTest.upperTail(folds, hits), 1e-12);
        ChanceTest.Verdict v = ChanceTest.test(folds, 1);
        assertEquals(3, v.hits());
        assertEquals(10, v.queries());
        assertEquals((6 * 0.25 + 4 * 0.5) / 10, v.chance(), 1e-12);
    }

    @Test
    void flaggingUsesTheBonferroniThreshold() {
        // 7 hits of 40 at chance 5%: p ~ 0.004, below 0.01 but far above 0.01 / 50
        List<ChanceTest.Counts> modest = List.of(new ChanceTest.Counts(7, 40, 0.05));
        ChanceTest.Verdict one = ChanceTest.test(modest, 1);
        assertTrue(one.pValue() < ChanceTest.ALPHA, "p " + one.pValue());
        assertTrue(one.flagged() && one.nominal());
        ChanceTest.Verdict many = ChanceTest.test(modest, 50);
        assertEquals(ChanceTest.ALPHA / 50, many.threshold(), 1e-15);
        assertFalse(many.flagged());
        assertTrue(many.nominal());
        ChanceTest.Verdict atChance = ChanceTest.test(List.of(new ChanceTest.Counts(2, 40, 0.05)), 1);
        assertFalse(atChance.flagged() || atChance.nominal());
        assertTrue(atChance.wilson95()[0] < 0.05 && atChance.wilson95()[1] > 0.05);
    }

    @Test
    void veryManyQueriesFallBackToAConservativeBound() {
        int n = ChanceTest.EXACT_LIMIT + 1000;
        List<ChanceTest.Counts> f = List.of(new ChanceTest.Counts(n / 100 + 200, n, 0.01));
        double p = ChanceTest.upperTail(f, n / 100 + 200);
        assertTrue(p > 0 && p < 1, "p " + p);
        assertEquals(1.0, ChanceTest.upperTail(List.of(new ChanceTest.Counts(n / 200, n, 0.01)), n / 200));
    }
}
