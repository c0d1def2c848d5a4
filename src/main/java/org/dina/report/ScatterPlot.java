package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;
import java.util.stream.IntStream;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Points, with an optional least-squares line (named in the legend with its slope and Pearson r). Points with a
 * non-finite coordinate are skipped. For points coloured by a value see {@link PointMap}.
 * <pre>
 * ScatterPlot.titled("Attribution vs response").x("mean response (a.u.)").y("attribution (a.u.)").points(resp, attr).fit()
 * </pre>
 */
public final class ScatterPlot extends ChartFigure<ScatterPlot> {
    /** A fitted line y = slope x + intercept, with Pearson's r. */
    record Fit(double slope, double intercept, double r) {}

    private double[] xs, ys;
    private boolean fit;

    private ScatterPlot(String title) {
        super(title);
    }

    /** Starts a scatter plot with the given title. */
    public static ScatterPlot titled(String title) {
        return new ScatterPlot(title);
    }

    /** Sets the points ({@code xs[i]}, {@code ys[i]}). */
    public ScatterPlot points(double[] xs, double[] ys) {
        requireSameLength("ScatterPlot '" + title + "' points", "xs and ys", xs, ys);
        this.xs = xs.clone();
        this.ys = ys.clone();
        return this;
    }

    /** Draws the least-squares line through the points and reports slope and Pearson r in the legend. */
    public ScatterPlot fit() {
        this.fit = true;
        return this;
    }

    /** The indices of the points with both coordinates finite. */
    private int[] finite() {
        return IntStream.range(0, xs.length).filter(i -> Double.isFinite(xs[i]) && Double.isFinite(ys[i])).toArray();
    }

    @Override
    void validate() {
        if (xs == null) throw new IllegalArgumentException("ScatterPlot '" + title + "' has no points");
        if (finite().length == 0) throw new IllegalArgumentException("ScatterPlot '" + title + "': no finite values to plot");
    }

    /** Least-squares fit over the finite points; null with fewer than two distinct x. */
    Fit leastSquares() {
        int[] ok = finite();
        double mx = IntStream.of(ok).mapToDouble(i -> xs[i]).average().orElse(0);
        double my = IntStream.of(ok).mapToDouble(i -> ys[i]).average().orElse(0);
        double sxx = 0, syy = 0, sxy = 0;
        for (int i : ok) { // centred sums: no cancellation for data far from zero
            sxx += (xs[i] - mx) * (xs[i] - mx);
            syy += (ys[i] - my) * (ys[i] - my);
            sxy += (xs[i] - mx) * (ys[i] - my);
        }
        if (ok.length < 2 || !(sxx > 0)) return null;
        return new Fit(sxy / sxx, my - sxy / sxx * mx, syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN);
    }

    @Override
    Plot plot() {
        XYSeries points = new XYSeries("points", false, true);
        for (int i : finite()) points.add(xs[i], ys[i]);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setDrawOutlines(false); // filled dots only: an outline would double every point in the SVG
        // dense clouds get smaller, more transparent dots
        int n = xs.length;
        r.setSeriesShape(0, Theme.circle(n <= 500 ? 7 : n <= 5000 ? 5 : 3.5));
        r.setSeriesPaint(0, Theme.withAlpha(Theme.series(0), n <= 500 ? 0.85 : n <= 5000 ? 0.65 : 0.45));
        r.setSeriesVisibleInLegend(0, false);
        XYPlot plot = new XYPlot(new XYSeriesCollection(points), Theme.numberAxis(xLabel), Theme.numberAxis(yLabel), r);
        Fit f = fit ? leastSquares() : null;
        if (f != null) {
            XYSeries line = new XYSeries(String.format(Locale.ROOT, "least squares: slope %.3g", f.slope())
                    + (Double.isNaN(f.r()) ? "" : String.format(Locale.ROOT, ", r = %.2f", f.r())), false, true);
            for (double x : new double[] {points.getMinX(), points.getMaxX()}) line.add(x, f.slope() * x + f.intercept());
            XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
            lr.setSeriesPaint(0, Color.BLACK);
            lr.setSeriesStroke(0, new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            plot.setDataset(1, new XYSeriesCollection(line));
            plot.setRenderer(1, lr);
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD); // the line over the points
        }
        return plot;
    }

    @Override
    FigureData data() {
        FigureData.Table t = FigureData.table("point", "x", "y");
        for (int i = 0; i < xs.length; i++) t.row(i, xs[i], ys[i]);
        return referenceRows(t, 1, 2).done();
    }
}
