package org.dina.report;

import java.awt.Graphics2D;

/** Text through the built-in {@link BitmapFont}: integer-scaled pixels, bold by drawing twice one pixel apart. */
final class BitmapTextPainter extends TextPainter {
    @Override
    boolean isBitmap() {
        return true;
    }

    /** Font pixels per glyph pixel: 12-18 px text → 2, larger → 3; never below 1. */
    static int scale(TextStyle style) {
        return Math.max(1, (int) Math.ceil(style.size() / 9.0));
    }

    @Override
    int width(Graphics2D g, String text, TextStyle style) {
        return BitmapFont.width(text, scale(style)) + (style.bold() ? 1 : 0);
    }

    @Override
    int height(Graphics2D g, TextStyle style) {
        // one font pixel of leading above the glyphs; the descent rows are already part of the font's height
        return BitmapFont.height(scale(style)) + scale(style);
    }

    @Override
    protected void drawTopLeft(Graphics2D g, String text, double x, double top, TextStyle style) {
        int s = scale(style);
        int ix = (int) Math.round(x), iy = (int) Math.round(top) + s;
        BitmapFont.draw(g, text, ix, iy, s);
        if (style.bold()) BitmapFont.draw(g, text, ix + 1, iy, s);
    }
}
