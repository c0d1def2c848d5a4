package org.dina.train;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result files' mapper: snake_case in declaration order, non-finite numbers as null and back as NaN, one-line errors. */
class ResultJsonTest {
    record Sample(double chanceTop1, double[] top1Ci95, Double spearman, int queries, @JsonProperty("share_for_50_percent") double share50,
                  List<Double> perDraw) {}

    @Test
    void namesAreSnakeCaseInDeclarationOrder() {
        String text = ResultJson.text(new Sample(0.25, new double[] {0.1, 0.4}, 0.5, 12, 0.3, List.of(1.0)));
        assertEquals("{\n  \"chance_top1\" : 0.25,\n  \"top1_ci95\" : [ 0.1, 0.4 ],\n  \"spearman\" : 0.5,\n  \"queries\" : 12,\n"
                + "  \"share_for_50_percent\" : 0.3,\n  \"per_draw\" : [ 1.0 ]\n}\n", text);
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNullAndReadBackAsNaN(@TempDir Path dir) throws IOException {
        Sample s = new Sample(Double.NaN, new double[] {Double.NEGATIVE_INFINITY, 0.5}, Double.POSITIVE_INFINITY, 3, Double.NaN,
                List.of(Double.NaN, 2.0));
        String text = ResultJson.text(s);
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
        assertTrue(text.contains("\"chance_top1\" : null") && text.contains("[ null, 0.5 ]") && text.contains("[ null, 2.0 ]"), text);
        Path file = dir.resolve("sample.json");
        ResultJson.write(file, s);
        Sample back = ResultJson.read(file, Sample.class);
        assertTrue(Double.isNaN(back.chanceTop1()), "null in a double field reads as NaN, not 0");
        assertTrue(Double.isNaN(back.top1Ci95()[0]));
        assertEquals(0.5, back.top1Ci95()[1]);
        assertEquals(3, back.queries());
        assertEquals(text, ResultJson.text(back), "a file read back writes the same bytes");
    }

    @Test
    void filesFromBeforeTheRecordsStillRead(@TempDir Path dir) throws IOException {
        // the old maps wrote NaN as a string, and a newer file may have a key this version does not know
        Path file = dir.resolve("old.json");
        Files.writeString(file, "{\"chance_top1\": \"NaN\", \"top1_ci95\": [0.1, 0.2], \"queries\": 4, \"added_later\": true}");
        Sample s = ResultJson.read(file, Sample.class);
        assertTrue(Double.isNaN(s.chanceTop1()));
        assertEquals(4, s.queries());
    }

    @Test
    void aBrokenFileIsOneLineNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.json");
        Files.writeString(file, "{\"queries\": ");
        IOException e = assertThrows(IOException.class, () -> ResultJson.read(file, Sample.class));
        assertTrue(e.getMessage().startsWith(file + ": not a valid metrics.json"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> ResultJson.read(dir.resolve("none.json"), Sample.class));
        assertTrue(missing.getMessage().endsWith("none.json: missing"), missing.getMessage());
    }
}
