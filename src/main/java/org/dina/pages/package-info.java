/**
 * The pages a user opens after a run: {@link org.dina.pages.ReportWriter} lays out an analysed run's
 * {@code report/index.html} (training curves, decoding, the claims table and every analysis) from the results the
 * {@code analysis} step returns, with the figure and HTML toolkit of {@code org.dina.report}. The last step of the
 * data flow: nothing else in the product depends on it but the commands that write the page.
 */
package org.dina.pages;
