package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * Layer normalisation over the last dimension of row-major [rows, cols] data with a per-column affine map,
 * PyTorch semantics: y = (x - mean) / sqrt(var + eps) * gamma + beta with the biased variance. The forward pass
 * stores each row's mean and 1/sqrt(var + eps) for the backward pass. {@code LayerNormScalar} (in the tests) holds the scalar twins.
 *
 * <p>Parallel over rows for y and dx, and over blocks of columns for dgamma and dbeta (which sum over rows), so
 * every output has one owner and a fixed summation order.
 */
public final class LayerNormKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final int GRAIN = 1 << 13;

    private LayerNormKernel() {}

    /** y = layernorm(x) * gamma + beta; writes mean[rows] and rstd[rows] = 1 / sqrt(var + eps). */
    public static void forward(MemorySegment x, long xOff, MemorySegment gamma, long gammaOff, MemorySegment beta, long betaOff,
                               MemorySegment y, long yOff, MemorySegment mean, long meanOff, MemorySegment rstd, long rstdOff,
                               int rows, int cols, float eps) {
        Parallel.forRange(rows, Math.max(1, GRAIN / Math.max(1, cols)), (from, to) -> {
            for (int r = from; r < to; r++) {
                long xr = xOff + (long) r * cols, yr = yOff + (long) r * cols;
                float m = (float) (Elementwise.sumContiguous(x, xr, cols) / cols);
                float rs = (float) (1.0 / Math.sqrt(Elementwise.sumSquaredDeviation(x, xr, m, cols) / cols + eps));
                put(mean, meanOff + r, m);
                put(rstd, rstdOff + r, rs);
                normalizeRow(x, xr, m, rs, gamma, gammaOff, beta, betaOff, y, yr, cols);
            }
        });
    }

    private static void normalizeRow(MemorySegment x, long xr, float m, float rs, MemorySegment gamma, long gOff,
                                     MemorySegment beta, long bOff, MemorySegment y, long yr, int n) {
        FloatVector vm = FloatVector.broadcast(S, m), vr = FloatVector.broadcast(S, rs);
        int j = 0;
        for (int upper = S.loopBound(n); j < upper; j += S.length()) {
            load(x, xr + j).sub(vm).mul(vr).fma(load(gamma, gOff + j), load(beta, bOff + j)).intoMemorySegment(y, (yr + j) * 4, LE);
        }
        for (; j < n; j++) put(y, yr + j, Math.fma((get(x, xr + j) - m) * rs, get(gamma, gOff + j), get(beta, bOff + j)));
    }

    /**
     * Backward: dx = rstd * (g - mean(g) - xhat * mean(g * xhat)) with g = dy * gamma and xhat = (x - mean) * rstd;
     * dgamma += sum over rows of dy * xhat and dbeta += sum over rows of dy (either may be null to skip it). dx may be dy.
     */
    public static void backward(MemorySegment x, long xOff, MemorySegment gamma, long gammaOff,
                                MemorySegment mean, long meanOff, MemorySegment rstd, long rstdOff,
                                MemorySegment dy, long dyOff, MemorySegment dx, long dxOff,
                                MemorySegment dGamma, long dGammaOff, MemorySegment dBeta, long dBetaOff, int rows, int cols) {
        // parameter gradients first, so that dx may overwrite dy
        if (dGamma != null || dBeta != null) {
            int blocks = (cols + S.length() - 1) / S.length();
            Parallel.forRange(blocks, Math.max(1, GRAIN / Math.max(1, rows * S.length())), (from, to) -> {
                for (int b = from; b < to; b++) {
                    int j0 = b * S.length();
                    paramGradColumns(x, xOff, mean, meanOff, rstd, rstdOff, dy, dyOff, dGamma, dGammaOff, dBeta, dBetaOff,
                            rows, cols, j0, Math.min(S.length(), cols - j0));
                }
            });
        }
        Parallel.forRange(rows, Math.max(1, GRAIN / Math.max(1, cols)), (from, to) -> {
            for (int r = from; r < to; r++) {
                long base = (long) r * cols;
                inputGradRow(x, xOff + base, gamma, gammaOff, get(mean, meanOff + r), get(rstd, rstdOff + r),
                        dy, dyOff + base, dx, dxOff + base, cols);
            }
        });
    }

    private static void inputGradRow(MemorySegment x, long xr, MemorySegment gamma, long gOff, float m, float rs,
                                     MemorySegment dy, long dyr, MemorySegment dx, long dxr, int n) {
        FloatVector vm = FloatVector.broadcast(S, m), vr = FloatVector.broadcast(S, rs);
        FloatVector accG = FloatVector.zero(S), accGX = FloatVector.zero(S);
        int upper = S.loopBound(n), j = 0;
        for (; j < upper; j += S.length()) {
            FloatVector g = load(dy, dyr + j).mul(load(gamma, gOff + j));
            FloatVector xhat = load(x, xr + j).sub(vm).mul(vr);
            accG = accG.add(g);
            accGX = g.fma(xhat, accGX);
        }
        float sumG = LaneMath.sum(accG), sumGX = LaneMath.sum(accGX);
        for (; j < n; j++) {
            float g = get(dy, dyr + j) * get(gamma, gOff + j);
            sumG += g;
            sumGX = Math.fma(g, (get(x, xr + j) - m) * rs, sumGX);
        }
        float a = sumG / n, b = sumGX / n;
        FloatVector va = FloatVector.broadcast(S, a), vb = FloatVector.broadcast(S, b);
        for (j = 0; j < upper; j += S.length()) {
            FloatVector g = load(dy, dyr + j).mul(load(gamma, gOff + j));
            FloatVector xhat = load(x, xr + j).sub(vm).mul(vr);
            xhat.neg().fma(vb, g.sub(va)).mul(vr).intoMemorySegment(dx, (dxr + j) * 4, LE);
        }
        for (; j < n; j++) {
            float g = get(dy, dyr + j) * get(gamma, gOff + j);
            float xhat = (get(x, xr + j) - m) * rs;
            put(dx, dxr + j, Math.fma(-xhat, b, g - a) * rs);
        }
    }

    /** dgamma and dbeta for columns [j0, j0 + width), rows in order, in partial sums of {@link Elementwise#BLOCK} rows. */
    private static void paramGradColumns(MemorySegment x, long xOff, MemorySegment mean, long meanOff,
                                         MemorySegment rstd, long rstdOff, MemorySegment dy, long dyOff,
                                         MemorySegment dGamma, long dGammaOff, MemorySegment dBeta, long dBetaOff,
                                         int rows, int cols, int j0, int width) {
        if (width == S.length()) {
            FloatVector totalG = FloatVector.zero(S), totalB = FloatVector.zero(S);
            for (int r0 = 0; r0 < rows; r0 += Elementwise.BLOCK) {
                FloatVector partG = FloatVector.zero(S), partB = FloatVector.zero(S);
                for (int r = r0, r1 = Math.min(rows, r0 + Elementwise.BLOCK); r < r1; r++) {
                    long e = (long) r * cols + j0;
                    FloatVector d = load(dy, dyOff + e);
                    FloatVector xhat = load(x, xOff + e).sub(get(mean, meanOff + r)).mul(get(rstd, rstdOff + r));
                    partG = d.fma(xhat, partG);
                    partB = partB.add(d);
                }
                totalG = totalG.add(partG);
                totalB = totalB.add(partB);
            }
            if (dGamma != null) load(dGamma, dGammaOff + j0).add(totalG).intoMemorySegment(dGamma, (dGammaOff + j0) * 4, LE);
            if (dBeta != null) load(dBeta, dBetaOff + j0).add(totalB).intoMemorySegment(dBeta, (dBetaOff + j0) * 4, LE);
            return;
        }
        for (int j = j0; j < j0 + width; j++) {
            float totalG = 0f, totalB = 0f;
            for (int r0 = 0; r0 < rows; r0 += Elementwise.BLOCK) {
                float partG = 0f, partB = 0f;
                for (int r = r0, r1 = Math.min(rows, r0 + Elementwise.BLOCK); r < r1; r++) {
                    long e = (long) r * cols + j;
                    float d = get(dy, dyOff + e);
                    partG = Math.fma(d, (get(x, xOff + e) - get(mean, meanOff + r)) * get(rstd, rstdOff + r), partG);
                    partB += d;
                }
                totalG += partG;
                totalB += partB;
            }
            if (dGamma != null) put(dGamma, dGammaOff + j, get(dGamma, dGammaOff + j) + totalG);
            if (dBeta != null) put(dBeta, dBetaOff + j, get(dBeta, dBetaOff + j) + totalB);
        }
    }

    // ---------------------------------------------------------------- tensor conveniences

    /** Forward over the last dimension of x; mean and rstd get one value per row. */
    public static void forward(Tensor x, Tensor gamma, Tensor beta, Tensor y, Tensor mean, Tensor rstd, float eps) {
        int cols = x.dim(-1), rows = rows(x, cols);
        check(x, y, gamma, beta, mean, rstd, rows, cols);
        forward(x.segment(), x.offset(), gamma.segment(), gamma.offset(), beta.segment(), beta.offset(),
                y.segment(), y.offset(), mean.segment(), mean.offset(), rstd.segment(), rstd.offset(), rows, cols, eps);
    }

    /** Backward given the forward input x and its saved mean and rstd; dGamma, dBeta accumulate (may be null). */
    public static void backward(Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dy, Tensor dx,
                                Tensor dGamma, Tensor dBeta) {
        int cols = x.dim(-1), rows = rows(x, cols);
        check(x, dx, gamma, gamma, mean, rstd, rows, cols);
        check(x, dy, dGamma == null ? gamma : dGamma, dBeta == null ? gamma : dBeta, mean, rstd, rows, cols);
        backward(x.segment(), x.offset(), gamma.segment(), gamma.offset(), mean.segment(), mean.offset(),
                rstd.segment(), rstd.offset(), dy.segment(), dy.offset(), dx.segment(), dx.offset(),
                dGamma == null ? null : dGamma.segment(), dGamma == null ? 0 : dGamma.offset(),
                dBeta == null ? null : dBeta.segment(), dBeta == null ? 0 : dBeta.offset(), rows, cols);
    }

    private static int rows(Tensor x, int cols) { return cols == 0 ? 0 : Math.toIntExact(x.numel() / cols); }

    private static void check(Tensor x, Tensor y, Tensor gamma, Tensor beta, Tensor mean, Tensor rstd, int rows, int cols) {
        if (!x.hasShape(y.shape()) || gamma.numel() != cols || beta.numel() != cols || mean.numel() != rows || rstd.numel() != rows) {
            throw new IllegalArgumentException("LayerNormKernel: x " + x.shapeString() + ", y/dy/dx " + y.shapeString()
                    + ", gamma " + gamma.shapeString() + ", beta " + beta.shapeString() + ", mean " + mean.shapeString()
                    + ", rstd " + rstd.shapeString());
        }
        for (Tensor t : new Tensor[] {x, y, gamma, beta, mean, rstd}) {
            if (!t.isContiguous()) throw new IllegalArgumentException("LayerNormKernel needs contiguous tensors, got " + t.shapeString());
        }
    }

    private static FloatVector load(MemorySegment s, long element) {
        return FloatVector.fromMemorySegment(S, s, element * 4, LE);
    }

    private static float get(MemorySegment s, long element) { return s.getAtIndex(Tensor.FLOAT, element); }

    private static void put(MemorySegment s, long element, float v) { s.setAtIndex(Tensor.FLOAT, element, v); }
}
