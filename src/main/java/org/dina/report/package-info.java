/**
 * Figures and the HTML report for DINA's results: small fluent builders over JFreeChart (ImageGrid draws its panels
 * itself), each saved as SVG (text kept as text), as PNG and with the numbers it shows as CSV or JSON beside it;
 * {@link org.dina.report.HtmlReport} assembles them with text and tables into a self-contained page.
 */
package org.dina.report;
