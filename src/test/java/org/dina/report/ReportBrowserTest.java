package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.dina.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a real headless Chromium opens generated reports. Every SVG a report references must load at its
 * declared size ({@link HeadlessChromium#assertImagesLoad}), and screenshots show that each kind of figure renders
 * its content inside the page. Skipped when no Chromium is installed (and failing in CI).
 */
class ReportBrowserTest {
    @Test
    @Timeout(150)
    void everyFigureInTheReportLoadsInChromium(@TempDir Path tmp) throws Exception {
        HeadlessChromium.assumeInstalled();
        Path index = HtmlReportTest.sampleReport(tmp.resolve("runs/demo")).write();
        List<String[]> imgs = HtmlReportTest.images(Files.readString(index, StandardCharsets.UTF_8));
        assertEquals(3, imgs.size());
        HeadlessChromium.assertImagesLoad(tmp, index, imgs.stream().map(i -> new String[] {i[0], i[2], i[3]}).toList());
    }

    @Test
    @Timeout(150)
    void reportPageRendersItsFigures(@TempDir Path tmp) throws Exception {
        HeadlessChromium.assumeInstalled();
        Path index = HtmlReportTest.sampleReport(tmp.resolve("runs/demo")).write();
        Path shot = tmp.resolve("shot.png");
        HeadlessChromium.run(tmp, "--hide-scrollbars", "--window-size=1200,2200", "--screenshot=" + shot, index.toUri().toString());
        assertTrue(Files.isRegularFile(shot), "no screenshot written");
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1200, img.getWidth());
        // the loss line and the bars are Okabe-Ito blue; the heatmap's top cell is viridis yellow
        assertTrue(Pixels.find(img, Theme.series(0), 12).size() > 500, "figure colours missing from the page");
        assertTrue(Pixels.find(img, new Color(ColorMap.VIRIDIS.rgb(1)), 12).size() > 500, "heatmap missing from the page");
    }

    /** {@code c} at opacity {@code a} over white. */
    private static Color over(Color c, double a) {
        return new Color((int) Math.round(c.getRed() * a + 255 * (1 - a)), (int) Math.round(c.getGreen() * a + 255 * (1 - a)),
                (int) Math.round(c.getBlue() * a + 255 * (1 - a)));
    }

    /** One figure of each kind, each shown alone at 600 x 360 in a page Chromium screenshots. */
    @Test
    @Timeout(200)
    void everyKindOfFigureRendersAsSvgInChromium(@TempDir Path tmp) throws Exception {
        HeadlessChromium.assumeInstalled();
        double[] x = {1, 2, 4, 8, 16}, y = {0.7, 0.6, 0.4, 0.3, 0.2};
        double[] low = {0.6, 0.5, 0.3, 0.2, 0.1}, high = {0.8, 0.7, 0.5, 0.4, 0.3};
        double[][] m = new double[16][64];
        for (int r = 0; r < 16; r++) for (int c = 0; c < 64; c++) m[r][c] = (r % 2 == 0 ? 1 : -1) * (c - 31.5); // -31.5..31.5
        float[][] image = new float[32][32];
        for (int r = 0; r < 32; r++) for (int c = 0; c < 32; c++) image[r][c] = c < 16 ? 0 : 1;
        List<Figure<?>> figures = List.of(
                LinePlot.titled("Low-pass filter").x("cutoff").y("top-1").logX().seriesWithInterval("DINA", x, y, low, high).hline("chance", 0.1),
                Histogram.titled("Ranks").x("rank").values(new double[] {1, 1, 1, 2, 3, 5, 8}).vline("chance", 4),
                BarChart.titled("Knockout").categories("5", "10").group("hubs", new double[] {0.5, 0.4})
                        .group("random", new double[] {0.6, 0.5}, new double[] {0.05, 0.05}, new double[][] {{0.55, 0.65}, {0.5}}),
                ScatterPlot.titled("Attribution").x("response").y("attribution").points(x, y).fit(),
                PointMap.titled("Positions").x("x").y("y").points(x, y, new double[] {-1, 0, 1, 2, 3}).colorMap(ColorMap.DIVERGING),
                Heatmap.titled("Alignability").values(m).colorBar("contribution"),
                ImageGrid.titled("Maps").columns(2).image("stimulus", image).map("map", new float[][] {{0, 1}, {1, 0}}));
        HtmlReport report = HtmlReport.in(tmp.resolve("report"), "every kind");
        HtmlReport.Section s = report.section("Figures");
        for (int i = 0; i < figures.size(); i++) s.figure("f" + i + ".svg", figures.get(i).size(600, 360), "figure " + i);
        Path index = report.write();
        List<String[]> imgs = HtmlReportTest.images(Files.readString(index, StandardCharsets.UTF_8));
        assertEquals(figures.size(), imgs.size());
        HeadlessChromium.assertImagesLoad(tmp, index, imgs.stream().map(i -> new String[] {i[0], i[2], i[3]}).toList());

        // a bare page of the SVGs, one under another, so that figure i fills rows [360 i, 360 (i + 1))
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html><body style=\"margin:0\">");
        for (String[] img : imgs) page.append("<img style=\"display:block\" src=\"").append(img[0]).append("\">");
        Path bare = index.resolveSibling("bare.html");
        Files.writeString(bare, page.append("</body></html>"));
        Path shot = tmp.resolve("kinds.png");
        HeadlessChromium.run(tmp, "--hide-scrollbars", "--window-size=600," + 360 * figures.size(), "--screenshot=" + shot, bare.toUri().toString());
        BufferedImage all = ImageIO.read(shot.toFile());
        Color blue = Theme.series(0), translucentBlue = over(blue, 0.85); // histogram bars and scatter dots are 85% opaque
        Color[] expected = {blue, translucentBlue, Theme.series(1), translucentBlue, new Color(ColorMap.DIVERGING.rgb(1)),
            new Color(ColorMap.VIRIDIS.rgb(0)), new Color(ColorMap.VIRIDIS.rgb(1))};
        for (int i = 0; i < figures.size(); i++) {
            BufferedImage one = all.getSubimage(0, 360 * i, 600, 360);
            assertTrue(Pixels.find(one, expected[i], 20).size() > 15, "figure " + i + " lacks its data colour " + expected[i]);
            assertTrue(Pixels.find(one, Theme.TEXT, 40).size() > 200, "figure " + i + " lacks its text");
        }
    }
}
