package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointMapTest {

    @Test
    void highValueColourAppearsAtTheHighPointsPosition() {
        double[] x = {0, 100, 0, 100}, y = {0, 0, 100, 100}, v = {0, 0, 0, 1}; // top-right point is the strong one
        BufferedImage img = PointMap.titled("attribution").x("cortical x (µm)").y("cortical y (µm)").points(x, y, v)
                .colorBar("attribution (a.u.)").render();
        assertEquals(800, img.getWidth());
        assertTrue(Pixels.variance(img) > 50);
        List<int[]> low = Pixels.find(img, new Color(ColorMap.VIRIDIS.rgb(0)), 20).stream().filter(p -> p[0] < 650).toList();
        List<int[]> high = Pixels.find(img, new Color(ColorMap.VIRIDIS.rgb(1)), 20).stream().filter(p -> p[0] < 650).toList();
        assertTrue(high.size() > 10 && low.size() > 25, high.size() + " / " + low.size());
        double hx = high.stream().mapToInt(p -> p[0]).average().orElseThrow(), hy = high.stream().mapToInt(p -> p[1]).average().orElseThrow();
        assertTrue(hx > Pixels.minX(low) + 50 && hy < Pixels.maxY(low) - 50, "strong point should be top-right");
    }

    @Test
    void nanAndDivergingRender() {
        double[] x = {0, 1, 2, Double.NaN}, y = {0, 1, 2, 3}, v = {-1, 0, 2, 5};
        assertTrue(Pixels.variance(PointMap.titled("f").points(x, y, v).colorMap(ColorMap.DIVERGING).render()) > 50);
        assertTrue(Pixels.variance(PointMap.titled("one").points(new double[] {5}, new double[] {5}, new double[] {1}).render()) > 50);
    }

    @Test
    void invalidInputGivesClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> PointMap.titled("t").points(new double[0], new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> PointMap.titled("t").points(new double[2], new double[2], new double[1]));
        assertThrows(IllegalArgumentException.class, () -> PointMap.titled("t").render());
    }
}
