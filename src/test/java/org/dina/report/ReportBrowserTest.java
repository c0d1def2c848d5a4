package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * End to end: a real headless Chromium opens the generated report. Every image the report references must load at
 * its declared size ({@link HeadlessChromium#assertImagesLoad}); a screenshot of index.html shows the figures render
 * inside the page itself. Skipped when no Chromium is installed.
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
        assertTrue(Pixels.find(img, Palette.series(0), 12).size() > 500, "figure colours missing from the page");
        assertTrue(Pixels.find(img, ColorMap.VIRIDIS.color(1), 12).size() > 500, "heatmap missing from the page");
    }
}
