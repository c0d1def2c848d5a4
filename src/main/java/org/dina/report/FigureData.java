package org.dina.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The numbers a figure shows, written beside it so a user can replot them in their own tool: a CSV table (one row
 * per plotted value, long format) or, for matrices and images, JSON.
 */
final class FigureData {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String extension;
    private final byte[] bytes;

    private FigureData(String extension, byte[] bytes) {
        this.extension = extension;
        this.bytes = bytes;
    }

    String extension() {
        return extension;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /** A JSON document of maps, lists, strings and numbers; NaN must already be null (JSON has no NaN). */
    static FigureData json(Object tree) {
        try {
            return new FigureData("json", (JSON.writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("figure data is not JSON-serialisable: " + e.getMessage(), e);
        }
    }

    /** A matrix for JSON, NaN and infinities as null; {@code asFloat}: values that were floats, written as floats. */
    static List<List<Number>> matrix(double[][] m, boolean asFloat) {
        List<List<Number>> rows = new ArrayList<>(m.length);
        for (double[] row : m) {
            rows.add(Arrays.stream(row).mapToObj(v -> !Double.isFinite(v) ? null : asFloat ? (Number) (float) v : (Number) v).toList());
        }
        return rows;
    }

    /** A float matrix for JSON, NaN and infinities as null. */
    static List<List<Float>> matrix(float[][] m) {
        List<List<Float>> rows = new ArrayList<>(m.length);
        for (float[] row : m) {
            List<Float> r = new ArrayList<>(row.length);
            for (float v : row) r.add(Float.isFinite(v) ? v : null);
            rows.add(r);
        }
        return rows;
    }

    /** Starts a CSV table with the given column names. */
    static Table table(String... columns) {
        return new Table(columns);
    }

    /** A CSV table built row by row; numbers are written exactly (shortest round-trip form), NaN as an empty cell. */
    static final class Table {
        private final int columns;
        private final StringBuilder csv = new StringBuilder();

        private Table(String... names) {
            this.columns = names.length;
            append(names);
        }

        /** Adds a row: strings, numbers or null (empty). */
        Table row(Object... cells) {
            if (cells.length != columns) throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns + " columns");
            append(cells);
            return this;
        }

        private void append(Object[] cells) {
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) csv.append(',');
                csv.append(cell(cells[i]));
            }
            csv.append('\n');
        }

        private static String cell(Object c) {
            if (c == null) return "";
            if (c instanceof Double d) return d.isNaN() ? "" : d.toString();
            if (c instanceof Float f) return f.isNaN() ? "" : f.toString();
            String s = c.toString();
            // RFC 4180: quote cells holding a separator, a quote or a line break, doubling inner quotes
            return s.matches("(?s).*[,\"\r\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
        }

        FigureData done() {
            return new FigureData("csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
