package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * Points at 2-D positions coloured by a value, with a colour bar, e.g. neuron attribution at cortical positions.
 * Points with a non-finite position or value are skipped.
 * <pre>
 * PointMap.titled("Neuron attribution").x("cortical x (µm)").y("cortical y (µm)")
 *         .points(xs, ys, attribution).colorBar("attribution (a.u.)")
 * </pre>
 */
public final class PointMap extends ChartFigure<PointMap> {
    private double[] xs, ys, values;
    private String valueLabel = "";
    private ColorMap colorMap = ColorMap.VIRIDIS;

    private PointMap(String title) {
        super(title);
    }

    /** Starts a point map with the given title. */
    public static PointMap titled(String title) {
        return new PointMap(title);
    }

    /** Sets the points: position ({@code xs[i]}, {@code ys[i]}) coloured by {@code values[i]}. */
    public PointMap points(double[] xs, double[] ys, double[] values) {
        requireSameLength("PointMap '" + title + "' points", "xs, ys and values", xs, ys, values);
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.values = values.clone();
        return this;
    }

    /** Labels the colour bar (include the unit). */
    public PointMap colorBar(String label) {
        this.valueLabel = Objects.requireNonNull(label, "colour bar label");
        return this;
    }

    /** Colour map (default viridis; DIVERGING centres on zero, for signed attributions). */
    public PointMap colorMap(ColorMap map) {
        this.colorMap = Objects.requireNonNull(map, "color map");
        return this;
    }

    private boolean usable(int i) {
        return Double.isFinite(xs[i]) && Double.isFinite(ys[i]) && Double.isFinite(values[i]);
    }

    @Override
    void validate() {
        if (xs == null) throw new IllegalArgumentException("PointMap '" + title + "' has no points");
        if (IntStream.range(0, xs.length).noneMatch(this::usable)) {
            throw new IllegalArgumentException("PointMap '" + title + "': no finite values to plot");
        }
    }

    @Override
    ColorScale colorScale() {
        return ColorScale.of(colorMap, values, valueLabel);
    }

    /**
     * Lowest values are drawn first so the strongest stay on top (for a diverging map, those farthest from zero); a
     * faint rim keeps points whose colour is close to white visible.
     */
    @Override
    Plot plot() {
        boolean byMagnitude = colorMap == ColorMap.DIVERGING;
        int[] order = IntStream.range(0, xs.length).filter(this::usable).boxed()
                .sorted(Comparator.comparingDouble(i -> byMagnitude ? Math.abs(values[i]) : values[i])).mapToInt(i -> i).toArray();
        DefaultXYZDataset d = new DefaultXYZDataset();
        d.addSeries("points", new double[][] {IntStream.of(order).mapToDouble(i -> xs[i]).toArray(),
            IntStream.of(order).mapToDouble(i -> ys[i]).toArray(), IntStream.of(order).mapToDouble(i -> values[i]).toArray()});
        int n = xs.length;
        XYShapeRenderer r = new XYShapeRenderer();
        r.setPaintScale(colorScale());
        r.setSeriesShape(0, Theme.circle(n <= 500 ? 8 : n <= 5000 ? 5 : 3.5));
        r.setDrawOutlines(true);
        r.setUseOutlinePaint(true);
        r.setSeriesOutlinePaint(0, new Color(0, 0, 0, 60));
        r.setSeriesOutlineStroke(0, new BasicStroke(0.6f));
        r.setSeriesVisibleInLegend(0, false);
        return new XYPlot(d, Theme.numberAxis(xLabel), Theme.numberAxis(yLabel), r);
    }

    @Override
    FigureData data() {
        FigureData.Table t = FigureData.table("point", "x", "y", "value");
        for (int i = 0; i < xs.length; i++) t.row(i, xs[i], ys[i], values[i]);
        return referenceRows(t, 1, 2).done();
    }
}
