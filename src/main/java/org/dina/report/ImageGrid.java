package org.dina.report;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleToIntFunction;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A grid of titled panels, filled row by row: grayscale images (floats in [0, 1]), images overlaid with a
 * translucent map, or maps alone. Each map is stretched to [0, 1] in its own panel; one colour bar explains them.
 * <pre>
 * ImageGrid.titled("Spatial maps").columns(3)
 *          .image("stimulus 12", img).overlay("image-tower map", img, imgMap).overlay("neural-tower map", img, neuMap)
 * </pre>
 */
public final class ImageGrid extends Figure<ImageGrid> {
    /** An image alone, a map alone, or (both set) an image with the map over it. */
    private record Panel(String title, float[][] image, float[][] map) {}

    private static final int MARGIN = 16, GAP = 14, CELL = 240, COLOR_BAR_HEIGHT = 70;
    /** Opacity of an overlay where its map is highest; lower values leave the image visible. */
    private static final double OVERLAY_OPACITY = 0.7;
    private static final ColorScale MAPS = new ColorScale(ColorMap.VIRIDIS, 0, 1, "map value (scaled to 0-1 per panel)");

    private final List<Panel> panels = new ArrayList<>();
    private int columns = 3;

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
        return add(title, checked(title, "image", gray), null);
    }

    /** Adds a grayscale image with {@code map} over it, stretched smoothly if its resolution differs. */
    public ImageGrid overlay(String title, float[][] gray, float[][] map) {
        return add(title, checked(title, "image", gray), checked(title, "map", map));
    }

    /** Adds a map on its own, drawn opaque. */
    public ImageGrid map(String title, float[][] map) {
        return add(title, null, checked(title, "map", map));
    }

    private ImageGrid add(String title, float[][] image, float[][] map) {
        panels.add(new Panel(Objects.requireNonNull(title, "panel title"), image, map));
        return this;
    }

    /** A copy of {@code a}, which must be a non-empty rectangle. */
    private static float[][] checked(String title, String what, float[][] a) {
        String name = "panel '" + title + "': " + what;
        if (Objects.requireNonNull(a, name).length == 0 || a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        for (int r = 0; r < a.length; r++) {
            if (Objects.requireNonNull(a[r], name + " row " + r).length != a[0].length) {
                throw new IllegalArgumentException(name + " row " + r + " has " + a[r].length + " values but row 0 has " + a[0].length);
            }
        }
        return Arrays.stream(a).map(float[]::clone).toArray(float[][]::new);
    }

    @Override
    void validate() {
        if (panels.isEmpty()) throw new IllegalArgumentException("ImageGrid '" + title + "' has no panels");
    }

    private int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    private boolean hasMaps() {
        return panels.stream().anyMatch(p -> p.map != null);
    }

    /** Every cell takes the shape (height / width) of the first panel. */
    @Override
    int[] naturalSize() {
        int cols = Math.min(columns, panels.size());
        int width = Math.max(360, Math.min(1000, 2 * MARGIN + cols * CELL + (cols - 1) * GAP));
        float[][] first = panels.get(0).image != null ? panels.get(0).image : panels.get(0).map;
        double aspect = Math.min(2, Math.max(0.25, first.length / (double) first[0].length));
        int cellH = (int) Math.round((width - 2 * MARGIN - (cols - 1) * GAP) / cols * aspect);
        int height = 14 + (title.isEmpty() ? 0 : 32) + rows() * (cellH + 22 + GAP) + (hasMaps() ? COLOR_BAR_HEIGHT : 10);
        return new int[] {width, Math.min(10_000, Math.max(200, height))};
    }

    @Override
    void draw(Graphics2D g, int w, int h) {
        int top = 14;
        if (!title.isEmpty()) {
            g.setFont(Theme.TITLE);
            g.setColor(Theme.TEXT);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, (float) (w - fm.stringWidth(title)) / 2, top + fm.getAscent());
            top += fm.getHeight() + 8;
        }
        g.setFont(Theme.TICK);
        FontMetrics fm = g.getFontMetrics();
        int cols = Math.min(columns, panels.size()), captionH = fm.getHeight() + 6, barH = hasMaps() ? COLOR_BAR_HEIGHT : 0;
        int cellW = (w - 2 * MARGIN - (cols - 1) * GAP) / cols;
        int cellH = Math.max(16, (h - top - barH - 8 - rows() * (captionH + GAP)) / rows());
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            int x = MARGIN + (i % columns) * (cellW + GAP), y = top + (i / columns) * (captionH + cellH + GAP);
            float[][] shape = p.image != null ? p.image : p.map;
            // the panel keeps its own aspect ratio, centred in the cell
            double scale = Math.min(cellW / (double) shape[0].length, cellH / (double) shape.length);
            int pw = Math.max(1, (int) Math.round(shape[0].length * scale));
            int ph = Math.max(1, (int) Math.round(shape.length * scale));
            int px = x + (cellW - pw) / 2, py = y + captionH + (cellH - ph) / 2;
            String caption = fitText(fm, p.title, cellW);
            g.setColor(Theme.TEXT);
            g.drawString(caption, x + (cellW - fm.stringWidth(caption)) / 2f, py - 4 - fm.getDescent());
            // images and stand-alone maps show their true pixels; overlays are smoothed to read as a field over the image
            if (p.image != null) g.drawImage(scaled(gray(p.image), pw, ph, false), px, py, null);
            boolean overlay = p.image != null;
            if (p.map != null) g.drawImage(scaled(colored(p.map, overlay), pw, ph, overlay), px, py, null);
            g.setColor(Theme.AXIS);
            g.drawRect(px - 1, py - 1, pw + 1, ph + 1);
        }
        if (hasMaps()) {
            int bw = Math.min(420, w - 2 * MARGIN);
            MAPS.colorBar(RectangleEdge.BOTTOM).draw(g, new Rectangle2D.Double((w - bw) / 2.0, h - barH, bw, barH - 4));
        }
    }

    /** Shortens a caption with "..." until it fits the cell. */
    private static String fitText(FontMetrics fm, String s, int width) {
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t.equals(s) ? t : t + "...") > width) t = t.substring(0, t.length() - 1);
        return t.equals(s) ? s : t + "...";
    }

    /**
     * The image resampled to exactly the panel's pixels, so that the PNG and the SVG (which embeds it as a PNG shown
     * 1:1) look the same: nearest neighbour keeps data pixels sharp, bilinear smooths overlays.
     */
    private static BufferedImage scaled(BufferedImage img, int w, int h, boolean smooth) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, smooth ? RenderingHints.VALUE_INTERPOLATION_BILINEAR
                : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** One pixel per value, its ARGB colour given by {@code argb}. */
    private static BufferedImage pixels(float[][] a, DoubleToIntFunction argb) {
        BufferedImage img = new BufferedImage(a[0].length, a.length, BufferedImage.TYPE_INT_ARGB);
        for (int r = 0; r < a.length; r++) for (int c = 0; c < a[0].length; c++) img.setRGB(c, r, argb.applyAsInt(a[r][c]));
        return img;
    }

    private static BufferedImage gray(float[][] a) {
        return pixels(a, v -> Double.isNaN(v) ? Theme.MISSING.getRGB()
                : 0xFF000000 | 0x010101 * (int) Math.round(255 * Math.max(0, Math.min(1, v))));
    }

    /** The map stretched to [0, 1]; translucent: opacity grows with the value and missing cells are clear. */
    private static BufferedImage colored(float[][] a, boolean translucent) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float[] row : a) {
            for (float v : row) {
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double min = lo, span = hi - lo > 0 ? hi - lo : 1;
        return pixels(a, v -> {
            double t = Math.max(0, Math.min(1, (v - min) / span));
            if (!Double.isFinite(v)) return translucent ? 0 : 0xFF000000 | ColorMap.VIRIDIS.rgb(Double.NaN);
            return (translucent ? (int) Math.round(255 * OVERLAY_OPACITY * t) : 255) << 24 | ColorMap.VIRIDIS.rgb(t);
        });
    }

    /** The panels' pixels as JSON: per panel its title, image and map (rows of values, null where missing or absent). */
    @Override
    FigureData data() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Panel p : panels) {
            list.add(FigureData.object("title", p.title, "image", p.image == null ? null : FigureData.matrix(p.image),
                    "map", p.map == null ? null : FigureData.matrix(p.map)));
        }
        return FigureData.json(FigureData.object("title", title, "panels", list));
    }
}
