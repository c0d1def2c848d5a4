package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * L2 normalisation of each row of a [rows, ...] tensor: y = x / max(||x||, eps), as PyTorch's
 * {@code F.normalize(x, dim=1)} on the flattened rows (the InfoNCE embeddings). Rows are spread over threads;
 * each row's sums are taken by one task.
 */
public final class L2Norm {
    /** F.normalize's default epsilon. */
    public static final float DEFAULT_EPS = 1e-12f;

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private L2Norm() {}

    /** y = x / max(||x||, eps) per row (dimension 0); {@code norms[r]} receives ||x_r|| (unclamped) for the backward. */
    public static void forward(Tensor x, Tensor y, float eps, float[] norms) {
        int rows = checkRows("L2Norm.forward", x, y, norms);
        int cols = Math.toIntExact(x.numel() / rows);
        MemorySegment xs = x.segment(), ys = y.segment();
        long xo = x.offset(), yo = y.offset();
        Parallel.forRange(rows, Math.max(1, 16384 / cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                long xb = xo + (long) r * cols, yb = yo + (long) r * cols;
                FloatVector acc = FloatVector.zero(S);
                int upper = S.loopBound(cols), i = 0;
                for (; i < upper; i += S.length()) {
                    FloatVector v = FloatVector.fromMemorySegment(S, xs, (xb + i) * Float.BYTES, LE);
                    acc = v.fma(v, acc);
                }
                float ss = LaneMath.sum(acc);
                for (; i < cols; i++) {
                    float v = xs.getAtIndex(Tensor.FLOAT, xb + i);
                    ss = Math.fma(v, v, ss);
                }
                float norm = (float) Math.sqrt(ss);
                norms[r] = norm;
                float denom = Math.max(norm, eps);
                FloatVector vd = FloatVector.broadcast(S, denom);
                for (i = 0; i < upper; i += S.length()) {
                    FloatVector.fromMemorySegment(S, xs, (xb + i) * Float.BYTES, LE).div(vd)
                            .intoMemorySegment(ys, (yb + i) * Float.BYTES, LE);
                }
                for (; i < cols; i++) ys.setAtIndex(Tensor.FLOAT, yb + i, xs.getAtIndex(Tensor.FLOAT, xb + i) / denom);
            }
        });
    }

    /**
     * dx for output gradient dy, given the forward's output y and norms: (dy - y * (y . dy)) / ||x|| where the norm
     * is at least eps, and dy / eps where the clamp was active (no gradient flows through a clamped norm).
     */
    public static void backward(Tensor y, Tensor dy, Tensor dx, float eps, float[] norms) {
        int rows = checkRows("L2Norm.backward (output gradient)", y, dy, norms);
        checkRows("L2Norm.backward (input gradient)", y, dx, norms);
        int cols = Math.toIntExact(y.numel() / rows);
        MemorySegment ys = y.segment(), gs = dy.segment(), ds = dx.segment();
        long yo = y.offset(), go = dy.offset(), dxo = dx.offset();
        Parallel.forRange(rows, Math.max(1, 16384 / cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                long base = (long) r * cols;
                int upper = S.loopBound(cols), i;
                float norm = norms[r];
                float dot = 0f;
                if (norm >= eps) {
                    FloatVector acc = FloatVector.zero(S);
                    for (i = 0; i < upper; i += S.length()) {
                        acc = FloatVector.fromMemorySegment(S, ys, (yo + base + i) * Float.BYTES, LE)
                                .fma(FloatVector.fromMemorySegment(S, gs, (go + base + i) * Float.BYTES, LE), acc);
                    }
                    dot = LaneMath.sum(acc);
                    for (; i < cols; i++) dot = Math.fma(ys.getAtIndex(Tensor.FLOAT, yo + base + i), gs.getAtIndex(Tensor.FLOAT, go + base + i), dot);
                }
                float denom = Math.max(norm, eps);
                FloatVector vdot = FloatVector.broadcast(S, -dot), vd = FloatVector.broadcast(S, denom);
                for (i = 0; i < upper; i += S.length()) {
                    FloatVector g = FloatVector.fromMemorySegment(S, gs, (go + base + i) * Float.BYTES, LE);
                    FloatVector yv = FloatVector.fromMemorySegment(S, ys, (yo + base + i) * Float.BYTES, LE);
                    yv.fma(vdot, g).div(vd).intoMemorySegment(ds, (dxo + base + i) * Float.BYTES, LE);
                }
                for (; i < cols; i++) {
                    float g = gs.getAtIndex(Tensor.FLOAT, go + base + i);
                    ds.setAtIndex(Tensor.FLOAT, dxo + base + i, Math.fma(ys.getAtIndex(Tensor.FLOAT, yo + base + i), -dot, g) / denom);
                }
            }
        });
    }

    private static int checkRows(String where, Tensor a, Tensor b, float[] norms) {
        if (a.rank() < 1 || a.dim(0) < 1 || a.numel() < 1) throw new IllegalArgumentException(where + ": needs non-empty rows, got " + a.shapeString());
        b.requireShape(where, a.shape());
        if (!a.isContiguous() || !b.isContiguous()) throw new IllegalArgumentException(where + ": tensors must be contiguous");
        if (norms.length < a.dim(0)) throw new IllegalArgumentException(where + ": norms hold " + norms.length + " rows, need " + a.dim(0));
        return a.dim(0);
    }
}
