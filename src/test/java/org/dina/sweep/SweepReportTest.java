package org.dina.sweep;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dina.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's report/index.html: a figure per swept parameter with its numbers beside it, the same means as sweep.json,
 * every task named and linked to its run folder; a real headless Chromium loads every figure (skipped without one).
 */
class SweepReportTest {
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\" alt=\"[^\"]*\" width=\"(\\d+)\" height=\"(\\d+)\">");
    private static final Pattern LINK = Pattern.compile("<td><a href=\"([^\"#]+)\">([^<]+)</a>");

    @TempDir Path dir;

    @Test
    @Timeout(300)
    void reportPlotsEverySweptParameterAndLinksEveryTask() throws Exception {
        Path plan = TinyPlans.write(dir, """
                grid:
                  loss.temperature: [0.1, 0.05]
                seeds: [1, 2]
                """);
        Path out = dir.resolve("out");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Sweep.run(SweepPlanFile.read(plan), new LocalEngine(), out, new PrintStream(log, true));
        Path index = out.resolve("report/index.html");
        assertTrue(log.toString().contains("sweep: report " + index), log.toString());
        String html = Files.readString(index, StandardCharsets.UTF_8);
        JsonNode sweep = new ObjectMapper().readTree(out.resolve(SweepSummary.FILE).toFile());

        // every task is named once in the task table, and its name opens its run folder
        List<String[]> links = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) links.add(new String[] {m.group(1), m.group(2)});
        assertEquals(4, links.size(), html);
        for (JsonNode row : sweep.get("rows")) {
            String id = row.get("id").asText();
            String[] link = links.stream().filter(l -> l[1].equals(id)).findFirst().orElseThrow(() -> new AssertionError(id + " not linked"));
            Path target = index.getParent().resolve(URLDecoder.decode(link[0], StandardCharsets.UTF_8)).normalize();
            assertEquals(out.resolve(id).toAbsolutePath().normalize(), target, "link of " + id);
        }

        // the grid key and the seed are plotted (fold and recording do not vary), each metric with its data files
        for (String figure : List.of("top1-vs-loss.temperature", "top5-vs-loss.temperature", "top1-vs-seed", "top5-vs-seed")) {
            assertTrue(html.contains("src=\"" + figure + ".svg\""), figure + " missing");
            for (String beside : List.of(".json", ".csv", ".png")) {
                assertTrue(Files.isRegularFile(out.resolve("report/" + figure + beside)), figure + beside + " missing");
            }
        }
        assertFalse(html.contains("-vs-fold") || html.contains("-vs-recording"), "a parameter that does not vary gets no figure");

        // per temperature, the figure's mean over seeds is the grid point's mean in sweep.json
        JsonNode data = new ObjectMapper().readTree(out.resolve("report/top1-vs-loss.temperature.json").toFile());
        assertEquals("loss.temperature", data.get("parameter").asText());
        for (int g = 0; g < 2; g++) {
            assertEquals(sweep.at("/summary/" + g + "/top1_mean").asDouble(), data.at("/groups/0/mean/" + g).asDouble(), 1e-12);
            assertEquals(2, data.at("/groups/0/tasks_top1/" + g).size(), "both seeds of grid point " + g);
        }

        List<String[]> imgs = new ArrayList<>();
        Matcher im = IMG.matcher(html);
        while (im.find()) imgs.add(new String[] {im.group(1), im.group(2), im.group(3)});
        assertEquals(4, imgs.size());
        HeadlessChromium.assumeInstalled();
        HeadlessChromium.assertImagesLoad(dir, index, imgs);
    }
}
