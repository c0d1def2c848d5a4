package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * The steps of 2-D batch normalisation over NCHW data viewed as [batch, channels, spatial], PyTorch semantics
 * (biased variance to normalise, unbiased variance for the running estimate). The layer
 * ({@code org.dina.nn.BatchNorm2d}) strings them together for training and evaluation mode.
 *
 * <p>Per-channel statistics: each (batch, channel) plane is summed in float vector lanes, planes are combined in
 * double, one task per channel, so the bits do not depend on the thread count; elementwise steps run in parallel
 * over planes. {@code BatchNormScalar} (in the tests) holds the scalar twins. The per-channel bookkeeping on C numbers
 * ({@link #invStd}, {@link #updateRunningStats}) is scalar by nature and has no vector version.
 */
public final class BatchNormKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final int GRAIN = 1 << 14;

    private BatchNormKernel() {}

    /** mean[c] and biased var[c] of x over batch and spatial positions (two passes: mean, then squared deviations). */
    public static void channelMeanVar(MemorySegment x, long xOff, int batch, int channels, int spatial,
                                      MemorySegment mean, long meanOff, MemorySegment var, long varOff) {
        long count = (long) batch * spatial;
        Parallel.forRange(channels, (int) Math.max(1, GRAIN / Math.max(1, count)), (from, to) -> {
            for (int c = from; c < to; c++) {
                double s = 0;
                for (int b = 0; b < batch; b++) s += Elementwise.sumContiguous(x, plane(xOff, b, c, channels, spatial), spatial);
                float m = (float) (s / count);
                double q = 0;
                for (int b = 0; b < batch; b++) q += Elementwise.sumSquaredDeviation(x, plane(xOff, b, c, channels, spatial), m, spatial);
                put(mean, meanOff + c, m);
                put(var, varOff + c, (float) (q / count));
            }
        });
    }

    /**
     * y[b, c, s] = (x[b, c, s] - center[c]) * scale[c] + shift[c]. A null {@code center} or {@code shift} counts as 0.
     * With center = mean, scale = gamma * rstd, shift = beta this is the forward pass; with scale = gamma * rstd alone
     * it is the evaluation-mode input gradient. y may be x.
     */
    public static void normalize(MemorySegment x, long xOff, MemorySegment center, long centerOff,
                                 MemorySegment scale, long scaleOff, MemorySegment shift, long shiftOff,
                                 MemorySegment y, long yOff, int batch, int channels, int spatial) {
        Parallel.forRange(batch * channels, Math.max(1, GRAIN / Math.max(1, spatial)), (from, to) -> {
            for (int p = from; p < to; p++) {
                int c = p % channels;
                long base = (long) p * spatial;
                float m = center == null ? 0f : get(center, centerOff + c);
                float k = get(scale, scaleOff + c);
                float t = shift == null ? 0f : get(shift, shiftOff + c);
                FloatVector vm = FloatVector.broadcast(S, m), vk = FloatVector.broadcast(S, k), vt = FloatVector.broadcast(S, t);
                int i = 0;
                for (int upper = S.loopBound(spatial); i < upper; i += S.length()) {
                    load(x, xOff + base + i).sub(vm).fma(vk, vt).intoMemorySegment(y, (yOff + base + i) * 4, LE);
                }
                for (; i < spatial; i++) put(y, yOff + base + i, Math.fma(get(x, xOff + base + i) - m, k, t));
            }
        });
    }

    /** Per channel, over batch and spatial positions: sumDy[c] = sum dy and sumDyXmu[c] = sum dy * (x - center[c]). */
    public static void channelGradSums(MemorySegment x, long xOff, MemorySegment dy, long dyOff, int batch, int channels, int spatial,
                                       MemorySegment center, long centerOff, MemorySegment sumDy, long sumDyOff,
                                       MemorySegment sumDyXmu, long sumDyXmuOff) {
        long count = (long) batch * spatial;
        Parallel.forRange(channels, (int) Math.max(1, GRAIN / Math.max(1, count)), (from, to) -> {
            for (int c = from; c < to; c++) {
                float m = get(center, centerOff + c);
                FloatVector vm = FloatVector.broadcast(S, m);
                double sd = 0, sdx = 0;
                for (int b = 0; b < batch; b++) {
                    long base = ((long) b * channels + c) * spatial;
                    FloatVector accD = FloatVector.zero(S), accDX = FloatVector.zero(S);
                    int i = 0;
                    for (int upper = S.loopBound(spatial); i < upper; i += S.length()) {
                        FloatVector d = load(dy, dyOff + base + i);
                        accD = accD.add(d);
                        accDX = d.fma(load(x, xOff + base + i).sub(vm), accDX);
                    }
                    float pd = LaneMath.sum(accD), pdx = LaneMath.sum(accDX);
                    for (; i < spatial; i++) {
                        float d = get(dy, dyOff + base + i);
                        pd += d;
                        pdx = Math.fma(d, get(x, xOff + base + i) - m, pdx);
                    }
                    sd += pd;
                    sdx += pdx;
                }
                put(sumDy, sumDyOff + c, (float) sd);
                put(sumDyXmu, sumDyXmuOff + c, (float) sdx);
            }
        });
    }

    /**
     * Training-mode input gradient (the batch statistics depend on x):
     * dx = gamma rstd (dy - sumDy / M - (x - mean) rstd^2 sumDyXmu / M), M = batch * spatial. dx may be dy.
     */
    public static void trainInputGrad(MemorySegment x, long xOff, MemorySegment dy, long dyOff, int batch, int channels, int spatial,
                                      MemorySegment mean, long meanOff, MemorySegment rstd, long rstdOff,
                                      MemorySegment gamma, long gammaOff, MemorySegment sumDy, long sumDyOff,
                                      MemorySegment sumDyXmu, long sumDyXmuOff, MemorySegment dx, long dxOff) {
        double count = (double) batch * spatial;
        Parallel.forRange(batch * channels, Math.max(1, GRAIN / Math.max(1, spatial)), (from, to) -> {
            for (int p = from; p < to; p++) {
                int c = p % channels;
                long base = (long) p * spatial;
                double rs = get(rstd, rstdOff + c);
                float m = get(mean, meanOff + c);
                float k = (float) (get(gamma, gammaOff + c) * rs);
                float c1 = (float) (get(sumDy, sumDyOff + c) / count);
                float c2 = (float) (rs * rs * get(sumDyXmu, sumDyXmuOff + c) / count);
                FloatVector vm = FloatVector.broadcast(S, m), vk = FloatVector.broadcast(S, k);
                FloatVector v1 = FloatVector.broadcast(S, c1), v2 = FloatVector.broadcast(S, c2);
                int i = 0;
                for (int upper = S.loopBound(spatial); i < upper; i += S.length()) {
                    FloatVector xm = load(x, xOff + base + i).sub(vm);
                    xm.neg().fma(v2, load(dy, dyOff + base + i).sub(v1)).mul(vk).intoMemorySegment(dx, (dxOff + base + i) * 4, LE);
                }
                for (; i < spatial; i++) {
                    float xm = get(x, xOff + base + i) - m;
                    put(dx, dxOff + base + i, Math.fma(-xm, c2, get(dy, dyOff + base + i) - c1) * k);
                }
            }
        });
    }

    /** rstd[c] = 1 / sqrt(var[c] + eps). */
    public static void invStd(MemorySegment var, long varOff, MemorySegment rstd, long rstdOff, int channels, float eps) {
        for (int c = 0; c < channels; c++) put(rstd, rstdOff + c, (float) (1.0 / Math.sqrt((double) get(var, varOff + c) + eps)));
    }

    /**
     * running = (1 - momentum) running + momentum batch for the mean and for the variance, where the variance is made
     * unbiased (times count / (count - 1)) first, as PyTorch does.
     */
    public static void updateRunningStats(MemorySegment mean, long meanOff, MemorySegment var, long varOff, long count,
                                          MemorySegment runningMean, long rmOff, MemorySegment runningVar, long rvOff,
                                          int channels, double momentum) {
        double unbias = count > 1 ? (double) count / (count - 1) : Double.NaN;
        for (int c = 0; c < channels; c++) {
            put(runningMean, rmOff + c, (float) (momentum * get(mean, meanOff + c) + (1 - momentum) * get(runningMean, rmOff + c)));
            put(runningVar, rvOff + c, (float) (momentum * get(var, varOff + c) * unbias + (1 - momentum) * get(runningVar, rvOff + c)));
        }
    }

    static long plane(long off, int b, int c, int channels, int spatial) {
        return off + ((long) b * channels + c) * spatial;
    }

    private static FloatVector load(MemorySegment s, long element) {
        return FloatVector.fromMemorySegment(S, s, element * 4, LE);
    }

    private static float get(MemorySegment s, long element) { return s.getAtIndex(Tensor.FLOAT, element); }

    private static void put(MemorySegment s, long element, float v) { s.setAtIndex(Tensor.FLOAT, element, v); }
}
