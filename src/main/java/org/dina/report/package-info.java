/**
 * Figures and the HTML report for DINA's results.
 *
 * <p>Figures are small fluent builders over JFreeChart: {@link org.dina.report.LinePlot},
 * {@link org.dina.report.Histogram}, {@link org.dina.report.BarChart}, {@link org.dina.report.ScatterPlot},
 * {@link org.dina.report.Heatmap} and {@link org.dina.report.PointMap}; {@link org.dina.report.ImageGrid} draws its
 * panels itself. Each is saved as SVG (through JFreeSVG, text kept as text), as PNG, and with the numbers it shows as
 * CSV or JSON beside it. They share one look: white background, 800 x 500 px by default, Okabe–Ito colours for
 * categories, viridis for values, labelled axes, legends below the plot. {@link org.dina.report.HtmlReport} assembles
 * figures, text and tables into a self-contained runs/&lt;name&gt;/report/index.html.
 */
package org.dina.report;
