package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageGridTest {

    static float[][] halves(int n) { // left half black, right half white
        float[][] img = new float[n][n];
        for (int r = 0; r < n; r++) for (int c = n / 2; c < n; c++) img[r][c] = 1;
        return img;
    }

    @Test
    void imagesKeepTheirContentAndOverlaysAddColour() {
        float[][] img = halves(32);
        float[][] map = new float[8][8];
        map[0][0] = 1; // strong at the top-left corner only
        BufferedImage out = ImageGrid.titled("maps").columns(3).image("image", img).overlay("image-tower map", img, map)
                .map("neural-tower map", map).render();
        assertTrue(out.getWidth() >= 700 && out.getWidth() <= 1000, "width " + out.getWidth());
        assertTrue(Pixels.variance(out) > 50);
        // first panel: black left half, white right half
        List<int[]> black = Pixels.find(out, Color.BLACK, 3);
        List<int[]> firstPanelBlack = black.stream().filter(p -> p[0] < out.getWidth() / 3).toList();
        assertTrue(firstPanelBlack.size() > 1000);
        // the overlay's translucent yellow appears in the second panel, and only in its top-left quarter
        int third = out.getWidth() / 3;
        List<int[]> yellow = Pixels.where(out, rgb -> (rgb >> 16 & 255) > 100 && (rgb >> 8 & 255) > 90 && (rgb & 255) < 60
                && Math.abs((rgb >> 16 & 255) - (rgb >> 8 & 255)) < 40).stream().filter(p -> p[0] > third && p[0] < 2 * third).toList();
        assertTrue(yellow.size() > 100, "overlay colour pixels: " + yellow.size());
        List<int[]> panel = black.stream().filter(p -> p[0] > third && p[0] < 2 * third).toList();
        assertTrue(Pixels.maxX(yellow) < Pixels.minX(panel) + (Pixels.maxX(panel) - Pixels.minX(panel)) * 0.5);
        assertTrue(Pixels.maxY(yellow) < Pixels.minY(panel) + (Pixels.maxY(panel) - Pixels.minY(panel)) * 0.5);
    }

    @Test
    void sizeFollowsRowsAndExplicitSizeIsHonoured() {
        ImageGrid one = ImageGrid.titled("g").image("a", halves(8));
        ImageGrid six = ImageGrid.titled("g").columns(3);
        for (int i = 0; i < 6; i++) six.image("p" + i, halves(8));
        assertTrue(six.height() > one.height());
        BufferedImage fixed = ImageGrid.titled("g").image("a", halves(8)).size(800, 500).render();
        assertEquals(800, fixed.getWidth());
        assertEquals(500, fixed.getHeight());
    }

    @Test
    void edgeCasesRender() {
        float[][] nan = halves(4);
        nan[1][1] = Float.NaN;
        float[][] constant = new float[5][7];
        assertTrue(Pixels.variance(ImageGrid.titled("").image("nan", nan).overlay("const map", nan, constant)
                .map("wide map with a very long caption that cannot fit", new float[][] {{1, 2, 3, 4, 5, 6, 7, 8}}).render()) > 50);
        float[][] nanMap = {{0, Float.NaN}, {1, 2}};
        assertTrue(Pixels.variance(ImageGrid.titled("r").overlay("x", halves(4), nanMap).map("y", nanMap).render()) > 50);
    }

    @Test
    void invalidInputGivesClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.titled("t").render());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.titled("t").image("stim", new float[0][]));
        assertTrue(e.getMessage().contains("stim"));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.titled("t").image("ragged", new float[][] {{1, 2}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.titled("t").columns(0));
    }
}
