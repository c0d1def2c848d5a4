package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTest {

    @Test
    void tallerValuesGiveTallerBars() {
        BufferedImage img = BarChart.titled("accuracy").y("accuracy").categories("low", "high")
                .group("top-1", new double[] {0.1, 0.8}, new double[] {0.02, 0.05}).hline("chance", 0.05).noLegend().render();
        assertEquals(800, img.getWidth());
        assertTrue(Pixels.variance(img) > 50);
        List<int[]> bars = Pixels.find(img, Theme.series(0), 10);
        int x0 = Pixels.minX(bars), x1 = Pixels.maxX(bars), mid = (x0 + x1) / 2;
        int lowTop = Pixels.minY(bars.stream().filter(p -> p[0] < mid && p[1] > 60).toList());
        int highTop = Pixels.minY(bars.stream().filter(p -> p[0] > mid && p[1] > 60).toList());
        int bottom = Pixels.maxY(bars);
        double ratio = (bottom - highTop) / (double) (bottom - lowTop);
        assertEquals(8, ratio, 1.2, "bar heights should be proportional to the values");
    }

    @Test
    void observationsAreDotsOverTheirBarAndStretchTheAxis() {
        double[] mean = {0.5, 0.5}, sd = {0.1, 0.1};
        BufferedImage plain = BarChart.titled("").categories("a", "b").group("top-1", mean, sd).noLegend().render();
        BufferedImage dotted = BarChart.titled("").categories("a", "b")
                .group("top-1", mean, sd, new double[][] {{0.4, 0.5, 0.6}, {0.9}}).noLegend().render();
        // the lone 0.9 observation lies above every bar, so the axis grows and the bars get shorter
        List<int[]> plainBars = Pixels.find(plain, Theme.series(0), 10), dottedBars = Pixels.find(dotted, Theme.series(0), 10);
        int plainHeight = Pixels.maxY(plainBars) - Pixels.minY(plainBars), dottedHeight = Pixels.maxY(dottedBars) - Pixels.minY(dottedBars);
        assertTrue(dottedHeight < 0.8 * plainHeight, "bars " + dottedHeight + " px high with the dot, " + plainHeight + " without");
        // a white dot with a dark rim above the right bar's top, inside its column
        int barsLeft = Pixels.minX(dottedBars), barsRight = Pixels.maxX(dottedBars), top = Pixels.minY(dottedBars);
        int mid = (barsLeft + barsRight) / 2;
        List<int[]> rim = Pixels.where(dotted, rgb -> Pixels.near(rgb, Theme.TEXT, 40)).stream()
                .filter(q -> q[0] > mid + 10 && q[0] < barsRight && q[1] < top - 20).toList();
        assertTrue(rim.size() > 10, "no dot above the second bar: " + rim.size() + " dark pixels");
    }

    @Test
    void groupsNegativeValuesNaNAndLongLabelsRender() {
        BufferedImage img = BarChart.titled("mixed").categories("a method with a long name", "another long method name",
                        "third rather long method", "fourth long method name here")
                .group("r", new double[] {0.5, -0.3, Double.NaN, 0.1}, new double[] {0.1, Double.NaN, 0.1, 0})
                .group("rho", new double[] {0.4, -0.1, 0.2, 0.0}).valueLabels().render();
        assertTrue(Pixels.variance(img) > 50);
        assertTrue(Pixels.find(img, Theme.series(1), 10).size() > 100);
    }

    @Test
    void singleAndConstantBarsRender() {
        assertTrue(Pixels.variance(BarChart.titled("one").categories("x").group("g", new double[] {0}).render()) > 50);
        assertTrue(Pixels.variance(BarChart.titled("big").categories("x", "y").group("g", new double[] {3e9, 3e9}).render()) > 50);
    }

    @Test
    void invalidInputGivesClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BarChart.titled("t").categories("a", "b").group("top-1", new double[] {1}).render());
        assertTrue(e.getMessage().contains("top-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BarChart.titled("t").group("g", new double[0]));
        assertThrows(IllegalArgumentException.class, () -> BarChart.titled("t").categories());
        assertThrows(IllegalArgumentException.class, () -> BarChart.titled("t").group("g", new double[] {1}).render());
        assertThrows(IllegalArgumentException.class,
                () -> BarChart.titled("t").categories("a").group("g", new double[] {1}, new double[] {1, 2}));
        IllegalArgumentException dots = assertThrows(IllegalArgumentException.class,
                () -> BarChart.titled("t").categories("a").group("runs", new double[] {1}, null, new double[][] {{1}, {2}}));
        assertTrue(dots.getMessage().contains("runs"), dots.getMessage());
    }
}
