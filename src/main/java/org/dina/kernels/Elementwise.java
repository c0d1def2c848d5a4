package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * Elementwise arithmetic, bias adds and sums over one dimension, on contiguous float runs in MemorySegments
 * (Vector API). Offsets and counts are in elements. An output may be the very same memory as an input (same
 * offset), which gives the in-place variants. {@code ElementwiseScalar} (in the tests) holds the plain scalar twins.
 *
 * <p>Parallel loops split by output element; every sum runs over its reduced dimension in a fixed order, so the
 * bits do not depend on the thread count.
 */
public final class Elementwise {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Elements per parallel task: below this, handing work to another core costs more than it saves. */
    static final int GRAIN = 1 << 15;
    /**
     * Sums along a strided dimension add this many terms into a fresh partial before folding it into the total,
     * which bounds float rounding error by (BLOCK + n / BLOCK) ulps instead of n.
     */
    static final int BLOCK = 256;
    /** Contiguous sums add this many elements in float vector lanes before folding them into a double total. */
    static final int CONTIGUOUS_BLOCK = 4096;

    private Elementwise() {}

    // ---------------------------------------------------------------- binary and scaled ops

    /** out = a + b. */
    public static void add(MemorySegment a, long aOff, MemorySegment b, long bOff, MemorySegment out, long outOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> addRange(a, aOff + from, b, bOff + from, out, outOff + from, to - from));
    }

    private static void addRange(MemorySegment a, long aOff, MemorySegment b, long bOff, MemorySegment out, long outOff, int n) {
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) {
            load(a, aOff + i).add(load(b, bOff + i)).intoMemorySegment(out, (outOff + i) * 4, LE);
        }
        for (; i < n; i++) put(out, outOff + i, get(a, aOff + i) + get(b, bOff + i));
    }

    /** out = a + alpha * b, rounded once (fused multiply-add). With out == a this is BLAS axpy. */
    public static void addScaled(MemorySegment a, long aOff, float alpha, MemorySegment b, long bOff,
                                 MemorySegment out, long outOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> addScaledRange(a, aOff + from, alpha, b, bOff + from, out, outOff + from, to - from));
    }

    private static void addScaledRange(MemorySegment a, long aOff, float alpha, MemorySegment b, long bOff,
                                       MemorySegment out, long outOff, int n) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) {
            load(b, bOff + i).fma(va, load(a, aOff + i)).intoMemorySegment(out, (outOff + i) * 4, LE);
        }
        for (; i < n; i++) put(out, outOff + i, Math.fma(get(b, bOff + i), alpha, get(a, aOff + i)));
    }

    /** out = a * b. */
    public static void mul(MemorySegment a, long aOff, MemorySegment b, long bOff, MemorySegment out, long outOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> mulRange(a, aOff + from, b, bOff + from, out, outOff + from, to - from));
    }

    private static void mulRange(MemorySegment a, long aOff, MemorySegment b, long bOff, MemorySegment out, long outOff, int n) {
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) {
            load(a, aOff + i).mul(load(b, bOff + i)).intoMemorySegment(out, (outOff + i) * 4, LE);
        }
        for (; i < n; i++) put(out, outOff + i, get(a, aOff + i) * get(b, bOff + i));
    }

    /** out = alpha * x. */
    public static void scale(float alpha, MemorySegment x, long xOff, MemorySegment out, long outOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> scaleRange(alpha, x, xOff + from, out, outOff + from, to - from));
    }

    private static void scaleRange(float alpha, MemorySegment x, long xOff, MemorySegment out, long outOff, int n) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) {
            load(x, xOff + i).mul(va).intoMemorySegment(out, (outOff + i) * 4, LE);
        }
        for (; i < n; i++) put(out, outOff + i, get(x, xOff + i) * alpha);
    }

    // ---------------------------------------------------------------- bias adds

    /** NCHW per-channel bias: out[b, c, s] = x[b, c, s] + bias[c] for spatial positions s. */
    public static void addBiasChannels(MemorySegment x, long xOff, MemorySegment bias, long biasOff,
                                       MemorySegment out, long outOff, int batch, int channels, int spatial) {
        int planes = batch * channels;
        Parallel.forRange(planes, Math.max(1, GRAIN / Math.max(1, spatial)), (from, to) -> {
            for (int p = from; p < to; p++) {
                long base = (long) p * spatial;
                addConstantRange(x, xOff + base, get(bias, biasOff + p % channels), out, outOff + base, spatial);
            }
        });
    }

    private static void addConstantRange(MemorySegment x, long xOff, float c, MemorySegment out, long outOff, int n) {
        FloatVector vc = FloatVector.broadcast(S, c);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) {
            load(x, xOff + i).add(vc).intoMemorySegment(out, (outOff + i) * 4, LE);
        }
        for (; i < n; i++) put(out, outOff + i, get(x, xOff + i) + c);
    }

    /** Bias over the last dimension: out[r, j] = x[r, j] + bias[j]. */
    public static void addBiasLastDim(MemorySegment x, long xOff, MemorySegment bias, long biasOff,
                                      MemorySegment out, long outOff, int rows, int cols) {
        Parallel.forRange(rows, Math.max(1, GRAIN / Math.max(1, cols)), (from, to) -> {
            for (int r = from; r < to; r++) {
                long base = (long) r * cols;
                addRange(x, xOff + base, bias, biasOff, out, outOff + base, cols);
            }
        });
    }

    // ---------------------------------------------------------------- sums

    /**
     * Sum over the middle dimension of x viewed as [outer, d, inner]: out[o, i] (+)= sum_k x[o, k, i].
     * With {@code accumulate} the sums are added to what {@code out} holds (gradients accumulate).
     */
    public static void sumMiddle(MemorySegment x, long xOff, int outer, int d, int inner,
                                 MemorySegment out, long outOff, boolean accumulate) {
        if (inner == 1) {
            Parallel.forRange(outer, Math.max(1, GRAIN / Math.max(1, d)), (from, to) -> {
                for (int o = from; o < to; o++) {
                    float s = (float) sumContiguous(x, xOff + (long) o * d, d);
                    put(out, outOff + o, accumulate ? get(out, outOff + o) + s : s);
                }
            });
            return;
        }
        // outputs are split into column blocks of whole vectors so each output column has exactly one owner
        int blocksPerRow = (inner + S.length() - 1) / S.length();
        int tasks = outer * blocksPerRow;
        long workPerTask = (long) d * Math.min(inner, S.length());
        Parallel.forRange(tasks, (int) Math.max(1, GRAIN / Math.max(1, workPerTask)), (from, to) -> {
            for (int t = from; t < to; t++) {
                int o = t / blocksPerRow, j0 = (t % blocksPerRow) * S.length();
                int width = Math.min(S.length(), inner - j0);
                sumStridedColumns(x, xOff + (long) o * d * inner + j0, d, inner, width,
                        out, outOff + (long) o * inner + j0, accumulate);
            }
        });
    }

    /**
     * Sums {@code rows} rows (row stride {@code ld}) of a block of {@code width <= S.length()} columns, in row order per
     * column, blocked by {@link #BLOCK} rows.
     */
    static void sumStridedColumns(MemorySegment x, long xOff, int rows, long ld, int width,
                                  MemorySegment out, long outOff, boolean accumulate) {
        if (width == S.length()) {
            FloatVector total = FloatVector.zero(S);
            for (int r0 = 0; r0 < rows; r0 += BLOCK) {
                FloatVector part = FloatVector.zero(S);
                for (int r = r0, r1 = Math.min(rows, r0 + BLOCK); r < r1; r++) part = part.add(load(x, xOff + r * ld));
                total = total.add(part);
            }
            if (accumulate) total = total.add(load(out, outOff));
            total.intoMemorySegment(out, outOff * 4, LE);
            return;
        }
        for (int j = 0; j < width; j++) {
            float total = 0f;
            for (int r0 = 0; r0 < rows; r0 += BLOCK) {
                float part = 0f;
                for (int r = r0, r1 = Math.min(rows, r0 + BLOCK); r < r1; r++) part += get(x, xOff + r * ld + j);
                total += part;
            }
            put(out, outOff + j, accumulate ? get(out, outOff + j) + total : total);
        }
    }

    /**
     * Per-channel sum of NCHW data (the bias gradient of a convolution): out[c] (+)= sum over batch and spatial
     * positions of x[b, c, s]. Each plane is summed in float vector lanes, planes are combined in double.
     */
    public static void sumPerChannel(MemorySegment x, long xOff, int batch, int channels, int spatial,
                                     MemorySegment out, long outOff, boolean accumulate) {
        long perChannel = (long) batch * spatial;
        Parallel.forRange(channels, (int) Math.max(1, GRAIN / Math.max(1, perChannel)), (from, to) -> {
            for (int c = from; c < to; c++) {
                double s = 0;
                for (int b = 0; b < batch; b++) s += sumContiguous(x, xOff + ((long) b * channels + c) * spatial, spatial);
                float v = (float) s;
                put(out, outOff + c, accumulate ? get(out, outOff + c) + v : v);
            }
        });
    }

    /**
     * Sum of n contiguous floats: vector lanes within blocks of {@link #CONTIGUOUS_BLOCK} elements, blocks added in
     * double, so long rows do not drift.
     */
    static double sumContiguous(MemorySegment x, long off, int n) {
        double total = 0;
        for (int b0 = 0; b0 < n; b0 += CONTIGUOUS_BLOCK) {
            int end = Math.min(n, b0 + CONTIGUOUS_BLOCK), i = b0;
            FloatVector acc = FloatVector.zero(S);
            for (int upper = b0 + S.loopBound(end - b0); i < upper; i += S.length()) acc = acc.add(load(x, off + i));
            float s = LaneMath.sum(acc);
            for (; i < end; i++) s += get(x, off + i);
            total += s;
        }
        return total;
    }

    /** Sum of (x - m)^2 over n contiguous floats, blocked like {@link #sumContiguous}. */
    static double sumSquaredDeviation(MemorySegment x, long off, float m, int n) {
        FloatVector vm = FloatVector.broadcast(S, m);
        double total = 0;
        for (int b0 = 0; b0 < n; b0 += CONTIGUOUS_BLOCK) {
            int end = Math.min(n, b0 + CONTIGUOUS_BLOCK), i = b0;
            FloatVector acc = FloatVector.zero(S);
            for (int upper = b0 + S.loopBound(end - b0); i < upper; i += S.length()) {
                FloatVector d = load(x, off + i).sub(vm);
                acc = d.fma(d, acc);
            }
            float s = LaneMath.sum(acc);
            for (; i < end; i++) {
                float d = get(x, off + i) - m;
                s = Math.fma(d, d, s);
            }
            total += s;
        }
        return total;
    }

    // ---------------------------------------------------------------- tensor conveniences

    /** out = a + b (same element count, all contiguous; out may be a or b). */
    public static void add(Tensor a, Tensor b, Tensor out) {
        int n = sameCount("add", a, b, out);
        add(a.segment(), a.offset(), b.segment(), b.offset(), out.segment(), out.offset(), n);
    }

    /** Sum of all elements of a contiguous tensor (float lanes in blocks, blocks added in double; one thread). */
    public static double sum(Tensor x) {
        requireContiguous("sum", x, x);
        return sumContiguous(x.segment(), x.offset(), Math.toIntExact(x.numel()));
    }

    /** Sum of squares of all elements of a contiguous tensor, blocked like {@link #sum(Tensor)}. */
    public static double sumOfSquares(Tensor x) {
        requireContiguous("sumOfSquares", x, x);
        return sumSquaredDeviation(x.segment(), x.offset(), 0f, Math.toIntExact(x.numel()));
    }

    /** y += x. */
    public static void addInPlace(Tensor y, Tensor x) { add(y, x, y); }

    /** y += alpha * x (BLAS axpy). */
    public static void axpy(float alpha, Tensor x, Tensor y) {
        int n = sameCount("axpy", x, y, y);
        addScaled(y.segment(), y.offset(), alpha, x.segment(), x.offset(), y.segment(), y.offset(), n);
    }

    /** out = a + alpha * b. */
    public static void addScaled(Tensor a, float alpha, Tensor b, Tensor out) {
        int n = sameCount("addScaled", a, b, out);
        addScaled(a.segment(), a.offset(), alpha, b.segment(), b.offset(), out.segment(), out.offset(), n);
    }

    /** out = a * b. */
    public static void mul(Tensor a, Tensor b, Tensor out) {
        int n = sameCount("mul", a, b, out);
        mul(a.segment(), a.offset(), b.segment(), b.offset(), out.segment(), out.offset(), n);
    }

    /** y *= x. */
    public static void mulInPlace(Tensor y, Tensor x) { mul(y, x, y); }

    /** out = alpha * x. */
    public static void scale(float alpha, Tensor x, Tensor out) {
        int n = sameCount("scale", x, x, out);
        scale(alpha, x.segment(), x.offset(), out.segment(), out.offset(), n);
    }

    /** x *= alpha. */
    public static void scaleInPlace(float alpha, Tensor x) { scale(alpha, x, x); }

    /** out = x + bias[c] for x of shape [N, C, ...] (NCHW) and bias of shape [C]; out may be x. */
    public static void addBiasChannels(Tensor x, Tensor bias, Tensor out) {
        if (x.rank() < 2 || bias.numel() != x.dim(1)) {
            throw new IllegalArgumentException("Elementwise.addBiasChannels: bias " + bias.shapeString()
                    + " does not match the channels of " + x.shapeString());
        }
        checkBias("addBiasChannels", x, bias, out);
        addBiasChannels(x.segment(), x.offset(), bias.segment(), bias.offset(), out.segment(), out.offset(),
                x.dim(0), x.dim(1), (int) (x.numel() / ((long) x.dim(0) * x.dim(1))));
    }

    /** out = x + bias over the last dimension; out may be x. */
    public static void addBiasLastDim(Tensor x, Tensor bias, Tensor out) {
        if (x.rank() < 1 || bias.numel() != x.dim(-1)) {
            throw new IllegalArgumentException("Elementwise.addBiasLastDim: bias " + bias.shapeString()
                    + " does not match the last dimension of " + x.shapeString());
        }
        checkBias("addBiasLastDim", x, bias, out);
        int cols = x.dim(-1);
        addBiasLastDim(x.segment(), x.offset(), bias.segment(), bias.offset(), out.segment(), out.offset(),
                cols == 0 ? 0 : (int) (x.numel() / cols), cols);
    }

    /**
     * Sum over dimension {@code dim}: out has x's shape without that dimension (its element count is what is
     * checked). With {@code accumulate} the sums are added to out.
     */
    public static void sumDim(Tensor x, int dim, Tensor out, boolean accumulate) {
        int r = x.rank();
        int d = dim < 0 ? r + dim : dim;
        if (d < 0 || d >= r) throw new IllegalArgumentException("Elementwise.sumDim: dim " + dim + " of " + x.shapeString());
        long outer = 1, inner = 1;
        for (int i = 0; i < d; i++) outer *= x.dim(i);
        for (int i = d + 1; i < r; i++) inner *= x.dim(i);
        if (outer * inner != out.numel()) {
            throw new IllegalArgumentException("Elementwise.sumDim: summing dim " + d + " of " + x.shapeString()
                    + " cannot fill " + out.shapeString());
        }
        requireContiguous("sumDim", x, out);
        sumMiddle(x.segment(), x.offset(), (int) outer, x.dim(d), (int) inner, out.segment(), out.offset(), accumulate);
    }

    /** Sum over all leading dimensions into the last (the bias gradient of a Linear layer). */
    public static void sumToLastDim(Tensor x, Tensor out, boolean accumulate) {
        int cols = x.dim(-1);
        if (out.numel() != cols) {
            throw new IllegalArgumentException("Elementwise.sumToLastDim: " + x.shapeString() + " into " + out.shapeString());
        }
        requireContiguous("sumToLastDim", x, out);
        sumMiddle(x.segment(), x.offset(), 1, cols == 0 ? 0 : (int) (x.numel() / cols), cols, out.segment(), out.offset(), accumulate);
    }

    /** Per-channel sum of [N, C, ...] data into out of C elements (the bias gradient of a convolution). */
    public static void sumPerChannel(Tensor x, Tensor out, boolean accumulate) {
        if (x.rank() < 2 || out.numel() != x.dim(1)) {
            throw new IllegalArgumentException("Elementwise.sumPerChannel: " + x.shapeString() + " into " + out.shapeString());
        }
        requireContiguous("sumPerChannel", x, out);
        sumPerChannel(x.segment(), x.offset(), x.dim(0), x.dim(1), (int) (x.numel() / ((long) x.dim(0) * x.dim(1))),
                out.segment(), out.offset(), accumulate);
    }

    // ---------------------------------------------------------------- helpers

    private static int sameCount(String op, Tensor a, Tensor b, Tensor out) {
        if (a.numel() != out.numel() || b.numel() != a.numel()) {
            throw new IllegalArgumentException("Elementwise." + op + ": shapes " + a.shapeString() + ", "
                    + b.shapeString() + " -> " + out.shapeString());
        }
        requireContiguous(op, a, b);
        requireContiguous(op, out, out);
        return Math.toIntExact(a.numel());
    }

    private static void checkBias(String op, Tensor x, Tensor bias, Tensor out) {
        if (x.numel() != out.numel()) {
            throw new IllegalArgumentException("Elementwise." + op + ": " + x.shapeString() + " -> " + out.shapeString());
        }
        requireContiguous(op, x, bias);
        requireContiguous(op, out, out);
    }

    private static void requireContiguous(String op, Tensor a, Tensor b) {
        if (!a.isContiguous() || !b.isContiguous()) {
            throw new IllegalArgumentException("Elementwise." + op + " needs contiguous tensors, got "
                    + a.shapeString() + " and " + b.shapeString());
        }
    }

    static FloatVector load(MemorySegment s, long element) {
        return FloatVector.fromMemorySegment(S, s, element * 4, LE);
    }

    static float get(MemorySegment s, long element) { return s.getAtIndex(Tensor.FLOAT, element); }

    static void put(MemorySegment s, long element, float v) { s.setAtIndex(Tensor.FLOAT, element, v); }
}
