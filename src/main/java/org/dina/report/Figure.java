package org.dina.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.dina.train.AtomicFiles;

/**
 * A figure drawn with java.awt in headless mode and saved as PNG. Subclasses are small fluent builders
 * ({@link LinePlot}, {@link Histogram}, {@link BarChart}, {@link ScatterPlot}, {@link Heatmap}, {@link ImageGrid},
 * {@link PointMap}); this class owns the canvas, the title, text rendering and the atomic PNG write.
 */
public abstract class Figure<F extends Figure<F>> {
    static {
        // figures are drawn off-screen; never let AWT look for a display
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    public static final int DEFAULT_WIDTH = 800;
    public static final int DEFAULT_HEIGHT = 500;
    private static final int MIN_SIZE = 120, MAX_SIZE = 10_000;

    final String title;
    private int width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT;
    private boolean sizeChosen;
    private boolean bitmapFont;

    Figure(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    @SuppressWarnings("unchecked")
    protected final F self() {
        return (F) this;
    }

    /** Sets the image size in pixels (default 800 x 500). */
    public F size(int width, int height) {
        if (width < MIN_SIZE || height < MIN_SIZE || width > MAX_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("figure size must be within " + MIN_SIZE + ".." + MAX_SIZE
                    + " pixels per side, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.sizeChosen = true;
        return self();
    }

    /** Draws all text with the built-in bitmap font, so the PNG is pixel-identical on every machine. */
    public F bitmapFont() {
        this.bitmapFont = true;
        return self();
    }

    /** Image width in pixels. */
    public int width() {
        return sizeChosen ? width : naturalSize()[0];
    }

    /** Image height in pixels. */
    public int height() {
        return sizeChosen ? height : naturalSize()[1];
    }

    /** The size the figure takes when none was chosen; figures whose shape follows their content override it. */
    int[] naturalSize() {
        return new int[] {DEFAULT_WIDTH, DEFAULT_HEIGHT};
    }

    /** Throws {@link IllegalArgumentException} naming what is wrong with the data; called before any drawing. */
    abstract void validate();

    /** Draws everything below the title, inside [0, width) x [top, height). */
    abstract void paint(Canvas canvas, int top);

    /** Renders the figure (with the JDK's fonts when they work, else the built-in bitmap font). */
    public BufferedImage render() {
        return render(TextPainter.preferred(bitmapFont));
    }

    /**
     * Renders with {@code first}; if its font system fails part-way (the probe can pass while real glyphs fail),
     * draws the whole figure again with the bitmap font so no half-labelled image escapes.
     */
    BufferedImage render(TextPainter first) {
        validate();
        try {
            return draw(first);
        } catch (TextPainter.Unavailable e) {
            return draw(TextPainter.bitmap());
        }
    }

    private BufferedImage draw(TextPainter painter) {
        int w = width(), h = height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Palette.BACKGROUND);
            g.fillRect(0, 0, w, h);
            Canvas canvas = new Canvas(img, g, painter);
            int top = 14;
            if (!title.isEmpty()) {
                g.setColor(Palette.TEXT);
                canvas.text().draw(g, title, w / 2.0, top, TextStyle.TITLE, 0.5, 0);
                top += canvas.text().height(g, TextStyle.TITLE) + 8;
            }
            paint(canvas, top);
            return img;
        } finally {
            g.dispose();
        }
    }

    /** Renders and writes the PNG atomically (temporary file in the same folder, then a move); returns {@code file}. */
    public Path save(Path file) {
        BufferedImage img = render();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(img, "png", bytes)) throw new IOException("no PNG writer in this JDK");
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode " + file + ": " + e.getMessage(), e);
        }
        return AtomicFiles.writeBytesOrFail(file, bytes.toByteArray());
    }

    /** What a figure draws on: the image (to inspect pixels), its graphics and the text painter. */
    record Canvas(BufferedImage image, Graphics2D g, TextPainter text) {}
}
