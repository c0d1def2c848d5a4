package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Grouped bars: one bar per category (x axis, e.g. methods) for each named group (colour, e.g. metrics), with
 * optional error bars, value labels and the individual observations behind each bar as dots. A NaN value leaves its
 * bar out.
 * <pre>
 * BarChart.titled("Retrieval by method").y("accuracy").categories("DINA", "pixel ridge", "shuffled")
 *         .group("top-1", top1, top1Sd).group("top-5", top5, top5Sd).hline("chance (top-1)", 1 / 64.0)
 * </pre>
 */
public final class BarChart extends XyFigure<BarChart> {
    private record Group(String name, double[] values, double[] errors, double[][] points) {}

    private static final double GROUP_WIDTH = 0.8;
    /** Dots spread over this fraction of their bar's width, so that equal observations stay countable. */
    private static final double DOT_SPREAD = 0.6;

    private final List<String> categories = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private boolean valueLabels;

    private BarChart(String title) {
        super(title);
    }

    /** Starts a bar chart with the given title. */
    public static BarChart titled(String title) {
        return new BarChart(title);
    }

    /** Names the categories along the x axis, in order. */
    public BarChart categories(String... names) {
        Objects.requireNonNull(names, "categories");
        if (names.length == 0) throw new IllegalArgumentException("BarChart '" + title + "': categories are empty");
        for (String n : names) Objects.requireNonNull(n, "category name");
        categories.clear();
        categories.addAll(Arrays.asList(names));
        return this;
    }

    /** Adds a group of bars, one value per category. */
    public BarChart group(String name, double[] values) {
        return group(name, values, null);
    }

    /** Adds a group of bars with symmetric error bars (e.g. sd or 95% CI half-width); errors may be null. */
    public BarChart group(String name, double[] values, double[] errors) {
        return group(name, values, errors, null);
    }

    /**
     * Adds a group of bars with error bars (may be null) and, over each bar, the observations it summarises as dots:
     * {@code points[i]} for category i (e.g. mean ± sd over runs, with every run as a dot). Non-finite points are skipped.
     */
    public BarChart group(String name, double[] values, double[] errors, double[][] points) {
        Objects.requireNonNull(name, "group name");
        Objects.requireNonNull(values, "values of group '" + name + "'");
        if (values.length == 0) throw new IllegalArgumentException("group '" + name + "' is empty");
        if (errors != null && errors.length != values.length) {
            throw new IllegalArgumentException("group '" + name + "': errors has " + errors.length
                    + " values but values has " + values.length);
        }
        if (points != null && points.length != values.length) {
            throw new IllegalArgumentException("group '" + name + "': points has " + points.length
                    + " categories but values has " + values.length);
        }
        double[][] dots = null;
        if (points != null) {
            dots = new double[points.length][];
            for (int i = 0; i < points.length; i++) dots[i] = points[i] == null ? new double[0] : points[i].clone();
        }
        groups.add(new Group(name, values.clone(), errors == null ? null : errors.clone(), dots));
        return this;
    }

    /** Writes each bar's value above it. */
    public BarChart valueLabels() {
        this.valueLabels = true;
        return this;
    }

    @Override
    void validateData() {
        if (groups.isEmpty()) throw new IllegalArgumentException("BarChart '" + title + "' has no groups");
        if (categories.isEmpty()) throw new IllegalArgumentException("BarChart '" + title + "': call categories(...) first");
        for (Group gr : groups) {
            if (gr.values.length != categories.size()) {
                throw new IllegalArgumentException("group '" + gr.name + "' has " + gr.values.length + " values but there are "
                        + categories.size() + " categories");
            }
        }
    }

    @Override
    Extent xExtent() {
        return new Extent(false).add(-0.5).add(categories.size() - 0.5);
    }

    @Override
    Extent yExtent() {
        Extent e = new Extent(false);
        boolean any = false;
        for (Group gr : groups) {
            for (int i = 0; i < gr.values.length; i++) {
                double v = gr.values[i];
                if (!Double.isFinite(v)) continue;
                any = true;
                e.add(v);
                double err = error(gr, i);
                e.add(v + err).add(v - err);
            }
            if (gr.points == null) continue;
            for (double[] dots : gr.points) {
                for (double d : dots) {
                    if (!Double.isFinite(d)) continue;
                    any = true;
                    e.add(d);
                }
            }
        }
        return any ? e.add(0) : e;
    }

    private static double error(Group gr, int i) {
        return gr.errors != null && Double.isFinite(gr.errors[i]) ? Math.abs(gr.errors[i]) : 0;
    }

    @Override
    Axis xAxis(Extent e) {
        return Axis.exact(-0.5, categories.size() - 0.5);
    }

    /** Bars grow from zero, so zero is the axis edge unless values go negative. */
    @Override
    Axis yAxis(Extent e) {
        double lo = Math.min(0, e.min()), hi = Math.max(0, e.max());
        double span = hi - lo > 0 ? hi - lo : Math.max(Math.abs(hi), 1);
        return Axis.exact(lo < 0 ? lo - 0.05 * span : 0, hi > 0 ? hi + (valueLabels ? 0.12 : 0.06) * span : 0);
    }

    @Override
    List<Axis.Tick> xTicks(Axis a, int target) {
        List<Axis.Tick> ticks = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) ticks.add(new Axis.Tick(i, categories.get(i)));
        return ticks;
    }

    @Override
    boolean categoricalX() {
        return true;
    }

    @Override
    boolean xGrid() {
        return false;
    }

    @Override
    void drawData(Plot p) {
        Graphics2D g = p.g();
        int n = groups.size();
        double barW = GROUP_WIDTH / n;
        double zero = p.py(0);
        if (p.y().lo < 0) { // negative bars: mark the zero they grow from
            g.setColor(Palette.AXIS);
            g.setStroke(new BasicStroke(1f));
            g.draw(new Line2D.Double(p.rect().x, zero, p.rect().x + p.rect().width, zero));
        }
        for (int k = 0; k < n; k++) {
            Group gr = groups.get(k);
            for (int i = 0; i < gr.values.length; i++) {
                double v = gr.values[i];
                if (!Double.isFinite(v)) continue;
                double c = i - GROUP_WIDTH / 2 + (k + 0.5) * barW;
                double x0 = p.px(c - barW / 2) + 1, x1 = p.px(c + barW / 2) - 1; // 1 px gap between bars
                double y = p.py(v);
                g.setColor(Palette.series(k));
                g.fill(new Rectangle2D.Double(x0, Math.min(y, zero), Math.max(1, x1 - x0), Math.max(1, Math.abs(zero - y))));
                double err = error(gr, i);
                double cx = p.px(c);
                if (err > 0) {
                    double cap = Math.min(8, (x1 - x0) * 0.4);
                    double top = p.py(v + err), bottom = p.py(v - err);
                    g.setColor(Palette.TEXT);
                    g.setStroke(new BasicStroke(1.4f));
                    g.draw(new Line2D.Double(cx, top, cx, bottom));
                    g.draw(new Line2D.Double(cx - cap, top, cx + cap, top));
                    g.draw(new Line2D.Double(cx - cap, bottom, cx + cap, bottom));
                }
                if (valueLabels) {
                    g.setColor(Palette.TEXT);
                    double edge = v >= 0 ? p.py(v + err) - 3 : p.py(v - err) + 3;
                    p.canvas().text().draw(g, Axis.formatValue(v), cx, edge, TextStyle.NOTE, 0.5, v >= 0 ? 1 : 0);
                }
            }
            if (gr.points != null) {
                for (int i = 0; i < gr.points.length; i++) drawDots(p, gr.points[i], i - GROUP_WIDTH / 2 + (k + 0.5) * barW, barW);
            }
        }
    }

    /** The observations of one bar (centre {@code c}, width {@code barW} in category units) as dots spread across it. */
    private static void drawDots(Plot p, double[] dots, double c, double barW) {
        Graphics2D g = p.g();
        double r = 3.2;
        for (int j = 0; j < dots.length; j++) {
            if (!Double.isFinite(dots[j])) continue;
            double offset = dots.length == 1 ? 0 : (j / (dots.length - 1.0) - 0.5) * DOT_SPREAD * barW;
            double x = p.px(c + offset), y = p.py(dots[j]);
            Ellipse2D.Double dot = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
            g.setColor(Palette.BACKGROUND);
            g.fill(dot);
            g.setColor(Palette.TEXT);
            g.setStroke(new BasicStroke(1.2f));
            g.draw(dot);
        }
    }

    @Override
    List<Legend.Entry> legendEntries() {
        List<Legend.Entry> entries = new ArrayList<>();
        for (int k = 0; k < groups.size(); k++) {
            if (!groups.get(k).name.isEmpty()) entries.add(new Legend.Entry(groups.get(k).name, Palette.series(k), Legend.Kind.BOX));
        }
        return entries;
    }
}
