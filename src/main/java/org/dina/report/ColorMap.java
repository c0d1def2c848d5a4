package org.dina.report;

import java.awt.Color;

/** Continuous colour maps from a value in [0, 1] to a colour; all are readable by colour-blind viewers. */
public enum ColorMap {
    /** Perceptually uniform dark purple → teal → yellow; the default for heatmaps and value-coloured points. */
    VIRIDIS(0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725),
    /** Blue → near-white → red, for signed values centred on zero (ColorBrewer RdBu, reversed). */
    DIVERGING(0x2166AC, 0x67A9CF, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xEF8A62, 0xB2182B),
    /** Black → white. */
    GRAY(0x000000, 0xFFFFFF);

    private final int[] stops;

    ColorMap(int... stops) {
        this.stops = stops;
    }

    /** The packed 0xRRGGBB colour at {@code t}; t is clamped to [0, 1], NaN gives the "missing" grey. */
    public int rgb(double t) {
        if (Double.isNaN(t)) return Palette.MISSING.getRGB() & 0xFFFFFF;
        double clamped = Math.max(0, Math.min(1, t));
        double pos = clamped * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) pos);
        double f = pos - i;
        int a = stops[i], b = stops[i + 1];
        int r = mix((a >> 16) & 255, (b >> 16) & 255, f);
        int g = mix((a >> 8) & 255, (b >> 8) & 255, f);
        int bl = mix(a & 255, b & 255, f);
        return (r << 16) | (g << 8) | bl;
    }

    /** The colour at {@code t}, see {@link #rgb(double)}. */
    public Color color(double t) {
        return new Color(rgb(t));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
