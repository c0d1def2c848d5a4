package org.dina.report;

import java.awt.Graphics2D;
import java.util.List;

/** Draws the colour bar that explains a {@link ColorScale}: a gradient strip with ticks and a label. */
final class ColorBar {
    static final int STRIP = 14;
    private static final int GAP = 16;

    private ColorBar() {}

    /** Horizontal space a vertical colour bar needs to the right of the plot. */
    static int verticalWidth(Figure.Canvas c, ColorScale s) {
        int w = GAP + STRIP + 7 + maxTickWidth(c, s);
        if (!s.label().isEmpty()) w += 10 + c.text().height(c.g(), TextStyle.LABEL);
        return w;
    }

    private static List<Axis.Tick> ticks(ColorScale s) {
        return Axis.exact(s.lo(), s.hi()).ticks(6);
    }

    private static int maxTickWidth(Figure.Canvas c, ColorScale s) {
        int w = 0;
        for (Axis.Tick t : ticks(s)) w = Math.max(w, c.text().width(c.g(), t.label(), TextStyle.TICK));
        return w;
    }

    /** Draws a vertical bar just right of {@code plotRight}, spanning [top, top + height). */
    static void drawVertical(Figure.Canvas c, ColorScale s, int plotRight, int top, int height) {
        Graphics2D g = c.g();
        int x = plotRight + GAP;
        for (int i = 0; i < height; i++) { // one row per pixel: exact colours, no gradient banding
            double t = 1 - (i + 0.5) / height;
            g.setColor(s.map().color(t));
            g.fillRect(x, top + i, STRIP, 1);
        }
        g.setColor(Palette.AXIS);
        g.drawRect(x, top, STRIP, height);
        Axis a = Axis.exact(s.lo(), s.hi());
        int labelX = x + STRIP + 7;
        for (Axis.Tick t : ticks(s)) {
            double y = top + height - a.fraction(t.value()) * height;
            g.drawLine(x + STRIP, (int) Math.round(y), x + STRIP + 4, (int) Math.round(y));
            g.setColor(Palette.TEXT);
            c.text().draw(g, t.label(), labelX, y, TextStyle.TICK, 0, 0.5);
            g.setColor(Palette.AXIS);
        }
        if (!s.label().isEmpty()) {
            g.setColor(Palette.TEXT);
            c.text().drawRotated(g, s.label(), labelX + maxTickWidth(c, s) + 8, top + height / 2.0,
                    TextStyle.LABEL, 0.5, 0, -Math.PI / 2);
        }
    }

    /** Height a horizontal colour bar takes (strip, tick labels, label). */
    static int horizontalHeight(Figure.Canvas c, ColorScale s) {
        int h = STRIP + 6 + c.text().height(c.g(), TextStyle.TICK);
        if (!s.label().isEmpty()) h += 4 + c.text().height(c.g(), TextStyle.LABEL);
        return h;
    }

    /** Draws a horizontal bar spanning [left, left + width) with its top at {@code top}. */
    static void drawHorizontal(Figure.Canvas c, ColorScale s, int left, int top, int width) {
        Graphics2D g = c.g();
        for (int i = 0; i < width; i++) {
            g.setColor(s.map().color((i + 0.5) / width));
            g.fillRect(left + i, top, 1, STRIP);
        }
        g.setColor(Palette.AXIS);
        g.drawRect(left, top, width, STRIP);
        Axis a = Axis.exact(s.lo(), s.hi());
        int tickTop = top + STRIP;
        for (Axis.Tick t : ticks(s)) {
            double x = left + a.fraction(t.value()) * width;
            g.setColor(Palette.AXIS);
            g.drawLine((int) Math.round(x), tickTop, (int) Math.round(x), tickTop + 4);
            g.setColor(Palette.TEXT);
            c.text().draw(g, t.label(), x, tickTop + 5, TextStyle.TICK, 0.5, 0);
        }
        if (!s.label().isEmpty()) {
            g.setColor(Palette.TEXT);
            c.text().draw(g, s.label(), left + width / 2.0, tickTop + 9 + c.text().height(g, TextStyle.TICK),
                    TextStyle.LABEL, 0.5, 0);
        }
    }
}
