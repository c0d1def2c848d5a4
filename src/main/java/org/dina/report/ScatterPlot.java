package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Points as named groups (one colour each) or one set coloured by a value (viridis with a colour bar), with an
 * optional least-squares line (named in the legend with its slope and r). Points with a non-finite coordinate are skipped.
 * <pre>
 * ScatterPlot.titled("Attribution vs response").x("mean response (a.u.)").y("attribution (a.u.)")
 *            .coloredPoints(resp, attr, depth, "depth (µm)").fit()
 * </pre>
 */
public final class ScatterPlot extends ChartFigure<ScatterPlot> {
    private record Group(String name, double[] xs, double[] ys) {}

    /** A fitted line y = slope x + intercept, with Pearson's r; null when x has no spread. */
    record Fit(double slope, double intercept, double r) {}

    private final List<Group> groups = new ArrayList<>();
    private ValuePoints colored;
    private String valueLabel = "";
    private ColorMap colorMap = ColorMap.VIRIDIS;
    private double[] range;
    private boolean fit;

    private ScatterPlot(String title) {
        super(title);
    }

    /** Starts a scatter plot with the given title. */
    public static ScatterPlot titled(String title) {
        return new ScatterPlot(title);
    }

    /** Adds an unnamed group of points (no legend entry). */
    public ScatterPlot points(double[] xs, double[] ys) {
        return points("", xs, ys);
    }

    /** Adds a named group of points in the next series colour. */
    public ScatterPlot points(String name, double[] xs, double[] ys) {
        Objects.requireNonNull(name, "group name");
        Objects.requireNonNull(xs, "points '" + name + "': xs");
        Objects.requireNonNull(ys, "points '" + name + "': ys");
        if (xs.length == 0) throw new IllegalArgumentException("points '" + name + "' is empty");
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("points '" + name + "': xs has " + xs.length + " values but ys has " + ys.length);
        }
        groups.add(new Group(name, xs.clone(), ys.clone()));
        return this;
    }

    /** Sets the points, each coloured by {@code values[i]}; {@code valueLabel} titles the colour bar. */
    public ScatterPlot coloredPoints(double[] xs, double[] ys, double[] values, String valueLabel) {
        this.colored = new ValuePoints("colored points", xs, ys, values);
        this.valueLabel = Objects.requireNonNull(valueLabel, "value label");
        return this;
    }

    /** Colour map for {@link #coloredPoints} (default viridis; DIVERGING centres on zero). */
    public ScatterPlot colorMap(ColorMap map) {
        this.colorMap = Objects.requireNonNull(map, "color map");
        return this;
    }

    /** Fixes the colour range of {@link #coloredPoints} instead of using the values' extent. */
    public ScatterPlot colorRange(double lo, double hi) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && hi > lo)) {
            throw new IllegalArgumentException("colour range needs finite lo < hi, got " + lo + ", " + hi);
        }
        this.range = new double[] {lo, hi};
        return this;
    }

    /** Draws the least-squares line through all points and reports slope and Pearson r in the legend. */
    public ScatterPlot fit() {
        this.fit = true;
        return this;
    }

    @Override
    void validateData() {
        if (groups.isEmpty() && colored == null) throw new IllegalArgumentException("ScatterPlot '" + title + "' has no points");
        if (!groups.isEmpty() && colored != null) {
            throw new IllegalArgumentException("ScatterPlot '" + title + "': use either points(...) groups or coloredPoints(...), not both");
        }
        boolean[] any = {false};
        forEachPoint((x, y) -> any[0] = true);
        if (!any[0]) throw new IllegalArgumentException("ScatterPlot '" + title + "': no finite values to plot");
    }

    private interface PointVisitor {
        void visit(double x, double y);
    }

    private void forEachPoint(PointVisitor v) {
        if (colored != null) {
            for (int i = 0; i < colored.xs.length; i++) if (colored.usable(i)) v.visit(colored.xs[i], colored.ys[i]);
        }
        for (Group gr : groups) {
            for (int i = 0; i < gr.xs.length; i++) {
                if (Double.isFinite(gr.xs[i]) && Double.isFinite(gr.ys[i])) v.visit(gr.xs[i], gr.ys[i]);
            }
        }
    }

    /** Least-squares fit over all finite points; null with fewer than two distinct x. */
    Fit leastSquares() {
        double[] s = new double[6]; // n, sx, sy, sxx, syy, sxy
        forEachPoint((x, y) -> {
            s[0]++;
            s[1] += x;
            s[2] += y;
        });
        if (s[0] < 2) return null;
        double mx = s[1] / s[0], my = s[2] / s[0];
        forEachPoint((x, y) -> { // centred sums: no cancellation for data far from zero
            s[3] += (x - mx) * (x - mx);
            s[4] += (y - my) * (y - my);
            s[5] += (x - mx) * (y - my);
        });
        if (!(s[3] > 0)) return null;
        double slope = s[5] / s[3];
        double r = s[4] > 0 ? s[5] / Math.sqrt(s[3] * s[4]) : Double.NaN;
        return new Fit(slope, my - slope * mx, r);
    }

    @Override
    Plot plot() {
        XYPlot plot = new XYPlot(null, Theme.numberAxis(xLabel), Theme.numberAxis(yLabel), null);
        if (colored != null) {
            int n = colored.xs.length;
            plot.setDataset(0, colored.dataset(colorScale()));
            plot.setRenderer(0, ValuePoints.renderer(colorScale(), ValuePoints.diameterFor(n), ValuePoints.alphaFor(n)));
        } else {
            XYSeriesCollection points = new XYSeriesCollection();
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
            for (int k = 0; k < groups.size(); k++) {
                Group gr = groups.get(k);
                XYSeries s = new XYSeries(k + ": " + gr.name, false, true);
                for (int i = 0; i < gr.xs.length; i++) if (Double.isFinite(gr.xs[i]) && Double.isFinite(gr.ys[i])) s.add(gr.xs[i], gr.ys[i]);
                points.addSeries(s);
                r.setSeriesShape(k, Theme.circle(ValuePoints.diameterFor(gr.xs.length)));
                r.setSeriesPaint(k, Palette.withAlpha(Palette.series(k), ValuePoints.alphaFor(gr.xs.length)));
                r.setSeriesVisibleInLegend(k, !gr.name.isEmpty());
            }
            r.setLegendItemLabelGenerator((d, k) -> groups.get(k).name);
            plot.setDataset(0, points);
            plot.setRenderer(0, r);
        }
        Fit f = fit ? leastSquares() : null;
        if (f != null) {
            double[] ext = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            forEachPoint((x, y) -> {
                ext[0] = Math.min(ext[0], x);
                ext[1] = Math.max(ext[1], x);
            });
            XYSeries line = new XYSeries("least squares: slope " + formatValue(f.slope())
                    + (Double.isNaN(f.r()) ? "" : String.format(Locale.ROOT, ", r = %.2f", f.r())), false, true);
            line.add(ext[0], f.slope() * ext[0] + f.intercept());
            line.add(ext[1], f.slope() * ext[1] + f.intercept());
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            r.setSeriesPaint(0, Color.BLACK);
            r.setSeriesStroke(0, new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            plot.setDataset(1, new XYSeriesCollection(line));
            plot.setRenderer(1, r);
            // the fitted line is drawn over the points
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        }
        return plot;
    }

    @Override
    ColorScale colorScale() {
        return colored == null ? null : colored.scale(colorMap, range, valueLabel);
    }

    @Override
    FigureData data() {
        FigureData.Table t = FigureData.table("group", "x", "y", "value");
        if (colored != null) colored.rows(t);
        for (Group gr : groups) for (int i = 0; i < gr.xs.length; i++) t.row(gr.name, gr.xs[i], gr.ys[i], null);
        referenceRows(t, 4, 1, 2);
        return t.done();
    }
}
