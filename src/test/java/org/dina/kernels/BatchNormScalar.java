package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import org.dina.tensor.Tensor;

/** Plain single-threaded scalar twins of the vector steps of {@link BatchNormKernel}, accumulating in double. */
public final class BatchNormScalar {
    private BatchNormScalar() {}

    public static void channelMeanVar(MemorySegment x, long xOff, int batch, int channels, int spatial,
                                      MemorySegment mean, long meanOff, MemorySegment var, long varOff) {
        double count = (double) batch * spatial;
        for (int c = 0; c < channels; c++) {
            double s = 0;
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < spatial; i++) s += get(x, at(xOff, b, c, channels, spatial, i));
            }
            double m = s / count, q = 0;
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < spatial; i++) {
                    double d = get(x, at(xOff, b, c, channels, spatial, i)) - m;
                    q += d * d;
                }
            }
            put(mean, meanOff + c, (float) m);
            put(var, varOff + c, (float) (q / count));
        }
    }

    public static void normalize(MemorySegment x, long xOff, MemorySegment center, long centerOff,
                                 MemorySegment scale, long scaleOff, MemorySegment shift, long shiftOff,
                                 MemorySegment y, long yOff, int batch, int channels, int spatial) {
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < channels; c++) {
                double m = center == null ? 0 : get(center, centerOff + c);
                double k = get(scale, scaleOff + c), t = shift == null ? 0 : get(shift, shiftOff + c);
                for (int i = 0; i < spatial; i++) {
                    long e = at(0, b, c, channels, spatial, i);
                    put(y, yOff + e, (float) ((get(x, xOff + e) - m) * k + t));
                }
            }
        }
    }

    public static void channelGradSums(MemorySegment x, long xOff, MemorySegment dy, long dyOff, int batch, int channels, int spatial,
                                       MemorySegment center, long centerOff, MemorySegment sumDy, long sumDyOff,
                                       MemorySegment sumDyXmu, long sumDyXmuOff) {
        for (int c = 0; c < channels; c++) {
            double m = get(center, centerOff + c), sd = 0, sdx = 0;
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < spatial; i++) {
                    long e = at(0, b, c, channels, spatial, i);
                    double d = get(dy, dyOff + e);
                    sd += d;
                    sdx += d * (get(x, xOff + e) - m);
                }
            }
            put(sumDy, sumDyOff + c, (float) sd);
            put(sumDyXmu, sumDyXmuOff + c, (float) sdx);
        }
    }

    public static void trainInputGrad(MemorySegment x, long xOff, MemorySegment dy, long dyOff, int batch, int channels, int spatial,
                                      MemorySegment mean, long meanOff, MemorySegment rstd, long rstdOff,
                                      MemorySegment gamma, long gammaOff, MemorySegment sumDy, long sumDyOff,
                                      MemorySegment sumDyXmu, long sumDyXmuOff, MemorySegment dx, long dxOff) {
        double count = (double) batch * spatial;
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < channels; c++) {
                double rs = get(rstd, rstdOff + c), m = get(mean, meanOff + c), g = get(gamma, gammaOff + c);
                double meanDy = get(sumDy, sumDyOff + c) / count, proj = get(sumDyXmu, sumDyXmuOff + c) / count;
                for (int i = 0; i < spatial; i++) {
                    long e = at(0, b, c, channels, spatial, i);
                    double xm = get(x, xOff + e) - m;
                    put(dx, dxOff + e, (float) (g * rs * (get(dy, dyOff + e) - meanDy - xm * rs * rs * proj)));
                }
            }
        }
    }

    private static long at(long off, int b, int c, int channels, int spatial, int i) {
        return off + ((long) b * channels + c) * spatial + i;
    }

    private static float get(MemorySegment s, long element) { return s.getAtIndex(Tensor.FLOAT, element); }

    private static void put(MemorySegment s, long element, float v) { s.setAtIndex(Tensor.FLOAT, element, v); }
}
