package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * A colour map stretched over a value interval, with the label its colour bar shows; the {@link PaintScale} that
 * JFreeChart's heatmap and point renderers colour by. {@code alpha} below 1 makes dense points translucent.
 */
record ColorScale(ColorMap map, double lo, double hi, String label, double alpha) implements PaintScale {
    ColorScale {
        if (!(hi - lo > Math.max(Math.abs(lo), Math.abs(hi)) * 1e-12)) { // constant data: centre it in the map
            double half = Math.max(Math.abs(lo), Math.abs(hi)) > 0 ? Math.max(Math.abs(lo), Math.abs(hi)) * 0.1 : 1;
            double mid = Double.isFinite(lo + hi) ? (lo + hi) / 2 : 0;
            lo = mid - half;
            hi = mid + half;
        }
    }

    ColorScale(ColorMap map, double lo, double hi, String label) {
        this(map, lo, hi, label, 1);
    }

    /**
     * The fixed {@code range} when given (length 2), else the finite values' extent, symmetric around zero for the
     * diverging map so that white means zero.
     */
    static ColorScale of(ColorMap map, double[] range, double[] values, String label) {
        if (range != null) return new ColorScale(map, range[0], range[1], label);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        if (map == ColorMap.DIVERGING) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            return new ColorScale(map, -m, m, label);
        }
        return new ColorScale(map, lo, hi, label);
    }

    /** The same scale with every colour at opacity {@code a}. */
    ColorScale translucent(double a) {
        return new ColorScale(map, lo, hi, label, a);
    }

    /** Position of {@code v} on the map, clamped to [0, 1] (NaN stays NaN). */
    double t(double v) {
        return Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
    }

    @Override
    public double getLowerBound() {
        return lo;
    }

    @Override
    public double getUpperBound() {
        return hi;
    }

    @Override
    public Paint getPaint(double v) {
        int rgb = Double.isNaN(v) ? map.rgb(Double.NaN) : map.rgb(t(v));
        return alpha >= 1 ? new Color(rgb) : new Color((int) Math.round(255 * alpha) << 24 | rgb, true);
    }

    /** The colour bar explaining this scale, placed on {@code edge} of whatever it is drawn beside. */
    PaintScaleLegend colorBar(RectangleEdge edge) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(lo, hi);
        Theme.style(axis);
        PaintScaleLegend bar = new PaintScaleLegend(new ColorScale(map, lo, hi, label), axis);
        bar.setPosition(edge);
        bar.setStripWidth(14);
        bar.setStripOutlineVisible(true);
        bar.setStripOutlinePaint(Palette.AXIS);
        bar.setStripOutlineStroke(new BasicStroke(1f));
        bar.setSubdivisionCount(256);
        bar.setAxisOffset(4);
        bar.setFrame(BlockBorder.NONE);
        bar.setBackgroundPaint(Palette.BACKGROUND);
        bar.setMargin(new RectangleInsets(edge == RectangleEdge.RIGHT ? 30 : 8, 12, 8, 8));
        return bar;
    }
}
