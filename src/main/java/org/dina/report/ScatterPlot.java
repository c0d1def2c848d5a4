package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Points as named groups (one colour each) or one set coloured by a value (viridis with a colour bar), with an
 * optional least-squares line. Points with a non-finite coordinate are skipped.
 * <pre>
 * ScatterPlot.titled("Attribution vs response").x("mean response (a.u.)").y("attribution (a.u.)")
 *            .coloredPoints(resp, attr, depth, "depth (µm)").fit()
 * </pre>
 */
public final class ScatterPlot extends XyFigure<ScatterPlot> {
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

    @Override
    Extent xExtent() {
        Extent e = new Extent(false);
        forEachPoint((x, y) -> e.add(x));
        return e;
    }

    @Override
    Extent yExtent() {
        Extent e = new Extent(false);
        forEachPoint((x, y) -> e.add(y));
        return e;
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
    void drawData(Plot p) {
        Graphics2D g = p.g();
        if (colored != null) {
            int n = colored.xs.length;
            colored.draw(p, colorScale(), ValuePoints.diameterFor(n), ValuePoints.alphaFor(n));
        }
        for (int k = 0; k < groups.size(); k++) {
            Group gr = groups.get(k);
            int n = gr.xs.length;
            double d = ValuePoints.diameterFor(n), r = d / 2;
            g.setColor(Palette.withAlpha(Palette.series(k), ValuePoints.alphaFor(n)));
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(gr.xs[i]) || !Double.isFinite(gr.ys[i])) continue;
                g.fill(new Ellipse2D.Double(p.px(gr.xs[i]) - r, p.py(gr.ys[i]) - r, d, d));
            }
        }
        Fit f = fit ? leastSquares() : null;
        if (f != null) {
            Extent xe = xExtent();
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(p.px(xe.min()), p.py(f.slope() * xe.min() + f.intercept()),
                    p.px(xe.max()), p.py(f.slope() * xe.max() + f.intercept())));
        }
    }

    @Override
    ColorScale colorScale() {
        return colored == null ? null : colored.scale(colorMap, range, valueLabel);
    }

    @Override
    List<Legend.Entry> legendEntries() {
        List<Legend.Entry> entries = new ArrayList<>();
        for (int k = 0; k < groups.size(); k++) {
            if (!groups.get(k).name.isEmpty()) entries.add(new Legend.Entry(groups.get(k).name, Palette.series(k), Legend.Kind.MARKER));
        }
        Fit f = fit ? leastSquares() : null;
        if (f != null) {
            String label = "least squares: slope " + Axis.formatValue(f.slope())
                    + (Double.isNaN(f.r()) ? "" : String.format(Locale.ROOT, ", r = %.2f", f.r()));
            entries.add(new Legend.Entry(label, Color.BLACK, Legend.Kind.LINE));
        }
        return entries;
    }
}
