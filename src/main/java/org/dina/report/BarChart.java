package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
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

    private List<String> categories = List.of();
    private final List<Group> groups = new ArrayList<>();
    private boolean valueLabels;

    private BarChart(String title) {
        super(title);
    }

    /** Starts a bar chart with the given title. */
    public static BarChart titled(String title) {
        return new BarChart(title);
    }

    /** Names the categories along the x axis, in order; they must differ (they are the chart's column keys). */
    public BarChart categories(String... names) {
        if (Objects.requireNonNull(names, "categories").length == 0 || Set.of(names).size() < names.length) {
            throw new IllegalArgumentException("BarChart '" + title + "': categories must be distinct and not empty, got "
                    + Arrays.toString(names));
        }
        categories = List.of(names);
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
        String what = "group '" + Objects.requireNonNull(name, "group name") + "'";
        double[] err = errors != null ? errors.clone() : new double[Objects.requireNonNull(values, what).length];
        if (errors == null) Arrays.fill(err, Double.NaN); // no error bars, and empty cells in the data file
        requireSameLength(what, "values and errors", values, err);
        if (points != null && points.length != values.length) {
            throw new IllegalArgumentException(what + ": points has " + points.length + " categories but values has " + values.length);
        }
        double[][] dots = new double[values.length][];
        for (int i = 0; i < dots.length; i++) dots[i] = points == null || points[i] == null ? new double[0] : points[i].clone();
        groups.add(new Group(name, values.clone(), err, dots));
        return this;
    }

    /** Writes each bar's value above it. */
    public BarChart valueLabels() {
        this.valueLabels = true;
        return this;
    }

    @Override
    void validate() {
        if (groups.isEmpty()) throw new IllegalArgumentException("BarChart '" + title + "' has no groups");
        if (categories.isEmpty()) throw new IllegalArgumentException("BarChart '" + title + "': call categories(...) first");
        for (Group gr : groups) {
            if (gr.values.length != categories.size()) {
                throw new IllegalArgumentException("group '" + gr.name + "' has " + gr.values.length + " values but there are "
                        + categories.size() + " categories");
            }
        }
        if (groups.stream().flatMapToDouble(gr -> Arrays.stream(gr.values)).noneMatch(Double::isFinite)) {
            throw new IllegalArgumentException("BarChart '" + title + "': no finite values to plot");
        }
    }

    @Override
    Plot plot() {
        DefaultStatisticalCategoryDataset bars = new DefaultStatisticalCategoryDataset();
        for (int k = 0; k < groups.size(); k++) {
            Group gr = groups.get(k);
            for (int i = 0; i < categories.size(); i++) {
                double v = gr.values[i], err = Math.abs(gr.errors[i]); // NaN: no bar, no error bar
                bars.add(Double.isFinite(v) ? (Number) v : null, err > 0 && Double.isFinite(err) ? (Number) err : null, k, categories.get(i));
            }
        }
        Bars r = new Bars();
        for (int k = 0; k < groups.size(); k++) {
            r.setSeriesPaint(k, Theme.series(k));
            r.setSeriesVisibleInLegend(k, !groups.get(k).name.isEmpty());
        }
        r.setLegendItemLabelGenerator((d, k) -> groups.get(k).name);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.###")));
        r.setDefaultItemLabelsVisible(valueLabels);
        r.setDefaultItemLabelFont(Theme.NOTE);
        r.setErrorIndicatorPaint(Theme.TEXT);
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
        plot.setRangeZeroBaselinePaint(Theme.AXIS);
        return plot;
    }

    /** Bars with error bars, plus what JFreeChart has no renderer for: the observations as dots over each bar. */
    private final class Bars extends StatisticalBarRenderer {
        @Override
        public void drawItem(Graphics2D g, CategoryItemRendererState state, Rectangle2D area, CategoryPlot plot, CategoryAxis domain,
                ValueAxis range, CategoryDataset data, int row, int column, int pass) {
            super.drawItem(g, state, area, plot, domain, range, data, row, column, pass);
            double[] dots = groups.get(row).points[column];
            double w = state.getBarWidth(), cx = calculateBarW0(plot, plot.getOrientation(), area, domain, state, row, column) + w / 2;
            g.setStroke(new BasicStroke(1.2f));
            for (int j = 0; j < dots.length; j++) {
                if (!Double.isFinite(dots[j])) continue;
                // spread across the bar so equal observations stay countable
                double offset = dots.length == 1 ? 0 : (j / (dots.length - 1.0) - 0.5) * DOT_SPREAD * w;
                double y = range.valueToJava2D(dots[j], area, plot.getRangeAxisEdge());
                Shape dot = ShapeUtils.createTranslatedShape(Theme.circle(6.4), cx + offset, y);
                g.setPaint(Theme.BACKGROUND);
                g.fill(dot);
                g.setPaint(Theme.TEXT);
                g.draw(dot);
            }
        }

        /** The axis also spans the observations, which may lie beyond every bar and error bar. */
        @Override
        public Range findRangeBounds(CategoryDataset data) {
            Range r = super.findRangeBounds(data);
            for (Group gr : groups) {
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
                t.row(gr.name, categories.get(i), gr.values[i], gr.errors[i],
                        String.join(";", Arrays.stream(gr.points[i]).mapToObj(Double::toString).toList()));
            }
        }
        return referenceRows(t, 1, 2).done();
    }
}
