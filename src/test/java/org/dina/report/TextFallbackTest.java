package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** A JDK without fonts must still produce a fully labelled figure, drawn with the bitmap font. */
class TextFallbackTest {

    /** Fails like a JDK whose fontconfig found no fonts. */
    static final class BrokenFonts extends AwtTextPainter {
        private final Throwable failure;
        int calls;

        BrokenFonts(Throwable failure) {
            this.failure = failure;
        }

        @Override
        FontMetrics metrics(Graphics2D g, Font f) {
            calls++;
            if (failure instanceof Error e) throw e;
            throw (RuntimeException) failure;
        }
    }

    private static LinePlot plot() {
        return LinePlot.titled("Loss 0123456789").x("epoch").y("loss (nats)")
                .series("train", new double[] {1, 2, 3}, new double[] {3, 2, 1.5}).hline("chance", 2.5);
    }

    @Test
    void brokenFontSystemFallsBackToTheBitmapFont() {
        BufferedImage expected = plot().bitmapFont().render();
        for (Throwable failure : new Throwable[] {
            new InternalError("Fontconfig head is null, check your fonts or fonts configuration"),
            new NoClassDefFoundError("Could not initialize class sun.awt.X11FontManager"),
            new UnsatisfiedLinkError("libfontmanager.so: cannot open shared object file"),
            new NullPointerException("Cannot load from object array because \"sun.awt.FontConfiguration.head\" is null")}) {
            BrokenFonts broken = new BrokenFonts(failure);
            BufferedImage img = plot().render(broken);
            assertTrue(broken.calls > 0, "the broken painter was never asked");
            assertFalse(Pixels.differ(expected, img), "fallback for " + failure + " should equal the bitmap rendering");
        }
    }

    @Test
    void painterTurnsFontErrorsIntoUnavailable() {
        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        BrokenFonts broken = new BrokenFonts(new InternalError("Fontconfig head is null"));
        TextPainter.Unavailable e = assertThrows(TextPainter.Unavailable.class, () -> broken.width(g, "x", TextStyle.TICK));
        assertTrue(e.getMessage().contains("Fontconfig head is null"));
        g.dispose();
    }

    @Test
    void bitmapFontCanBeForcedAndIsDeterministic() {
        BufferedImage a = plot().bitmapFont().render(), b = plot().bitmapFont().render();
        assertFalse(Pixels.differ(a, b));
        assertEquals(800, a.getWidth());
        assertTrue(TextPainter.preferred(true).isBitmap());
    }

    @Test
    void awtFontsWorkOnThisMachine() {
        // fonts are installed here (DejaVu via fontconfig); if this fails the fallback is hiding a setup problem
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/usr/share/fonts")),
                "no system fonts installed");
        assertTrue(AwtTextPainter.works());
        assertTrue(Pixels.differ(plot().render(), plot().bitmapFont().render()));
    }
}
