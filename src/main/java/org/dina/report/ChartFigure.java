package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
        return refLine(label, y, true);
    }

    /** Adds a dashed vertical reference line at {@code x} labelled {@code label}. */
    public F vline(String label, double x) {
        return refLine(label, x, false);
    }

    private F refLine(String label, double v, boolean horizontal) {
        Objects.requireNonNull(label, "label");
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException((horizontal ? "hline " : "vline ") + label + ": value must be finite, got " + v);
        }
        refLines.add(new RefLine(label, v, horizontal));
        return self();
    }

    /** Hides the legend. */
    public F noLegend() {
        this.legend = false;
        return self();
    }

    /** A fresh plot holding the data, its axes and renderers. */
    abstract Plot plot();

    /** The colour scale a colour bar explains, or null for none. */
    ColorScale colorScale() {
        return null;
    }

    /** Adds the reference lines to a data table: a row "reference: label" with the value in the x or y column. */
    FigureData.Table referenceRows(FigureData.Table t, int xColumn, int yColumn) {
        for (RefLine r : refLines) {
            Object[] row = new Object[t.columns()];
            row[0] = "reference: " + r.label();
            row[r.horizontal() ? yColumn : xColumn] = r.value();
            t.row(row);
        }
        return t;
    }

    /** The complete chart: plot, reference lines, title, colour bar and legend. */
    JFreeChart chart() {
        validate();
        Plot plot = plot();
        if (plot instanceof XYPlot xy) widenIfConstant(xy.getDomainAxis());
        widenIfConstant(plot instanceof XYPlot xy ? xy.getRangeAxis() : ((CategoryPlot) plot).getRangeAxis());
        for (int i = 0; i < refLines.size(); i++) addReferenceLine(plot, i);
        JFreeChart chart = new JFreeChart(title.isEmpty() ? null : title, Theme.TITLE, plot, false);
        Theme.apply(chart);
        if (colorScale() != null) chart.addSubtitle(colorScale().colorBar(RectangleEdge.RIGHT));
        if (legend && plot.getLegendItems().getItemCount() > 0) {
            LegendTitle l = new LegendTitle(plot);
            l.setPosition(RectangleEdge.BOTTOM);
            l.setFrame(BlockBorder.NONE);
            l.setItemFont(Theme.TICK);
            l.setItemPaint(Theme.TEXT);
            l.setMargin(new RectangleInsets(6, 0, 0, 0));
            chart.addLegend(l);
        }
        return chart;
    }

    @Override
    final void draw(Graphics2D g, int width, int height) {
        chart().draw(g, new Rectangle2D.Double(0, 0, width, height));
    }

    /** Constant data would give an axis a zero span; centre it in ±10% of its magnitude instead (±1 at zero). */
    private static void widenIfConstant(ValueAxis a) {
        if (a instanceof LogAxis || !a.isAutoRange()) return;
        Range r = a.getRange();
        double scale = Math.max(Math.abs(r.getLowerBound()), Math.abs(r.getUpperBound()));
        boolean zero = scale < 1e-300; // JFreeChart's own minimum span around a constant 0
        if (!zero && r.getLength() > scale * 1e-12) return;
        double half = zero ? 1 : scale * 0.1;
        a.setRange(r.getCentralValue() - half, r.getCentralValue() + half);
    }

    private void addReferenceLine(Plot plot, int i) {
        RefLine r = refLines.get(i);
        ValueMarker m = new ValueMarker(r.value(), Theme.REFERENCE,
                new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, DASHES[i % DASHES.length], 0));
        m.setLabel(r.label().isEmpty() ? null : r.label());
        m.setLabelFont(Theme.NOTE);
        m.setLabelPaint(Theme.REFERENCE);
        m.setLabelBackgroundColor(new Color(255, 255, 255, 210));
        m.setLabelOffset(new RectangleInsets(3, 5, 3, 5));
        // labels alternate ends, so that those of lines close together do not print over each other
        boolean right = i % 2 == 0;
        if (r.horizontal()) {
            m.setLabelAnchor(right ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(right ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
        } else {
            m.setLabelAnchor(right ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT);
            m.setLabelTextAnchor(right ? TextAnchor.TOP_LEFT : TextAnchor.BOTTOM_LEFT);
        }
        if (plot instanceof CategoryPlot c) {
            if (!r.horizontal()) throw new IllegalArgumentException("'" + title + "': a vertical line needs a numeric x axis");
            include(c.getRangeAxis(), r.value());
            c.addRangeMarker(0, m, Layer.FOREGROUND, false);
        } else if (include(r.horizontal() ? ((XYPlot) plot).getRangeAxis() : ((XYPlot) plot).getDomainAxis(), r.value())) {
            if (r.horizontal()) ((XYPlot) plot).addRangeMarker(0, m, Layer.FOREGROUND, false);
            else ((XYPlot) plot).addDomainMarker(0, m, Layer.FOREGROUND, false);
        }
    }

    /** Widens {@code a} to show {@code v}; false when the axis cannot show it (≤ 0 on a log axis). */
    private static boolean include(ValueAxis a, double v) {
        Range r = a.getRange();
        if (a instanceof LogAxis && v <= 0) return false;
        if (r.contains(v)) return true;
        double lo = Math.min(r.getLowerBound(), v), hi = Math.max(r.getUpperBound(), v);
        double pad = a instanceof LogAxis ? 0 : 0.05 * (hi - lo);
        // an axis that starts at zero (bars, counts) keeps starting there
        a.setRange(lo == 0 && r.getLowerBound() == 0 ? 0 : lo - pad, hi + pad);
        return true;
    }
}
