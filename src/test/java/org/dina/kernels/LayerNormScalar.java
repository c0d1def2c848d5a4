package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import org.dina.tensor.Tensor;

/** Plain single-threaded scalar twins of {@link LayerNormKernel}, accumulating in double. */
public final class LayerNormScalar {
    private LayerNormScalar() {}

    public static void forward(MemorySegment x, long xOff, MemorySegment gamma, long gammaOff, MemorySegment beta, long betaOff,
                               MemorySegment y, long yOff, MemorySegment mean, long meanOff, MemorySegment rstd, long rstdOff,
                               int rows, int cols, float eps) {
        for (int r = 0; r < rows; r++) {
            long b = (long) r * cols;
            double s = 0;
            for (int j = 0; j < cols; j++) s += get(x, xOff + b + j);
            double m = s / cols, v = 0;
            for (int j = 0; j < cols; j++) {
                double d = get(x, xOff + b + j) - m;
                v += d * d;
            }
            double rs = 1.0 / Math.sqrt(v / cols + eps);
            put(mean, meanOff + r, (float) m);
            put(rstd, rstdOff + r, (float) rs);
            for (int j = 0; j < cols; j++) {
                double xhat = (get(x, xOff + b + j) - m) * rs;
                put(y, yOff + b + j, (float) (xhat * get(gamma, gammaOff + j) + get(beta, betaOff + j)));
            }
        }
    }

    public static void backward(MemorySegment x, long xOff, MemorySegment gamma, long gammaOff,
                                MemorySegment mean, long meanOff, MemorySegment rstd, long rstdOff,
                                MemorySegment dy, long dyOff, MemorySegment dx, long dxOff,
                                MemorySegment dGamma, long dGammaOff, MemorySegment dBeta, long dBetaOff, int rows, int cols) {
        for (int j = 0; j < cols; j++) {
            double sg = 0, sb = 0;
            for (int r = 0; r < rows; r++) {
                long e = (long) r * cols + j;
                double xhat = ((double) get(x, xOff + e) - get(mean, meanOff + r)) * get(rstd, rstdOff + r);
                sg += get(dy, dyOff + e) * xhat;
                sb += get(dy, dyOff + e);
            }
            if (dGamma != null) put(dGamma, dGammaOff + j, get(dGamma, dGammaOff + j) + (float) sg);
            if (dBeta != null) put(dBeta, dBetaOff + j, get(dBeta, dBetaOff + j) + (float) sb);
        }
        for (int r = 0; r < rows; r++) {
            long b = (long) r * cols;
            double m = get(mean, meanOff + r), rs = get(rstd, rstdOff + r), sumG = 0, sumGX = 0;
            for (int j = 0; j < cols; j++) {
                double g = (double) get(dy, dyOff + b + j) * get(gamma, gammaOff + j);
                sumG += g;
                sumGX += g * (get(x, xOff + b + j) - m) * rs;
            }
            for (int j = 0; j < cols; j++) {
                double g = (double) get(dy, dyOff + b + j) * get(gamma, gammaOff + j);
                double xhat = (get(x, xOff + b + j) - m) * rs;
                put(dx, dxOff + b + j, (float) (rs * (g - sumG / cols - xhat * sumGX / cols)));
            }
        }
    }

    private static float get(MemorySegment s, long element) { return s.getAtIndex(Tensor.FLOAT, element); }

    private static void put(MemorySegment s, long element, float v) { s.setAtIndex(Tensor.FLOAT, element, v); }
}
