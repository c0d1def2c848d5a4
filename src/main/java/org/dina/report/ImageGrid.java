package org.dina.report;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.ui.RectangleEdge;

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

    private static final int MARGIN = 16, GAP = 14, CELL = 240, COLOR_BAR_HEIGHT = 70;

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
        int height = 14 + (title.isEmpty() ? 0 : 32) + rows() * (cellH + 22 + GAP) + (hasMaps() ? COLOR_BAR_HEIGHT : 10);
        return new int[] {width, Math.min(10_000, Math.max(200, height))};
    }

    @Override
    void draw(Graphics2D g, int w, int h) {
        int top = 14;
        if (!title.isEmpty()) {
            g.setFont(Theme.TITLE);
            g.setColor(Palette.TEXT);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, (float) (w - fm.stringWidth(title)) / 2, top + fm.getAscent());
            top += fm.getHeight() + 8;
        }
        g.setFont(Theme.TICK);
        FontMetrics fm = g.getFontMetrics();
        int cols = usedColumns(), rows = rows();
        int captionH = fm.getHeight() + 6;
        int barH = hasMaps() ? COLOR_BAR_HEIGHT : 0;
        int cellW = (w - 2 * MARGIN - (cols - 1) * GAP) / cols;
        int cellH = Math.max(16, (h - top - barH - 8 - rows * (captionH + GAP)) / rows);
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            int x = MARGIN + (i % columns) * (cellW + GAP);
            int y = top + (i / columns) * (captionH + cellH + GAP);
            float[][] shape = p.image != null ? p.image : p.map;
            // fit the panel's own aspect ratio inside the cell, centred
            double scale = Math.min(cellW / (double) shape[0].length, cellH / (double) shape.length);
            int pw = Math.max(1, (int) Math.round(shape[0].length * scale)), ph = Math.max(1, (int) Math.round(shape.length * scale));
            int px = x + (cellW - pw) / 2, py = y + captionH + (cellH - ph) / 2;
            String caption = fitText(fm, p.title, cellW);
            g.setColor(Palette.TEXT);
            g.drawString(caption, x + (cellW - fm.stringWidth(caption)) / 2f, py - 4 - fm.getDescent());
            // images and stand-alone maps show their true pixels; overlays are smoothed to read as a field over the image
            if (p.image != null) g.drawImage(scaled(gray(p.image), pw, ph, false), px, py, null);
            if (p.kind == Kind.OVERLAY) g.drawImage(scaled(colored(p.map, true), pw, ph, true), px, py, null);
            if (p.kind == Kind.MAP) g.drawImage(scaled(colored(p.map, false), pw, ph, false), px, py, null);
            g.setColor(Palette.AXIS);
            g.drawRect(px - 1, py - 1, pw + 1, ph + 1);
        }
        if (hasMaps()) {
            int bw = Math.min(420, w - 2 * MARGIN);
            mapScale().colorBar(RectangleEdge.BOTTOM).draw(g, new Rectangle2D.Double((w - bw) / 2.0, h - barH, bw, barH - 4));
        }
    }

    /** The scale the colour bar explains: the shared range, or 0-1 when every panel is stretched on its own. */
    private ColorScale mapScale() {
        return mapRange == null ? new ColorScale(colorMap, 0, 1, "map value (scaled to 0-1 per panel)")
                : new ColorScale(colorMap, mapRange[0], mapRange[1], mapLabel);
    }

    /** Shortens a caption with "..." until it fits the cell. */
    private static String fitText(FontMetrics fm, String s, int width) {
        if (fm.stringWidth(s) <= width) return s;
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "...") > width) t = t.substring(0, t.length() - 1);
        return t + "...";
    }

    /**
     * The image resampled to exactly the panel's pixels, so the PNG and the SVG (where it is embedded as a PNG the
     * browser shows 1:1) look the same: nearest neighbour keeps data pixels sharp, bilinear smooths overlays.
     */
    private static BufferedImage scaled(BufferedImage img, int w, int h, boolean smooth) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, smooth ? RenderingHints.VALUE_INTERPOLATION_BILINEAR
                    : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(img, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage gray(float[][] a) {
        BufferedImage img = new BufferedImage(a[0].length, a.length, BufferedImage.TYPE_INT_RGB);
        int missing = Palette.MISSING.getRGB() & 0xFFFFFF;
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[0].length; c++) {
                float v = a[r][c];
                int level = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                img.setRGB(c, r, Float.isNaN(v) ? missing : (level << 16) | (level << 8) | level);
            }
        }
        return img;
    }

    private BufferedImage colored(float[][] a, boolean translucent) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        if (mapRange != null) {
            lo = mapRange[0];
            hi = mapRange[1];
        } else {
            for (float[] row : a) {
                for (float v : row) {
                    if (!Float.isFinite(v)) continue;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
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

    /** The panels' pixels as JSON: per panel its title, kind, image and map (rows of values, null where missing). */
    @Override
    FigureData data() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Panel p : panels) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("title", p.title);
            d.put("kind", p.kind.name().toLowerCase(Locale.ROOT));
            if (p.image != null) d.put("image", FigureData.matrix(p.image));
            if (p.map != null) d.put("map", FigureData.matrix(p.map));
            list.add(d);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("title", title);
        if (mapRange != null) d.put("map_range", List.of(mapRange[0], mapRange[1]));
        d.put("panels", list);
        return FigureData.json(d);
    }
}
