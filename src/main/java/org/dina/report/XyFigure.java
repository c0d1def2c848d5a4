package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A figure with an x and a y axis: owns axis labels, ticks, grid, reference lines, the legend and an optional
 * colour bar, so each plot type only says where its data lies and how to draw it.
 */
public abstract class XyFigure<F extends XyFigure<F>> extends Figure<F> {
    /** A labelled horizontal (y = value) or vertical (x = value) reference line. */
    record RefLine(String label, double value, boolean horizontal) {}

    private static final float[][] DASHES = {{6, 4}, {2, 3}, {9, 3, 2, 3}};
    private static final int TICK_LENGTH = 5;

    String xLabel = "", yLabel = "";
    final List<RefLine> refLines = new ArrayList<>();
    boolean legend = true;

    XyFigure(String title) {
        super(title);
    }

    /** Sets the x-axis label (include the unit, e.g. "time (s)"). */
    public F x(String label) {
        this.xLabel = Objects.requireNonNull(label, "x label");
        return self();
    }

    /** Sets the y-axis label (include the unit). */
    public F y(String label) {
        this.yLabel = Objects.requireNonNull(label, "y label");
        return self();
    }

    /** Adds a dashed horizontal reference line at {@code y} labelled {@code label} (e.g. "chance"). */
    public F hline(String label, double y) {
        refLines.add(new RefLine(Objects.requireNonNull(label, "label"), requireFinite(y, "hline " + label), true));
        return self();
    }

    /** Adds a dashed vertical reference line at {@code x} labelled {@code label}. */
    public F vline(String label, double x) {
        refLines.add(new RefLine(Objects.requireNonNull(label, "label"), requireFinite(x, "vline " + label), false));
        return self();
    }

    /** Hides the legend. */
    public F noLegend() {
        this.legend = false;
        return self();
    }

    static double requireFinite(double v, String what) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(what + ": value must be finite, got " + v);
        return v;
    }

    // ---- hooks for the plot types ----

    /** Checks the data (sizes, emptiness), throwing IllegalArgumentException with a message naming the series. */
    abstract void validateData();

    /** Finite extent of the data along x (positive values only for a log axis). */
    abstract Extent xExtent();

    /** Finite extent of the data along y. */
    abstract Extent yExtent();

    /** Draws the data; the graphics are clipped to the plot rectangle. */
    abstract void drawData(Plot p);

    boolean isLogX() {
        return false;
    }

    boolean isLogY() {
        return false;
    }

    Axis xAxis(Extent e) {
        return isLogX() ? Axis.log(e.min(), e.max(), 0.04) : Axis.linear(e.min(), e.max(), 0.04);
    }

    Axis yAxis(Extent e) {
        return isLogY() ? Axis.log(e.min(), e.max(), 0.05) : Axis.linear(e.min(), e.max(), 0.05);
    }

    List<Axis.Tick> xTicks(Axis a, int target) {
        return a.ticks(target);
    }

    List<Axis.Tick> yTicks(Axis a, int target) {
        return a.ticks(target);
    }

    /** Category labels on x are rotated when crowded; numeric labels are thinned instead. */
    boolean categoricalX() {
        return false;
    }

    boolean xGrid() {
        return true;
    }

    boolean yGrid() {
        return true;
    }

    /** Same data units per pixel on both axes (maps of positions). */
    boolean equalAspect() {
        return false;
    }

    List<Legend.Entry> legendEntries() {
        return List.of();
    }

    /** The colour scale to explain with a colour bar, or null for none. */
    ColorScale colorScale() {
        return null;
    }

    // ---- layout and drawing ----

    /** The plot rectangle and its two axes; maps data values to pixel coordinates. */
    record Plot(Figure.Canvas canvas, Rectangle rect, Axis x, Axis y) {
        double px(double v) {
            return rect.x + x.fraction(v) * rect.width;
        }

        double py(double v) {
            return rect.y + rect.height - y.fraction(v) * rect.height;
        }

        Graphics2D g() {
            return canvas.g();
        }
    }

    @Override
    final void validate() {
        validateData();
        if (dataX().isEmpty() || dataY().isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " '" + title + "': no finite values to plot"
                    + (isLogX() || isLogY() ? " (a log axis shows only positive values)" : ""));
        }
    }

    private Extent dataX() {
        Extent e = xExtent();
        for (RefLine r : refLines) if (!r.horizontal()) e.add(isLogX() && r.value() <= 0 ? Double.NaN : r.value());
        return e;
    }

    private Extent dataY() {
        Extent e = yExtent();
        for (RefLine r : refLines) if (r.horizontal()) e.add(isLogY() && r.value() <= 0 ? Double.NaN : r.value());
        return e;
    }

    @Override
    final void paint(Figure.Canvas c, int top) {
        Graphics2D g = c.g();
        TextPainter text = c.text();
        int w = width(), h = height();
        Axis xa = xAxis(dataX()), ya = yAxis(dataY());
        ColorScale scale = colorScale();
        int tickH = text.height(g, TextStyle.TICK), labelH = text.height(g, TextStyle.LABEL);

        Rectangle rect = null;
        List<Axis.Tick> xt = null, yt = null;
        boolean rotate = false;
        for (int pass = 0; pass < 2; pass++) {
            int approxW = w - 170, approxH = h - top - 90;
            xt = xTicks(xa, Math.max(3, approxW / 95));
            yt = yTicks(ya, Math.max(3, approxH / 55));
            int maxYW = 0;
            for (Axis.Tick t : yt) maxYW = Math.max(maxYW, text.width(g, t.label(), TextStyle.TICK));
            int left = 14 + (yLabel.isEmpty() ? 0 : labelH + 8) + maxYW + TICK_LENGTH + 4;
            int right = 22 + (scale == null ? 0 : ColorBar.verticalWidth(c, scale));
            if (!xt.isEmpty() && !categoricalX()) {
                right = Math.max(right, text.width(g, xt.get(xt.size() - 1).label(), TextStyle.TICK) / 2 + 8);
            }
            int[] widths = xt.stream().mapToInt(t -> text.width(g, t.label(), TextStyle.TICK)).toArray();
            double[] xs = tickPositions(xt, xa, left, Math.max(20, w - left - right));
            int labelsDepth = tickH;
            rotate = false;
            if (overlaps(xs, widths, 1)) {
                if (categoricalX()) {
                    rotate = true;
                    int maxW = 0;
                    for (int wi : widths) maxW = Math.max(maxW, wi);
                    labelsDepth = (int) Math.ceil(maxW * Math.sin(Math.PI / 6) + tickH * Math.cos(Math.PI / 6));
                    // a rotated label hangs down-left of its tick; widen the left margin so the first ones fit
                    double deficit = 0;
                    for (int i = 0; i < xs.length; i++) deficit = Math.max(deficit, 6 - (xs[i] + 3 - widths[i] * Math.cos(Math.PI / 6)));
                    if (deficit > 0) left += (int) Math.ceil(deficit) + 4;
                } else {
                    xt = thin(xt, xs, widths);
                }
            }
            int plotW = Math.max(20, w - left - right);
            int bottom = TICK_LENGTH + 4 + labelsDepth + (xLabel.isEmpty() ? 0 : 8 + labelH) + 12;
            int plotH = Math.max(20, h - top - bottom);
            rect = new Rectangle(left, top + 4, plotW, plotH - 4);
            if (!equalAspect() || pass == 1) break;
            Axis[] adjusted = equalize(xa, ya, rect);
            xa = adjusted[0];
            ya = adjusted[1];
        }
        Plot plot = new Plot(c, rect, xa, ya);

        drawGrid(plot, xt, yt);
        java.awt.Shape savedClip = g.getClip();
        g.clipRect(rect.x - 1, rect.y - 1, rect.width + 3, rect.height + 3);
        Stroke savedStroke = g.getStroke();
        drawData(plot);
        g.setStroke(savedStroke);
        drawRefLines(plot);
        g.setStroke(savedStroke);
        g.setClip(savedClip);
        drawAxes(plot, xt, yt, rotate);
        drawRefLabels(plot);
        if (legend) Legend.draw(c, rect, legendEntries());
        if (scale != null) ColorBar.drawVertical(c, scale, rect.x + rect.width, rect.y, rect.height);
    }

    private static double[] tickPositions(List<Axis.Tick> ticks, Axis a, int left, int width) {
        double[] xs = new double[ticks.size()];
        for (int i = 0; i < xs.length; i++) xs[i] = left + a.fraction(ticks.get(i).value()) * width;
        return xs;
    }

    private static boolean overlaps(double[] xs, int[] widths, int every) {
        double prevRight = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xs.length; i += every) {
            if (widths[i] == 0) continue;
            double l = xs[i] - widths[i] / 2.0;
            if (l < prevRight + 6) return true;
            prevRight = xs[i] + widths[i] / 2.0;
        }
        return false;
    }

    /** Keeps every k-th label (smallest k without overlap); unlabelled ticks stay as marks. */
    private static List<Axis.Tick> thin(List<Axis.Tick> ticks, double[] xs, int[] widths) {
        int k = 2;
        while (k < ticks.size() && overlaps(xs, widths, k)) k++;
        List<Axis.Tick> out = new ArrayList<>();
        for (int i = 0; i < ticks.size(); i++) {
            Axis.Tick t = ticks.get(i);
            out.add(i % k == 0 ? t : new Axis.Tick(t.value(), ""));
        }
        return out;
    }

    /** Widens one axis so a data unit spans the same number of pixels on both (linear axes; keeps inversion). */
    private static Axis[] equalize(Axis xa, Axis ya, Rectangle rect) {
        if (xa.log || ya.log) return new Axis[] {xa, ya};
        double sx = xa.hi - xa.lo, sy = ya.hi - ya.lo;
        double ux = Math.abs(sx) / rect.width, uy = Math.abs(sy) / rect.height;
        if (ux > uy) {
            double span = Math.signum(sy) * ux * rect.height, mid = (ya.lo + ya.hi) / 2;
            return new Axis[] {xa, ya.withRange(mid - span / 2, mid + span / 2)};
        }
        double span = Math.signum(sx) * uy * rect.width, mid = (xa.lo + xa.hi) / 2;
        return new Axis[] {xa.withRange(mid - span / 2, mid + span / 2), ya};
    }

    private void drawGrid(Plot p, List<Axis.Tick> xt, List<Axis.Tick> yt) {
        Graphics2D g = p.g();
        Rectangle r = p.rect();
        g.setColor(Palette.GRID);
        g.setStroke(new BasicStroke(1f));
        if (xGrid()) {
            for (Axis.Tick t : xt) {
                if (!t.major()) continue;
                int x = (int) Math.round(p.px(t.value()));
                g.drawLine(x, r.y, x, r.y + r.height);
            }
        }
        if (yGrid()) {
            for (Axis.Tick t : yt) {
                if (!t.major()) continue;
                int y = (int) Math.round(p.py(t.value()));
                g.drawLine(r.x, y, r.x + r.width, y);
            }
        }
    }

    private static Stroke refStroke(int i) {
        return new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, DASHES[i % DASHES.length], 0);
    }

    private void drawRefLines(Plot p) {
        Graphics2D g = p.g();
        Rectangle r = p.rect();
        for (int i = 0; i < refLines.size(); i++) {
            RefLine line = refLines.get(i);
            g.setColor(Palette.REFERENCE);
            g.setStroke(refStroke(i));
            if (line.horizontal()) {
                double y = p.py(line.value());
                g.draw(new java.awt.geom.Line2D.Double(r.x, y, r.x + r.width, y));
            } else {
                double x = p.px(line.value());
                g.draw(new java.awt.geom.Line2D.Double(x, r.y, x, r.y + r.height));
            }
        }
    }

    /** Labels go on a translucent white backing so they stay readable over data. */
    private void drawRefLabels(Plot p) {
        Graphics2D g = p.g();
        TextPainter text = p.canvas().text();
        Rectangle r = p.rect();
        int th = text.height(g, TextStyle.NOTE);
        for (RefLine line : refLines) {
            if (line.label().isEmpty()) continue;
            int tw = text.width(g, line.label(), TextStyle.NOTE);
            double x, y;
            if (line.horizontal()) {
                // above or below the line, at the right or left end: wherever the fewest data pixels get covered
                double ly = p.py(line.value());
                double[][] spots = {
                    {r.x + r.width - 6 - tw, ly - 3 - th}, {r.x + 6, ly - 3 - th},
                    {r.x + r.width - 6 - tw, ly + 3}, {r.x + 6, ly + 3}};
                x = spots[0][0];
                y = spots[0][1];
                long best = Long.MAX_VALUE;
                for (double[] s : spots) {
                    if (s[1] < r.y + 1 || s[1] + th > r.y + r.height - 1) continue;
                    long ink = Legend.ink(p.canvas().image(), new Rectangle((int) s[0], (int) s[1], tw, th));
                    if (ink < best) {
                        best = ink;
                        x = s[0];
                        y = s[1];
                    }
                }
            } else {
                double lx = p.px(line.value());
                x = lx + 5;
                if (x + tw > r.x + r.width - 2) x = lx - 5 - tw; // no room right of the line: write left of it
                y = r.y + 4;
            }
            g.setColor(new Color(255, 255, 255, 210));
            g.fillRect((int) Math.floor(x) - 2, (int) Math.floor(y), tw + 4, th);
            g.setColor(Palette.REFERENCE);
            text.draw(g, line.label(), x, y, TextStyle.NOTE, 0, 0);
        }
    }

    private void drawAxes(Plot p, List<Axis.Tick> xt, List<Axis.Tick> yt, boolean rotateX) {
        Graphics2D g = p.g();
        TextPainter text = p.canvas().text();
        Rectangle r = p.rect();
        int bottom = r.y + r.height;
        g.setStroke(new BasicStroke(1f));
        g.setColor(Palette.AXIS);
        g.drawLine(r.x, r.y, r.x, bottom);
        g.drawLine(r.x, bottom, r.x + r.width, bottom);
        int tickH = text.height(g, TextStyle.TICK);
        for (Axis.Tick t : xt) {
            int x = (int) Math.round(p.px(t.value()));
            g.setColor(Palette.AXIS);
            g.drawLine(x, bottom, x, bottom + (t.major() ? TICK_LENGTH : 3));
            if (!t.major()) continue;
            g.setColor(Palette.TEXT);
            if (rotateX) {
                text.drawRotated(g, t.label(), x + 3, bottom + TICK_LENGTH + 3, TextStyle.TICK, 1, 0.2, -Math.PI / 6);
            } else {
                text.draw(g, t.label(), x, bottom + TICK_LENGTH + 3, TextStyle.TICK, 0.5, 0);
            }
        }
        for (Axis.Tick t : yt) {
            int y = (int) Math.round(p.py(t.value()));
            g.setColor(Palette.AXIS);
            g.drawLine(r.x - (t.major() ? TICK_LENGTH : 3), y, r.x, y);
            if (!t.major()) continue;
            g.setColor(Palette.TEXT);
            text.draw(g, t.label(), r.x - TICK_LENGTH - 4, y, TextStyle.TICK, 1, 0.5);
        }
        g.setColor(Palette.TEXT);
        if (!xLabel.isEmpty()) {
            int labelsDepth = tickH;
            if (rotateX) {
                int maxW = 0;
                for (Axis.Tick t : xt) maxW = Math.max(maxW, text.width(g, t.label(), TextStyle.TICK));
                labelsDepth = (int) Math.ceil(maxW * Math.sin(Math.PI / 6) + tickH * Math.cos(Math.PI / 6));
            }
            text.draw(g, xLabel, r.x + r.width / 2.0, bottom + TICK_LENGTH + 4 + labelsDepth + 6, TextStyle.LABEL, 0.5, 0);
        }
        if (!yLabel.isEmpty()) {
            int maxYW = 0;
            for (Axis.Tick t : yt) maxYW = Math.max(maxYW, text.width(g, t.label(), TextStyle.TICK));
            // beside the tick labels, even when the left margin grew for rotated category labels
            int x = Math.max(4, r.x - TICK_LENGTH - 4 - maxYW - 8 - text.height(g, TextStyle.LABEL));
            text.drawRotated(g, yLabel, x, r.y + r.height / 2.0, TextStyle.LABEL, 0.5, 0, -Math.PI / 2);
        }
    }
}
