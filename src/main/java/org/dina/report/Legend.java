package org.dina.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.util.List;

/** A boxed legend placed inside the plot, in whichever corner covers the least drawn data. */
final class Legend {
    /** How an entry's sample is drawn. */
    enum Kind { LINE, LINE_WITH_BAND, MARKER, BOX }

    record Entry(String label, Color color, Kind kind) {}

    private static final int PAD = 8, SWATCH = 24, ROW_GAP = 3, INSET = 8;

    private Legend() {}

    static void draw(Figure.Canvas c, Rectangle plot, List<Entry> entries) {
        if (entries.isEmpty()) return;
        Graphics2D g = c.g();
        int rowH = Math.max(14, c.text().height(g, TextStyle.LEGEND));
        int textW = 0;
        for (Entry e : entries) textW = Math.max(textW, c.text().width(g, e.label(), TextStyle.LEGEND));
        int w = PAD + SWATCH + 6 + textW + PAD;
        int h = PAD + entries.size() * rowH + (entries.size() - 1) * ROW_GAP + PAD - 2;
        Rectangle box = bestCorner(c.image(), plot, w, h);

        g.setColor(new Color(255, 255, 255, 225));
        g.fillRoundRect(box.x, box.y, w, h, 6, 6);
        g.setColor(new Color(0xBBBBBB));
        g.drawRoundRect(box.x, box.y, w, h, 6, 6);
        Stroke saved = g.getStroke();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int rowTop = box.y + PAD - 1 + i * (rowH + ROW_GAP);
            int cy = rowTop + rowH / 2;
            int sx = box.x + PAD;
            swatch(g, e, sx, cy);
            g.setStroke(saved);
            g.setColor(Palette.TEXT);
            c.text().draw(g, e.label(), sx + SWATCH + 6, cy, TextStyle.LEGEND, 0, 0.5);
        }
        g.setStroke(saved);
    }

    private static void swatch(Graphics2D g, Entry e, int x, int cy) {
        switch (e.kind()) {
            case LINE, LINE_WITH_BAND -> {
                if (e.kind() == Kind.LINE_WITH_BAND) {
                    g.setColor(Palette.withAlpha(e.color(), 0.22));
                    g.fillRect(x, cy - 6, SWATCH, 12);
                }
                g.setColor(e.color());
                g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.drawLine(x + 1, cy, x + SWATCH - 1, cy);
            }
            case MARKER -> {
                g.setColor(e.color());
                g.fillOval(x + SWATCH / 2 - 4, cy - 4, 8, 8);
            }
            case BOX -> {
                g.setColor(e.color());
                g.fillRect(x + 3, cy - 6, SWATCH - 6, 12);
            }
        }
    }

    /** The inset corner box (top-right first on ties) whose pixels hold the fewest data marks. */
    static Rectangle bestCorner(BufferedImage img, Rectangle plot, int w, int h) {
        int left = plot.x + INSET, right = plot.x + plot.width - INSET - w;
        int top = plot.y + INSET, bottom = plot.y + plot.height - INSET - h;
        int[][] corners = {{right, top}, {left, top}, {right, bottom}, {left, bottom}};
        Rectangle best = new Rectangle(right, top, w, h);
        long bestInk = Long.MAX_VALUE;
        for (int[] corner : corners) {
            Rectangle r = new Rectangle(corner[0], corner[1], w, h);
            long ink = ink(img, r);
            if (ink < bestInk) {
                bestInk = ink;
                best = r;
            }
        }
        return best;
    }

    /** Number of pixels in {@code r} that are neither background nor light grid grey. */
    static long ink(BufferedImage img, Rectangle r) {
        long n = 0;
        int x0 = Math.max(0, r.x), y0 = Math.max(0, r.y);
        int x1 = Math.min(img.getWidth(), r.x + r.width), y1 = Math.min(img.getHeight(), r.y + r.height);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int p = img.getRGB(x, y);
                int red = (p >> 16) & 255, green = (p >> 8) & 255, blue = p & 255;
                int lo = Math.min(red, Math.min(green, blue)), hi = Math.max(red, Math.max(green, blue));
                if (!(lo > 215 && hi - lo < 25)) n++;
            }
        }
        return n;
    }
}
