package org.dina.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A 2-D array as coloured cells (row 0 at the top, like a matrix) with a colour bar, e.g. a 16x64 alignment map
 * or an attention matrix. NaN cells are drawn light grey.
 * <pre>
 * Heatmap.titled("Attention, head 3").x("key position").y("query position").values(attn).colorBar("weight")
 * </pre>
 */
public final class Heatmap extends ChartFigure<Heatmap> {
    private double[][] values;
    /** The values came as floats: the data file writes them as floats, without invented digits. */
    private boolean floats;
    private String valueLabel = "";
    private ColorMap colorMap = ColorMap.VIRIDIS;
    private double[] range;
    private String[] rowLabels, columnLabels;
    private boolean squareCells;

    private Heatmap(String title) {
        super(title);
    }

    /** Starts a heatmap with the given title. */
    public static Heatmap titled(String title) {
        return new Heatmap(title);
    }

    /** Sets the matrix, {@code values[row][column]}; all rows must have the same length. */
    public Heatmap values(float[][] values) {
        Objects.requireNonNull(values, "values");
        double[][] d = new double[values.length][];
        for (int r = 0; r < values.length; r++) d[r] = PointMap.toDouble(Objects.requireNonNull(values[r], "row " + r));
        set(d);
        floats = true;
        return this;
    }

    /** Sets the matrix, {@code values[row][column]}; all rows must have the same length. */
    public Heatmap values(double[][] values) {
        Objects.requireNonNull(values, "values");
        double[][] d = new double[values.length][];
        for (int r = 0; r < values.length; r++) d[r] = Objects.requireNonNull(values[r], "row " + r).clone();
        set(d);
        floats = false;
        return this;
    }

    private Heatmap set(double[][] d) {
        if (d.length == 0 || d[0].length == 0) throw new IllegalArgumentException("Heatmap '" + title + "': values are empty");
        for (int r = 1; r < d.length; r++) {
            if (d[r].length != d[0].length) {
                throw new IllegalArgumentException("Heatmap '" + title + "': row " + r + " has " + d[r].length
                        + " values but row 0 has " + d[0].length);
            }
        }
        this.values = d;
        return this;
    }

    /** Labels the colour bar (include the unit). */
    public Heatmap colorBar(String label) {
        this.valueLabel = Objects.requireNonNull(label, "colour bar label");
        return this;
    }

    /** Colour map (default viridis; DIVERGING centres on zero, for signed values). */
    public Heatmap colorMap(ColorMap map) {
        this.colorMap = Objects.requireNonNull(map, "color map");
        return this;
    }

    /** Fixes the colour range instead of using the values' extent (values outside are clamped). */
    public Heatmap colorRange(double lo, double hi) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && hi > lo)) {
            throw new IllegalArgumentException("colour range needs finite lo < hi, got " + lo + ", " + hi);
        }
        this.range = new double[] {lo, hi};
        return this;
    }

    /** Names the rows (y tick labels) instead of numbering them from 0. */
    public Heatmap rowLabels(String... labels) {
        this.rowLabels = Objects.requireNonNull(labels, "row labels").clone();
        return this;
    }

    /** Names the columns (x tick labels) instead of numbering them from 0. */
    public Heatmap columnLabels(String... labels) {
        this.columnLabels = Objects.requireNonNull(labels, "column labels").clone();
        return this;
    }

    /** Keeps cells square (blank margin around the matrix) instead of filling the plot area. */
    public Heatmap squareCells() {
        this.squareCells = true;
        return this;
    }

    private int rows() {
        return values.length;
    }

    private int cols() {
        return values[0].length;
    }

    @Override
    void validateData() {
        if (values == null) throw new IllegalArgumentException("Heatmap '" + title + "' has no values");
        if (rowLabels != null && rowLabels.length != rows()) {
            throw new IllegalArgumentException("Heatmap '" + title + "': " + rowLabels.length + " row labels for " + rows() + " rows");
        }
        if (columnLabels != null && columnLabels.length != cols()) {
            throw new IllegalArgumentException("Heatmap '" + title + "': " + columnLabels.length + " column labels for " + cols() + " columns");
        }
        if (Arrays.stream(flat()).noneMatch(Double::isFinite)) throw new IllegalArgumentException("Heatmap '" + title + "': no finite values to plot");
    }

    private double[] flat() {
        return Arrays.stream(values).flatMapToDouble(Arrays::stream).toArray();
    }

    @Override
    boolean equalAspect() {
        return squareCells;
    }

    @Override
    ColorScale colorScale() {
        return ColorScale.of(colorMap, range, flat(), valueLabel);
    }

    /** One block per cell, centred on (column, row); NaN cells get the scale's "missing" grey. */
    @Override
    Plot plot() {
        double[][] xyz = new double[3][rows() * cols()];
        for (int r = 0, i = 0; r < rows(); r++) {
            for (int c = 0; c < cols(); c++, i++) {
                xyz[0][i] = c;
                xyz[1][i] = r;
                xyz[2][i] = values[r][c];
            }
        }
        DefaultXYZDataset cells = new DefaultXYZDataset();
        cells.addSeries("cells", xyz);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(colorScale());
        r.setDefaultSeriesVisibleInLegend(false);
        ValueAxis y = axis(yLabel, rowLabels, rows());
        y.setInverted(true); // row 0 at the top, like a matrix
        XYPlot plot = new XYPlot(cells, axis(xLabel, columnLabels, cols()), y, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return plot;
    }

    private static ValueAxis axis(String label, String[] names, int n) {
        NumberAxis a;
        if (names != null) {
            SymbolAxis s = new SymbolAxis(label.isEmpty() ? null : label, names);
            s.setGridBandsVisible(false);
            a = s;
        } else {
            a = Theme.numberAxis(label);
            a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        a.setRange(-0.5, n - 0.5);
        return a;
    }

    @Override
    FigureData data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("title", title);
        d.put("x", xLabel);
        d.put("y", yLabel);
        d.put("value", valueLabel);
        if (rowLabels != null) d.put("row_labels", List.of(rowLabels));
        if (columnLabels != null) d.put("column_labels", List.of(columnLabels));
        d.put("values", FigureData.matrix(values, floats));
        return FigureData.json(d);
    }
}
