package org.dina.report;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;

/**
 * Measures and draws figure text, aligned around an anchor point and optionally rotated. Two implementations:
 * {@link AwtTextPainter} (the JDK's fonts) and {@link BitmapTextPainter} (the built-in pixel font, always works).
 */
abstract class TextPainter {
    /** Thrown when the JDK's font system fails mid-drawing; the figure is then redrawn with the bitmap font. */
    static final class Unavailable extends RuntimeException {
        Unavailable(Throwable cause) {
            super("AWT text rendering is unavailable: " + cause, cause);
        }
    }

    /** Set {@code -Ddina.report.font=bitmap} to draw every figure with the built-in font (identical on all machines). */
    static final String FONT_PROPERTY = "dina.report.font";

    /** The painter to try first: the JDK's fonts when they work here, else the bitmap font. */
    static TextPainter preferred(boolean forceBitmap) {
        if (forceBitmap || "bitmap".equalsIgnoreCase(System.getProperty(FONT_PROPERTY))) return bitmap();
        return AwtTextPainter.works() ? new AwtTextPainter() : bitmap();
    }

    static TextPainter bitmap() {
        return new BitmapTextPainter();
    }

    abstract boolean isBitmap();

    /** Advance width of {@code text} in pixels. */
    abstract int width(Graphics2D g, String text, TextStyle style);

    /** Height of one line of text in pixels (the box that alignment uses). */
    abstract int height(Graphics2D g, TextStyle style);

    /** Draws {@code text} with the top-left of its line box at ({@code x}, {@code top}), in the current colour. */
    protected abstract void drawTopLeft(Graphics2D g, String text, double x, double top, TextStyle style);

    /**
     * Draws {@code text} so that the point ({@code hAlign}, {@code vAlign}) of its box, in box fractions
     * (0 = left/top, 0.5 = centre, 1 = right/bottom), lands on ({@code x}, {@code y}).
     */
    final void draw(Graphics2D g, String text, double x, double y, TextStyle style, double hAlign, double vAlign) {
        if (text == null || text.isEmpty()) return;
        double w = width(g, text, style);
        double h = height(g, style);
        drawTopLeft(g, text, x - hAlign * w, y - vAlign * h, style);
    }

    /** Like {@link #draw} but rotated by {@code radians} (negative = counter-clockwise, e.g. -π/2 for a y label). */
    final void drawRotated(Graphics2D g, String text, double x, double y, TextStyle style,
                           double hAlign, double vAlign, double radians) {
        if (text == null || text.isEmpty()) return;
        AffineTransform saved = g.getTransform();
        try {
            g.translate(x, y);
            g.rotate(radians);
            draw(g, text, 0, 0, style, hAlign, vAlign);
        } finally {
            g.setTransform(saved);
        }
    }
}
