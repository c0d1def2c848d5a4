package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several named series as lines, each optionally with a band (mean ± sd, or an interval's low and high edges), plus
 * labelled reference lines.
 * Non-finite points (and non-positive x on a log axis) are skipped: the line breaks there.
 * <pre>
 * LinePlot.titled("Training").x("epoch").y("InfoNCE loss")
 *         .series("train", epochs, train).series("validation", epochs, val, valSd)
 *         .hline("chance", Math.log(64)).save(dir.resolve("loss.png"));
 * </pre>
 */
public final class LinePlot extends XyFigure<LinePlot> {
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
    boolean isLogX() {
        return logX;
    }

    @Override
    boolean isLogY() {
        return logY;
    }

    @Override
    void validateData() {
        if (series.isEmpty()) throw new IllegalArgumentException("LinePlot '" + title + "' has no series");
    }

    private boolean usable(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
    }

    @Override
    Extent xExtent() {
        Extent e = new Extent(logX);
        for (Series s : series) {
            for (int i = 0; i < s.xs.length; i++) if (usable(s.xs[i], s.ys[i])) e.add(s.xs[i]);
        }
        return e;
    }

    @Override
    Extent yExtent() {
        Extent e = new Extent(logY);
        for (Series s : series) {
            for (int i = 0; i < s.xs.length; i++) {
                if (!usable(s.xs[i], s.ys[i])) continue;
                e.add(s.ys[i]);
                if (s.low != null && bandAt(s, i)) {
                    e.add(s.low[i]);
                    e.add(s.high[i]);
                }
            }
        }
        return e;
    }

    @Override
    void drawData(Plot p) {
        Graphics2D g = p.g();
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            if (s.low != null) drawBand(p, s, Palette.series(k));
        }
        for (int k = 0; k < series.size(); k++) drawLine(p, series.get(k), Palette.series(k));
        g.setStroke(new BasicStroke(1f));
    }

    /** Whether point {@code i} has both band edges. */
    private static boolean bandAt(Series s, int i) {
        return Double.isFinite(s.low[i]) && Double.isFinite(s.high[i]);
    }

    /** Band segments between consecutive usable points; a missing edge breaks the band like a missing mean. */
    private void drawBand(Plot p, Series s, Color color) {
        Graphics2D g = p.g();
        g.setColor(Palette.withAlpha(color, 0.2));
        int start = -1;
        for (int i = 0; i <= s.xs.length; i++) {
            boolean ok = i < s.xs.length && usable(s.xs[i], s.ys[i]) && bandAt(s, i);
            if (ok && start < 0) start = i;
            if (!ok && start >= 0) {
                fillBand(p, s, start, i);
                start = -1;
            }
        }
    }

    private void fillBand(Plot p, Series s, int from, int to) {
        Path2D.Double band = new Path2D.Double();
        for (int i = from; i < to; i++) {
            double x = p.px(s.xs[i]), y = p.py(bandEdge(s.high[i]));
            if (i == from) band.moveTo(x, y);
            else band.lineTo(x, y);
        }
        for (int i = to - 1; i >= from; i--) band.lineTo(p.px(s.xs[i]), p.py(bandEdge(s.low[i])));
        band.closePath();
        if (to - from == 1) { // a lone point: a short vertical error bar instead of a zero-width band
            double x = p.px(s.xs[from]);
            p.g().fillRect((int) Math.round(x) - 3, (int) Math.round(p.py(bandEdge(s.high[from]))),
                    7, (int) Math.max(1, Math.round(p.py(bandEdge(s.low[from])) - p.py(bandEdge(s.high[from])))));
            return;
        }
        p.g().fill(band);
    }

    /** On a log y axis a band edge at or below zero is drawn at the axis floor. */
    private double bandEdge(double v) {
        return logY && v <= 0 ? Double.MIN_NORMAL : v;
    }

    private void drawLine(Plot p, Series s, Color color) {
        Graphics2D g = p.g();
        g.setColor(color);
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double path = new Path2D.Double();
        boolean penDown = false;
        int usable = 0;
        for (int i = 0; i < s.xs.length; i++) {
            if (!usable(s.xs[i], s.ys[i])) {
                penDown = false;
                continue;
            }
            usable++;
            double x = p.px(s.xs[i]), y = p.py(s.ys[i]);
            if (penDown) path.lineTo(x, y);
            else path.moveTo(x, y);
            penDown = true;
        }
        g.draw(path);
        for (int i = 0; i < s.xs.length; i++) {
            if (!usable(s.xs[i], s.ys[i])) continue;
            boolean isolated = (i == 0 || !usable(s.xs[i - 1], s.ys[i - 1]))
                    && (i == s.xs.length - 1 || !usable(s.xs[i + 1], s.ys[i + 1]));
            if (usable <= MARKER_LIMIT || isolated) {
                double x = p.px(s.xs[i]), y = p.py(s.ys[i]);
                g.fill(new java.awt.geom.Ellipse2D.Double(x - 3.2, y - 3.2, 6.4, 6.4));
            }
        }
    }

    @Override
    List<Legend.Entry> legendEntries() {
        List<Legend.Entry> entries = new ArrayList<>();
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            if (s.name.isEmpty()) continue;
            entries.add(new Legend.Entry(s.name, Palette.series(k), s.low == null ? Legend.Kind.LINE : Legend.Kind.LINE_WITH_BAND));
        }
        return entries;
    }
}
