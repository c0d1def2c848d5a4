package org.dina.report;

import java.util.Objects;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;

/**
 * Points at 2-D positions coloured by a value, with a colour bar and equal units on both axes, e.g. neuron
 * attribution at cortical positions. Points with a non-finite position or value are skipped.
 * <pre>
 * PointMap.titled("Neuron attribution").x("cortical x (µm)").y("cortical y (µm)")
 *         .points(xs, ys, attribution).colorBar("attribution (a.u.)")
 * </pre>
 */
public final class PointMap extends ChartFigure<PointMap> {
    private ValuePoints points;
    private String valueLabel = "";
    private ColorMap colorMap = ColorMap.VIRIDIS;
    private double[] range;
    private boolean equalAspect = true;
    private double pointSize;

    private PointMap(String title) {
        super(title);
    }

    /** Starts a point map with the given title. */
    public static PointMap titled(String title) {
        return new PointMap(title);
    }

    /** Sets the points: position ({@code xs[i]}, {@code ys[i]}) coloured by {@code values[i]}. */
    public PointMap points(double[] xs, double[] ys, double[] values) {
        this.points = new ValuePoints("PointMap '" + title + "' points", xs, ys, values);
        return this;
    }

    /** Same as {@link #points(double[], double[], double[])} for float data. */
    public PointMap points(float[] xs, float[] ys, float[] values) {
        return points(toDouble(xs), toDouble(ys), toDouble(values));
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

    /** Fixes the colour range instead of using the values' extent. */
    public PointMap colorRange(double lo, double hi) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && hi > lo)) {
            throw new IllegalArgumentException("colour range needs finite lo < hi, got " + lo + ", " + hi);
        }
        this.range = new double[] {lo, hi};
        return this;
    }

    /** Lets the axes stretch independently (by default a unit spans the same pixels on both). */
    public PointMap freeAspect() {
        this.equalAspect = false;
        return this;
    }

    /** Marker diameter in pixels (default depends on the number of points). */
    public PointMap pointSize(double diameter) {
        if (!(diameter > 0 && diameter <= 100)) throw new IllegalArgumentException("point size must be in (0, 100], got " + diameter);
        this.pointSize = diameter;
        return this;
    }

    static double[] toDouble(float[] v) {
        Objects.requireNonNull(v, "values");
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    @Override
    void validateData() {
        if (points == null) throw new IllegalArgumentException("PointMap '" + title + "' has no points");
        if (!points.anyUsable()) throw new IllegalArgumentException("PointMap '" + title + "': no finite values to plot");
    }

    @Override
    boolean equalAspect() {
        return equalAspect;
    }

    @Override
    ColorScale colorScale() {
        return points.scale(colorMap, range, valueLabel);
    }

    @Override
    Plot plot() {
        int n = points.xs.length;
        double d = pointSize > 0 ? pointSize : Math.max(ValuePoints.diameterFor(n), 8);
        return new XYPlot(points.dataset(colorScale()), Theme.numberAxis(xLabel), Theme.numberAxis(yLabel),
                ValuePoints.renderer(colorScale(), d, Math.max(ValuePoints.alphaFor(n), 0.9)));
    }

    @Override
    FigureData data() {
        FigureData.Table t = FigureData.table("group", "x", "y", "value");
        points.rows(t);
        referenceRows(t, 4, 1, 2);
        return t.done();
    }
}
