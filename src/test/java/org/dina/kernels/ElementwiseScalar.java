package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import org.dina.tensor.Tensor;

/**
 * Plain single-threaded scalar twins of {@link Elementwise}, the reference its tests compare against.
 * Sums accumulate in double, so they are at least as accurate as the vector kernels.
 */
public final class ElementwiseScalar {
    private ElementwiseScalar() {}

    public static void add(MemorySegment a, long aOff, MemorySegment b, long bOff, MemorySegment out, long outOff, int n) {
        for (int i = 0; i < n; i++) put(out, outOff + i, get(a, aOff + i) + get(b, bOff + i));
    }

    public static void addScaled(MemorySegment a, long aOff, float alpha, MemorySegment b, long bOff,
                                 MemorySegment out, long outOff, int n) {
        for (int i = 0; i < n; i++) put(out, outOff + i, Math.fma(alpha, get(b, bOff + i), get(a, aOff + i)));
    }

    public static void mul(MemorySegment a, long aOff, MemorySegment b, long bOff, MemorySegment out, long outOff, int n) {
        for (int i = 0; i < n; i++) put(out, outOff + i, get(a, aOff + i) * get(b, bOff + i));
    }

    public static void scale(float alpha, MemorySegment x, long xOff, MemorySegment out, long outOff, int n) {
        for (int i = 0; i < n; i++) put(out, outOff + i, alpha * get(x, xOff + i));
    }

    public static void addBiasChannels(MemorySegment x, long xOff, MemorySegment bias, long biasOff,
                                       MemorySegment out, long outOff, int batch, int channels, int spatial) {
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < channels; c++) {
                float v = get(bias, biasOff + c);
                long base = ((long) b * channels + c) * spatial;
                for (int s = 0; s < spatial; s++) put(out, outOff + base + s, get(x, xOff + base + s) + v);
            }
        }
    }

    public static void addBiasLastDim(MemorySegment x, long xOff, MemorySegment bias, long biasOff,
                                      MemorySegment out, long outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                long e = (long) r * cols + j;
                put(out, outOff + e, get(x, xOff + e) + get(bias, biasOff + j));
            }
        }
    }

    public static void sumMiddle(MemorySegment x, long xOff, int outer, int d, int inner,
                                 MemorySegment out, long outOff, boolean accumulate) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += get(x, xOff + ((long) o * d + k) * inner + i);
                long e = outOff + (long) o * inner + i;
                put(out, e, accumulate ? get(out, e) + (float) s : (float) s);
            }
        }
    }

    public static void sumPerChannel(MemorySegment x, long xOff, int batch, int channels, int spatial,
                                     MemorySegment out, long outOff, boolean accumulate) {
        for (int c = 0; c < channels; c++) {
            double s = 0;
            for (int b = 0; b < batch; b++) {
                long base = ((long) b * channels + c) * spatial;
                for (int p = 0; p < spatial; p++) s += get(x, xOff + base + p);
            }
            put(out, outOff + c, accumulate ? get(out, outOff + c) + (float) s : (float) s);
        }
    }

    private static float get(MemorySegment s, long element) { return s.getAtIndex(Tensor.FLOAT, element); }

    private static void put(MemorySegment s, long element, float v) { s.setAtIndex(Tensor.FLOAT, element, v); }
}
