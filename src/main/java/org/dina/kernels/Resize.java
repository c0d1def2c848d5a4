package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * Spatial resize of [..., H, W] tensors with the semantics of PyTorch's {@code F.interpolate(x, size=(outH, outW))}
 * (align_corners=False): {@link Mode#NEAREST} is PyTorch's legacy 'nearest', {@link Mode#BILINEAR} is 'bilinear'.
 *
 * <p>Every leading index (n, c, ...) is an independent plane; planes are spread over threads, and each plane's
 * forward and backward is computed by one task in a fixed order, so results do not depend on the thread count.
 * Bilinear is computed separably, rows first along W then blended along H with the Vector API; the arithmetic is
 * the same as PyTorch's per-element formula, so the forward is bit-identical to {@code ResizeScalar} (in the tests).
 */
public final class Resize {
    /** Interpolation mode, as in PyTorch. */
    public enum Mode { NEAREST, BILINEAR }

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Per-thread scratch for the W-interpolated rows of one plane; grows once, then is reused. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[1][0]);

    private Resize() {}

    /**
     * Source index along one axis for PyTorch's legacy nearest mode with an explicit output size:
     * {@code min(floor(dst * (float) in / out), in - 1)}, the product taken in float as PyTorch does.
     */
    public static int nearestSource(int dst, int in, int out) {
        float scale = (float) in / (float) out;
        return Math.min((int) Math.floor((float) dst * scale), in - 1);
    }

    /**
     * Real-valued source coordinate for bilinear, align_corners=False: {@code (dst + 0.5) * in/out - 0.5} clamped at
     * 0. The scale is a float and the coordinate is evaluated in double, as PyTorch's CPU kernel does.
     */
    public static double bilinearSource(int dst, int in, int out) {
        float scale = (float) in / (float) out;
        double src = (double) scale * (dst + 0.5) - 0.5;
        return src < 0 ? 0 : src;
    }

    /** The output length PyTorch gets for {@code size=in // factor}: the reference's attention-token grid. */
    public static int downsampledSize(int in, int factor) {
        if (factor < 1) throw new IllegalArgumentException("downsampling factor must be >= 1, got " + factor);
        int out = in / factor;
        if (out < 1) throw new IllegalArgumentException("downsampling " + in + " by " + factor + " leaves nothing");
        return out;
    }

    /** Source indices and weights along one axis: out[i] = in[lo[i]] * wLo[i] + in[hi[i]] * wHi[i]. */
    static final class Axis {
        final int[] lo, hi;
        final float[] wLo, wHi;

        Axis(Mode mode, int in, int out) {
            lo = new int[out];
            hi = new int[out];
            wLo = new float[out];
            wHi = new float[out];
            for (int i = 0; i < out; i++) {
                if (mode == Mode.NEAREST) {
                    lo[i] = hi[i] = nearestSource(i, in, out);
                    wLo[i] = 1f;
                } else if (in == out) {
                    // PyTorch copies for an unchanged size; the general formula would give the same numbers
                    lo[i] = hi[i] = i;
                    wLo[i] = 1f;
                } else {
                    double src = bilinearSource(i, in, out);
                    int i0 = (int) src;
                    lo[i] = i0;
                    hi[i] = i0 < in - 1 ? i0 + 1 : i0;
                    wHi[i] = (float) (src - i0);
                    wLo[i] = 1f - wHi[i];
                }
            }
        }
    }

    /** Precomputed tables for one (mode, in size, out size); layers keep one and reuse it every step. */
    public static final class Plan {
        final Mode mode;
        final int inH, inW, outH, outW;
        final Axis rows, cols;
        /** Which input rows feed some output row (downsampling skips the rest). */
        final boolean[] rowUsed;

        Plan(Mode mode, int inH, int inW, int outH, int outW) {
            if (inH < 1 || inW < 1 || outH < 1 || outW < 1) {
                throw new IllegalArgumentException("Resize: sizes must be >= 1, got " + inH + "x" + inW + " -> " + outH + "x" + outW);
            }
            this.mode = mode;
            this.inH = inH;
            this.inW = inW;
            this.outH = outH;
            this.outW = outW;
            this.rows = new Axis(mode, inH, outH);
            this.cols = new Axis(mode, inW, outW);
            this.rowUsed = new boolean[inH];
            for (int i = 0; i < outH; i++) {
                rowUsed[rows.lo[i]] = true;
                rowUsed[rows.hi[i]] = true;
            }
        }

        public Mode mode() { return mode; }
        public int inH() { return inH; }
        public int inW() { return inW; }
        public int outH() { return outH; }
        public int outW() { return outW; }

        public boolean matches(Mode m, int ih, int iw, int oh, int ow) {
            return mode == m && inH == ih && inW == iw && outH == oh && outW == ow;
        }
    }

    public static Plan plan(Mode mode, int inH, int inW, int outH, int outW) {
        return new Plan(mode, inH, inW, outH, outW);
    }

    /** y = resize(x); x is [..., inH, inW], y is [..., outH, outW], both contiguous with the same leading dims. */
    public static void forward(Mode mode, Tensor x, Tensor y) {
        requireSpatial("Resize.forward", x, y);
        forward(plan(mode, x.dim(-2), x.dim(-1), y.dim(-2), y.dim(-1)), x, y);
    }

    /** dx = the gradient of the resize with respect to its input, given dy; dx is overwritten. */
    public static void backward(Mode mode, Tensor dy, Tensor dx) {
        requireSpatial("Resize.backward", dx, dy);
        backward(plan(mode, dx.dim(-2), dx.dim(-1), dy.dim(-2), dy.dim(-1)), dy, dx);
    }

    public static void forward(Plan p, Tensor x, Tensor y) {
        int planes = checkPlanes("Resize.forward", p, x, y);
        MemorySegment xs = x.segment(), ys = y.segment();
        long xo = x.offset(), yo = y.offset();
        int inPlane = p.inH * p.inW, outPlane = p.outH * p.outW;
        Parallel.forRange(planes, grain(outPlane), (from, to) -> {
            for (int q = from; q < to; q++) {
                long xb = xo + (long) q * inPlane, yb = yo + (long) q * outPlane;
                if (p.mode == Mode.NEAREST) nearestPlane(p, xs, xb, ys, yb);
                else bilinearPlane(p, xs, xb, ys, yb);
            }
        });
    }

    public static void backward(Plan p, Tensor dy, Tensor dx) {
        int planes = checkPlanes("Resize.backward", p, dx, dy);
        MemorySegment gs = dy.segment(), ds = dx.segment();
        long go = dy.offset(), dxo = dx.offset();
        int inPlane = p.inH * p.inW, outPlane = p.outH * p.outW;
        Parallel.forRange(planes, grain(outPlane + inPlane), (from, to) -> {
            for (int q = from; q < to; q++) {
                long gb = go + (long) q * outPlane, db = dxo + (long) q * inPlane;
                ds.asSlice(db * Float.BYTES, (long) inPlane * Float.BYTES).fill((byte) 0);
                if (p.mode == Mode.NEAREST) nearestPlaneBackward(p, gs, gb, ds, db);
                else bilinearPlaneBackward(p, gs, gb, ds, db);
            }
        });
    }

    private static int grain(int workPerPlane) {
        return Math.max(1, 8192 / Math.max(1, workPerPlane));
    }

    private static void requireSpatial(String where, Tensor a, Tensor b) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException(where + ": expected [..., H, W] tensors, got " + a.shapeString() + " and " + b.shapeString());
        }
    }

    private static int checkPlanes(String where, Plan p, Tensor in, Tensor out) {
        if (in.rank() < 2 || out.rank() != in.rank()) {
            throw new IllegalArgumentException(where + ": expected [..., H, W] tensors of equal rank, got "
                    + in.shapeString() + " and " + out.shapeString());
        }
        for (int d = 0; d < in.rank() - 2; d++) {
            if (in.dim(d) != out.dim(d)) {
                throw new IllegalArgumentException(where + ": leading dimensions differ: " + in.shapeString() + " vs " + out.shapeString());
            }
        }
        if (in.dim(-2) != p.inH || in.dim(-1) != p.inW || out.dim(-2) != p.outH || out.dim(-1) != p.outW) {
            throw new IllegalArgumentException(where + ": plan is " + p.inH + "x" + p.inW + " -> " + p.outH + "x" + p.outW
                    + " but tensors are " + in.shapeString() + " -> " + out.shapeString());
        }
        if (!in.isContiguous() || !out.isContiguous()) {
            throw new IllegalArgumentException(where + ": tensors must be contiguous");
        }
        return Math.toIntExact(in.numel() / ((long) p.inH * p.inW));
    }

    private static void nearestPlane(Plan p, MemorySegment x, long xb, MemorySegment y, long yb) {
        int[] rs = p.rows.lo, cs = p.cols.lo;
        int outW = p.outW;
        for (int oh = 0; oh < p.outH; oh++) {
            long yr = yb + (long) oh * outW;
            if (oh > 0 && rs[oh] == rs[oh - 1]) {
                // upsampling repeats source rows: copy the row just written instead of gathering it again
                MemorySegment.copy(y, (yr - outW) * Float.BYTES, y, yr * Float.BYTES, (long) outW * Float.BYTES);
                continue;
            }
            long xr = xb + (long) rs[oh] * p.inW;
            for (int ow = 0; ow < outW; ow++) {
                y.setAtIndex(Tensor.FLOAT, yr + ow, x.getAtIndex(Tensor.FLOAT, xr + cs[ow]));
            }
        }
    }

    private static void nearestPlaneBackward(Plan p, MemorySegment dy, long gb, MemorySegment dx, long db) {
        int[] rs = p.rows.lo, cs = p.cols.lo;
        for (int oh = 0; oh < p.outH; oh++) {
            long gr = gb + (long) oh * p.outW, dr = db + (long) rs[oh] * p.inW;
            for (int ow = 0; ow < p.outW; ow++) {
                long d = dr + cs[ow];
                dx.setAtIndex(Tensor.FLOAT, d, dx.getAtIndex(Tensor.FLOAT, d) + dy.getAtIndex(Tensor.FLOAT, gr + ow));
            }
        }
    }

    private static float[] scratch(int n) {
        float[][] holder = SCRATCH.get();
        if (holder[0].length < n) holder[0] = new float[n];
        return holder[0];
    }

    /** Interpolates every used input row along W into scratch, then blends pairs of those rows along H. */
    private static void bilinearPlane(Plan p, MemorySegment x, long xb, MemorySegment y, long yb) {
        int outW = p.outW, inW = p.inW;
        float[] t = scratch(p.inH * outW);
        int[] cLo = p.cols.lo, cHi = p.cols.hi;
        float[] wLo = p.cols.wLo, wHi = p.cols.wHi;
        for (int h = 0; h < p.inH; h++) {
            if (!p.rowUsed[h]) continue;
            long xr = xb + (long) h * inW;
            int tr = h * outW;
            for (int ow = 0; ow < outW; ow++) {
                t[tr + ow] = x.getAtIndex(Tensor.FLOAT, xr + cLo[ow]) * wLo[ow] + x.getAtIndex(Tensor.FLOAT, xr + cHi[ow]) * wHi[ow];
            }
        }
        int upper = S.loopBound(outW);
        for (int oh = 0; oh < p.outH; oh++) {
            int t0 = p.rows.lo[oh] * outW, t1 = p.rows.hi[oh] * outW;
            float a = p.rows.wLo[oh], b = p.rows.wHi[oh];
            long yr = yb + (long) oh * outW;
            FloatVector va = FloatVector.broadcast(S, a), vb = FloatVector.broadcast(S, b);
            int ow = 0;
            for (; ow < upper; ow += S.length()) {
                // mul, mul, add (no fma) to match the scalar formula bit for bit
                FloatVector r = FloatVector.fromArray(S, t, t0 + ow).mul(va)
                        .add(FloatVector.fromArray(S, t, t1 + ow).mul(vb));
                r.intoMemorySegment(y, (yr + ow) * Float.BYTES, LE);
            }
            for (; ow < outW; ow++) y.setAtIndex(Tensor.FLOAT, yr + ow, t[t0 + ow] * a + t[t1 + ow] * b);
        }
    }

    /** Transpose of {@link #bilinearPlane}: scatter dy rows along H into scratch (vectorised), then along W into dx. */
    private static void bilinearPlaneBackward(Plan p, MemorySegment dy, long gb, MemorySegment dx, long db) {
        int outW = p.outW, inW = p.inW;
        float[] t = scratch(p.inH * outW);
        java.util.Arrays.fill(t, 0, p.inH * outW, 0f);
        int upper = S.loopBound(outW);
        for (int oh = 0; oh < p.outH; oh++) {
            int t0 = p.rows.lo[oh] * outW, t1 = p.rows.hi[oh] * outW;
            float a = p.rows.wLo[oh], b = p.rows.wHi[oh];
            long gr = gb + (long) oh * outW;
            FloatVector va = FloatVector.broadcast(S, a), vb = FloatVector.broadcast(S, b);
            int ow = 0;
            for (; ow < upper; ow += S.length()) {
                FloatVector g = FloatVector.fromMemorySegment(S, dy, (gr + ow) * Float.BYTES, LE);
                FloatVector.fromArray(S, t, t0 + ow).add(g.mul(va)).intoArray(t, t0 + ow);
                FloatVector.fromArray(S, t, t1 + ow).add(g.mul(vb)).intoArray(t, t1 + ow);
            }
            for (; ow < outW; ow++) {
                float g = dy.getAtIndex(Tensor.FLOAT, gr + ow);
                t[t0 + ow] += g * a;
                t[t1 + ow] += g * b;
            }
        }
        int[] cLo = p.cols.lo, cHi = p.cols.hi;
        float[] wLo = p.cols.wLo, wHi = p.cols.wHi;
        for (int h = 0; h < p.inH; h++) {
            if (!p.rowUsed[h]) continue;
            long dr = db + (long) h * inW;
            int tr = h * outW;
            for (int ow = 0; ow < outW; ow++) {
                float g = t[tr + ow];
                long d0 = dr + cLo[ow], d1 = dr + cHi[ow];
                dx.setAtIndex(Tensor.FLOAT, d0, dx.getAtIndex(Tensor.FLOAT, d0) + g * wLo[ow]);
                dx.setAtIndex(Tensor.FLOAT, d1, dx.getAtIndex(Tensor.FLOAT, d1) + g * wHi[ow]);
            }
        }
    }
}
