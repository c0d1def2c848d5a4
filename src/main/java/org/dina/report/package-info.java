/**
 * Figures and the HTML report for DINA's results.
 *
 * <p>Figures are small fluent builders drawn with java.awt in headless mode and written as PNG (atomically, no
 * dependency beyond the JDK): {@link org.dina.report.LinePlot}, {@link org.dina.report.Histogram},
 * {@link org.dina.report.BarChart}, {@link org.dina.report.ScatterPlot}, {@link org.dina.report.Heatmap},
 * {@link org.dina.report.ImageGrid} and {@link org.dina.report.PointMap}. They share one look: white background,
 * 800 x 500 px by default, Okabe–Ito colours for categories, viridis for values, labelled axes and legends.
 * Text uses the JDK's SansSerif font and falls back to the built-in {@link org.dina.report.BitmapFont} when the
 * JDK has no working fonts. {@link org.dina.report.HtmlReport} assembles figures, text and tables into a
 * self-contained runs/&lt;name&gt;/report/index.html.
 */
package org.dina.report;
