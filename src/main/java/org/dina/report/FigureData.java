package org.dina.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The numbers a figure shows, written beside it so a user can replot them in their own tool: a CSV table (one row
 * per plotted value, long format) or, for matrices and images, JSON.
 */
record FigureData(String extension, byte[] bytes) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A JSON document of maps, lists, strings and numbers; NaN must already be null (JSON has no NaN). */
    static FigureData json(Object tree) {
        try {
            return new FigureData("json", (JSON.writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("figure data is not JSON-serialisable: " + e.getMessage(), e);
        }
    }

    /** A matrix for JSON, NaN and infinities as null. */
    static List<List<Double>> matrix(double[][] m) {
        return Arrays.stream(m).map(row -> Arrays.stream(row).mapToObj(v -> Double.isFinite(v) ? v : null).toList()).toList();
    }

    /** A float matrix for JSON, NaN and infinities as null. */
    static List<List<Float>> matrix(float[][] m) {
        return Arrays.stream(m)
                .map(row -> IntStream.range(0, row.length).mapToObj(i -> Float.isFinite(row[i]) ? row[i] : null).toList()).toList();
    }

    /** A JSON object with the given keys and values, in that order. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /** Starts a CSV table with the given column names. */
    static Table table(String... columns) {
        return new Table(columns.length, new StringBuilder()).row((Object[]) columns);
    }

    /** A CSV table built row by row; numbers are written exactly (shortest round-trip form), NaN as an empty cell. */
    record Table(int columns, StringBuilder csv) {
        /** Adds a row: strings, numbers or null (empty). */
        Table row(Object... cells) {
            if (cells.length != columns) {
                throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns + " columns");
            }
            csv.append(Arrays.stream(cells).map(Table::cell).collect(Collectors.joining(","))).append('\n');
            return this;
        }

        private static String cell(Object c) {
            String s = c == null || c instanceof Double d && d.isNaN() ? "" : c.toString();
            // RFC 4180: quote cells holding a separator, a quote or a line break, doubling inner quotes
            return s.matches("(?s).*[,\"\r\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
        }

        FigureData done() {
            return new FigureData("csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
