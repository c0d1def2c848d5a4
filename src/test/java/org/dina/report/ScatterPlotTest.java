package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScatterPlotTest {

    @Test
    void positiveCorrelationRisesAndFitRecoversTheSlope() {
        Random r = new Random(5);
        int n = 400;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * 10;
            y[i] = 2 * x[i] + 1 + r.nextGaussian() * 0.5;
        }
        ScatterPlot plot = ScatterPlot.titled("s").x("response (a.u.)").y("attribution (a.u.)").points(x, y).fit();
        ScatterPlot.Fit fit = plot.leastSquares();
        assertEquals(2, fit.slope(), 0.05);
        assertEquals(1, fit.intercept(), 0.2);
        assertTrue(fit.r() > 0.98);
        BufferedImage img = plot.render();
        assertEquals(800, img.getWidth());
        List<int[]> dots = Pixels.find(img, Theme.series(0), 60);
        int x0 = Pixels.minX(dots), x1 = Pixels.maxX(dots);
        assertTrue(Pixels.meanY(dots, x1 - 60, x1) < Pixels.meanY(dots, x0, x0 + 60) - 200);
        assertTrue(Pixels.find(img, Color.BLACK, 10).size() > 300, "fitted line should be drawn");
    }

    @Test
    void edgeCasesRender() {
        assertTrue(Pixels.variance(ScatterPlot.titled("one").points(new double[] {1}, new double[] {2}).fit().render()) > 50);
        assertNull(ScatterPlot.titled("flat").points(new double[] {1, 1}, new double[] {2, 3}).leastSquares());
        assertTrue(Pixels.variance(ScatterPlot.titled("nan").points(new double[] {1, Double.NaN, 3}, new double[] {2, 5, Double.NaN}).render()) > 50);
        assertTrue(Pixels.variance(ScatterPlot.titled("const").points(new double[] {1, 1}, new double[] {2, 2}).fit().render()) > 50);
    }

    @Test
    void invalidInputGivesClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.titled("t").points(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.titled("t").points(new double[2], new double[1]));
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.titled("t").render());
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.titled("t").points(new double[] {Double.NaN}, new double[] {1}).render());
    }
}
