package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.util.Arrays;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * A colour map stretched over a value interval, with the label its colour bar shows; the {@link PaintScale} that
 * JFreeChart's heatmap and point renderers colour by.
 */
record ColorScale(ColorMap map, double lo, double hi, String label) implements PaintScale {
    ColorScale {
        double scale = Math.max(Math.abs(lo), Math.abs(hi));
        if (!(hi - lo > scale * 1e-12)) { // constant data: centre it in the map
            double mid = (lo + hi) / 2, half = scale > 0 ? scale * 0.1 : 1;
            lo = mid - half;
            hi = mid + half;
        }
    }

    /** Over the finite values' extent; symmetric around zero for the diverging map, so that white means zero. */
    static ColorScale of(ColorMap map, double[] values, String label) {
        double lo = Arrays.stream(values).filter(Double::isFinite).min().orElse(0);
        double hi = Arrays.stream(values).filter(Double::isFinite).max().orElse(1);
        double m = Math.max(Math.abs(lo), Math.abs(hi));
        return map == ColorMap.DIVERGING ? new ColorScale(map, -m, m, label) : new ColorScale(map, lo, hi, label);
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
        return new Color(map.rgb((v - lo) / (hi - lo))); // clamped to the ends; NaN gives the "missing" grey
    }

    /** The colour bar explaining this scale, placed on {@code edge} of whatever it is drawn beside. */
    PaintScaleLegend colorBar(RectangleEdge edge) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(lo, hi);
        Theme.style(axis);
        PaintScaleLegend bar = new PaintScaleLegend(this, axis);
        bar.setPosition(edge);
        bar.setStripWidth(14);
        bar.setStripOutlineVisible(true);
        bar.setStripOutlinePaint(Theme.AXIS);
        bar.setStripOutlineStroke(new BasicStroke(1f));
        bar.setSubdivisionCount(256);
        bar.setAxisOffset(4);
        bar.setFrame(BlockBorder.NONE);
        bar.setBackgroundPaint(Theme.BACKGROUND);
        bar.setMargin(new RectangleInsets(edge == RectangleEdge.RIGHT ? 30 : 8, 12, 8, 8));
        return bar;
    }
}
