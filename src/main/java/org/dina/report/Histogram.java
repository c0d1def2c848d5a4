package org.dina.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Counts of values in equal bins; several named value sets share the bins and overlap translucently.
 * Whole-number data spanning at most 100 values (retrieval ranks) gets one bin per integer.
 * <pre>
 * Histogram.titled("Retrieval rank of the true image").x("rank (1 = best)").values(ranks).vline("chance median", 32.5)
 * </pre>
 */
public final class Histogram extends ChartFigure<Histogram> {
    private record ValueSet(String name, double[] values) {}

    private static final int MAX_INTEGER_BINS = 100, MAX_AUTO_BINS = 50;

    private final List<ValueSet> sets = new ArrayList<>();
    private int bins;

    private Histogram(String title) {
        super(title);
        y("count");
    }

    /** Starts a histogram with the given title; the y axis is labelled "count" until {@link #y} says otherwise. */
    public static Histogram titled(String title) {
        return new Histogram(title);
    }

    /** Adds an unnamed value set (no legend entry). */
    public Histogram values(double[] values) {
        return values("", values);
    }

    /** Adds a named value set; non-finite values are skipped. */
    public Histogram values(String name, double[] values) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values of '" + name + "'");
        if (values.length == 0) throw new IllegalArgumentException("value set '" + name + "' is empty");
        sets.add(new ValueSet(name, values.clone()));
        return this;
    }

    /** Uses {@code n} equal bins instead of the automatic choice. */
    public Histogram bins(int n) {
        if (n < 1 || n > 1000) throw new IllegalArgumentException("bins must be within 1..1000, got " + n);
        this.bins = n;
        return this;
    }

    @Override
    void validateData() {
        if (sets.isEmpty()) throw new IllegalArgumentException("Histogram '" + title + "' has no values");
        if (finiteCount() == 0) throw new IllegalArgumentException("Histogram '" + title + "': no finite values to plot");
    }

    /** Bin edges (length = bins + 1) over the finite values. */
    double[] edges() {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (ValueSet s : sets) {
            for (double v : s.values) {
                if (!Double.isFinite(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) return new double[] {0, 1};
        if (bins == 0 && allIntegers() && hi - lo <= MAX_INTEGER_BINS) {
            int n = (int) (hi - lo) + 1;
            double[] edges = new double[n + 1];
            for (int i = 0; i <= n; i++) edges[i] = lo - 0.5 + i;
            return edges;
        }
        if (!(hi - lo > Math.max(Math.abs(lo), Math.abs(hi)) * 1e-12)) { // constant data: one bin around it
            double half = lo != 0 ? Math.abs(lo) * 0.05 : 0.5;
            return new double[] {lo - half, lo + half};
        }
        int n = bins > 0 ? bins : Math.max(5, Math.min(MAX_AUTO_BINS, (int) Math.ceil(Math.sqrt(finiteCount()))));
        double[] edges = new double[n + 1];
        for (int i = 0; i <= n; i++) edges[i] = lo + (hi - lo) * i / n;
        return edges;
    }

    private boolean allIntegers() {
        for (ValueSet s : sets) {
            for (double v : s.values) if (Double.isFinite(v) && v != Math.rint(v)) return false;
        }
        return true;
    }

    private long finiteCount() {
        long n = 0;
        for (ValueSet s : sets) for (double v : s.values) if (Double.isFinite(v)) n++;
        return n;
    }

    /** Counts per bin for one set; the last bin includes its right edge. */
    static long[] counts(double[] values, double[] edges) {
        int n = edges.length - 1;
        long[] counts = new long[n];
        double lo = edges[0], hi = edges[n];
        for (double v : values) {
            if (!Double.isFinite(v) || v < lo || v > hi) continue;
            int b = (int) Math.floor((v - lo) / (hi - lo) * n);
            counts[Math.min(n - 1, Math.max(0, b))]++;
        }
        return counts;
    }

    @Override
    Plot plot() {
        double[] edges = edges();
        boolean overlay = sets.size() > 1;
        XYIntervalSeriesCollection bars = new XYIntervalSeriesCollection();
        XYBarRenderer r = new XYBarRenderer();
        for (int k = 0; k < sets.size(); k++) {
            XYIntervalSeries bins = new XYIntervalSeries(k + ": " + sets.get(k).name, false, true);
            long[] counts = counts(sets.get(k).values, edges);
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) bins.add((edges[i] + edges[i + 1]) / 2, edges[i], edges[i + 1], counts[i], counts[i], counts[i]);
            }
            bars.addSeries(bins);
            r.setSeriesPaint(k, Palette.withAlpha(Palette.series(k), overlay ? 0.4 : 0.85));
            // one set: thin white gaps keep neighbouring bars apart; overlaid sets: each outlined in its colour
            r.setSeriesOutlinePaint(k, overlay ? Palette.series(k) : Palette.BACKGROUND);
            r.setSeriesVisibleInLegend(k, !sets.get(k).name.isEmpty());
        }
        r.setDrawBarOutline(true);
        r.setShadowVisible(false);
        r.setBarPainter(new StandardXYBarPainter());
        r.setLegendItemLabelGenerator((d, k) -> sets.get(k).name);
        NumberAxis x = Theme.numberAxis(xLabel), y = Theme.numberAxis(yLabel);
        x.setLowerMargin(0.02);
        x.setUpperMargin(0.02);
        y.setAutoRangeIncludesZero(true);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(bars, x, y, r);
        plot.setDomainGridlinesVisible(false);
        return plot;
    }

    @Override
    FigureData data() {
        double[] edges = edges();
        FigureData.Table t = FigureData.table("set", "bin_low", "bin_high", "count");
        for (ValueSet s : sets) {
            long[] counts = counts(s.values, edges);
            for (int i = 0; i < counts.length; i++) t.row(s.name, edges[i], edges[i + 1], counts[i]);
        }
        referenceRows(t, 4, 1, 3);
        return t.done();
    }
}
