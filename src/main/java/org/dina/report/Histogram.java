package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Counts of values in equal bins; several named value sets share the bins and overlap translucently.
 * Whole-number data spanning at most 100 values (retrieval ranks) gets one bin per integer.
 * <pre>
 * Histogram.titled("Retrieval rank of the true image").x("rank (1 = best)").values(ranks).vline("chance median", 32.5)
 * </pre>
 */
public final class Histogram extends XyFigure<Histogram> {
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
    }

    private Extent valueExtent() {
        Extent e = new Extent(false);
        for (ValueSet s : sets) e.addAll(s.values);
        return e;
    }

    /** Bin edges (length = bins + 1) over the finite values. */
    double[] edges() {
        Extent e = valueExtent();
        if (e.isEmpty()) return new double[] {0, 1};
        double lo = e.min(), hi = e.max();
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
    Extent xExtent() {
        if (valueExtent().isEmpty()) return new Extent(false);
        double[] edges = edges();
        return new Extent(false).add(edges[0]).add(edges[edges.length - 1]);
    }

    @Override
    Extent yExtent() {
        Extent e = new Extent(false).add(0);
        if (valueExtent().isEmpty()) return new Extent(false);
        double[] edges = edges();
        for (ValueSet s : sets) for (long c : counts(s.values, edges)) e.add(c);
        return e;
    }

    @Override
    Axis xAxis(Extent e) {
        return Axis.linear(e.min(), e.max(), 0.02);
    }

    @Override
    Axis yAxis(Extent e) {
        double top = Math.max(1, e.max());
        return Axis.integers(0, top * 1.06);
    }

    @Override
    boolean xGrid() {
        return false;
    }

    @Override
    void drawData(Plot p) {
        Graphics2D g = p.g();
        double[] edges = edges();
        boolean overlay = sets.size() > 1;
        for (int k = 0; k < sets.size(); k++) {
            long[] counts = counts(sets.get(k).values, edges);
            Color color = Palette.series(k);
            double base = p.py(0);
            Path2D.Double outline = new Path2D.Double();
            outline.moveTo(p.px(edges[0]), base);
            for (int i = 0; i < counts.length; i++) {
                double x0 = p.px(edges[i]), x1 = p.px(edges[i + 1]), top = p.py(counts[i]);
                outline.lineTo(x0, top);
                outline.lineTo(x1, top);
                if (counts[i] == 0) continue;
                g.setColor(Palette.withAlpha(color, overlay ? 0.4 : 0.85));
                g.fill(new java.awt.geom.Rectangle2D.Double(x0, top, x1 - x0, base - top));
                if (!overlay && x1 - x0 >= 4) { // thin white gaps keep neighbouring bars apart
                    g.setColor(Color.WHITE);
                    g.setStroke(new BasicStroke(1f));
                    g.draw(new java.awt.geom.Line2D.Double(x1, top, x1, base));
                }
            }
            if (overlay) {
                outline.lineTo(p.px(edges[edges.length - 1]), base);
                g.setColor(color);
                g.setStroke(new BasicStroke(1.6f));
                g.draw(outline);
            }
        }
    }

    @Override
    List<Legend.Entry> legendEntries() {
        List<Legend.Entry> entries = new ArrayList<>();
        for (int k = 0; k < sets.size(); k++) {
            if (!sets.get(k).name.isEmpty()) entries.add(new Legend.Entry(sets.get(k).name, Palette.series(k), Legend.Kind.BOX));
        }
        return entries;
    }
}
