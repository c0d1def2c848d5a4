package org.dina.report;

import java.awt.Color;

/** The colours every figure shares: the Okabe–Ito colour-blind-safe set for categories, and neutral greys. */
public final class Palette {
    private Palette() {}

    /**
     * Okabe–Ito colours in the order series receive them. Yellow comes late because it is faint on white, and
     * black last because reference lines and error bars are already dark.
     */
    private static final Color[] CATEGORICAL = {
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x009E73), // bluish green
        new Color(0xCC79A7), // reddish purple
        new Color(0xE69F00), // orange
        new Color(0x56B4E9), // sky blue
        new Color(0xF0E442), // yellow
        new Color(0x000000), // black
    };

    public static final Color BACKGROUND = Color.WHITE;
    public static final Color TEXT = new Color(0x222222);
    public static final Color AXIS = new Color(0x444444);
    public static final Color GRID = new Color(0xE8E8E8);
    public static final Color REFERENCE = new Color(0x555555);
    public static final Color MISSING = new Color(0xD9D9D9);

    /** The colour of series number {@code i} (cycles after eight). */
    public static Color series(int i) {
        return CATEGORICAL[Math.floorMod(i, CATEGORICAL.length)];
    }

    /** How many distinct series colours there are before they repeat. */
    public static int seriesCount() {
        return CATEGORICAL.length;
    }

    /** {@code c} with the given opacity in [0, 1]. */
    public static Color withAlpha(Color c, double alpha) {
        int a = (int) Math.round(255 * Math.max(0, Math.min(1, alpha)));
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }
}
