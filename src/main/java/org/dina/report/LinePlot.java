package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Named series as lines, each optionally with a band (an interval's low and high edges), plus labelled reference
 * lines. Non-finite points (and x ≤ 0 on a log axis) are skipped: the line and its band break there.
 * <pre>
 * LinePlot.titled("Training").x("epoch").y("InfoNCE loss").series("train", epochs, train)
 *         .seriesWithInterval("validation", epochs, val, valLow, valHigh).hline("chance", Math.log(64))
 * </pre>
 */
public final class LinePlot extends ChartFigure<LinePlot> {
    /** A line and, when {@code low} is not null, a band from {@code low} to {@code high}. */
    private record Series(String name, double[] xs, double[] ys, double[] low, double[] high) {}

    /** Series with at most this many points also get a marker at each point. */
    private static final int MARKER_LIMIT = 30;

    private final List<Series> series = new ArrayList<>();
    private boolean logX;

    private LinePlot(String title) {
        super(title);
    }

    /** Starts a line plot with the given title ("" for none). */
    public static LinePlot titled(String title) {
        return new LinePlot(title);
    }

    /** Adds a line through the points ({@code xs[i]}, {@code ys[i]}). */
    public LinePlot series(String name, double[] xs, double[] ys) {
        requireSameLength("series '" + Objects.requireNonNull(name, "series name") + "'", "xs and ys", xs, ys);
        series.add(new Series(name, xs.clone(), ys.clone(), null, null));
        return this;
    }

    /** Adds a line through ({@code xs[i]}, {@code ys[i]}) shaded from {@code low[i]} to {@code high[i]} (e.g. a 95% interval). */
    public LinePlot seriesWithInterval(String name, double[] xs, double[] ys, double[] low, double[] high) {
        String what = "series '" + Objects.requireNonNull(name, "series name") + "'";
        requireSameLength(what, "xs, ys, low and high", xs, ys, low, high);
        series.add(new Series(name, xs.clone(), ys.clone(), low.clone(), high.clone()));
        return this;
    }

    /** Uses a log10 x axis (points with x ≤ 0 are skipped). */
    public LinePlot logX() {
        this.logX = true;
        return this;
    }

    @Override
    void validate() {
        if (series.isEmpty()) throw new IllegalArgumentException("LinePlot '" + title + "' has no series");
        for (Series s : series) for (int i = 0; i < s.xs.length; i++) if (usable(s, i)) return;
        throw new IllegalArgumentException("LinePlot '" + title + "': no finite values to plot"
                + (logX ? " (a log axis shows only x > 0)" : ""));
    }

    private boolean usable(Series s, int i) {
        return Double.isFinite(s.xs[i]) && Double.isFinite(s.ys[i]) && (!logX || s.xs[i] > 0);
    }

    private boolean bandAt(Series s, int i) {
        return s.low != null && usable(s, i) && Double.isFinite(s.low[i]) && Double.isFinite(s.high[i]);
    }

    /** Markers on short series, and on any point without a usable neighbour (no line shows it). */
    private boolean marker(Series s, int i) {
        return usable(s, i) && (s.xs.length <= MARKER_LIMIT
                || (i == 0 || !usable(s, i - 1)) && (i == s.xs.length - 1 || !usable(s, i + 1)));
    }

    @Override
    Plot plot() {
        XYSeriesCollection lines = new XYSeriesCollection();
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        DeviationRenderer band = new DeviationRenderer(false, false);
        ValueAxis x = logX ? new DecadeAxis(xLabel) : Theme.numberAxis(xLabel);
        XYPlot plot = new XYPlot(lines, x, Theme.numberAxis(yLabel), lineRenderer());
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            XYSeries line = new XYSeries(k + ": " + s.name, false, true);
            for (int i = 0; i < s.xs.length; i++) {
                line.add(usable(s, i) ? s.xs[i] : Double.NaN, usable(s, i) ? s.ys[i] : Double.NaN);
            }
            lines.addSeries(line);
            // one band per run of consecutive points that have one
            for (int start = 0; start < s.xs.length; start++) {
                if (!bandAt(s, start)) continue;
                int end = start;
                while (end + 1 < s.xs.length && bandAt(s, end + 1)) end++;
                if (end == start) { // a band of one point has no width: a translucent bar shows it
                    plot.addAnnotation(new XYLineAnnotation(s.xs[start], s.low[start], s.xs[start], s.high[start], new BasicStroke(7f),
                            Theme.withAlpha(Theme.series(k), 0.2)));
                }
                YIntervalSeries run = new YIntervalSeries(k + ": " + s.name + " from " + start, false, true);
                for (int i = start; i <= end; i++) run.add(s.xs[i], s.ys[i], s.low[i], s.high[i]);
                band.setSeriesFillPaint(bands.getSeriesCount(), Theme.series(k));
                bands.addSeries(run);
                start = end;
            }
        }
        band.setAlpha(0.2f);
        band.setDefaultSeriesVisibleInLegend(false);
        plot.setDataset(1, bands);
        plot.setRenderer(1, band); // datasets are drawn from the last index to the first: bands under lines
        return plot;
    }

    private XYLineAndShapeRenderer lineRenderer() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true) {
            @Override
            public boolean getItemShapeVisible(int s, int item) {
                return marker(series.get(s), item);
            }
        };
        for (int k = 0; k < series.size(); k++) {
            r.setSeriesPaint(k, Theme.series(k));
            r.setSeriesStroke(k, new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            r.setSeriesShape(k, Theme.circle(6.4));
            r.setSeriesVisibleInLegend(k, !series.get(k).name.isEmpty());
        }
        r.setLegendItemLabelGenerator((d, s) -> series.get(s).name);
        return r;
    }

    /**
     * A log10 axis with ticks at 1, 2 and 5 times powers of ten (every digit within a decade, only powers over many
     * decades), labelled as plain numbers: JFreeChart's own labels read "10^0.2", and its superscripts would become
     * glyph outlines in an SVG.
     */
    private static final class DecadeAxis extends LogAxis {
        DecadeAxis(String label) {
            super(label.isEmpty() ? null : label);
            setSmallestValue(Double.MIN_NORMAL);
        }

        @Override
        protected List<ValueTick> refreshTicksHorizontal(Graphics2D g, Rectangle2D area, RectangleEdge edge) {
            double lo = getLowerBound(), hi = getUpperBound(), decades = Math.log10(hi / lo);
            int[] mantissas = decades <= 1 ? new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}
                    : decades <= 3 ? new int[] {1, 2, 5} : new int[] {1};
            List<ValueTick> ticks = new ArrayList<>();
            int step = Math.max(1, (int) Math.ceil(decades / 8));
            for (int e = (int) Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e += step) {
                for (int m : mantissas) {
                    double v = m * Math.pow(10, e);
                    if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
                    BigDecimal d = new BigDecimal(v).round(new MathContext(1));
                    String label = v >= 1e-3 && v < 1e5 ? d.stripTrailingZeros().toPlainString()
                            : d.unscaledValue() + "e" + -d.scale();
                    ticks.add(new NumberTick(TickType.MAJOR, v, label, TextAnchor.TOP_CENTER, TextAnchor.TOP_CENTER, 0));
                }
            }
            return ticks;
        }
    }

    @Override
    FigureData data() {
        FigureData.Table t = FigureData.table("series", "x", "y", "low", "high");
        for (Series s : series) {
            for (int i = 0; i < s.xs.length; i++) {
                t.row(s.name, s.xs[i], s.ys[i], s.low == null ? null : s.low[i], s.high == null ? null : s.high[i]);
            }
        }
        return referenceRows(t, 1, 2).done();
    }
}
