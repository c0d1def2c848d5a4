package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/** Points coloured by a value through a {@link ColorScale}; shared by {@link ScatterPlot} and {@link PointMap}. */
final class ValuePoints {
    final double[] xs, ys, values;

    ValuePoints(String what, double[] xs, double[] ys, double[] values) {
        Objects.requireNonNull(xs, what + ": xs");
        Objects.requireNonNull(ys, what + ": ys");
        Objects.requireNonNull(values, what + ": values");
        if (xs.length == 0) throw new IllegalArgumentException(what + " is empty");
        if (xs.length != ys.length || xs.length != values.length) {
            throw new IllegalArgumentException(what + ": xs, ys and values must have the same length, got "
                    + xs.length + ", " + ys.length + " and " + values.length);
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.values = values.clone();
    }

    /** Position and value all finite; points with a missing value are skipped rather than drawn grey. */
    boolean usable(int i) {
        return Double.isFinite(xs[i]) && Double.isFinite(ys[i]) && Double.isFinite(values[i]);
    }

    boolean anyUsable() {
        return IntStream.range(0, xs.length).anyMatch(this::usable);
    }

    /** The scale for these values: {@code range} if given (length 2), else their extent (symmetric if diverging). */
    ColorScale scale(ColorMap map, double[] range, String label) {
        return ColorScale.of(map, range, values, label);
    }

    /**
     * The usable points as one series, lowest values first so the strongest are drawn on top; for a diverging map
     * the points farthest from zero go on top instead.
     */
    DefaultXYZDataset dataset(ColorScale scale) {
        boolean byMagnitude = scale.map() == ColorMap.DIVERGING;
        int[] order = IntStream.range(0, xs.length).filter(this::usable).boxed()
                .sorted(Comparator.comparingDouble(i -> byMagnitude ? Math.abs(values[i]) : values[i])).mapToInt(i -> i).toArray();
        DefaultXYZDataset d = new DefaultXYZDataset();
        d.addSeries("points", new double[][] {
            Arrays.stream(order).mapToDouble(i -> xs[i]).toArray(),
            Arrays.stream(order).mapToDouble(i -> ys[i]).toArray(),
            Arrays.stream(order).mapToDouble(i -> values[i]).toArray()});
        return d;
    }

    /** Draws each point as a disc in its value's colour. */
    static XYShapeRenderer renderer(ColorScale scale, double diameter, double alpha) {
        XYShapeRenderer r = new XYShapeRenderer();
        r.setPaintScale(scale.translucent(alpha));
        r.setDefaultShape(Theme.circle(diameter));
        r.setAutoPopulateSeriesShape(false);
        // a faint rim keeps points whose colour is close to white (diverging maps near zero) visible
        r.setDrawOutlines(diameter >= 5);
        r.setUseOutlinePaint(true);
        r.setDefaultOutlinePaint(new Color(0, 0, 0, 60));
        r.setDefaultOutlineStroke(new BasicStroke(0.6f));
        r.setAutoPopulateSeriesOutlinePaint(false);
        r.setAutoPopulateSeriesOutlineStroke(false);
        r.setDefaultSeriesVisibleInLegend(false);
        return r;
    }

    /** Adds (group, x, y, value) rows, the group left empty. */
    void rows(FigureData.Table t) {
        for (int i = 0; i < xs.length; i++) t.row(null, xs[i], ys[i], values[i]);
    }

    /** Marker diameter in pixels that keeps dense clouds readable. */
    static double diameterFor(int n) {
        return n <= 500 ? 7 : n <= 5000 ? 5 : 3.5;
    }

    static double alphaFor(int n) {
        return n <= 500 ? 0.85 : n <= 5000 ? 0.65 : 0.45;
    }
}
