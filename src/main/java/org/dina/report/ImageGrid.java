package org.dina.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A grid of titled panels: grayscale images (floats in [0, 1]), images overlaid with a translucent map, or maps
 * alone; filled row by row. Maps are stretched to [0, 1] per panel unless a shared range is set, and one
 * horizontal colour bar explains them.
 * <pre>
 * ImageGrid.titled("Spatial maps").columns(3)
 *          .image("stimulus 12", img).overlay("image-tower map", img, imgMap).overlay("neural-tower map", img, neuMap)
 * </pre>
 */
public final class ImageGrid extends Figure<ImageGrid> {
    private enum Kind { IMAGE, OVERLAY, MAP }

    private record Panel(String title, Kind kind, float[][] image, float[][] map) {}

    private static final int MARGIN = 16, GAP = 14, CELL = 240;

    private final List<Panel> panels = new ArrayList<>();
    private int columns = 3;
    private ColorMap colorMap = ColorMap.VIRIDIS;
    private double opacity = 0.7;
    private double[] mapRange;
    private String mapLabel;

    private ImageGrid(String title) {
        super(title);
    }

    /** Starts an image grid with the given title. */
    public static ImageGrid titled(String title) {
        return new ImageGrid(title);
    }

    /** Panels per row (default 3). */
    public ImageGrid columns(int n) {
        if (n < 1 || n > 32) throw new IllegalArgumentException("columns must be within 1..32, got " + n);
        this.columns = n;
        return this;
    }

    /** Adds a grayscale image, {@code gray[row][column]} in [0, 1] (clamped; NaN drawn grey). */
    public ImageGrid image(String title, float[][] gray) {
        panels.add(new Panel(Objects.requireNonNull(title, "panel title"), Kind.IMAGE, checked(title, "image", gray), null));
        return this;
    }

    /**
     * Adds a grayscale image with {@code map} drawn over it; the map may have another resolution (it is stretched
     * smoothly over the image) and is more opaque where its value is higher, so low values leave the image visible.
     */
    public ImageGrid overlay(String title, float[][] gray, float[][] map) {
        panels.add(new Panel(Objects.requireNonNull(title, "panel title"), Kind.OVERLAY,
                checked(title, "image", gray), checked(title, "map", map)));
        return this;
    }

    /** Adds a map on its own, drawn opaque with the colour map. */
    public ImageGrid map(String title, float[][] map) {
        panels.add(new Panel(Objects.requireNonNull(title, "panel title"), Kind.MAP, null, checked(title, "map", map)));
        return this;
    }

    /** Colour map for maps and overlays (default viridis). */
    public ImageGrid colorMap(ColorMap map) {
        this.colorMap = Objects.requireNonNull(map, "color map");
        return this;
    }

    /** Largest opacity of an overlay, reached at the map's top value (default 0.7). */
    public ImageGrid overlayOpacity(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) throw new IllegalArgumentException("overlay opacity must be in (0, 1], got " + alpha);
        this.opacity = alpha;
        return this;
    }

    /** Uses one value range for every map instead of stretching each to [0, 1]; {@code label} titles the colour bar. */
    public ImageGrid mapRange(double lo, double hi, String label) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && hi > lo)) {
            throw new IllegalArgumentException("map range needs finite lo < hi, got " + lo + ", " + hi);
        }
        this.mapRange = new double[] {lo, hi};
        this.mapLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    private static float[][] checked(String title, String what, float[][] a) {
        Objects.requireNonNull(a, "panel '" + title + "': " + what);
        if (a.length == 0 || a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException("panel '" + title + "': " + what + " is empty");
        }
        float[][] copy = new float[a.length][];
        for (int r = 0; r < a.length; r++) {
            Objects.requireNonNull(a[r], "panel '" + title + "': " + what + " row " + r);
            if (a[r].length != a[0].length) {
                throw new IllegalArgumentException("panel '" + title + "': " + what + " row " + r + " has " + a[r].length
                        + " values but row 0 has " + a[0].length);
            }
            copy[r] = a[r].clone();
        }
        return copy;
    }

    @Override
    void validate() {
        if (panels.isEmpty()) throw new IllegalArgumentException("ImageGrid '" + title + "' has no panels");
    }

    private int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    private int usedColumns() {
        return Math.min(columns, panels.size());
    }

    private boolean hasMaps() {
        for (Panel p : panels) if (p.kind != Kind.IMAGE) return true;
        return false;
    }

    /** Height / width of the first panel's pixels; every cell uses this shape. */
    private double aspect() {
        Panel p = panels.get(0);
        float[][] a = p.image != null ? p.image : p.map;
        return a.length / (double) a[0].length;
    }

    @Override
    int[] naturalSize() {
        int cols = usedColumns();
        int width = Math.max(360, Math.min(1000, 2 * MARGIN + cols * CELL + (cols - 1) * GAP));
        int cell = (width - 2 * MARGIN - (cols - 1) * GAP) / cols;
        int cellH = (int) Math.round(cell * Math.min(2, Math.max(0.25, aspect())));
        int height = 14 + (title.isEmpty() ? 0 : 32) + rows() * (cellH + 22 + GAP) + (hasMaps() ? 70 : 10);
        return new int[] {width, Math.min(10_000, Math.max(200, height))};
    }

    @Override
    void paint(Canvas c, int top) {
        Graphics2D g = c.g();
        TextPainter text = c.text();
        int w = width(), h = height();
        int cols = usedColumns(), rows = rows();
        int captionH = text.height(g, TextStyle.LEGEND) + 6;
        ColorScale shared = mapRange == null ? new ColorScale(colorMap, 0, 1, "map value (scaled to 0-1 per panel)")
                : new ColorScale(colorMap, mapRange[0], mapRange[1], mapLabel);
        int barH = hasMaps() ? ColorBar.horizontalHeight(c, shared) + 16 : 0;
        int cellW = (w - 2 * MARGIN - (cols - 1) * GAP) / cols;
        int cellH = Math.max(16, (h - top - barH - 8 - rows * (captionH + GAP)) / rows);
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            int col = i % columns, row = i / columns;
            int x = MARGIN + col * (cellW + GAP);
            int y = top + row * (captionH + cellH + GAP);
            float[][] shape = p.image != null ? p.image : p.map;
            // fit the panel's own aspect ratio inside the cell, centred
            double scale = Math.min(cellW / (double) shape[0].length, cellH / (double) shape.length);
            int pw = Math.max(1, (int) Math.round(shape[0].length * scale)), ph = Math.max(1, (int) Math.round(shape.length * scale));
            int px = x + (cellW - pw) / 2, py = y + captionH + (cellH - ph) / 2;
            g.setColor(Palette.TEXT);
            text.draw(g, fitText(c, p.title, cellW), x + cellW / 2.0, py - 4, TextStyle.LEGEND, 0.5, 1);
            if (p.image != null) drawScaled(g, gray(p.image), px, py, pw, ph, false);
            if (p.kind == Kind.OVERLAY) drawScaled(g, colored(p.map, true), px, py, pw, ph, true);
            if (p.kind == Kind.MAP) drawScaled(g, colored(p.map, false), px, py, pw, ph, false);
            g.setColor(Palette.AXIS);
            g.drawRect(px - 1, py - 1, pw + 1, ph + 1);
        }
        if (hasMaps()) {
            int bw = Math.min(420, w - 2 * MARGIN);
            ColorBar.drawHorizontal(c, shared, (w - bw) / 2, h - barH + 4, bw);
        }
    }

    /** Shortens a caption with "..." until it fits the cell. */
    private static String fitText(Canvas c, String s, int width) {
        if (c.text().width(c.g(), s, TextStyle.LEGEND) <= width) return s;
        String t = s;
        while (t.length() > 1 && c.text().width(c.g(), t + "...", TextStyle.LEGEND) > width) t = t.substring(0, t.length() - 1);
        return t + "...";
    }

    private static void drawScaled(Graphics2D g, BufferedImage img, int x, int y, int w, int h, boolean smooth) {
        // images and stand-alone maps show their true pixels; overlays are smoothed to read as a field over the image
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, smooth ? RenderingHints.VALUE_INTERPOLATION_BILINEAR
                : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(img, x, y, w, h, null);
    }

    private static BufferedImage gray(float[][] a) {
        BufferedImage img = new BufferedImage(a[0].length, a.length, BufferedImage.TYPE_INT_RGB);
        int missing = Palette.MISSING.getRGB() & 0xFFFFFF;
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[0].length; c++) {
                float v = a[r][c];
                if (Float.isNaN(v)) {
                    img.setRGB(c, r, missing);
                    continue;
                }
                int level = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                img.setRGB(c, r, (level << 16) | (level << 8) | level);
            }
        }
        return img;
    }

    private BufferedImage colored(float[][] a, boolean translucent) {
        double lo, hi;
        if (mapRange != null) {
            lo = mapRange[0];
            hi = mapRange[1];
        } else {
            Extent e = new Extent(false);
            for (float[] row : a) for (float v : row) e.add(v);
            lo = e.isEmpty() ? 0 : e.min();
            hi = e.isEmpty() ? 1 : e.max();
        }
        double span = hi - lo > 0 ? hi - lo : 1;
        BufferedImage img = new BufferedImage(a[0].length, a.length, BufferedImage.TYPE_INT_ARGB);
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[0].length; c++) {
                double v = a[r][c];
                if (!Double.isFinite(v)) {
                    img.setRGB(c, r, translucent ? 0 : 0xFF000000 | colorMap.rgb(Double.NaN));
                    continue;
                }
                double t = Math.max(0, Math.min(1, (v - lo) / span));
                int alpha = translucent ? (int) Math.round(255 * opacity * t) : 255;
                img.setRGB(c, r, (alpha << 24) | colorMap.rgb(t));
            }
        }
        return img;
    }
}
