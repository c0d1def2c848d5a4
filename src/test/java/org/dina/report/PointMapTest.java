package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointMapTest {

    @Test
    void highValueColourAppearsAtTheHighPointsPosition() {
        double[] x = {0, 100, 0, 100}, y = {0, 0, 100, 100}, v = {0, 0, 0, 1}; // top-right point is the strong one
        BufferedImage img = PointMap.titled("attribution").x("cortical x (µm)").y("cortical y (µm)").points(x, y, v)
                .colorBar("attribution (a.u.)").pointSize(16).render();
        assertEquals(800, img.getWidth());
        assertTrue(Pixels.variance(img) > 50);
        // points are 90% opaque over white, so their colours are a little lighter than the map's
        List<int[]> low = Pixels.find(img, ColorMap.VIRIDIS.color(0), 35).stream().filter(p -> p[0] < 650).toList();
        List<int[]> high = Pixels.find(img, ColorMap.VIRIDIS.color(1), 35).stream().filter(p -> p[0] < 650).toList();
        assertTrue(high.size() > 50 && low.size() > 100);
        double hx = high.stream().mapToInt(p -> p[0]).average().orElseThrow(), hy = high.stream().mapToInt(p -> p[1]).average().orElseThrow();
        assertTrue(hx > Pixels.minX(low) + 50 && hy < Pixels.maxY(low) - 50, "strong point should be top-right");
    }

    @Test
    void equalAspectMakesASquareLookSquare() {
        double[] x = {0, 100, 0, 100}, y = {0, 0, 100, 100}, v = {1, 1, 1, 1};
        BufferedImage img = PointMap.titled("square").points(x, y, v).pointSize(10).render();
        // constant values sit mid-map: find the four dots by their colour
        List<int[]> dots = Pixels.find(img, ColorMap.VIRIDIS.color(0.5), 35).stream().filter(p -> p[0] < 650).toList();
        double w = Pixels.maxX(dots) - Pixels.minX(dots), h = Pixels.maxY(dots) - Pixels.minY(dots);
        assertEquals(1, w / h, 0.05, "width " + w + " vs height " + h);
    }

    @Test
    void floatInputNanAndDivergingRender() {
        float[] x = {0, 1, 2, Float.NaN}, y = {0, 1, 2, 3}, v = {-1, 0, 2, 5};
        assertTrue(Pixels.variance(PointMap.titled("f").points(x, y, v).colorMap(ColorMap.DIVERGING).freeAspect().render()) > 50);
        assertTrue(Pixels.variance(PointMap.titled("one").points(new double[] {5}, new double[] {5}, new double[] {1}).render()) > 50);
    }

    @Test
    void invalidInputGivesClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> PointMap.titled("t").points(new double[0], new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> PointMap.titled("t").points(new double[2], new double[2], new double[1]));
        assertThrows(IllegalArgumentException.class, () -> PointMap.titled("t").render());
    }
}
