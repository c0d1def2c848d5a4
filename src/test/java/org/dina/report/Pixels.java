package org.dina.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Pixel statistics the figure tests use to check that something was drawn, and where. */
final class Pixels {
    private Pixels() {}

    /** Variance of the luminance over all pixels; 0 for a blank image. */
    static double variance(BufferedImage img) {
        double sum = 0, sq = 0;
        long n = (long) img.getWidth() * img.getHeight();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                double l = luminance(img.getRGB(x, y));
                sum += l;
                sq += l * l;
            }
        }
        double mean = sum / n;
        return sq / n - mean * mean;
    }

    static double luminance(int rgb) {
        return 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
    }

    static boolean near(int rgb, Color c, int tolerance) {
        return Math.abs(((rgb >> 16) & 255) - c.getRed()) <= tolerance
                && Math.abs(((rgb >> 8) & 255) - c.getGreen()) <= tolerance
                && Math.abs((rgb & 255) - c.getBlue()) <= tolerance;
    }

    /** Coordinates {x, y} of every pixel within {@code tolerance} of {@code c} per channel. */
    static List<int[]> find(BufferedImage img, Color c, int tolerance) {
        List<int[]> out = new ArrayList<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) if (near(img.getRGB(x, y), c, tolerance)) out.add(new int[] {x, y});
        }
        return out;
    }

    static int minX(List<int[]> pts) {
        return pts.stream().mapToInt(p -> p[0]).min().orElseThrow();
    }

    static int maxX(List<int[]> pts) {
        return pts.stream().mapToInt(p -> p[0]).max().orElseThrow();
    }

    static int minY(List<int[]> pts) {
        return pts.stream().mapToInt(p -> p[1]).min().orElseThrow();
    }

    static int maxY(List<int[]> pts) {
        return pts.stream().mapToInt(p -> p[1]).max().orElseThrow();
    }

    /** The last x of the contiguous run of columns (gaps of at most 2 px) that starts at {@code fromX}. */
    static int runEnd(List<int[]> pts, int fromX) {
        java.util.TreeSet<Integer> xs = new java.util.TreeSet<>();
        for (int[] p : pts) xs.add(p[0]);
        int end = fromX;
        for (int x : xs.tailSet(fromX)) {
            if (x > end + 3) break;
            end = x;
        }
        return end;
    }

    /** Coordinates of pixels for which {@code test} holds on (r, g, b). */
    static List<int[]> where(BufferedImage img, java.util.function.IntPredicate test) {
        List<int[]> out = new ArrayList<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) if (test.test(img.getRGB(x, y) & 0xFFFFFF)) out.add(new int[] {x, y});
        }
        return out;
    }

    /** Mean y of the points whose x lies in [fromX, toX]; NaN if none. */
    static double meanY(List<int[]> pts, double fromX, double toX) {
        return pts.stream().filter(p -> p[0] >= fromX && p[0] <= toX).mapToInt(p -> p[1]).average().orElse(Double.NaN);
    }

    /** Mean x of the points whose y lies in [fromY, toY]; NaN if none. */
    static double meanX(List<int[]> pts, double fromY, double toY) {
        return pts.stream().filter(p -> p[1] >= fromY && p[1] <= toY).mapToInt(p -> p[0]).average().orElse(Double.NaN);
    }

    /** Whether the two images differ in at least one pixel. */
    static boolean differ(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) return true;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) if (a.getRGB(x, y) != b.getRGB(x, y)) return true;
        }
        return false;
    }

    /** Number of non-white pixels. */
    static long ink(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) n++;
        }
        return n;
    }
}
