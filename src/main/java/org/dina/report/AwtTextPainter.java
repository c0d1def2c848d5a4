package org.dina.report;

import java.awt.AWTError;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/** Text through the JDK's logical "SansSerif" font; turns font-system failures into {@link TextPainter.Unavailable}. */
class AwtTextPainter extends TextPainter {
    private final Map<TextStyle, Font> fonts = new HashMap<>();

    /** Probed once: a JDK without fonts fails here ("Fontconfig head is null", NoClassDefFoundError, ...). */
    private static final class Probe {
        static final boolean WORKS = probe();

        private static boolean probe() {
            try {
                BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                try {
                    AwtTextPainter p = new AwtTextPainter();
                    int w = p.width(g, "Ag0", TextStyle.TICK);
                    p.drawTopLeft(g, "Ag0", 1, 1, TextStyle.TICK);
                    return w > 0 && p.height(g, TextStyle.TICK) > 0;
                } finally {
                    g.dispose();
                }
            } catch (RuntimeException | LinkageError | InternalError | AWTError e) {
                return false;
            }
        }
    }

    static boolean works() {
        return Probe.WORKS;
    }

    @Override
    boolean isBitmap() {
        return false;
    }

    /** The one place font metrics are fetched; where a broken font system first fails. */
    FontMetrics metrics(Graphics2D g, Font f) {
        return g.getFontMetrics(f);
    }

    private Font font(TextStyle style) {
        return fonts.computeIfAbsent(style, s -> new Font(Font.SANS_SERIF, s.bold() ? Font.BOLD : Font.PLAIN, 1)
                .deriveFont(s.size()));
    }

    @Override
    int width(Graphics2D g, String text, TextStyle style) {
        try {
            return metrics(g, font(style)).stringWidth(text);
        } catch (RuntimeException | LinkageError | InternalError | AWTError e) {
            throw new Unavailable(e);
        }
    }

    @Override
    int height(Graphics2D g, TextStyle style) {
        try {
            FontMetrics fm = metrics(g, font(style));
            return fm.getAscent() + fm.getDescent();
        } catch (RuntimeException | LinkageError | InternalError | AWTError e) {
            throw new Unavailable(e);
        }
    }

    @Override
    protected void drawTopLeft(Graphics2D g, String text, double x, double top, TextStyle style) {
        try {
            Font f = font(style);
            g.setFont(f);
            g.drawString(text, (float) x, (float) (top + metrics(g, f).getAscent()));
        } catch (RuntimeException | LinkageError | InternalError | AWTError e) {
            throw new Unavailable(e);
        }
    }
}
