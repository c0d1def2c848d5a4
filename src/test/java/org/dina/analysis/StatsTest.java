package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void correlationsOfKnownData() {
        double[] x = {1, 2, 3, 4, 5}, y = {2, 4, 6, 8, 10}, z = {5, 4, 3, 2, 1};
        assertEquals(1.0, Stats.pearson(x, y), 1e-12);
        assertEquals(-1.0, Stats.pearson(x, z), 1e-12);
        // monotone but not linear: Spearman 1, Pearson below 1
        double[] cube = {1, 8, 27, 64, 125};
        assertEquals(1.0, Stats.spearman(x, cube), 1e-12);
        assertTrue(Stats.pearson(x, cube) < 0.99);
        assertTrue(Double.isNaN(Stats.pearson(x, new double[] {3, 3, 3, 3, 3})), "no spread gives NaN");
        // NaN pairs are skipped
        assertEquals(1.0, Stats.pearson(new double[] {1, 2, Double.NaN, 4}, new double[] {1, 2, 7, 4}), 1e-12);
    }

    @Test
    void ranksShareTies() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Stats.ranks(new double[] {0.1, 0.5, 0.5, 0.9}));
        assertArrayEquals(new int[] {3, 1, 2, 0}, Stats.descendingOrder(new double[] {0.1, 0.5, 0.5, 0.9}));
    }

    @Test
    void aucCountsOrderedPairs() {
        double[] s = {0.9, 0.8, 0.2, 0.1};
        assertEquals(1.0, Stats.auc(s, new boolean[] {true, true, false, false}), 1e-12);
        assertEquals(0.0, Stats.auc(s, new boolean[] {false, false, true, true}), 1e-12);
        assertEquals(0.5, Stats.auc(new double[] {1, 1, 1, 1}, new boolean[] {true, false, true, false}), 1e-12);
        assertEquals(0.75, Stats.auc(new double[] {0.9, 0.3, 0.5, 0.1}, new boolean[] {true, true, false, false}), 1e-12);
        assertTrue(Double.isNaN(Stats.auc(s, new boolean[4])));
    }

    @Test
    void concentration() {
        assertEquals(0.0, Stats.gini(new double[] {2, 2, 2, 2}), 1e-12);
        assertEquals(0.75, Stats.gini(new double[] {0, 0, 0, 8}), 1e-12);
        double[] oneHolds = {0, 0, 0, 0, 0, 0, 0, 0, 0, 10};
        assertEquals(0.1, Stats.shareHolding(oneHolds, 0.9), 1e-12);
        double[] even = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertEquals(0.5, Stats.shareHolding(even, 0.5), 1e-12);
        assertEquals(0.8, Stats.shareHolding(even, 0.8), 1e-12);
        assertEquals(2.5, Stats.quantile(new double[] {1, 2, 3, 4}, 0.5), 1e-12);
    }
}
