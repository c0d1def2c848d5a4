package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
    static final Color BLUE = Theme.series(0), VERMILLION = Theme.series(1);

    static double[] range(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = i;
        return x;
    }

    static double[] reversed(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = x[x.length - 1 - i];
        return r;
    }

    @Test
    void savesSvgPngAndDataOfTheDefaultSize(@TempDir Path dir) throws Exception {
        double[] x = range(50), y = new double[50];
        for (int i = 0; i < 50; i++) y[i] = Math.exp(-i / 10.0);
        Path file = LinePlot.titled("Loss").x("epoch").y("loss (nats)").series("train", x, y).save(dir.resolve("sub/loss.svg"));
        BufferedImage img = ImageIO.read(dir.resolve("sub/loss.png").toFile());
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        assertTrue(Pixels.variance(img) > 50, "figure looks blank");
        String svg = Files.readString(file);
        assertTrue(svg.contains("width=\"800") && svg.contains("height=\"500") || svg.contains("width='800") && svg.contains("height='500"), svg.substring(0, 400));
        assertTrue(svg.contains(">Loss</text>") && svg.contains(">epoch</text>"), "titles are SVG text, not outlines");
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of("loss.csv", "loss.png", "loss.svg"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "temporary files left behind");
        }
        assertThrows(IllegalArgumentException.class, () -> LinePlot.titled("t").series("s", x, y).save(dir.resolve("loss.png")));
    }

    @Test
    void risingLineEndsHigherOnTheRight() {
        double[] x = range(40), y = new double[40];
        for (int i = 0; i < 40; i++) y[i] = 2 * i + 5;
        BufferedImage img = LinePlot.titled("rising").series("", x, y).render();
        List<int[]> blue = Pixels.find(img, BLUE, 30);
        assertFalse(blue.isEmpty());
        int x0 = Pixels.minX(blue), x1 = Pixels.maxX(blue);
        double left = Pixels.meanY(blue, x0, x0 + (x1 - x0) * 0.1), right = Pixels.meanY(blue, x1 - (x1 - x0) * 0.1, x1);
        assertTrue(right < left - 200, "right end y=" + right + " should be far above left end y=" + left);
        assertTrue(x1 - x0 > 600, "line should span most of the width, spans " + (x1 - x0));
    }

    @Test
    void twoSeriesGetDifferentColoursAndALegend() {
        double[] x = range(10);
        BufferedImage img = LinePlot.titled("two").series("a", x, x).series("b", x, reversed(x)).render();
        assertFalse(Pixels.find(img, BLUE, 20).isEmpty());
        assertFalse(Pixels.find(img, VERMILLION, 20).isEmpty());
    }

    @Test
    void bandIsShadedAroundTheMean() {
        double[] x = range(30), y = new double[30], sd = new double[30];
        for (int i = 0; i < 30; i++) {
            y[i] = 1;
            sd[i] = 0.5;
        }
        double[] low = new double[30], high = new double[30];
        for (int i = 0; i < 30; i++) {
            low[i] = y[i] - sd[i];
            high[i] = y[i] + sd[i];
        }
        BufferedImage img = LinePlot.titled("band").seriesWithInterval("m", x, y, low, high).noLegend().render();
        Color light = new Color(204, 227, 240); // 20% blue over white
        List<int[]> band = Pixels.find(img, light, 12), line = Pixels.find(img, BLUE, 30);
        assertTrue(band.size() > 5000, "band pixels: " + band.size());
        assertTrue(Pixels.minY(band) < Pixels.minY(line) && Pixels.maxY(band) > Pixels.maxY(line));
    }

    @Test
    void anIntervalBandSpansItsOwnEdgesNotASymmetricSpread() {
        // the interval reaches far above the line and not at all below it: the band must lie above the line only
        double[] x = range(30), y = new double[30], low = new double[30], high = new double[30];
        for (int i = 0; i < 30; i++) {
            y[i] = 1;
            low[i] = 1;
            high[i] = 3;
        }
        BufferedImage img = LinePlot.titled("interval").seriesWithInterval("m", x, y, low, high).noLegend().render();
        Color light = new Color(204, 227, 240);
        List<int[]> band = Pixels.find(img, light, 12), line = Pixels.find(img, BLUE, 30);
        assertTrue(band.size() > 5000, "band pixels: " + band.size());
        assertTrue(Pixels.minY(band) < Pixels.minY(line), "the band rises above the line");
        assertTrue(Pixels.maxY(band) <= Pixels.maxY(line) + 1, "nothing of the band below the line: " + Pixels.maxY(band) + " vs " + Pixels.maxY(line));
        assertThrows(IllegalArgumentException.class, () -> LinePlot.titled("bad").seriesWithInterval("m", x, y, new double[3], high));
    }

    @Test
    void referenceLineIsDrawnAtItsValue() {
        double[] x = range(10), y = new double[10];
        for (int i = 0; i < 10; i++) y[i] = i; // 0..9; hline at 4.5 is mid-plot
        BufferedImage img = LinePlot.titled("ref").series("", x, y).hline("chance", 4.5).render();
        List<int[]> ref = Pixels.find(img, Theme.REFERENCE, 25);
        List<int[]> blue = Pixels.find(img, BLUE, 30);
        double lineTop = Pixels.minY(blue), lineBottom = Pixels.maxY(blue);
        // most reference pixels sit on one row about halfway up the data
        double mid = (lineTop + lineBottom) / 2;
        long onRow = ref.stream().filter(p -> Math.abs(p[1] - mid) <= 3).count();
        assertTrue(onRow > 150, "dashed reference pixels near y=" + mid + ": " + onRow);
    }

    @Test
    void nanPointsAreSkippedAndBreakTheLine() {
        double[] x = range(41), y = new double[41];
        for (int i = 0; i < 41; i++) y[i] = 1;
        y[20] = Double.NaN;
        y[5] = Double.POSITIVE_INFINITY;
        BufferedImage img = LinePlot.titled("gap").series("", x, y).noLegend().render();
        List<int[]> blue = Pixels.find(img, BLUE, 30);
        int x0 = Pixels.minX(blue), x1 = Pixels.maxX(blue);
        double mid = (x0 + x1) / 2.0;
        long nearGap = blue.stream().filter(p -> Math.abs(p[0] - mid) < 4).count();
        assertEquals(0, nearGap, "the line should break where the value is NaN");
        assertTrue(Pixels.maxY(blue) - Pixels.minY(blue) < 12, "constant line should be flat");
    }

    @Test
    void singlePointIsVisibleAsAMarker() {
        BufferedImage img = LinePlot.titled("one").series("only", new double[] {3}, new double[] {7}).noLegend().render();
        List<int[]> blue = Pixels.find(img, BLUE, 30);
        assertTrue(blue.size() >= 20, "marker pixels: " + blue.size());
        assertTrue(Pixels.maxX(blue) - Pixels.minX(blue) < 12);
        // a lone point is centred: constant data is widened symmetrically
        double cx = (Pixels.minX(blue) + Pixels.maxX(blue)) / 2.0;
        assertTrue(Math.abs(cx - 420) < 80, "marker at x=" + cx);
    }

    @Test
    void hugeAndTinyRangesRender() {
        double[] x = range(20), huge = new double[20], tiny = new double[20], offset = new double[20];
        for (int i = 0; i < 20; i++) {
            huge[i] = i * 1e12;
            tiny[i] = i * 1e-12;
            offset[i] = 1e9 + i * 1e-3;
        }
        for (double[] y : List.of(huge, tiny, offset)) {
            BufferedImage img = LinePlot.titled("range").series("", x, y).render();
            List<int[]> blue = Pixels.find(img, BLUE, 30);
            assertTrue(Pixels.maxY(blue) - Pixels.minY(blue) > 200, "line should rise across the plot");
        }
    }

    @Test
    void logXSkipsNonPositiveValues() {
        double[] x = {-1, 0, 1e-4, 1e-3, 1e-2, 1e-1}, y = {9, 9, 1, 2, 3, 4};
        BufferedImage img = LinePlot.titled("lr").x("learning rate").logX().series("", x, y).render();
        List<int[]> blue = Pixels.find(img, BLUE, 30);
        int x0 = Pixels.minX(blue), x1 = Pixels.maxX(blue);
        double left = Pixels.meanY(blue, x0, x0 + 10), right = Pixels.meanY(blue, x1 - 10, x1);
        assertTrue(right < left, "rising on the log axis");
        assertThrows(IllegalArgumentException.class,
                () -> LinePlot.titled("bad").logX().series("neg", new double[] {-1, 0}, new double[] {1, 2}).render());
    }

    @Test
    void invalidInputGivesClearErrors() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> LinePlot.titled("t").series("train", new double[0], new double[0]));
        assertTrue(empty.getMessage().contains("train") && empty.getMessage().contains("empty"), empty.getMessage());
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                () -> LinePlot.titled("t").series("val", new double[3], new double[2]));
        assertTrue(lengths.getMessage().contains("val"), lengths.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinePlot.titled("t").render());
        assertThrows(IllegalArgumentException.class,
                () -> LinePlot.titled("t").series("nan", new double[] {1, 2}, new double[] {Double.NaN, Double.NaN}).render());
        assertThrows(IllegalArgumentException.class, () -> LinePlot.titled("t").hline("x", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> LinePlot.titled("t").size(10, 10));
    }

    @Test
    void customSizeIsHonoured() {
        BufferedImage img = LinePlot.titled("small").series("", range(5), range(5)).size(400, 300).render();
        assertEquals(400, img.getWidth());
        assertEquals(300, img.getHeight());
        assertTrue(Pixels.variance(img) > 50);
    }
}
