package org.dina.report;

/** Continuous colour maps from a value in [0, 1] to a colour; all are readable by colour-blind viewers. */
public enum ColorMap {
    /** Perceptually uniform dark purple → teal → yellow; the default for heatmaps and value-coloured points. */
    VIRIDIS(0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725),
    /** Blue → near-white → red, for signed values centred on zero (ColorBrewer RdBu, reversed). */
    DIVERGING(0x2166AC, 0x67A9CF, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xEF8A62, 0xB2182B);

    private final int[] stops;

    ColorMap(int... stops) {
        this.stops = stops;
    }

    /** The packed 0xRRGGBB colour at {@code t}; t is clamped to [0, 1], NaN gives the "missing" grey. */
    public int rgb(double t) {
        if (Double.isNaN(t)) return Theme.MISSING.getRGB() & 0xFFFFFF;
        double pos = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) pos), rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) { // red, green, blue: each linear between the two stops
            int a = stops[i] >> shift & 255, b = stops[i + 1] >> shift & 255;
            rgb |= (int) Math.round(a + (b - a) * (pos - i)) << shift;
        }
        return rgb;
    }
}
