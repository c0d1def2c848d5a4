package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Several named series as lines, each optionally with a band (mean ± sd, or an interval's low and high edges), plus
 * labelled reference lines. Non-finite points (and non-positive ones on a log axis) are skipped: the line and its
 * band break there.
 * <pre>
 * LinePlot.titled("Training").x("epoch").y("InfoNCE loss")
 *         .series("train", epochs, train).series("validation", epochs, val, valSd)
 *         .hline("chance", Math.log(64)).save(dir.resolve("loss.svg"));
 * </pre>
 */
public final class LinePlot extends ChartFigure<LinePlot> {
    /** A line and, when {@code low} is not null, a band from {@code low} to {@code high}. */
    private record Series(String name, double[] xs, double[] ys, double[] low, double[] high) {}

    /** Series with at most this many points also get a marker at each point. */
    private static final int MARKER_LIMIT = 30;

    private final List<Series> series = new ArrayList<>();
    private boolean logX, logY;

    private LinePlot(String title) {
        super(title);
    }

    /** Starts a line plot with the given title ("" for none). */
    public static LinePlot titled(String title) {
        return new LinePlot(title);
    }

    /** Adds a line through the points ({@code xs[i]}, {@code ys[i]}). */
    public LinePlot series(String name, double[] xs, double[] ys) {
        return series(name, xs, ys, null);
    }

    /** Adds a line through ({@code xs[i]}, {@code mean[i]}) with a shaded band from mean − sd to mean + sd. */
    public LinePlot series(String name, double[] xs, double[] mean, double[] sd) {
        check(name, xs, mean);
        if (sd == null) return add(name, xs, mean, null, null);
        if (sd.length != mean.length) {
            throw new IllegalArgumentException("series '" + name + "': sd has " + sd.length + " values but ys has " + mean.length);
        }
        double[] low = new double[sd.length], high = new double[sd.length];
        for (int i = 0; i < sd.length; i++) {
            low[i] = mean[i] - Math.abs(sd[i]);
            high[i] = mean[i] + Math.abs(sd[i]);
        }
        return add(name, xs, mean, low, high);
    }

    /** Adds a line through ({@code xs[i]}, {@code ys[i]}) with a shaded band from {@code low[i]} to {@code high[i]} (e.g. a 95% interval). */
    public LinePlot seriesWithInterval(String name, double[] xs, double[] ys, double[] low, double[] high) {
        check(name, xs, ys);
        Objects.requireNonNull(low, "series '" + name + "': low");
        Objects.requireNonNull(high, "series '" + name + "': high");
        if (low.length != ys.length || high.length != ys.length) {
            throw new IllegalArgumentException("series '" + name + "': the interval has " + low.length + " and " + high.length
                    + " values but ys has " + ys.length);
        }
        return add(name, xs, ys, low.clone(), high.clone());
    }

    private static void check(String name, double[] xs, double[] ys) {
        Objects.requireNonNull(name, "series name");
        Objects.requireNonNull(xs, "series '" + name + "': xs");
        Objects.requireNonNull(ys, "series '" + name + "': ys");
        if (xs.length == 0 || ys.length == 0) throw new IllegalArgumentException("series '" + name + "' is empty");
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("series '" + name + "': xs has " + xs.length + " values but ys has " + ys.length);
        }
    }

    private LinePlot add(String name, double[] xs, double[] ys, double[] low, double[] high) {
        series.add(new Series(name, xs.clone(), ys.clone(), low, high));
        return this;
    }

    /** Uses a log10 x axis (points with x ≤ 0 are skipped). */
    public LinePlot logX() {
        this.logX = true;
        return this;
    }

    /** Uses a log10 y axis (points with y ≤ 0 are skipped). */
    public LinePlot logY() {
        this.logY = true;
        return this;
    }

    @Override
    void validateData() {
        if (series.isEmpty()) throw new IllegalArgumentException("LinePlot '" + title + "' has no series");
        for (Series s : series) for (int i = 0; i < s.xs.length; i++) if (usable(s, i)) return;
        throw new IllegalArgumentException("LinePlot '" + title + "': no finite values to plot"
                + (logX || logY ? " (a log axis shows only positive values)" : ""));
    }

    private boolean usable(Series s, int i) {
        double x = s.xs[i], y = s.ys[i];
        return Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
    }

    /** Whether point {@code i} is drawn with both band edges. */
    private boolean bandAt(Series s, int i) {
        return s.low != null && usable(s, i) && Double.isFinite(s.low[i]) && Double.isFinite(s.high[i]);
    }

    /** Markers on short series, and on any point with no usable neighbour (it has no line to show it). */
    private boolean marker(Series s, int i) {
        if (!usable(s, i)) return false;
        if (s.xs.length <= MARKER_LIMIT) return true;
        return (i == 0 || !usable(s, i - 1)) && (i == s.xs.length - 1 || !usable(s, i + 1));
    }

    @Override
    Plot plot() {
        XYSeriesCollection lines = new XYSeriesCollection();
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection(), loneBands = new YIntervalSeriesCollection();
        List<Integer> bandOwner = new ArrayList<>(), loneOwner = new ArrayList<>();
        double floor = logY ? smallestPositiveY() : 0;
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            XYSeries line = new XYSeries(k + ": " + s.name, false, true);
            for (int i = 0; i < s.xs.length; i++) line.add(usable(s, i) ? s.xs[i] : Double.NaN, usable(s, i) ? s.ys[i] : Double.NaN);
            lines.addSeries(line);
            // a band is drawn per run of consecutive points that have one; a lone point's band is an error bar
            for (int start = 0; start < s.xs.length; start++) {
                if (!bandAt(s, start)) continue;
                int end = start;
                while (end + 1 < s.xs.length && bandAt(s, end + 1)) end++;
                YIntervalSeries band = new YIntervalSeries(k + ": " + s.name + " band " + start, false, true);
                for (int i = start; i <= end; i++) {
                    band.add(s.xs[i], s.ys[i], logY ? Math.max(floor, s.low[i]) : s.low[i], s.high[i]);
                }
                (end > start ? bands : loneBands).addSeries(band);
                (end > start ? bandOwner : loneOwner).add(k);
                start = end;
            }
        }
        XYPlot plot = new XYPlot(lines, axis(xLabel, logX), axis(yLabel, logY), lineRenderer());
        DeviationRenderer band = new DeviationRenderer(false, false);
        band.setAlpha(0.2f);
        for (int i = 0; i < bandOwner.size(); i++) band.setSeriesFillPaint(i, Palette.series(bandOwner.get(i)));
        XYErrorRenderer bar = new XYErrorRenderer();
        bar.setDefaultLinesVisible(false);
        bar.setDefaultShapesVisible(false);
        bar.setDrawXError(false);
        bar.setCapLength(0);
        bar.setErrorStroke(new BasicStroke(7f));
        for (int i = 0; i < loneOwner.size(); i++) bar.setSeriesPaint(i, Palette.withAlpha(Palette.series(loneOwner.get(i)), 0.2));
        for (var r : List.of(band, bar)) r.setDefaultSeriesVisibleInLegend(false);
        // datasets are drawn from the last index to the first: bands under lines
        plot.setDataset(1, bands);
        plot.setRenderer(1, band);
        plot.setDataset(2, loneBands);
        plot.setRenderer(2, bar);
        return plot;
    }

    private XYLineAndShapeRenderer lineRenderer() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true) {
            @Override
            public boolean getItemShapeVisible(int s, int item) {
                return marker(series.get(s), item);
            }
        };
        BasicStroke stroke = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        for (int k = 0; k < series.size(); k++) {
            r.setSeriesPaint(k, Palette.series(k));
            r.setSeriesStroke(k, stroke);
            r.setSeriesShape(k, Theme.circle(6.4));
            r.setSeriesVisibleInLegend(k, !series.get(k).name.isEmpty());
        }
        r.setLegendItemLabelGenerator((d, s) -> series.get(s).name);
        return r;
    }

    private double smallestPositiveY() {
        double m = Double.MAX_VALUE;
        for (Series s : series) for (int i = 0; i < s.xs.length; i++) if (usable(s, i)) m = Math.min(m, s.ys[i]);
        return m;
    }

    private static ValueAxis axis(String label, boolean log) {
        return log ? new DecadeAxis(label) : Theme.numberAxis(label);
    }

    /**
     * A log10 axis with ticks at 1, 2 and 5 times powers of ten (every power, or every few, over many decades),
     * labelled as plain numbers: JFreeChart's own labels read "10^0.2" and its superscripts would become glyph
     * outlines in an SVG.
     */
    private static final class DecadeAxis extends LogAxis {
        DecadeAxis(String label) {
            super(label.isEmpty() ? null : label);
            setSmallestValue(Double.MIN_NORMAL);
        }

        @Override
        protected List<ValueTick> refreshTicksHorizontal(Graphics2D g, Rectangle2D area, RectangleEdge edge) {
            return ticks(TextAnchor.TOP_CENTER);
        }

        @Override
        protected List<ValueTick> refreshTicksVertical(Graphics2D g, Rectangle2D area, RectangleEdge edge) {
            return ticks(TextAnchor.CENTER_RIGHT);
        }

        private List<ValueTick> ticks(TextAnchor anchor) {
            double lo = getLowerBound(), hi = getUpperBound();
            double decades = Math.log10(hi / lo);
            int[] mantissas = decades <= 3 ? new int[] {1, 2, 5} : new int[] {1};
            List<ValueTick> ticks = new ArrayList<>();
            int last = (int) Math.ceil(Math.log10(hi));
            for (int e = (int) Math.floor(Math.log10(lo)); e <= last; e += Math.max(1, (int) Math.ceil(decades / 8))) {
                for (int m : mantissas) {
                    double v = m * Math.pow(10, e);
                    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                        ticks.add(new NumberTick(TickType.MAJOR, v, label(v), anchor, anchor, 0));
                    }
                }
            }
            return ticks;
        }

        private static String label(double v) {
            BigDecimal d = new BigDecimal(v).round(new MathContext(1));
            return v >= 1e-3 && v < 1e5 ? d.stripTrailingZeros().toPlainString() : d.unscaledValue() + "e" + -d.scale();
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
        referenceRows(t, 5, 1, 2);
        return t.done();
    }
}
