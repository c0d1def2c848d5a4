package org.dina.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.dina.train.AtomicFiles;
import org.jfree.svg.SVGGraphics2D;

/**
 * A figure that draws itself on any {@link Graphics2D}, so one drawing gives both an SVG (text stays text, crisp at
 * any zoom) and a PNG. {@link #save} writes both, with the numbers the figure shows beside them as CSV or JSON.
 */
public abstract class Figure<F extends Figure<F>> {
    public static final int DEFAULT_WIDTH = 800;
    public static final int DEFAULT_HEIGHT = 500;
    private static final int MIN_SIZE = 120, MAX_SIZE = 10_000;

    final String title;
    private int width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT;
    private boolean sizeChosen;

    Figure(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    @SuppressWarnings("unchecked")
    protected final F self() {
        return (F) this;
    }

    /** Sets the size in pixels (default 800 x 500). */
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

    /** Width in pixels. */
    public int width() {
        return sizeChosen ? width : naturalSize()[0];
    }

    /** Height in pixels. */
    public int height() {
        return sizeChosen ? height : naturalSize()[1];
    }

    /** The size the figure takes when none was chosen; figures whose shape follows their content override it. */
    int[] naturalSize() {
        return new int[] {DEFAULT_WIDTH, DEFAULT_HEIGHT};
    }

    /** Throws {@link IllegalArgumentException} naming what is wrong with the data; called before any drawing. */
    abstract void validate();

    /** Draws the whole figure, title included, over [0, width) x [0, height). */
    abstract void draw(Graphics2D g, int width, int height);

    /** The numbers the figure shows, as a user would replot them. */
    abstract FigureData data();

    /** Draws the figure into an image. */
    public BufferedImage render() {
        validate();
        Fonts.require();
        int w = width(), h = height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            paint(g, w, h);
        } finally {
            g.dispose();
        }
        return img;
    }

    private void paint(Graphics2D g, int w, int h) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        // JFreeChart's axes save and restore this hint, and JFreeSVG refuses to restore it to "unset"
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Palette.BACKGROUND);
        g.fillRect(0, 0, w, h);
        draw(g, w, h);
    }

    /** The figure as an SVG document. */
    public String svg() {
        validate();
        Fonts.require();
        SVGGraphics2D g = new SVGGraphics2D(width(), height());
        // the default prefix holds the clock time; a fixed one makes the same figure the same bytes (each file is
        // its own document, so ids cannot clash)
        g.setDefsKeyPrefix("dina");
        // coordinates to 1/100 pixel: full doubles would make a scatter of a few hundred points half a megabyte
        g.setGeomDoubleConverter(v -> Double.toString(Math.round(v * 100) / 100.0));
        paint(g, width(), height());
        return g.getSVGDocument();
    }

    /**
     * Writes {@code svgFile} (which must end in .svg), a PNG of the same name beside it and the figure's data
     * (.csv or .json); each file atomically, and none until all three are drawn. Returns {@code svgFile}.
     */
    public Path save(Path svgFile) {
        return saveAll(svgFile).svg();
    }

    /** The three files a figure is saved as. */
    record Saved(Path svg, Path png, Path data) {}

    Saved saveAll(Path svgFile) {
        String name = svgFile.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".svg")) {
            throw new IllegalArgumentException("figure file '" + svgFile + "' must end in .svg (the PNG and the data go beside it)");
        }
        byte[] svg = svg().getBytes(StandardCharsets.UTF_8);
        byte[] png = png(render(), svgFile);
        FigureData data = data();
        String stem = name.substring(0, name.length() - 4);
        Saved files = new Saved(svgFile, svgFile.resolveSibling(stem + ".png"), svgFile.resolveSibling(stem + "." + data.extension()));
        AtomicFiles.writeBytesOrFail(files.png(), png);
        AtomicFiles.writeBytesOrFail(files.data(), data.bytes());
        AtomicFiles.writeBytesOrFail(files.svg(), svg);
        return files;
    }

    private static byte[] png(BufferedImage img, Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(img, "png", bytes)) throw new IOException("no PNG writer in this JDK");
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the PNG of " + file + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}
