package org.dina.report;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A 2-D array as coloured cells (row 0 at the top, like a matrix) with a colour bar, e.g. a 16x64 alignment map
 * or an attention matrix. NaN cells are drawn light grey. Its data file is the matrix as JSON.
 * <pre>
 * Heatmap.titled("Attention, head 3").x("key position").y("query position").values(attn).colorBar("weight")
 * </pre>
 */
public final class Heatmap extends ChartFigure<Heatmap> {
    private double[][] values;
    private String valueLabel = "";
    private ColorMap colorMap = ColorMap.VIRIDIS;
    private boolean squareCells;

    private Heatmap(String title) {
        super(title);
    }

    /** Starts a heatmap with the given title. */
    public static Heatmap titled(String title) {
        return new Heatmap(title);
    }

    /** Sets the matrix, {@code values[row][column]}; all rows must have the same length. */
    public Heatmap values(double[][] values) {
        double[][] d = Arrays.stream(Objects.requireNonNull(values, "values")).map(double[]::clone).toArray(double[][]::new);
        if (d.length == 0 || d[0].length == 0) throw new IllegalArgumentException("Heatmap '" + title + "': values are empty");
        int ragged = IntStream.range(1, d.length).filter(r -> d[r].length != d[0].length).findFirst().orElse(-1);
        if (ragged > 0) {
            throw new IllegalArgumentException("Heatmap '" + title + "': row " + ragged + " has " + d[ragged].length
                    + " values but row 0 has " + d[0].length);
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

    /** Makes the cells about square: the figure's height follows the matrix's shape (unless {@link #size} is set). */
    public Heatmap squareCells() {
        this.squareCells = true;
        return this;
    }

    /** The plot area is the figure less about 190 px across (y axis, colour bar) and 120 down (title, x axis). */
    @Override
    int[] naturalSize() {
        if (!squareCells || values == null) return super.naturalSize();
        return new int[] {800, (int) Math.max(200, Math.min(1200, 120 + 610.0 * values.length / values[0].length))};
    }

    private double[] flat() {
        return Arrays.stream(values).flatMapToDouble(Arrays::stream).toArray();
    }

    @Override
    void validate() {
        if (values == null) throw new IllegalArgumentException("Heatmap '" + title + "' has no values");
        if (Arrays.stream(flat()).noneMatch(Double::isFinite)) {
            throw new IllegalArgumentException("Heatmap '" + title + "': no finite values to plot");
        }
    }

    @Override
    ColorScale colorScale() {
        return ColorScale.of(colorMap, flat(), valueLabel);
    }

    /** One block per cell, centred on (column, row); NaN cells get the scale's "missing" grey. */
    @Override
    Plot plot() {
        int rows = values.length, cols = values[0].length;
        double[][] xyz = new double[3][rows * cols];
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
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
        NumberAxis y = cellAxis(yLabel, rows);
        y.setInverted(true); // row 0 at the top, like a matrix
        XYPlot plot = new XYPlot(cells, cellAxis(xLabel, cols), y, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return plot;
    }

    private static NumberAxis cellAxis(String label, int n) {
        NumberAxis a = Theme.numberAxis(label);
        a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        a.setRange(-0.5, n - 0.5);
        return a;
    }

    @Override
    FigureData data() {
        return FigureData.json(FigureData.object("title", title, "x", xLabel, "y", yLabel, "value", valueLabel,
                "values", FigureData.matrix(values)));
    }
}
