package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.Range;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Grouped bars: one bar per category (x axis, e.g. methods) for each named group (colour, e.g. metrics), with
 * optional error bars, value labels and the individual observations behind each bar as dots. A NaN value leaves its
 * bar out.
 * <pre>
 * BarChart.titled("Retrieval by method").y("accuracy").categories("DINA", "pixel ridge", "shuffled")
 *         .group("top-1", top1, top1Sd).group("top-5", top5, top5Sd).hline("chance (top-1)", 1 / 64.0)
 * </pre>
 */
public final class BarChart extends ChartFigure<BarChart> {
    private record Group(String name, double[] values, double[] errors, double[][] points) {}

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
        boolean any = false;
        for (Group gr : groups) for (double v : gr.values) any |= Double.isFinite(v);
        if (!any) throw new IllegalArgumentException("BarChart '" + title + "': no finite values to plot");
    }

    private static double error(Group gr, int i) {
        return gr.errors != null && Double.isFinite(gr.errors[i]) ? Math.abs(gr.errors[i]) : 0;
    }

    @Override
    Plot plot() {
        DefaultStatisticalCategoryDataset bars = new DefaultStatisticalCategoryDataset();
        for (int k = 0; k < groups.size(); k++) {
            Group gr = groups.get(k);
            for (int i = 0; i < categories.size(); i++) {
                double v = gr.values[i], err = error(gr, i);
                bars.add(Double.isFinite(v) ? v : null, err > 0 ? err : null, new Key(k, gr.name), new Key(i, categories.get(i)));
            }
        }
        Bars r = new Bars();
        for (int k = 0; k < groups.size(); k++) {
            r.setSeriesPaint(k, Palette.series(k));
            r.setSeriesVisibleInLegend(k, !groups.get(k).name.isEmpty());
        }
        r.setErrorIndicatorPaint(Palette.TEXT);
        r.setErrorIndicatorStroke(new BasicStroke(1.4f));
        r.setItemMargin(0.05);
        r.setShadowVisible(false);
        r.setBarPainter(new StandardBarPainter());
        CategoryAxis x = new CategoryAxis(xLabel.isEmpty() ? null : xLabel);
        x.setMaximumCategoryLabelLines(3);
        x.setCategoryMargin(0.2);
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        if (categories.size() * Math.min(longest, 24) > 90) x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        NumberAxis y = Theme.numberAxis(yLabel);
        y.setUpperMargin(valueLabels ? 0.12 : 0.06);
        CategoryPlot plot = new CategoryPlot(bars, x, y, r);
        plot.setRangeZeroBaselineVisible(true);
        plot.setRangeZeroBaselinePaint(Palette.AXIS);
        return plot;
    }

    /** A row or column key: unique by its index, shown by its name (two groups may both be unnamed). */
    private record Key(int index, String name) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return Integer.compare(index, o.index);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Bars with error bars, plus what JFreeChart has no renderer for: the observations as dots and the value labels. */
    private final class Bars extends StatisticalBarRenderer {
        @Override
        public void drawItem(Graphics2D g, CategoryItemRendererState state, Rectangle2D area, CategoryPlot plot, CategoryAxis domain,
                ValueAxis range, CategoryDataset data, int row, int column, int pass) {
            super.drawItem(g, state, area, plot, domain, range, data, row, column, pass);
            Group gr = groups.get(row);
            double v = gr.values[column];
            if (!Double.isFinite(v)) return;
            double w = state.getBarWidth(), cx = calculateBarW0(plot, plot.getOrientation(), area, domain, state, row, column) + w / 2;
            if (gr.points != null) {
                double[] dots = gr.points[column];
                g.setStroke(new BasicStroke(1.2f));
                for (int j = 0; j < dots.length; j++) {
                    if (!Double.isFinite(dots[j])) continue;
                    // spread across the bar so equal observations stay countable
                    double offset = dots.length == 1 ? 0 : (j / (dots.length - 1.0) - 0.5) * DOT_SPREAD * w;
                    Shape dot = ShapeUtils.createTranslatedShape(Theme.circle(6.4), cx + offset,
                            range.valueToJava2D(dots[j], area, plot.getRangeAxisEdge()));
                    g.setPaint(Palette.BACKGROUND);
                    g.fill(dot);
                    g.setPaint(Palette.TEXT);
                    g.draw(dot);
                }
            }
            if (valueLabels) {
                double err = error(gr, column), edge = range.valueToJava2D(v >= 0 ? v + err : v - err, area, plot.getRangeAxisEdge());
                g.setFont(Theme.NOTE);
                g.setPaint(Palette.TEXT);
                TextUtils.drawAlignedString(formatValue(v), g, (float) cx, (float) (edge + (v >= 0 ? -3 : 3)),
                        v >= 0 ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER);
            }
        }

        /** The axis also spans the observations, which may lie beyond every bar and error bar. */
        @Override
        public Range findRangeBounds(CategoryDataset data) {
            Range r = super.findRangeBounds(data);
            for (Group gr : groups) {
                if (gr.points == null) continue;
                for (double[] dots : gr.points) for (double d : dots) if (Double.isFinite(d)) r = Range.expandToInclude(r, d);
            }
            return r;
        }
    }

    @Override
    FigureData data() {
        FigureData.Table t = FigureData.table("group", "category", "value", "error", "observations");
        for (Group gr : groups) {
            for (int i = 0; i < categories.size(); i++) {
                String dots = gr.points == null ? null : String.join(";", Arrays.stream(gr.points[i]).mapToObj(Double::toString).toList());
                t.row(gr.name, categories.get(i), gr.values[i], gr.errors == null ? null : gr.errors[i], dots);
            }
        }
        referenceRows(t, 5, 1, 2);
        return t.done();
    }
}
