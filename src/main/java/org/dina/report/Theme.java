package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
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

/**
 * The look every figure shares: fonts, the Okabe–Ito colour-blind-safe colours for series, neutral greys, white
 * background, light solid grid lines, no shadows or gradients.
 */
final class Theme {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /**
     * Okabe–Ito colours in the order series receive them. Yellow comes late because it is faint on white, and
     * black last because reference lines and error bars are already dark.
     */
    private static final int[] CATEGORICAL = { // blue, vermillion, bluish green, reddish purple, orange, sky blue, yellow, black
        0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0xF0E442, 0x000000};

    static final Color BACKGROUND = Color.WHITE;
    static final Color TEXT = new Color(0x222222);
    static final Color AXIS = new Color(0x444444);
    static final Color GRID = new Color(0xE8E8E8);
    static final Color REFERENCE = new Color(0x555555);
    static final Color MISSING = new Color(0xD9D9D9);

    /** The colour of series number {@code i} (cycles after eight). */
    static Color series(int i) {
        return new Color(CATEGORICAL[Math.floorMod(i, CATEGORICAL.length)]);
    }

    /** {@code c} with the given opacity in [0, 1]. */
    static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * Math.max(0, Math.min(1, alpha))));
    }

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
        chart.setBackgroundPaint(Theme.BACKGROUND);
        chart.setPadding(new RectangleInsets(8, 8, 8, 14));
        if (chart.getTitle() != null) chart.getTitle().setPaint(Theme.TEXT);
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Theme.BACKGROUND);
        plot.setOutlineVisible(false);
        BasicStroke grid = new BasicStroke(1f);
        if (plot instanceof XYPlot p) {
            p.setDomainGridlinePaint(Theme.GRID);
            p.setRangeGridlinePaint(Theme.GRID);
            p.setDomainGridlineStroke(grid);
            p.setRangeGridlineStroke(grid);
            p.setAxisOffset(RectangleInsets.ZERO_INSETS);
            style(p.getDomainAxis());
            style(p.getRangeAxis());
        } else if (plot instanceof CategoryPlot p) {
            p.setRangeGridlinePaint(Theme.GRID);
            p.setRangeGridlineStroke(grid);
            p.setAxisOffset(RectangleInsets.ZERO_INSETS);
            style(p.getDomainAxis());
            style(p.getRangeAxis());
        }
    }

    static void style(Axis a) {
        a.setLabelFont(LABEL);
        a.setLabelPaint(Theme.TEXT);
        a.setTickLabelFont(TICK);
        a.setTickLabelPaint(Theme.TEXT);
        a.setAxisLinePaint(Theme.AXIS);
        a.setTickMarkPaint(Theme.AXIS);
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
