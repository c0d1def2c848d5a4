package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.RectangleInsets;

/** The look every figure shares: fonts, white background, light solid grid lines, no shadows or gradients. */
final class Theme {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    static {
        // JFreeChart draws rotated text (the y-axis label, slanted category names) as glyph outlines by default, a
        // workaround for a JDK 1.4 bug; in an SVG that turns words into paths. Plain drawString keeps them text.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Theme() {}

    /**
     * Applies the shared look to the chart, its plot and axes. (JFreeChart's StandardChartTheme would also reset
     * every series colour the chart types chose.)
     */
    static void apply(JFreeChart chart) {
        chart.setBackgroundPaint(Palette.BACKGROUND);
        chart.setPadding(new RectangleInsets(8, 8, 8, 14));
        if (chart.getTitle() != null) chart.getTitle().setPaint(Palette.TEXT);
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Palette.BACKGROUND);
        plot.setOutlineVisible(false);
        BasicStroke grid = new BasicStroke(1f);
        if (plot instanceof XYPlot p) {
            p.setDomainGridlinePaint(Palette.GRID);
            p.setRangeGridlinePaint(Palette.GRID);
            p.setDomainGridlineStroke(grid);
            p.setRangeGridlineStroke(grid);
            p.setAxisOffset(RectangleInsets.ZERO_INSETS);
            style(p.getDomainAxis());
            style(p.getRangeAxis());
        } else if (plot instanceof CategoryPlot p) {
            p.setRangeGridlinePaint(Palette.GRID);
            p.setRangeGridlineStroke(grid);
            p.setAxisOffset(RectangleInsets.ZERO_INSETS);
            style(p.getDomainAxis());
            style(p.getRangeAxis());
        }
    }

    static void style(Axis a) {
        a.setLabelFont(LABEL);
        a.setLabelPaint(Palette.TEXT);
        a.setTickLabelFont(TICK);
        a.setTickLabelPaint(Palette.TEXT);
        a.setAxisLinePaint(Palette.AXIS);
        a.setTickMarkPaint(Palette.AXIS);
    }

    /**
     * A linear axis that shows any data range: JFreeChart would widen spans under 1e-8 to 1e-8 and flatten tiny
     * values; ChartFigure widens truly constant data itself.
     */
    static NumberAxis numberAxis(String label) {
        NumberAxis a = new NumberAxis(label.isEmpty() ? null : label);
        a.setAutoRangeMinimumSize(Double.MIN_NORMAL);
        a.setAutoRangeIncludesZero(false);
        return a;
    }

    /** A circle of the given diameter centred on the origin (a point marker). */
    static Shape circle(double diameter) {
        return new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter);
    }
}
