package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\" alt=\"([^\"]*)\" width=\"(\\d+)\" height=\"(\\d+)\">");

    /** A small report with three figures and a table, like a run's; used by the browser test too. */
    static HtmlReport sampleReport(Path runDir) {
        double[] x = {1, 2, 3, 4, 5}, loss = {4.1, 3.0, 2.2, 1.9, 1.7};
        HtmlReport report = HtmlReport.forRun(runDir, "DINA run <script>alert('x')</script> & co");
        report.summary("top-1 accuracy", "0.42 (chance 0.016)").summary("epochs", "5");
        report.section("Training").paragraph("Loss per epoch.\n\nLower is better; <b>not</b> bold.")
                .figure("loss.svg", LinePlot.titled("Loss").x("epoch").y("loss (nats)").series("train", x, loss).size(600, 360),
                        "Training loss falls from 4.1 to 1.7");
        report.section("Retrieval")
                .figure("figures/accuracy.svg", BarChart.titled("Accuracy").y("accuracy").categories("DINA", "baseline")
                        .group("top-1", new double[] {0.42, 0.1}).hline("chance", 1 / 64.0).size(500, 320),
                        "Bar chart of accuracy", "Top-1 accuracy by method.")
                .figure("alignment map.svg", Heatmap.titled("Alignment").values(new double[][] {{1, 2}, {3, 4}}).size(400, 300),
                        "Alignment heatmap")
                .table("Metrics", List.of(List.of("method", "top-1", "note"), List.of("DINA", "0.42", "<ok>"),
                        List.of("baseline", "0.10 ± 0.02", "pixels")));
        return report;
    }

    static List<String[]> images(String html) {
        List<String[]> out = new ArrayList<>();
        Matcher m = IMG.matcher(html);
        while (m.find()) out.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
        return out;
    }

    @Test
    void writesIndexWithEveryFigureReferencedRelatively(@TempDir Path tmp) throws Exception {
        HtmlReport report = sampleReport(tmp.resolve("runs/demo"));
        Path index = report.write();
        assertEquals(tmp.resolve("runs/demo/report/index.html").toAbsolutePath(), index.toAbsolutePath());
        String html = Files.readString(index, StandardCharsets.UTF_8);
        List<String[]> imgs = images(html);
        assertEquals(3, imgs.size(), html);
        assertEquals("loss.svg", imgs.get(0)[0]);
        assertEquals("600", imgs.get(0)[2]);
        assertEquals("360", imgs.get(0)[3]);
        assertEquals("figures/accuracy.svg", imgs.get(1)[0]);
        assertEquals("alignment%20map.svg", imgs.get(2)[0]);
        for (String[] img : imgs) {
            String file = java.net.URLDecoder.decode(img[0], StandardCharsets.UTF_8);
            assertTrue(Files.isRegularFile(index.getParent().resolve(file)), "missing " + file);
            assertFalse(img[1].isBlank(), "alt text");
        }
        assertTrue(html.contains("<figcaption>Top-1 accuracy by method. <span class=\"files\"><a href=\"figures/accuracy.png\">PNG</a>"), html);
        assertTrue(html.contains("<a href=\"alignment%20map.json\">data (JSON)</a>") && html.contains("<a href=\"loss.csv\">data (CSV)</a>"), html);
        for (String beside : List.of("loss.png", "loss.csv", "figures/accuracy.png", "figures/accuracy.csv", "alignment map.png", "alignment map.json")) {
            assertTrue(Files.isRegularFile(index.getParent().resolve(beside)), "missing " + beside);
        }
        assertTrue(html.contains("<td class=\"num\">0.42</td>") && html.contains("<td class=\"num\">0.10 ± 0.02</td>"));
        assertTrue(html.contains("<td>&lt;ok&gt;</td>"));
        assertTrue(html.contains("<h2>Training</h2>") && html.contains("href=\"#section-2\""));
        assertEquals(2, html.split("<p>", -1).length - 1, "blank line splits paragraphs");
    }

    @Test
    void escapesEverythingAndContainsNoScriptOrExternalResource(@TempDir Path tmp) {
        String html = sampleReport(tmp).html();
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script"), "no script element may appear");
        assertTrue(html.contains("DINA run &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
        assertTrue(html.contains("&lt;b&gt;not&lt;/b&gt;"));
        assertFalse(lower.contains("http://") || lower.contains("https://") || lower.contains("<link"), "no external resources");
        assertTrue(lower.contains("<style>"));
        assertFalse(lower.matches("(?s).*\\son[a-z]+=.*"), "no inline event handlers");
    }

    @Test
    void escapeHandlesAttributesAndControlCharacters() {
        assertEquals("a&quot;b&#39;c&lt;&gt;&amp;", HtmlReport.escape("a\"b'c<>&"));
        assertEquals("ab\nc", HtmlReport.escape("a\u0000b\nc"));
    }

    @Test
    void rejectsFiguresOutsideTheReportFolderOrNotSvg(@TempDir Path tmp) {
        HtmlReport report = HtmlReport.in(tmp.resolve("r"), "t");
        LinePlot plot = LinePlot.titled("x").series("s", new double[] {1}, new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> report.section("s").figure("../escape.svg", plot, "alt"));
        assertThrows(IllegalArgumentException.class, () -> report.section("s").figure("plot.png", plot, "alt"));
        assertThrows(IllegalArgumentException.class, () -> report.section("s").table(List.of()));
    }

    @Test
    void tableRowsLinkToFilesAndFoldersRelativeToTheReport(@TempDir Path tmp) throws Exception {
        Path sweep = tmp.resolve("sweep");
        Files.createDirectories(sweep.resolve("task a/report"));
        Files.writeString(sweep.resolve("task a/report/index.html"), "");
        Files.createDirectories(sweep.resolve("task-b"));
        HtmlReport report = HtmlReport.in(sweep.resolve("report"), "sweep");
        report.section("Runs").table("tasks", List.of(List.of("task", "top-1"), List.of("task a", "0.5"), List.of("task-b", "0.4"),
                List.of("task-c", "-")), java.util.Arrays.asList(sweep.resolve("task a/report/index.html"), Path.of("../task-b"), null));
        String html = report.html();
        assertTrue(html.contains("<td><a href=\"../task%20a/report/index.html\">task a</a></td>"), html);
        assertTrue(html.contains("<td><a href=\"../task-b/\">task-b</a></td>"), html);
        assertTrue(html.contains("<td>task-c</td>"), html);
        assertThrows(IllegalArgumentException.class,
                () -> report.section("s").table("t", List.of(List.of("h"), List.of("row")), List.of()));
    }

    @Test
    void rewritingReplacesTheFileAtomically(@TempDir Path tmp) throws Exception {
        HtmlReport report = HtmlReport.in(tmp, "first");
        report.write();
        HtmlReport.in(tmp, "second").write();
        String html = Files.readString(tmp.resolve("index.html"));
        assertTrue(html.contains("<title>second</title>"));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(tmp.resolve("index.html")), files.toList());
        }
    }
}
