package org.dina.analysis;

import java.util.ArrayList;
import java.util.List;

/** Separate regions of a 2-D map above a threshold (4-connected), for "how many places carry the signal". */
public final class ConnectedComponents {
    private static final int[] DY = {-1, 1, 0, 0}, DX = {0, 0, -1, 1};

    private ConnectedComponents() {}

    /** The regions found: their sizes in cells (largest first) and the label map (-1 = below threshold). */
    public record Regions(double threshold, int[] sizes, int[][] labels) {
        public int count() { return sizes.length; }
    }

    /** Regions of cells with {@code value > threshold}; regions smaller than {@code minSize} cells are dropped. */
    public static Regions above(double[][] map, double threshold, int minSize) {
        int h = map.length, w = map[0].length;
        int[][] label = new int[h][w];
        for (int[] row : label) java.util.Arrays.fill(row, -1);
        List<Integer> sizes = new ArrayList<>();
        int[] stack = new int[h * w];
        for (int y0 = 0; y0 < h; y0++) {
            for (int x0 = 0; x0 < w; x0++) {
                if (label[y0][x0] != -1 || !(map[y0][x0] > threshold)) continue;
                int id = sizes.size(), top = 0, size = 0;
                stack[top++] = y0 * w + x0;
                label[y0][x0] = id;
                while (top > 0) {
                    int p = stack[--top], y = p / w, x = p % w;
                    size++;
                    for (int k = 0; k < 4; k++) {
                        int ny = y + DY[k], nx = x + DX[k];
                        if (ny < 0 || ny >= h || nx < 0 || nx >= w) continue;
                        if (label[ny][nx] != -1 || !(map[ny][nx] > threshold)) continue;
                        label[ny][nx] = id;
                        stack[top++] = ny * w + nx;
                    }
                }
                sizes.add(size);
            }
        }
        // drop small regions and renumber the rest, largest first
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) if (sizes.get(i) >= minSize) keep.add(i);
        keep.sort((a, b) -> sizes.get(b) - sizes.get(a) != 0 ? sizes.get(b) - sizes.get(a) : a - b);
        int[] remap = new int[sizes.size()];
        java.util.Arrays.fill(remap, -1);
        int[] out = new int[keep.size()];
        for (int i = 0; i < keep.size(); i++) {
            remap[keep.get(i)] = i;
            out[i] = sizes.get(keep.get(i));
        }
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) if (label[y][x] >= 0) label[y][x] = remap[label[y][x]];
        return new Regions(threshold, out, label);
    }

    /** Regions above {@code fraction} of the map's maximum; none when the maximum is not positive. */
    public static Regions aboveFractionOfMax(double[][] map, double fraction, int minSize) {
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : map) for (double v : row) if (v > max) max = v;
        if (!(max > 0)) return above(map, Double.POSITIVE_INFINITY, minSize);
        return above(map, fraction * max, minSize);
    }
}
