package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapTest {

    @Test
    void hotCellAppearsAtItsRowAndColumn() {
        double[][] m = new double[16][64];
        m[0][63] = 1; // top-right cell is the only bright one
        BufferedImage img = Heatmap.titled("alignment").x("neural token").y("image patch").values(m).colorBar("cosine").render();
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        assertTrue(Pixels.variance(img) > 50);
        List<int[]> dark = Pixels.find(img, new Color(ColorMap.VIRIDIS.rgb(0)), 4);
        List<int[]> bright = Pixels.find(img, new Color(ColorMap.VIRIDIS.rgb(1)), 4);
        // the matrix area is the dark cells' bounding box; the hot cell is in its top-right corner
        int x0 = Pixels.minX(dark), y0 = Pixels.minY(dark), y1 = Pixels.maxY(dark);
        int x1 = Pixels.runEnd(dark, x0); // the colour bar's dark end lies further right, after a white gap
        List<int[]> hot = bright.stream().filter(p -> p[0] <= x1 + 2 && p[0] >= x0).toList();
        assertTrue(hot.size() > 50, "hot cell pixels: " + hot.size());
        assertTrue(Pixels.minX(hot) > x0 + (x1 - x0) * 0.95, "hot cell should be in the last column");
        assertTrue(Pixels.maxY(hot) < y0 + (y1 - y0) * 0.1, "hot cell should be in the first row");
    }

    @Test
    void nanCellsAreGreyAndEdgeCasesRender() {
        double[][] m = {{1, Double.NaN}, {3, 4}};
        BufferedImage img = Heatmap.titled("nan").values(m).render();
        assertTrue(Pixels.find(img, Theme.MISSING, 2).size() > 1000);
        assertTrue(Pixels.variance(Heatmap.titled("one").values(new double[][] {{5}}).render()) > 50);
        assertTrue(Pixels.variance(Heatmap.titled("const").values(new double[][] {{2, 2}, {2, 2}}).render()) > 50);
        assertTrue(Pixels.variance(Heatmap.titled("diverging").values(new double[][] {{-1e-9, 2e-9}}).colorMap(ColorMap.DIVERGING).render()) > 50);
    }

    @Test
    void squareCellsGiveTheFigureTheMatrixShape() {
        double[][] m = new double[10][10];
        for (int r = 0; r < 10; r++) m[r][r] = 1;
        BufferedImage img = Heatmap.titled("hubs").values(m).colorBar("weight").squareCells().render();
        List<int[]> dark = Pixels.find(img, new Color(ColorMap.VIRIDIS.rgb(0)), 4);
        int x0 = Pixels.minX(dark), x1 = Pixels.runEnd(dark, x0);
        double w = x1 - x0, h = Pixels.maxY(dark) - Pixels.minY(dark);
        assertEquals(1, w / h, 0.12, "cells " + w + " x " + h + " px in all");
    }

    @Test
    void largeMatrixRendersQuickly() {
        double[][] m = new double[512][512];
        for (int r = 0; r < 512; r++) for (int c = 0; c < 512; c++) m[r][c] = Math.sin(r * 0.05) * c;
        long t0 = System.nanoTime();
        BufferedImage img = Heatmap.titled("attention").values(m).render();
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        assertTrue(Pixels.variance(img) > 50);
    }

    @Test
    void invalidInputGivesClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> Heatmap.titled("t").values(new double[0][0]));
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.titled("t").values(new double[][] {{1, 2}, {3}}));
        assertTrue(ragged.getMessage().contains("row 1"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Heatmap.titled("t").values(new double[][] {{Double.NaN}}).render());
        assertThrows(IllegalArgumentException.class, () -> Heatmap.titled("t").render());
    }
}
