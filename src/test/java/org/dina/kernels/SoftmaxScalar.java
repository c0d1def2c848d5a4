package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import org.dina.tensor.Tensor;

/** Plain single-threaded scalar twins of {@link Softmax}; sums and exponentials in double. */
public final class SoftmaxScalar {
    private SoftmaxScalar() {}

    public static void softmax(MemorySegment x, long xOff, MemorySegment y, long yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            long xr = xOff + (long) r * cols, yr = yOff + (long) r * cols;
            double m = max(x, xr, cols), s = 0;
            for (int j = 0; j < cols; j++) s += Math.exp(get(x, xr + j) - m);
            for (int j = 0; j < cols; j++) put(y, yr + j, (float) (Math.exp(get(x, xr + j) - m) / s));
        }
    }

    public static void logSoftmax(MemorySegment x, long xOff, MemorySegment y, long yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            long xr = xOff + (long) r * cols, yr = yOff + (long) r * cols;
            double lse = logSumExpRow(x, xr, cols);
            for (int j = 0; j < cols; j++) put(y, yr + j, (float) (get(x, xr + j) - lse));
        }
    }

    public static void logSumExp(MemorySegment x, long xOff, MemorySegment out, long outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) put(out, outOff + r, (float) logSumExpRow(x, xOff + (long) r * cols, cols));
    }

    public static void softmaxBackward(MemorySegment y, long yOff, MemorySegment dy, long dyOff,
                                       MemorySegment dx, long dxOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            long b = (long) r * cols;
            double dot = 0;
            for (int j = 0; j < cols; j++) dot += (double) get(y, yOff + b + j) * get(dy, dyOff + b + j);
            for (int j = 0; j < cols; j++) put(dx, dxOff + b + j, (float) (get(y, yOff + b + j) * (get(dy, dyOff + b + j) - dot)));
        }
    }

    public static void logSoftmaxBackward(MemorySegment y, long yOff, MemorySegment dy, long dyOff,
                                          MemorySegment dx, long dxOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            long b = (long) r * cols;
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += get(dy, dyOff + b + j);
            for (int j = 0; j < cols; j++) {
                put(dx, dxOff + b + j, (float) (get(dy, dyOff + b + j) - Math.exp(get(y, yOff + b + j)) * sum));
            }
        }
    }

    public static void logSumExpBackward(MemorySegment x, long xOff, MemorySegment lse, long lseOff,
                                         MemorySegment dl, long dlOff, MemorySegment dx, long dxOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            long b = (long) r * cols;
            double l = get(lse, lseOff + r), g = get(dl, dlOff + r);
            for (int j = 0; j < cols; j++) put(dx, dxOff + b + j, (float) (g * Math.exp(get(x, xOff + b + j) - l)));
        }
    }

    private static double logSumExpRow(MemorySegment x, long off, int n) {
        double m = max(x, off, n);
        if (m == Double.NEGATIVE_INFINITY) return m;
        double s = 0;
        for (int j = 0; j < n; j++) s += Math.exp(get(x, off + j) - m);
        return m + Math.log(s);
    }

    private static double max(MemorySegment x, long off, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) m = Math.max(m, get(x, off + j));
        return m;
    }

    private static float get(MemorySegment s, long element) { return s.getAtIndex(Tensor.FLOAT, element); }

    private static void put(MemorySegment s, long element, float v) { s.setAtIndex(Tensor.FLOAT, element, v); }
}
