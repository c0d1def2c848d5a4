package org.dina.report;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
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
    private static final int MIN_SIZE = 120, MAX_SIZE = 10_000;

    final String title;
    private int width, height;

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
        return self();
    }

    /** Width in pixels. */
    public int width() {
        return width > 0 ? width : naturalSize()[0];
    }

    /** Height in pixels. */
    public int height() {
        return height > 0 ? height : naturalSize()[1];
    }

    /** The size the figure takes when none was chosen; figures whose shape follows their content override it. */
    int[] naturalSize() {
        return new int[] {800, 500};
    }

    /** Throws {@link IllegalArgumentException} naming what is wrong with the data; called before any drawing. */
    abstract void validate();

    /** Draws the whole figure, title included, over [0, width) x [0, height). */
    abstract void draw(Graphics2D g, int width, int height);

    /** The numbers the figure shows, as a user would replot them. */
    abstract FigureData data();

    /** Draws the figure into an image. */
    public BufferedImage render() {
        check();
        BufferedImage img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            paint(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The figure as an SVG document. */
    public String svg() {
        check();
        SVGGraphics2D g = new SVGGraphics2D(width(), height());
        // the default prefix holds the clock time; a fixed one makes the same figure the same bytes (each file is
        // its own document, so ids cannot clash)
        g.setDefsKeyPrefix("dina");
        // coordinates to 1/100 pixel: full doubles would make a scatter of a few hundred points half a megabyte
        g.setGeomDoubleConverter(v -> Double.toString(Math.round(v * 100) / 100.0));
        paint(g);
        return g.getSVGDocument();
    }

    private void check() {
        validate();
        requireFonts();
    }

    private void paint(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        // JFreeChart's axes save and restore this hint, and JFreeSVG refuses to restore it to "unset"
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Theme.BACKGROUND);
        g.fillRect(0, 0, width(), height());
        draw(g, width(), height());
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
            throw new IllegalArgumentException("figure file '" + svgFile + "' must end in .svg (its PNG and data go beside it)");
        }
        byte[] svg = svg().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream png = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(render(), "png", png)) throw new IOException("no PNG writer in this JDK");
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the PNG of " + svgFile + ": " + e.getMessage(), e);
        }
        FigureData data = data();
        String stem = name.substring(0, name.length() - 4);
        Saved files = new Saved(svgFile, svgFile.resolveSibling(stem + ".png"),
                svgFile.resolveSibling(stem + "." + data.extension()));
        AtomicFiles.writeBytesOrFail(files.png(), png.toByteArray());
        AtomicFiles.writeBytesOrFail(files.data(), data.bytes());
        AtomicFiles.writeBytesOrFail(files.svg(), svg);
        return files;
    }

    /** Checks that {@code arrays} exist, are not empty and all have the first one's length; messages name {@code what}. */
    static void requireSameLength(String what, String names, double[]... arrays) {
        for (double[] a : arrays) Objects.requireNonNull(a, what + ": " + names);
        if (arrays[0].length == 0) throw new IllegalArgumentException(what + " is empty");
        if (Arrays.stream(arrays).anyMatch(a -> a.length != arrays[0].length)) {
            throw new IllegalArgumentException(what + ": " + names + " must have the same length, got "
                    + Arrays.toString(Arrays.stream(arrays).mapToInt(a -> a.length).toArray()));
        }
    }

    // ---- fonts ----

    /** The JDK cannot draw text, so no figure can be drawn; the message is one line naming what to install. */
    public static final class FontsUnavailable extends IllegalStateException {
        public FontsUnavailable(String message) {
            super(message);
        }
    }

    /** Probed once, on first use (the holder idiom keeps that thread-safe). */
    private static final class FontProbe {
        static final String PROBLEM = fontProblem(() -> new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
                .getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 12)).stringWidth("0.5"));
    }

    /**
     * A JDK whose fontconfig finds no fonts fails deep inside the first text it draws ("Fontconfig head is null");
     * checking first gives the user one line saying what to install instead of a stack trace from inside a chart.
     */
    static void requireFonts() {
        if (FontProbe.PROBLEM != null) throw new FontsUnavailable(FontProbe.PROBLEM);
    }

    /**
     * Runs {@code probe}: null when it works, else the problem in one line. A font system without fonts fails with
     * errors (InternalError, NoClassDefFoundError, UnsatisfiedLinkError) or a NullPointerException inside
     * sun.awt.FontConfiguration, so those are what is caught.
     */
    static String fontProblem(Runnable probe) {
        try {
            probe.run();
            return null;
        } catch (InternalError | LinkageError | NullPointerException e) {
            return "cannot draw figures: java.awt finds no usable fonts (" + e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip()
                    + "); install fontconfig and a font, for example: apt-get install fontconfig fonts-dejavu-core";
        }
    }
}
