package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class BitmapFontTest {

    private static BufferedImage render(String text, int scale) {
        BufferedImage img = new BufferedImage(BitmapFont.width(text, scale) + 4, BitmapFont.height(scale) + 4, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        BitmapFont.draw(g, text, 2, 2, scale);
        g.dispose();
        return img;
    }

    @Test
    void everyPrintableAsciiCharacterHasItsOwnGlyph() {
        for (char c = 32; c < 127; c++) assertTrue(BitmapFont.covers(c), "no glyph for '" + c + "'");
    }

    @Test
    void digitsRenderDistinguishably() {
        for (char a = '0'; a <= '9'; a++) {
            for (char b = (char) (a + 1); b <= '9'; b++) {
                assertTrue(Pixels.differ(render(String.valueOf(a), 2), render(String.valueOf(b), 2)), a + " and " + b + " look the same");
            }
        }
    }

    @Test
    void lettersAreDistinctFromEachOtherAndFromDigits() {
        String all = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < all.length(); i++) {
            for (int j = i + 1; j < all.length(); j++) {
                char a = all.charAt(i), b = all.charAt(j);
                assertTrue(Pixels.differ(render(String.valueOf(a), 1), render(String.valueOf(b), 1)), a + " and " + b + " look the same");
            }
        }
    }

    @Test
    void textIsDrawnOnlyInsideItsMeasuredBox() {
        String text = "loss 0.25 (g/y)";
        int scale = 2;
        BufferedImage img = render(text, scale);
        var dark = Pixels.find(img, Color.BLACK, 10);
        assertFalse(dark.isEmpty());
        assertTrue(Pixels.minX(dark) >= 2 && Pixels.maxX(dark) < 2 + BitmapFont.width(text, scale));
        assertTrue(Pixels.minY(dark) >= 2 && Pixels.maxY(dark) < 2 + BitmapFont.height(scale));
        assertEquals((text.length() * 6 - 1) * scale, BitmapFont.width(text, scale));
        assertEquals(0, BitmapFont.width("", 3));
    }

    @Test
    void unknownCharactersShowAsABoxInsteadOfNothing() {
        char unknown = '\u4E2D';
        assertFalse(BitmapFont.covers(unknown));
        assertTrue(Pixels.ink(render(String.valueOf(unknown), 1)) > 0);
        assertTrue(BitmapFont.covers('\u00B5') && BitmapFont.covers('\u00B1') && BitmapFont.covers('\u00D7'));
    }

    @Test
    void scaleMultipliesPixelsExactly() {
        long one = Pixels.ink(render("8", 1)), three = Pixels.ink(render("8", 3));
        assertEquals(one * 9, three);
    }
}
