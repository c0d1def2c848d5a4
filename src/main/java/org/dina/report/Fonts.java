package org.dina.report;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Checks once that java.awt can measure text. A JDK whose fontconfig finds no fonts fails deep inside the first
 * text it draws (errors such as "Fontconfig head is null"); figures call {@link #require()} first so that the user
 * gets one line that says what to install instead of a stack trace from the middle of a chart.
 */
public final class Fonts {
    private static volatile String problem;
    private static volatile boolean checked;

    private Fonts() {}

    /** Throws {@link FontsUnavailable} when the JDK cannot measure text. */
    static void require() {
        if (!checked) {
            synchronized (Fonts.class) {
                if (!checked) {
                    problem = problemOf(Fonts::measure);
                    checked = true;
                }
            }
        }
        if (problem != null) throw new FontsUnavailable(problem);
    }

    private static void measure() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            if (g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 12)).stringWidth("0.5") <= 0) {
                throw new InternalError("text measures zero pixels wide");
            }
        } finally {
            g.dispose();
        }
    }

    /**
     * Runs {@code probe} and returns null when it works, else the one-line problem. The font system fails with
     * errors, not exceptions (InternalError, NoClassDefFoundError, UnsatisfiedLinkError) or a NullPointerException
     * inside sun.awt.FontConfiguration, so those are what is caught.
     */
    static String problemOf(Runnable probe) {
        try {
            probe.run();
            return null;
        } catch (InternalError | LinkageError | NullPointerException e) {
            return "cannot draw figures: java.awt finds no usable fonts (" + e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip()
                    + "); install fontconfig and a font, for example: apt-get install fontconfig fonts-dejavu-core";
        }
    }

    /** The JDK cannot draw text, so no figure can be drawn; the message is one line naming what to install. */
    public static final class FontsUnavailable extends IllegalStateException {
        FontsUnavailable(String message) {
            super(message);
        }
    }
}
