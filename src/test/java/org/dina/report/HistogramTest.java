package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void rendersAndPutsTheTallBarWhereTheMassIs() {
        double[] ranks = new double[300];
        for (int i = 0; i < 300; i++) ranks[i] = i < 200 ? 1 + i % 3 : 1 + i % 64; // most ranks are 1..3, one bin per rank
        BufferedImage img = Histogram.titled("ranks").x("rank").values(ranks).vline("chance", 32.5).render();
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        assertTrue(Pixels.variance(img) > 50);
        List<int[]> bars = Pixels.find(img, Theme.series(0), 40);
        int x0 = Pixels.minX(bars), x1 = Pixels.maxX(bars);
        double leftTop = Pixels.minY(bars.stream().filter(p -> p[0] < x0 + (x1 - x0) * 0.1).toList());
        double rightTop = Pixels.minY(bars.stream().filter(p -> p[0] > x1 - (x1 - x0) * 0.1).toList());
        assertTrue(leftTop < rightTop - 150, "bars at low ranks should be much taller");
        // the chance line sits about halfway along the bars
        List<int[]> ref = Pixels.find(img, Theme.REFERENCE, 6).stream().filter(p -> p[0] > x0 + 5).toList();
        double refX = Pixels.meanX(ref, 100, 400);
        assertTrue(Math.abs(refX - (x0 + x1) / 2.0) < 40, "vline at " + refX);
    }

    @Test
    void integerDataGetsOneBinPerValue() {
        Histogram h = Histogram.titled("t").values(new double[] {1, 2, 2, 3, 3, 3});
        double[] edges = h.edges();
        assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3.5}, edges, 1e-12);
        assertArrayEquals(new long[] {1, 2, 3}, Histogram.counts(new double[] {1, 2, 2, 3, 3, 3, Double.NaN}, edges));
    }

    @Test
    void continuousDataUsesEqualBinsAndCountsEveryFiniteValue() {
        Random r = new Random(3);
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
        v[7] = Double.NaN;
        Histogram h = Histogram.titled("t").values(v);
        double[] edges = h.edges();
        assertEquals(33, edges.length, "about sqrt(n) bins");
        long total = 0;
        for (long c : Histogram.counts(v, edges)) total += c;
        assertEquals(999, total);
        assertTrue(Pixels.variance(h.render()) > 50);
    }

    @Test
    void constantAndSingleValuesRender() {
        assertTrue(Pixels.variance(Histogram.titled("c").values(new double[] {0.3, 0.3, 0.3}).render()) > 50);
        assertTrue(Pixels.variance(Histogram.titled("one").values(new double[] {42}).render()) > 50);
        assertTrue(Pixels.variance(Histogram.titled("huge").values(new double[] {1e30, 2e30, 5e30}).render()) > 50);
    }

    @Test
    void invalidInputGivesClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Histogram.titled("ranks").values(new double[0]));
        assertTrue(e.getMessage().contains("ranks") && e.getMessage().contains("empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Histogram.titled("t").render());
        assertThrows(IllegalArgumentException.class, () -> Histogram.titled("t").values(new double[] {Double.NaN}).render());
    }
}
