package org.dina.report;

import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.util.Objects;

/** Points coloured by a value through a {@link ColorScale}; shared by {@link ScatterPlot} and {@link PointMap}. */
final class ValuePoints {
    final double[] xs, ys, values;

    ValuePoints(String what, double[] xs, double[] ys, double[] values) {
        Objects.requireNonNull(xs, what + ": xs");
        Objects.requireNonNull(ys, what + ": ys");
        Objects.requireNonNull(values, what + ": values");
        if (xs.length == 0) throw new IllegalArgumentException(what + " is empty");
        if (xs.length != ys.length || xs.length != values.length) {
            throw new IllegalArgumentException(what + ": xs, ys and values must have the same length, got "
                    + xs.length + ", " + ys.length + " and " + values.length);
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.values = values.clone();
    }

    /** Position and value all finite; points with a missing value are skipped rather than drawn grey. */
    boolean usable(int i) {
        return Double.isFinite(xs[i]) && Double.isFinite(ys[i]) && Double.isFinite(values[i]);
    }

    Extent xExtent() {
        Extent e = new Extent(false);
        for (int i = 0; i < xs.length; i++) if (usable(i)) e.add(xs[i]);
        return e;
    }

    Extent yExtent() {
        Extent e = new Extent(false);
        for (int i = 0; i < xs.length; i++) if (usable(i)) e.add(ys[i]);
        return e;
    }

    Extent valueExtent() {
        Extent e = new Extent(false);
        for (int i = 0; i < xs.length; i++) if (usable(i)) e.add(values[i]);
        return e;
    }

    /** The scale for these values: {@code range} if given (length 2), else their extent (symmetric if diverging). */
    ColorScale scale(ColorMap map, double[] range, String label) {
        if (range != null) return new ColorScale(map, range[0], range[1], label);
        return ColorScale.over(map, valueExtent(), label, map == ColorMap.DIVERGING);
    }

    /**
     * Draws lowest values first so the strongest points stay on top; for a diverging map the points farthest from
     * zero go on top instead.
     */
    void draw(XyFigure.Plot p, ColorScale scale, double diameter, double alpha) {
        Graphics2D g = p.g();
        int n = xs.length;
        boolean byMagnitude = scale.map() == ColorMap.DIVERGING;
        double[] keys = new double[n];
        for (int i = 0; i < n; i++) keys[i] = byMagnitude ? Math.abs(values[i]) : values[i];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(keys[a], keys[b]));
        double r = diameter / 2;
        // a faint rim keeps points whose colour is close to white (diverging maps near zero) visible
        java.awt.Color rim = new java.awt.Color(0, 0, 0, 60);
        g.setStroke(new java.awt.BasicStroke(0.6f));
        for (int i : order) {
            if (!usable(i)) continue;
            Ellipse2D.Double dot = new Ellipse2D.Double(p.px(xs[i]) - r, p.py(ys[i]) - r, diameter, diameter);
            g.setColor(Palette.withAlpha(scale.color(values[i]), alpha));
            g.fill(dot);
            if (diameter >= 5) {
                g.setColor(rim);
                g.draw(dot);
            }
        }
    }

    /** Marker diameter in pixels that keeps dense clouds readable. */
    static double diameterFor(int n) {
        return n <= 500 ? 7 : n <= 5000 ? 5 : 3.5;
    }

    static double alphaFor(int n) {
        return n <= 500 ? 0.85 : n <= 5000 ? 0.65 : 0.45;
    }
}
