package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * Min–max scaling of each row of a [rows, ...] tensor to [0, 1]: y = (x - min) / (max - min + eps), the per-sample
 * normalisation at the end of both DINA towers.
 *
 * <p>The backward lets the gradient flow through min and max into their first occurrences, as PyTorch's
 * min/max reductions with indices do. Rows are spread over threads; each row is reduced by one task.
 */
public final class MinMax {
    /** The reference's epsilon. */
    public static final float DEFAULT_EPS = 1e-8f;

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private MinMax() {}

    /**
     * y = (x - min) / (max - min + eps) per row (dimension 0); records the first position of each row's min and
     * max in {@code argMin} and {@code argMax} (length >= rows), which {@link #backward} needs.
     */
    public static void forward(Tensor x, Tensor y, float eps, int[] argMin, int[] argMax) {
        int rows = checkRows("MinMax.forward", x, y, argMin, argMax);
        int cols = Math.toIntExact(x.numel() / rows);
        MemorySegment xs = x.segment(), ys = y.segment();
        long xo = x.offset(), yo = y.offset();
        Parallel.forRange(rows, Math.max(1, 16384 / cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                long xb = xo + (long) r * cols, yb = yo + (long) r * cols;
                float mn = reduce(xs, xb, cols, true);
                float mx = reduce(xs, xb, cols, false);
                argMin[r] = firstIndexOf(xs, xb, cols, mn);
                argMax[r] = firstIndexOf(xs, xb, cols, mx);
                float d = (mx - mn) + eps;
                FloatVector vmn = FloatVector.broadcast(S, mn), vd = FloatVector.broadcast(S, d);
                int upper = S.loopBound(cols), i = 0;
                for (; i < upper; i += S.length()) {
                    FloatVector.fromMemorySegment(S, xs, (xb + i) * Float.BYTES, LE).sub(vmn).div(vd)
                            .intoMemorySegment(ys, (yb + i) * Float.BYTES, LE);
                }
                for (; i < cols; i++) ys.setAtIndex(Tensor.FLOAT, yb + i, (xs.getAtIndex(Tensor.FLOAT, xb + i) - mn) / d);
            }
        });
    }

    /**
     * dx for output gradient dy, given the forward's input x, output y and arg positions. With d = max - min + eps:
     * dx_i = dy_i / d, plus sum(dy * (y - 1)) / d at the argmin and -sum(dy * y) / d at the argmax.
     */
    public static void backward(Tensor x, Tensor y, Tensor dy, Tensor dx, float eps, int[] argMin, int[] argMax) {
        int rows = checkRows("MinMax.backward (output)", x, y, argMin, argMax);
        checkRows("MinMax.backward (output gradient)", x, dy, argMin, argMax);
        checkRows("MinMax.backward (input gradient)", x, dx, argMin, argMax);
        int cols = Math.toIntExact(x.numel() / rows);
        MemorySegment xs = x.segment(), ys = y.segment(), gs = dy.segment(), ds = dx.segment();
        long xo = x.offset(), yo = y.offset(), go = dy.offset(), dxo = dx.offset();
        Parallel.forRange(rows, Math.max(1, 16384 / cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                long base = (long) r * cols;
                float mn = xs.getAtIndex(Tensor.FLOAT, xo + base + argMin[r]);
                float d = (xs.getAtIndex(Tensor.FLOAT, xo + base + argMax[r]) - mn) + eps;
                FloatVector accG = FloatVector.zero(S), accGy = FloatVector.zero(S), vd = FloatVector.broadcast(S, d);
                int upper = S.loopBound(cols), i = 0;
                for (; i < upper; i += S.length()) {
                    FloatVector g = FloatVector.fromMemorySegment(S, gs, (go + base + i) * Float.BYTES, LE);
                    FloatVector yv = FloatVector.fromMemorySegment(S, ys, (yo + base + i) * Float.BYTES, LE);
                    accG = accG.add(g);
                    accGy = g.fma(yv, accGy);
                    g.div(vd).intoMemorySegment(ds, (dxo + base + i) * Float.BYTES, LE);
                }
                float sg = LaneMath.sum(accG), sgy = LaneMath.sum(accGy);
                for (; i < cols; i++) {
                    float g = gs.getAtIndex(Tensor.FLOAT, go + base + i);
                    sg += g;
                    sgy = Math.fma(g, ys.getAtIndex(Tensor.FLOAT, yo + base + i), sgy);
                    ds.setAtIndex(Tensor.FLOAT, dxo + base + i, g / d);
                }
                long iMin = dxo + base + argMin[r], iMax = dxo + base + argMax[r];
                ds.setAtIndex(Tensor.FLOAT, iMin, ds.getAtIndex(Tensor.FLOAT, iMin) + (sgy - sg) / d);
                ds.setAtIndex(Tensor.FLOAT, iMax, ds.getAtIndex(Tensor.FLOAT, iMax) - sgy / d);
            }
        });
    }

    static int checkRows(String where, Tensor a, Tensor b, int[] argMin, int[] argMax) {
        if (a.rank() < 1 || a.dim(0) < 1) throw new IllegalArgumentException(where + ": needs at least one row, got " + a.shapeString());
        b.requireShape(where, a.shape());
        if (!a.isContiguous() || !b.isContiguous()) throw new IllegalArgumentException(where + ": tensors must be contiguous");
        int rows = a.dim(0);
        if (a.numel() / rows < 1) throw new IllegalArgumentException(where + ": rows are empty in " + a.shapeString());
        if (argMin != null && (argMin.length < rows || argMax.length < rows)) {
            throw new IllegalArgumentException(where + ": arg arrays hold " + Math.min(argMin.length, argMax.length) + " rows, need " + rows);
        }
        return rows;
    }

    /**
     * Min or max of n values (NaN wins, as with Math.min / Math.max). The operator is spelt out at each use: passed
     * in as a variable, C2 cannot compile {@code lanewise(op, ...)} to one instruction and boxes every vector.
     */
    private static float reduce(MemorySegment s, long base, int n, boolean isMin) {
        float m = s.getAtIndex(Tensor.FLOAT, base);
        int upper = S.loopBound(n), i = 0;
        if (upper > 0) {
            FloatVector acc = FloatVector.fromMemorySegment(S, s, base * Float.BYTES, LE);
            for (i = S.length(); i < upper; i += S.length()) {
                FloatVector v = FloatVector.fromMemorySegment(S, s, (base + i) * Float.BYTES, LE);
                acc = isMin ? acc.min(v) : acc.max(v);
            }
            m = isMin ? acc.reduceLanes(VectorOperators.MIN) : acc.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            float v = s.getAtIndex(Tensor.FLOAT, base + i);
            m = isMin ? Math.min(m, v) : Math.max(m, v);
        }
        return m;
    }

    /** First position holding {@code v} (a NaN matches a NaN). */
    static int firstIndexOf(MemorySegment s, long base, int n, float v) {
        if (v != v) {
            for (int i = 0; i < n; i++) if (Float.isNaN(s.getAtIndex(Tensor.FLOAT, base + i))) return i;
            return 0;
        }
        int upper = S.loopBound(n), i = 0;
        for (; i < upper; i += S.length()) {
            int k = FloatVector.fromMemorySegment(S, s, (base + i) * Float.BYTES, LE).eq(v).firstTrue();
            if (k < S.length()) return i + k;
        }
        for (; i < n; i++) if (s.getAtIndex(Tensor.FLOAT, base + i) == v) return i;
        return 0;
    }
}
