package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;

/**
 * A figure drawn by JFreeChart: owns the axis labels, the labelled reference lines, the legend and the colour bar,
 * so each chart type only builds its plot and lists its data. The legend sits below the plot, outside it, so it can
 * never cover data or a reference line's label.
 */
public abstract class ChartFigure<F extends ChartFigure<F>> extends Figure<F> {
    /** A labelled horizontal (y = value) or vertical (x = value) reference line. */
    record RefLine(String label, double value, boolean horizontal) {}

    private static final float[][] DASHES = {{6, 4}, {2, 3}, {9, 3, 2, 3}};

    String xLabel = "", yLabel = "";
    final List<RefLine> refLines = new ArrayList<>();
    private boolean legend = true;

    ChartFigure(String title) {
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

    /** A short label for one value (bar labels, legend text): about three significant digits. */
    static String formatValue(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) return String.format(Locale.ROOT, "%.2e", v).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }

    static double requireFinite(double v, String what) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(what + ": value must be finite, got " + v);
        return v;
    }

    // ---- what each chart type supplies ----

    /** Checks the data (sizes, emptiness, something finite to plot), naming the series in the message. */
    abstract void validateData();

    /** A fresh plot holding the data, its axes and renderers. */
    abstract Plot plot();

    /** The colour scale a colour bar explains, or null for none. */
    ColorScale colorScale() {
        return null;
    }

    /** Same data units per pixel on both axes (maps of positions, square cells). */
    boolean equalAspect() {
        return false;
    }

    /** The reference lines as CSV rows of (name, x, y) for the data file: "reference: label" and its one coordinate. */
    void referenceRows(FigureData.Table t, int columns, int xColumn, int yColumn) {
        for (RefLine r : refLines) {
            Object[] row = new Object[columns];
            row[0] = "reference: " + r.label();
            row[r.horizontal() ? yColumn : xColumn] = r.value();
            t.row(row);
        }
    }

    @Override
    final void validate() {
        validateData();
    }

    /** The complete chart: plot, reference lines, title, colour bar and legend. */
    JFreeChart chart() {
        validate();
        Plot plot = plot();
        if (plot instanceof XYPlot xy) {
            widenIfConstant(xy.getDomainAxis());
            widenIfConstant(xy.getRangeAxis());
        } else if (plot instanceof CategoryPlot c) {
            widenIfConstant(c.getRangeAxis());
        }
        addReferenceLines(plot);
        JFreeChart chart = new JFreeChart(title.isEmpty() ? null : title, Theme.TITLE, plot, false);
        Theme.apply(chart);
        ColorScale scale = colorScale();
        if (scale != null) chart.addSubtitle(scale.colorBar(RectangleEdge.RIGHT));
        if (legend && plot.getLegendItems().getItemCount() > 0) {
            LegendTitle l = new LegendTitle(plot);
            l.setPosition(RectangleEdge.BOTTOM);
            l.setFrame(BlockBorder.NONE);
            l.setItemFont(Theme.TICK);
            l.setItemPaint(Palette.TEXT);
            l.setBackgroundPaint(Palette.BACKGROUND);
            l.setMargin(new RectangleInsets(6, 0, 0, 0));
            chart.addLegend(l);
        }
        return chart;
    }

    @Override
    final void draw(Graphics2D g, int width, int height) {
        JFreeChart chart = chart();
        Rectangle2D area = new Rectangle2D.Double(0, 0, width, height);
        if (equalAspect() && chart.getPlot() instanceof XYPlot xy) equalize(chart, xy, area);
        chart.draw(g, area);
    }

    /**
     * Widens one axis so a data unit spans the same pixels on both. The plot area depends on the tick labels, which
     * depend on the ranges, so the layout is measured twice.
     */
    private static void equalize(JFreeChart chart, XYPlot plot, Rectangle2D area) {
        for (int pass = 0; pass < 2; pass++) {
            ChartRenderingInfo info = new ChartRenderingInfo(null);
            Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            chart.draw(scratch, area, info);
            scratch.dispose();
            Rectangle2D data = info.getPlotInfo().getDataArea();
            ValueAxis x = plot.getDomainAxis(), y = plot.getRangeAxis();
            double ux = x.getRange().getLength() / data.getWidth(), uy = y.getRange().getLength() / data.getHeight();
            if (ux > uy) y.setRange(around(y.getRange(), ux * data.getHeight()));
            else x.setRange(around(x.getRange(), uy * data.getWidth()));
        }
    }

    private static Range around(Range r, double span) {
        return new Range(r.getCentralValue() - span / 2, r.getCentralValue() + span / 2);
    }

    /** Constant data would give an axis a zero span; centre it in ±10% of its magnitude instead (±1 at zero). */
    private static void widenIfConstant(ValueAxis a) {
        if (a == null || a instanceof LogAxis || !a.isAutoRange()) return;
        Range r = a.getRange();
        double scale = Math.max(Math.abs(r.getLowerBound()), Math.abs(r.getUpperBound()));
        if (r.getLength() > scale * 1e-12 && r.getLength() >= Double.MIN_NORMAL * 1e6) return;
        double half = scale > 0 ? scale * 0.1 : 1;
        a.setRange(r.getCentralValue() - half, r.getCentralValue() + half);
    }

    private void addReferenceLines(Plot plot) {
        for (int i = 0; i < refLines.size(); i++) {
            RefLine r = refLines.get(i);
            ValueMarker m = new ValueMarker(r.value(), Palette.REFERENCE,
                    new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, DASHES[i % DASHES.length], 0));
            m.setLabel(r.label().isEmpty() ? null : r.label());
            m.setLabelFont(Theme.NOTE);
            m.setLabelPaint(Palette.REFERENCE);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 210));
            // alternate ends, so that labels of lines close together do not print over each other
            boolean right = i % 2 == 0;
            if (r.horizontal()) {
                m.setLabelAnchor(right ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
                m.setLabelTextAnchor(right ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
            } else {
                m.setLabelAnchor(right ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT);
                m.setLabelTextAnchor(right ? TextAnchor.TOP_LEFT : TextAnchor.BOTTOM_LEFT);
            }
            m.setLabelOffset(new RectangleInsets(3, 5, 3, 5));
            if (plot instanceof XYPlot xy) {
                if (!include(r.horizontal() ? xy.getRangeAxis() : xy.getDomainAxis(), r.value())) continue;
                if (r.horizontal()) xy.addRangeMarker(0, m, Layer.FOREGROUND, false);
                else xy.addDomainMarker(0, m, Layer.FOREGROUND, false);
            } else if (plot instanceof CategoryPlot c) {
                if (!r.horizontal()) throw new IllegalArgumentException("'" + title + "': a vertical line needs a numeric x axis, not categories");
                include(c.getRangeAxis(), r.value());
                c.addRangeMarker(0, m, Layer.FOREGROUND, false);
            }
        }
    }

    /** Widens {@code a} to show {@code v} with a margin; false when the axis cannot show it (≤ 0 on a log axis). */
    private static boolean include(ValueAxis a, double v) {
        Range r = a.getRange();
        if (r.contains(v)) return true;
        if (a instanceof LogAxis) {
            if (v <= 0) return false;
            double lo = Math.log10(Math.min(r.getLowerBound(), v)), hi = Math.log10(Math.max(r.getUpperBound(), v));
            a.setRange(Math.pow(10, lo - 0.05 * (hi - lo)), Math.pow(10, hi + 0.05 * (hi - lo)));
            return true;
        }
        double lo = Math.min(r.getLowerBound(), v), hi = Math.max(r.getUpperBound(), v), pad = 0.05 * (hi - lo);
        // an axis that starts at zero (bars, counts) keeps starting there
        a.setRange(lo == 0 && r.getLowerBound() == 0 ? 0 : lo - pad, hi + pad);
        return true;
    }
}
