package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.LegendItemEntity;
import org.junit.jupiter.api.Test;

/** What every chart shares: legends outside the plot, reference lines on the axes, text that stays text in SVG. */
class ChartFigureTest {
    static final double[] X = {1, 2, 3, 4, 5};

    /** The legend entries of {@code chart} drawn at 800 x 500, and its plot (data) area. */
    private static Rectangle2D layout(JFreeChart chart, List<Rectangle2D> legend) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        Graphics2D g = new BufferedImage(800, 500, BufferedImage.TYPE_INT_RGB).createGraphics();
        chart.draw(g, new Rectangle2D.Double(0, 0, 800, 500), info);
        g.dispose();
        for (Object e : info.getEntityCollection().getEntities()) {
            if (e instanceof LegendItemEntity l) legend.add(((ChartEntity) l).getArea().getBounds2D());
        }
        return info.getPlotInfo().getDataArea();
    }

    @Test
    void legendsSitBelowThePlotAndNeverCoverDataOrReferenceLabels() {
        double[] high = {5, 5, 5, 5, 5};
        for (ChartFigure<?> f : List.<ChartFigure<?>>of(
                LinePlot.titled("lines").series("DINA (unmanipulated 73.4%)", X, X).series("ridge", X, high).series("two-tower", X, X)
                        .hline("chance", 1).hline("all neurons", 5),
                BarChart.titled("bars").categories("a", "b").group("hubs", new double[] {1, 2}).group("random", new double[] {2, 1})
                        .hline("no knockout", 2.5))) {
            List<Rectangle2D> legend = new java.util.ArrayList<>();
            Rectangle2D plot = layout(f.chart(), legend);
            assertFalse(legend.isEmpty(), f.title + ": no legend drawn");
            for (Rectangle2D item : legend) {
                assertFalse(item.intersects(plot), f.title + ": legend item " + item + " overlaps the plot " + plot);
                assertTrue(item.getMinY() >= plot.getMaxY(), f.title + ": legend item " + item + " is not below the plot");
            }
        }
    }

    @Test
    void referenceLinesOutsideTheDataWidenTheAxis() {
        assertTrue(LinePlot.titled("l").series("s", X, X).hline("far", 50).chart().getXYPlot().getRangeAxis().getRange().contains(50));
        assertTrue(Histogram.titled("h").values(X).vline("far", -20).chart().getXYPlot().getDomainAxis().getRange().contains(-20));
        // bars keep growing from zero
        var bars = BarChart.titled("b").categories("a").group("g", new double[] {1}).hline("far", 3).chart().getCategoryPlot();
        assertTrue(bars.getRangeAxis().getRange().contains(3) && bars.getRangeAxis().getLowerBound() == 0);
        assertThrows(IllegalArgumentException.class, () -> BarChart.titled("b").categories("a").group("g", new double[] {1}).vline("x", 0).render());
    }

    @Test
    void svgKeepsEveryLabelAsText() {
        String svg = LinePlot.titled("Loss per epoch").x("epoch").y("loss (nats)").series("train", X, X).hline("chance", 2).svg();
        for (String label : List.of("Loss per epoch", "epoch", "loss (nats)", "chance")) {
            assertTrue(svg.contains(">" + label + "</text>"), label + " is not an SVG text element");
        }
        String bars = BarChart.titled("b").categories("a category with a long name", "another long category name", "third",
                "fourth category", "fifth category name", "sixth").group("g", new double[] {1, 2, 3, 4, 5, 6}).svg();
        assertTrue(bars.contains(">another long category name</text>") || bars.contains(">another long category</text>"),
                "slanted or wrapped category names stay text");
    }
}
