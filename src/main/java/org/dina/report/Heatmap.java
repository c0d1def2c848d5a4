package org.dina.report;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A 2-D array as coloured cells (row 0 at the top, like a matrix) with a colour bar, e.g. a 16x64 alignment map
 * or an attention matrix. NaN cells are drawn light grey.
 * <pre>
 * Heatmap.titled("Attention, head 3").x("key position").y("query position").values(attn).colorBar("weight")
 * </pre>
 */
public final class Heatmap extends XyFigure<Heatmap> {
    private double[][] values;
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
        return set(d);
    }

    /** Sets the matrix, {@code values[row][column]}; all rows must have the same length. */
    public Heatmap values(double[][] values) {
        Objects.requireNonNull(values, "values");
        double[][] d = new double[values.length][];
        for (int r = 0; r < values.length; r++) d[r] = Objects.requireNonNull(values[r], "row " + r).clone();
        return set(d);
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
        if (valueExtent().isEmpty()) throw new IllegalArgumentException("Heatmap '" + title + "': no finite values to plot");
    }

    private Extent valueExtent() {
        Extent e = new Extent(false);
        for (double[] row : values) e.addAll(row);
        return e;
    }

    @Override
    Extent xExtent() {
        return new Extent(false).add(-0.5).add(cols() - 0.5);
    }

    @Override
    Extent yExtent() {
        return new Extent(false).add(-0.5).add(rows() - 0.5);
    }

    @Override
    Axis xAxis(Extent e) {
        return Axis.integers(-0.5, cols() - 0.5);
    }

    /** Inverted: row 0 at the top. */
    @Override
    Axis yAxis(Extent e) {
        return Axis.integers(rows() - 0.5, -0.5);
    }

    @Override
    List<Axis.Tick> xTicks(Axis a, int target) {
        return columnLabels == null ? a.ticks(target) : named(columnLabels, target * 2);
    }

    @Override
    List<Axis.Tick> yTicks(Axis a, int target) {
        return rowLabels == null ? a.ticks(target) : named(rowLabels, (int) (target * 2.5));
    }

    /** Every k-th name, k chosen so at most about {@code room} labels appear. */
    private static List<Axis.Tick> named(String[] names, int room) {
        int k = Math.max(1, (int) Math.ceil(names.length / (double) Math.max(1, room)));
        List<Axis.Tick> ticks = new ArrayList<>();
        for (int i = 0; i < names.length; i += k) ticks.add(new Axis.Tick(i, names[i]));
        return ticks;
    }

    @Override
    boolean categoricalX() {
        return columnLabels != null;
    }

    @Override
    boolean xGrid() {
        return false;
    }

    @Override
    boolean yGrid() {
        return false;
    }

    @Override
    boolean equalAspect() {
        return squareCells;
    }

    @Override
    ColorScale colorScale() {
        if (range != null) return new ColorScale(colorMap, range[0], range[1], valueLabel);
        return ColorScale.over(colorMap, valueExtent(), valueLabel, colorMap == ColorMap.DIVERGING);
    }

    @Override
    void drawData(Plot p) {
        ColorScale scale = colorScale();
        BufferedImage cells = new BufferedImage(cols(), rows(), BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < cols(); c++) cells.setRGB(c, r, scale.rgb(values[r][c]));
        }
        // cells are data: nearest neighbour, never blurred across cell borders
        p.g().setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        int x0 = (int) Math.round(p.px(-0.5)), x1 = (int) Math.round(p.px(cols() - 0.5));
        int y0 = (int) Math.round(p.py(-0.5)), y1 = (int) Math.round(p.py(rows() - 0.5));
        p.g().drawImage(cells, x0, y0, x1 - x0, y1 - y0, null);
    }
}
