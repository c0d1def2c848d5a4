package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dina.eval.Evaluator;
import org.dina.eval.RunEvaluation;
import org.dina.train.TrainingRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole report of a trained run: analysis.json has every section, and a real headless Chromium loads
 * index.html's every figure (a probe page beside it records each image's natural size). Chromium is skipped when
 * absent (apt-get install -y chromium).
 */
class AnalysisReportBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("dina.chromium", "/usr/bin/chromium"));
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\" alt=\"[^\"]*\" width=\"(\\d+)\" height=\"(\\d+)\">");

    @Test
    @Timeout(180)
    void reportOfATrainedRunHasEverySectionAndEveryFigureLoads(@TempDir Path tmp) throws Exception {
        TrainedRuns.Trained t = TrainedRuns.small();
        TrainingRun.Outcome o = t.outcome();
        AnalysisResults a = RunAnalysis.analyze(o.model(), o.data(), AnalysisOptions.defaults().quick(), t.truth());
        RunEvaluation.Restored run = new RunEvaluation.Restored(o.model(), o.data(), o.folder(), o.state());
        Path json = RunAnalysis.write(o.folder(), a);
        Path index = ReportWriter.write(run, Evaluator.evaluate(o.model(), o.data()), a);

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        for (String key : List.of("manipulations", "semantic", "spatial", "neurons", "interactions", "ground_truth", "seconds")) {
            assertTrue(root.has(key), "analysis.json lacks " + key);
        }
        assertEquals(5, root.path("manipulations").path("curves").size());
        assertFalse(root.path("semantic").path("skipped").asBoolean(), "simulated images have categories");
        assertEquals(40, root.path("neurons").path("per_neuron").path("attribution").size());
        assertFalse(Files.readString(json).contains("NaN"), "JSON has no NaN");

        String html = Files.readString(index, StandardCharsets.UTF_8);
        List<String[]> imgs = new ArrayList<>();
        Matcher m = IMG.matcher(html);
        while (m.find()) imgs.add(new String[] {m.group(1), m.group(2), m.group(3)});
        assertTrue(imgs.size() >= 20, "figures in the report: " + imgs.size());
        assertFalse(html.contains("not drawn"), "a figure could not be drawn");
        for (String name : List.of("loss.png", "ranks.png", "examples.png", "manip_low_pass.png", "spatial_overlay.png",
                "attribution_positions.png", "neurons_keep.png", "neurons_remove.png", "graph_degree.png", "graph_knockout.png")) {
            assertTrue(html.contains("src=\"" + name + "\""), name + " missing");
        }

        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "browser check skipped: no Chromium at " + CHROMIUM);
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
            Matcher s = Pattern.compile("<div id=\"s" + i + "\">([^<]*)</div>").matcher(dom);
            assertTrue(s.find(), "probe status " + i + " missing");
            assertEquals("loaded " + imgs.get(i)[1] + "x" + imgs.get(i)[2], s.group(1), imgs.get(i)[0]);
        }
        Files.delete(probePage);
        // and the page itself renders in the browser
        Path shot = tmp.resolve("shot.png");
        chromium(tmp, "--hide-scrollbars", "--window-size=1000,3000", "--screenshot=" + shot, index.toUri().toString());
        assertTrue(Files.size(shot) > 10_000, "screenshot too small to hold figures");
    }

    private static String chromium(Path work, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = work.resolve("chromium.out"), err = work.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("Chromium did not finish within 60 s");
        }
        assertEquals(0, p.exitValue(), "Chromium failed: " + Files.readString(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
