package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.statistics.StatisticalCategoryDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every figure writes the numbers it shows beside itself (CSV, or JSON for matrices and images), and those numbers are
 * the ones JFreeChart plots: each test saves a figure, reads the data file back and compares it with the chart's own
 * datasets.
 */
class FigureDataTest {
    @TempDir Path dir;

    /** The rows of a CSV file, header first; cells split on commas outside quotes. */
    static List<List<String>> csv(Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"' && quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') cell.append(line.charAt(++i));
                else if (c == '"') quoted = !quoted;
                else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else cell.append(c);
            }
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }

    static double num(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    @Test
    void linePlotCsvHoldsEveryPointAndIntervalThePlotDraws() throws Exception {
        double[] x = {1, 2, 3, 4}, y = {0.5, Double.NaN, 0.25, 0.125}, low = {0.4, 0.3, 0.2, 0.1}, high = {0.6, 0.7, 0.3, 0.2};
        LinePlot plot = LinePlot.titled("t").series("train, all", x, new double[] {4, 3, 2, 1})
                .seriesWithInterval("val \"held out\"", x, y, low, high).hline("chance", 0.1);
        plot.save(dir.resolve("loss.svg"));
        List<List<String>> rows = csv(dir.resolve("loss.csv"));
        assertEquals(List.of("series", "x", "y", "low", "high"), rows.get(0));
        assertEquals(List.of("train, all", "1.0", "4.0", "", ""), rows.get(1), "names with commas are quoted");
        assertEquals(List.of("reference: chance", "", "0.1", "", ""), rows.get(9));
        XYDataset lines = plot.chart().getXYPlot().getDataset(0);
        IntervalXYDataset bands = (IntervalXYDataset) plot.chart().getXYPlot().getDataset(1);
        for (int i = 0; i < 4; i++) {
            List<String> r = rows.get(5 + i);
            assertEquals("val \"held out\"", r.get(0));
            assertEquals(num(r.get(2)), lines.getYValue(1, i), 0); // NaN in both: an empty cell, a gap in the line
            if (i != 1) assertEquals(num(r.get(1)), lines.getXValue(1, i), 0);
        }
        // the NaN at x = 2 splits the band into a lone point and a run of two
        assertEquals(2, bands.getSeriesCount());
        assertEquals(num(rows.get(5).get(3)), bands.getStartYValue(0, 0), 0);
        assertEquals(num(rows.get(8).get(4)), bands.getEndYValue(1, 1), 0);
    }

    @Test
    void histogramCsvCountsAreTheBars() throws Exception {
        double[] ranks = {1, 1, 1, 2, 5, 5, Double.NaN};
        Histogram h = Histogram.titled("ranks").values(ranks).vline("chance", 3);
        h.save(dir.resolve("ranks.svg"));
        List<List<String>> rows = csv(dir.resolve("ranks.csv"));
        assertEquals(List.of("bin", "bin_low", "bin_high", "count"), rows.get(0));
        IntervalXYDataset bars = (IntervalXYDataset) h.chart().getXYPlot().getDataset();
        int bar = 0;
        long total = 0;
        for (List<String> r : rows.subList(1, 6)) {
            long count = Long.parseLong(r.get(3));
            total += count;
            if (count == 0) continue; // empty bins draw no bar
            assertEquals(num(r.get(1)), bars.getStartXValue(0, bar), 0);
            assertEquals(num(r.get(2)), bars.getEndXValue(0, bar), 0);
            assertEquals(count, bars.getYValue(0, bar++), 0);
        }
        assertEquals(bars.getItemCount(0), bar);
        assertEquals(6, total, "every finite value counted once");
        assertEquals(List.of("reference: chance", "3.0", "", ""), rows.get(6));
    }

    @Test
    void barChartCsvHoldsValuesErrorsAndObservations() throws Exception {
        BarChart chart = BarChart.titled("b").categories("DINA", "pixels").group("top-1", new double[] {0.5, Double.NaN},
                new double[] {0.1, 0.2}, new double[][] {{0.4, 0.6}, {}}).group("top-5", new double[] {0.9, 0.3});
        chart.save(dir.resolve("bars.svg"));
        List<List<String>> rows = csv(dir.resolve("bars.csv"));
        assertEquals(List.of("group", "category", "value", "error", "observations"), rows.get(0));
        assertEquals(List.of("top-1", "DINA", "0.5", "0.1", "0.4;0.6"), rows.get(1));
        assertEquals(List.of("top-5", "pixels", "0.3", "", ""), rows.get(4));
        StatisticalCategoryDataset d = (StatisticalCategoryDataset) chart.chart().getCategoryPlot().getDataset();
        for (int r = 1; r <= 4; r++) {
            int group = (r - 1) / 2, category = (r - 1) % 2;
            Number mean = d.getMeanValue(group, category), sd = d.getStdDevValue(group, category);
            assertEquals(num(rows.get(r).get(2)), mean == null ? Double.NaN : mean.doubleValue(), 0);
            assertEquals(num(rows.get(r).get(3)), sd == null ? Double.NaN : sd.doubleValue(), 0);
            assertEquals(rows.get(r).get(1), ((CategoryDataset) d).getColumnKey(category));
        }
    }

    @Test
    void scatterAndPointMapCsvHoldEveryPoint() throws Exception {
        double[] x = {1, 2, Double.NaN, 4}, y = {2, 4, 6, 8.5}, v = {-1, 0, 1, 2};
        ScatterPlot s = ScatterPlot.titled("s").points(x, y).fit();
        s.save(dir.resolve("s.svg"));
        List<List<String>> rows = csv(dir.resolve("s.csv"));
        XYDataset points = s.chart().getXYPlot().getDataset(0);
        assertEquals(5, rows.size());
        assertEquals(3, points.getItemCount(0), "the point with a NaN is in the file but not drawn");
        for (int i = 0; i < 3; i++) {
            List<String> r = rows.get(new int[] {1, 2, 4}[i]);
            assertEquals(num(r.get(1)), points.getXValue(0, i), 0);
            assertEquals(num(r.get(2)), points.getYValue(0, i), 0);
        }
        PointMap m = PointMap.titled("m").points(x, y, v).colorMap(ColorMap.DIVERGING);
        m.save(dir.resolve("m.svg"));
        Set<List<Double>> written = new HashSet<>(), drawn = new HashSet<>();
        for (List<String> r : csv(dir.resolve("m.csv")).subList(1, 5)) {
            if (!r.get(1).isEmpty()) written.add(List.of(num(r.get(1)), num(r.get(2)), num(r.get(3))));
        }
        XYZDataset d = (XYZDataset) m.chart().getXYPlot().getDataset();
        for (int i = 0; i < d.getItemCount(0); i++) drawn.add(List.of(d.getXValue(0, i), d.getYValue(0, i), d.getZValue(0, i)));
        assertEquals(written, drawn);
    }

    @Test
    void heatmapAndImageGridJsonHoldTheMatrices() throws Exception {
        double[][] m = {{1, Double.NaN, 3}, {4, 5, 6}};
        Heatmap h = Heatmap.titled("h").values(m).x("column").y("row").colorBar("weight");
        h.save(dir.resolve("h.svg"));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("h.json").toFile());
        assertEquals("weight", json.get("value").asText());
        XYZDataset cells = (XYZDataset) h.chart().getXYPlot().getDataset();
        for (int i = 0; i < cells.getItemCount(0); i++) {
            JsonNode cell = json.at("/values/" + (int) cells.getYValue(0, i) + "/" + (int) cells.getXValue(0, i));
            assertEquals(cell.isNull() ? Double.NaN : cell.asDouble(), cells.getZValue(0, i), 0);
        }
        assertTrue(json.at("/values/0/1").isNull(), "NaN is null: JSON has no NaN");

        float[][] img = {{0, 0.5f}, {1, Float.NaN}}, map = {{0.25f}};
        ImageGrid.titled("g").image("stimulus", img).overlay("map over it", img, map).save(dir.resolve("g.svg"));
        JsonNode grid = new ObjectMapper().readTree(dir.resolve("g.json").toFile());
        assertEquals("map over it", grid.at("/panels/1/title").asText());
        assertEquals(0.5, grid.at("/panels/0/image/0/1").asDouble(), 0);
        assertTrue(grid.at("/panels/0/image/1/1").isNull() && grid.at("/panels/0/map").isNull());
        assertEquals(0.25, grid.at("/panels/1/map/0/0").asDouble(), 0);
    }

    @Test
    void theSameFigureGivesTheSameBytes() {
        double[] x = {1, 2, 3};
        String a = LinePlot.titled("t").x("epoch").series("s", x, x).hline("h", 2).svg();
        String b = LinePlot.titled("t").x("epoch").series("s", x, x).hline("h", 2).svg();
        assertEquals(a, b);
        assertArrayEquals(Histogram.titled("h").values(x).data().bytes(), Histogram.titled("h").values(x).data().bytes());
    }
}
