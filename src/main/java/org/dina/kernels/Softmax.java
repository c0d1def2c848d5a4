package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * Softmax, log-softmax and logsumexp over the last dimension of row-major [rows, cols] data, forward and backward,
 * numerically stable (the row maximum is subtracted before exponentiating). Rows run in parallel; each row is
 * reduced by one task in a fixed order. Exponentials come from {@link LaneMath#exp(float)} (within 2 ulp, JIT-proof). An output may be the same memory as its input. {@code SoftmaxScalar} (in the tests) holds
 * the scalar twins.
 */
public final class Softmax {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final int GRAIN = 1 << 13;

    private Softmax() {}

    private static int rowGrain(int cols) { return Math.max(1, GRAIN / Math.max(1, cols)); }

    /** y = softmax(x) row by row. */
    public static void softmax(MemorySegment x, long xOff, MemorySegment y, long yOff, int rows, int cols) {
        Parallel.forRange(rows, rowGrain(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                long xr = xOff + (long) r * cols, yr = yOff + (long) r * cols;
                float sum = expShifted(x, xr, max(x, xr, cols), y, yr, cols);
                scaleRow(y, yr, 1f / sum, cols);
            }
        });
    }

    /** y = log_softmax(x) = (x - max) - log(sum exp(x - max)), row by row. */
    public static void logSoftmax(MemorySegment x, long xOff, MemorySegment y, long yOff, int rows, int cols) {
        Parallel.forRange(rows, rowGrain(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                long xr = xOff + (long) r * cols, yr = yOff + (long) r * cols;
                float m = max(x, xr, cols);
                float logSum = (float) Math.log(sumExpShifted(x, xr, m, cols));
                shiftRow(x, xr, m, logSum, y, yr, cols);
            }
        });
    }

    /** out[r] = log(sum_j exp(x[r, j])). */
    public static void logSumExp(MemorySegment x, long xOff, MemorySegment out, long outOff, int rows, int cols) {
        Parallel.forRange(rows, rowGrain(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                long xr = xOff + (long) r * cols;
                float m = max(x, xr, cols);
                // an all -inf row has logsumexp -inf (not NaN from -inf - -inf)
                float v = m == Float.NEGATIVE_INFINITY ? m : m + (float) Math.log(sumExpShifted(x, xr, m, cols));
                out.setAtIndex(Tensor.FLOAT, outOff + r, v);
            }
        });
    }

    /** dx = y * (dy - sum_j dy_j y_j), given the softmax output y; dx may be dy. */
    public static void softmaxBackward(MemorySegment y, long yOff, MemorySegment dy, long dyOff,
                                       MemorySegment dx, long dxOff, int rows, int cols) {
        Parallel.forRange(rows, rowGrain(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                long base = (long) r * cols;
                float dot = dot(y, yOff + base, dy, dyOff + base, cols);
                FloatVector vd = FloatVector.broadcast(S, dot);
                int j = 0;
                for (int upper = S.loopBound(cols); j < upper; j += S.length()) {
                    FloatVector vy = load(y, yOff + base + j);
                    load(dy, dyOff + base + j).sub(vd).mul(vy).intoMemorySegment(dx, (dxOff + base + j) * 4, LE);
                }
                for (; j < cols; j++) put(dx, dxOff + base + j, (get(dy, dyOff + base + j) - dot) * get(y, yOff + base + j));
            }
        });
    }

    /** dx = dy - exp(y) * sum_j dy_j, given the log-softmax output y; dx may be dy. */
    public static void logSoftmaxBackward(MemorySegment y, long yOff, MemorySegment dy, long dyOff,
                                          MemorySegment dx, long dxOff, int rows, int cols) {
        Parallel.forRange(rows, rowGrain(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                long base = (long) r * cols;
                float sum = (float) Elementwise.sumContiguous(dy, dyOff + base, cols);
                FloatVector vs = FloatVector.broadcast(S, sum);
                int j = 0;
                for (int upper = S.loopBound(cols); j < upper; j += S.length()) {
                    FloatVector p = LaneMath.exp(load(y, yOff + base + j));
                    p.neg().fma(vs, load(dy, dyOff + base + j)).intoMemorySegment(dx, (dxOff + base + j) * 4, LE);
                }
                for (; j < cols; j++) {
                    float p = LaneMath.exp(get(y, yOff + base + j));
                    put(dx, dxOff + base + j, Math.fma(-p, sum, get(dy, dyOff + base + j)));
                }
            }
        });
    }

    /** dx[r, j] = dl[r] * exp(x[r, j] - lse[r]) (the softmax), given the forward input x and output lse. */
    public static void logSumExpBackward(MemorySegment x, long xOff, MemorySegment lse, long lseOff,
                                         MemorySegment dl, long dlOff, MemorySegment dx, long dxOff, int rows, int cols) {
        Parallel.forRange(rows, rowGrain(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                long base = (long) r * cols;
                float l = get(lse, lseOff + r), g = get(dl, dlOff + r);
                FloatVector vl = FloatVector.broadcast(S, l), vg = FloatVector.broadcast(S, g);
                int j = 0;
                for (int upper = S.loopBound(cols); j < upper; j += S.length()) {
                    LaneMath.exp(load(x, xOff + base + j).sub(vl)).mul(vg)
                            .intoMemorySegment(dx, (dxOff + base + j) * 4, LE);
                }
                for (; j < cols; j++) put(dx, dxOff + base + j, LaneMath.exp(get(x, xOff + base + j) - l) * g);
            }
        });
    }

    // ---------------------------------------------------------------- row helpers

    static float max(MemorySegment x, long off, int n) {
        FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) acc = acc.max(load(x, off + i));
        float m = acc.reduceLanes(VectorOperators.MAX); // max is exact in any order
        for (; i < n; i++) m = Math.max(m, get(x, off + i));
        return m;
    }

    /** Writes exp(x - m) to y and returns its sum. */
    private static float expShifted(MemorySegment x, long xOff, float m, MemorySegment y, long yOff, int n) {
        FloatVector vm = FloatVector.broadcast(S, m), acc = FloatVector.zero(S);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) {
            FloatVector e = LaneMath.exp(load(x, xOff + i).sub(vm));
            e.intoMemorySegment(y, (yOff + i) * 4, LE);
            acc = acc.add(e);
        }
        float s = LaneMath.sum(acc);
        for (; i < n; i++) {
            float e = LaneMath.exp(get(x, xOff + i) - m);
            put(y, yOff + i, e);
            s += e;
        }
        return s;
    }

    private static float sumExpShifted(MemorySegment x, long xOff, float m, int n) {
        FloatVector vm = FloatVector.broadcast(S, m), acc = FloatVector.zero(S);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) {
            acc = acc.add(LaneMath.exp(load(x, xOff + i).sub(vm)));
        }
        float s = LaneMath.sum(acc);
        for (; i < n; i++) s += LaneMath.exp(get(x, xOff + i) - m);
        return s;
    }

    private static void scaleRow(MemorySegment y, long off, float k, int n) {
        FloatVector vk = FloatVector.broadcast(S, k);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) load(y, off + i).mul(vk).intoMemorySegment(y, (off + i) * 4, LE);
        for (; i < n; i++) put(y, off + i, get(y, off + i) * k);
    }

    /** y = (x - m) - c. */
    private static void shiftRow(MemorySegment x, long xOff, float m, float c, MemorySegment y, long yOff, int n) {
        FloatVector vm = FloatVector.broadcast(S, m), vc = FloatVector.broadcast(S, c);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) {
            load(x, xOff + i).sub(vm).sub(vc).intoMemorySegment(y, (yOff + i) * 4, LE);
        }
        for (; i < n; i++) put(y, yOff + i, (get(x, xOff + i) - m) - c);
    }

    private static float dot(MemorySegment a, long aOff, MemorySegment b, long bOff, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) acc = load(a, aOff + i).fma(load(b, bOff + i), acc);
        float s = LaneMath.sum(acc);
        for (; i < n; i++) s = Math.fma(get(a, aOff + i), get(b, bOff + i), s);
        return s;
    }

    // ---------------------------------------------------------------- tensor conveniences (last dimension)

    /** y = softmax(x) over the last dimension; y may be x. */
    public static void softmax(Tensor x, Tensor y) {
        int cols = check("softmax", x, y);
        softmax(x.segment(), x.offset(), y.segment(), y.offset(), rows(x, cols), cols);
    }

    /** y = log_softmax(x) over the last dimension; y may be x. */
    public static void logSoftmax(Tensor x, Tensor y) {
        int cols = check("logSoftmax", x, y);
        logSoftmax(x.segment(), x.offset(), y.segment(), y.offset(), rows(x, cols), cols);
    }

    /** out (x's shape without its last dimension) = logsumexp of x over its last dimension. */
    public static void logSumExp(Tensor x, Tensor out) {
        int cols = x.dim(-1), rows = rows(x, cols);
        if (out.numel() != rows || !x.isContiguous() || !out.isContiguous()) {
            throw new IllegalArgumentException("Softmax.logSumExp: " + x.shapeString() + " -> " + out.shapeString()
                    + " (both contiguous, one output per row)");
        }
        logSumExp(x.segment(), x.offset(), out.segment(), out.offset(), rows, cols);
    }

    /** dx from dy and the softmax output y; dx may be dy. */
    public static void softmaxBackward(Tensor y, Tensor dy, Tensor dx) {
        int cols = check("softmaxBackward", y, dy);
        check("softmaxBackward", y, dx);
        softmaxBackward(y.segment(), y.offset(), dy.segment(), dy.offset(), dx.segment(), dx.offset(), rows(y, cols), cols);
    }

    /** dx from dy and the log-softmax output y; dx may be dy. */
    public static void logSoftmaxBackward(Tensor y, Tensor dy, Tensor dx) {
        int cols = check("logSoftmaxBackward", y, dy);
        check("logSoftmaxBackward", y, dx);
        logSoftmaxBackward(y.segment(), y.offset(), dy.segment(), dy.offset(), dx.segment(), dx.offset(), rows(y, cols), cols);
    }

    /** dx from the upstream gradient dl (one per row), the forward input x and its logsumexp lse. */
    public static void logSumExpBackward(Tensor x, Tensor lse, Tensor dl, Tensor dx) {
        int cols = check("logSumExpBackward", x, dx);
        int rows = rows(x, cols);
        if (lse.numel() != rows || dl.numel() != rows || !lse.isContiguous() || !dl.isContiguous()) {
            throw new IllegalArgumentException("Softmax.logSumExpBackward: x " + x.shapeString() + ", lse "
                    + lse.shapeString() + ", dl " + dl.shapeString());
        }
        logSumExpBackward(x.segment(), x.offset(), lse.segment(), lse.offset(), dl.segment(), dl.offset(),
                dx.segment(), dx.offset(), rows, cols);
    }

    private static int rows(Tensor x, int cols) { return cols == 0 ? 0 : Math.toIntExact(x.numel() / cols); }

    private static int check(String op, Tensor a, Tensor b) {
        if (!a.hasShape(b.shape())) {
            throw new IllegalArgumentException("Softmax." + op + ": shapes " + a.shapeString() + " and " + b.shapeString());
        }
        if (!a.isContiguous() || !b.isContiguous()) throw new IllegalArgumentException("Softmax." + op + " needs contiguous tensors");
        return a.dim(-1);
    }

    private static FloatVector load(MemorySegment s, long element) {
        return FloatVector.fromMemorySegment(S, s, element * 4, LE);
    }

    private static float get(MemorySegment s, long element) { return s.getAtIndex(Tensor.FLOAT, element); }

    private static void put(MemorySegment s, long element, float v) { s.setAtIndex(Tensor.FLOAT, element, v); }
}
