package org.dina.eval.baselines;

import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * Shrinks images by area averaging: every output pixel is the mean of the input area it covers, with fractional
 * weights at the edges when the sizes do not divide (the image's mean is kept exactly).
 */
public final class AreaDownsample {
    /** Default pixel budget of the baselines' image vectors: 68x270 stimuli become 16x64. */
    public static final int DEFAULT_MAX_PIXELS = 1024;

    private AreaDownsample() {}

    /**
     * The largest size with the input's aspect ratio (rounded) and at most {@code maxPixels} pixels; the input size
     * when it already fits.
     */
    public static int[] targetSize(int height, int width, int maxPixels) {
        if (height < 1 || width < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("AreaDownsample.targetSize: need positive sizes, got " + height + "x" + width
                    + " and budget " + maxPixels);
        }
        if ((long) height * width <= maxPixels) return new int[] {height, width};
        double s = Math.sqrt((double) height * width / maxPixels);
        int h = (int) Math.max(1, Math.min(height, Math.round(height / s)));
        int w = (int) Math.max(1, Math.min(width, Math.round(width / s)));
        while ((long) h * w > maxPixels) {
            if ((double) w / width >= (double) h / height && w > 1) w--;
            else h--;
        }
        return new int[] {h, w};
    }

    /** Images [K, H, W] averaged down to [K, h * w] (row-major pixels), in double precision. */
    public static DMatrixRMaj images(Tensor images, int h, int w) {
        if (images.rank() != 3) {
            throw new IllegalArgumentException("AreaDownsample.images: images must be [K, H, W], got " + images.shapeString());
        }
        Tensor src = images.contiguous();
        int k = src.dim(0), inH = src.dim(1), inW = src.dim(2);
        if (h < 1 || w < 1 || h > inH || w > inW) {
            throw new IllegalArgumentException("AreaDownsample.images: cannot average " + inH + "x" + inW + " down to " + h + "x" + w);
        }
        double[][] rowW = weights(inH, h), colW = weights(inW, w);
        int[] rowFirst = firstNonZero(rowW), rowLast = lastNonZero(rowW);
        int[] colFirst = firstNonZero(colW), colLast = lastNonZero(colW);
        DMatrixRMaj out = new DMatrixRMaj(k, h * w);
        float[] all = src.toArray();
        int plane = inH * inW;
        Parallel.forRange(k, 4, (from, to) -> {
            double[] rowsDone = new double[h * inW]; // one scratch buffer per task, reused for each image
            for (int img = from; img < to; img++) {
                int base = img * plane;
                java.util.Arrays.fill(rowsDone, 0.0);
                for (int oy = 0; oy < h; oy++) {
                    for (int y = rowFirst[oy]; y <= rowLast[oy]; y++) {
                        double wy = rowW[oy][y];
                        int src0 = base + y * inW, dst0 = oy * inW;
                        for (int x = 0; x < inW; x++) rowsDone[dst0 + x] += wy * all[src0 + x];
                    }
                }
                int o = img * h * w;
                for (int oy = 0; oy < h; oy++) {
                    for (int ox = 0; ox < w; ox++) {
                        double s = 0;
                        for (int x = colFirst[ox]; x <= colLast[ox]; x++) s += colW[ox][x] * rowsDone[oy * inW + x];
                        out.data[o + oy * w + ox] = s;
                    }
                }
            }
        });
        return out;
    }

    /** weights[o][i]: share of input cell i in output cell o; each row sums to 1. */
    static double[][] weights(int in, int out) {
        double scale = (double) in / out;
        double[][] wts = new double[out][in];
        for (int o = 0; o < out; o++) {
            double a = o * scale, b = (o + 1) * scale;
            int first = (int) Math.floor(a), last = Math.min(in - 1, (int) Math.ceil(b) - 1);
            for (int i = first; i <= last; i++) {
                double overlap = Math.min(b, i + 1) - Math.max(a, i);
                if (overlap > 0) wts[o][i] = overlap / scale;
            }
        }
        return wts;
    }

    private static int[] firstNonZero(double[][] w) {
        int[] f = new int[w.length];
        for (int o = 0; o < w.length; o++) {
            int i = 0;
            while (i < w[o].length - 1 && w[o][i] == 0) i++;
            f[o] = i;
        }
        return f;
    }

    private static int[] lastNonZero(double[][] w) {
        int[] l = new int[w.length];
        for (int o = 0; o < w.length; o++) {
            int i = w[o].length - 1;
            while (i > 0 && w[o][i] == 0) i--;
            l[o] = i;
        }
        return l;
    }
}
