package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dina.eval.Evaluator;
import org.dina.pages.ReportWriter;
import org.dina.testing.HeadlessChromium;
import org.dina.train.TrainingRun;
import org.dina.train.RestoredRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole report of a trained run: analysis.json has every section, and a real headless Chromium loads
 * index.html's every figure at its declared size ({@link HeadlessChromium}). The browser part is skipped where no
 * Chromium is installed.
 */
class AnalysisReportBrowserTest {
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\" alt=\"[^\"]*\" width=\"(\\d+)\" height=\"(\\d+)\">");

    @Test
    @Timeout(180)
    void reportOfATrainedRunHasEverySectionAndEveryFigureLoads(@TempDir Path tmp) throws Exception {
        TrainedRuns.Trained t = TrainedRuns.small();
        TrainingRun.Outcome o = t.outcome();
        AnalysisResults a = RunAnalysis.analyze(o.model(), o.data(), AnalysisOptions.defaults().quick(), t.truth());
        RestoredRun run = new RestoredRun(o.model(), o.data(), o.folder(), o.state());
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
        for (String name : List.of("loss", "ranks", "examples", "manip_low_pass", "spatial_overlay",
                "attribution_positions", "neurons_keep", "neurons_remove", "graph_degree", "graph_knockout")) {
            assertTrue(html.contains("src=\"" + name + ".svg\""), name + ".svg missing");
        }
        // every figure has its PNG and its data beside it
        for (String[] img : imgs) {
            String stem = index.getParent().resolve(img[0]).toString().replaceAll("\\.svg$", "");
            assertTrue(Files.isRegularFile(Path.of(stem + ".png")), stem + ".png missing");
            assertTrue(Files.isRegularFile(Path.of(stem + ".csv")) || Files.isRegularFile(Path.of(stem + ".json")), stem + " data missing");
        }

        HeadlessChromium.assumeInstalled();
        HeadlessChromium.assertImagesLoad(tmp, index, imgs);
        // and the page itself renders in the browser
        Path shot = tmp.resolve("shot.png");
        HeadlessChromium.run(tmp, "--hide-scrollbars", "--window-size=1000,3000", "--screenshot=" + shot, index.toUri().toString());
        assertTrue(Files.size(shot) > 10_000, "screenshot too small to hold figures");
    }
}
