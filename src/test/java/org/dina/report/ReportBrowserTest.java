package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a real headless Chromium opens the generated report. A probe page (written by this test; the report
 * itself has no JavaScript) loads every image the report references and records naturalWidth/naturalHeight in the
 * DOM, which --dump-dom prints; a screenshot of index.html shows the figures render inside the page itself.
 * Skipped when no Chromium is installed (apt-get install -y chromium).
 */
class ReportBrowserTest {
    /** Override with -Ddina.chromium=/path/to/chromium. */
    private static final Path CHROMIUM = Path.of(System.getProperty("dina.chromium", "/usr/bin/chromium"));
    private static final long PROCESS_TIMEOUT_S = 60;

    private static void assumeChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "browser test skipped: no Chromium at " + CHROMIUM + " (install it with: apt-get install -y chromium)");
    }

    /** Runs Chromium headless with a throw-away profile; returns stdout. Kills it (and its children) after 60 s. */
    private static String chromium(Path work, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = work.resolve("chromium.out"), err = work.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("Chromium did not finish within " + PROCESS_TIMEOUT_S + " s; stderr: " + tail(err));
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) fail("Chromium exited with " + p.exitValue() + "; stderr: " + tail(err));
        return stdout;
    }

    private static String tail(Path f) throws IOException {
        String s = Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    @Test
    @Timeout(150)
    void everyFigureInTheReportLoadsInChromium(@TempDir Path tmp) throws Exception {
        assumeChromium();
        HtmlReport report = HtmlReportTest.sampleReport(tmp.resolve("runs/demo"));
        Path index = report.write();
        List<String[]> imgs = HtmlReportTest.images(Files.readString(index, StandardCharsets.UTF_8));
        assertEquals(3, imgs.size());

        // the probe lives beside index.html so the report's relative links resolve the same way
        StringBuilder probe = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>\n"
                + "function ok(i, img) { document.getElementById('s' + i).textContent = 'loaded ' + img.naturalWidth + 'x' + img.naturalHeight; }\n"
                + "function bad(i) { document.getElementById('s' + i).textContent = 'failed'; }\n</script></head><body>\n");
        for (int i = 0; i < imgs.size(); i++) {
            probe.append("<div id=\"s").append(i).append("\">pending</div><img src=\"").append(imgs.get(i)[0])
                    .append("\" onload=\"ok(").append(i).append(", this)\" onerror=\"bad(").append(i).append(")\">\n");
        }
        probe.append("</body></html>\n");
        Path probePage = index.resolveSibling("probe.html");
        Files.writeString(probePage, probe, StandardCharsets.UTF_8);

        String dom = chromium(tmp, "--dump-dom", probePage.toUri().toString());
        for (int i = 0; i < imgs.size(); i++) {
            Matcher m = Pattern.compile("<div id=\"s" + i + "\">([^<]*)</div>").matcher(dom);
            assertTrue(m.find(), "probe status " + i + " missing from DOM:\n" + dom);
            String expected = "loaded " + imgs.get(i)[2] + "x" + imgs.get(i)[3];
            assertEquals(expected, m.group(1), "image " + imgs.get(i)[0]);
        }
        Files.delete(probePage);
    }

    @Test
    @Timeout(150)
    void reportPageRendersItsFigures(@TempDir Path tmp) throws Exception {
        assumeChromium();
        Path index = HtmlReportTest.sampleReport(tmp.resolve("runs/demo")).write();
        Path shot = tmp.resolve("shot.png");
        chromium(tmp, "--hide-scrollbars", "--window-size=1200,2200", "--screenshot=" + shot, index.toUri().toString());
        assertTrue(Files.isRegularFile(shot), "no screenshot written");
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1200, img.getWidth());
        // the loss line and the bars are Okabe-Ito blue; the heatmap's top cell is viridis yellow
        assertTrue(Pixels.find(img, Palette.series(0), 12).size() > 500, "figure colours missing from the page");
        assertTrue(Pixels.find(img, ColorMap.VIRIDIS.color(1), 12).size() > 500, "heatmap missing from the page");
    }
}
