package org.dina.report;

import java.util.Arrays;
import java.util.Objects;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Counts of values in equal bins. Whole-number data spanning at most 100 values (retrieval ranks) gets one bin per
 * integer; non-finite values are skipped.
 * <pre>
 * Histogram.titled("Retrieval rank of the true image").x("rank (1 = best)").values(ranks).vline("chance median", 32.5)
 * </pre>
 */
public final class Histogram extends ChartFigure<Histogram> {
    private static final int MAX_INTEGER_BINS = 100, MAX_AUTO_BINS = 50;

    private double[] values;

    private Histogram(String title) {
        super(title);
        y("count");
    }

    /** Starts a histogram with the given title; the y axis is labelled "count" until {@link #y} says otherwise. */
    public static Histogram titled(String title) {
        return new Histogram(title);
    }

    /** Sets the values to count. */
    public Histogram values(double[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) throw new IllegalArgumentException("Histogram '" + title + "': values are empty");
        this.values = values.clone();
        return this;
    }

    @Override
    void validate() {
        if (values == null) throw new IllegalArgumentException("Histogram '" + title + "' has no values");
        if (Arrays.stream(values).noneMatch(Double::isFinite)) {
            throw new IllegalArgumentException("Histogram '" + title + "': no finite values to plot");
        }
    }

    /** Bin edges (length = bins + 1) over the finite values. */
    double[] edges() {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        double lo = Arrays.stream(finite).min().orElse(0), hi = Arrays.stream(finite).max().orElse(1);
        if (Arrays.stream(finite).allMatch(v -> v == Math.rint(v)) && hi - lo <= MAX_INTEGER_BINS) {
            double[] edges = new double[(int) (hi - lo) + 2];
            for (int i = 0; i < edges.length; i++) edges[i] = lo - 0.5 + i;
            return edges;
        }
        if (!(hi - lo > Math.max(Math.abs(lo), Math.abs(hi)) * 1e-12)) { // constant data: one bin around it
            double half = lo != 0 ? Math.abs(lo) * 0.05 : 0.5;
            return new double[] {lo - half, lo + half};
        }
        int n = Math.max(5, Math.min(MAX_AUTO_BINS, (int) Math.ceil(Math.sqrt(finite.length))));
        double[] edges = new double[n + 1];
        for (int i = 0; i <= n; i++) edges[i] = lo + (hi - lo) * i / n;
        return edges;
    }

    /** Counts per bin; the last bin includes its right edge. */
    static long[] counts(double[] values, double[] edges) {
        int n = edges.length - 1;
        long[] counts = new long[n];
        double lo = edges[0], hi = edges[n];
        for (double v : values) {
            if (!Double.isFinite(v) || v < lo || v > hi) continue;
            counts[Math.min(n - 1, Math.max(0, (int) Math.floor((v - lo) / (hi - lo) * n)))]++;
        }
        return counts;
    }

    @Override
    Plot plot() {
        double[] edges = edges();
        long[] counts = counts(values, edges);
        XYIntervalSeries bars = new XYIntervalSeries("counts", false, true);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) bars.add((edges[i] + edges[i + 1]) / 2, edges[i], edges[i + 1], counts[i], counts[i], counts[i]);
        }
        XYBarRenderer r = new XYBarRenderer();
        r.setSeriesPaint(0, Theme.withAlpha(Theme.series(0), 0.85));
        r.setSeriesOutlinePaint(0, Theme.BACKGROUND); // thin white gaps keep neighbouring bars apart
        r.setDrawBarOutline(true);
        r.setShadowVisible(false);
        r.setBarPainter(new StandardXYBarPainter());
        r.setDefaultSeriesVisibleInLegend(false);
        NumberAxis x = Theme.numberAxis(xLabel), y = Theme.numberAxis(yLabel);
        x.setLowerMargin(0.02);
        x.setUpperMargin(0.02);
        y.setAutoRangeIncludesZero(true);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(bars);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setDomainGridlinesVisible(false);
        return plot;
    }

    @Override
    FigureData data() {
        double[] edges = edges();
        long[] counts = counts(values, edges);
        FigureData.Table t = FigureData.table("bin", "bin_low", "bin_high", "count");
        for (int i = 0; i < counts.length; i++) t.row(i, edges[i], edges[i + 1], counts[i]);
        return referenceRows(t, 1, 3).done();
    }
}
