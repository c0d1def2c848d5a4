package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * 3x3 mean filter with stride 1 over the last two dimensions of [..., H, W] tensors (the SSIM window).
 *
 * <p>Padding follows PyTorch: {@link Padding#NONE} is {@code AvgPool2d(3, 1)} (output H-2 x W-2),
 * {@link Padding#ZERO} is {@code AvgPool2d(3, 1, padding=1)} with count_include_pad (always divides by 9), and
 * {@link Padding#REFLECT} is {@code ReflectionPad2d(1)} followed by {@code AvgPool2d(3, 1)}. Each output is the sum
 * of its nine taps in row-major window order, divided by 9; rows whose taps are all inside the input are vectorised
 * and the border is done one element at a time. The backward gathers, for each input element, the output
 * gradients whose windows cover it, so it needs no atomics; planes are spread over threads.
 */
public final class AvgPool3x3 {
    /** How the window treats the border. */
    public enum Padding { NONE, ZERO, REFLECT }

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private AvgPool3x3() {}

    /** Output length along one axis for an input of length {@code in}. */
    public static int outputSize(int in, Padding padding) {
        return padding == Padding.NONE ? in - 2 : in;
    }

    /** Throws unless an H x W plane can be pooled with this padding (PyTorch's own limits). */
    public static void checkInput(String where, int h, int w, Padding padding) {
        int min = switch (padding) { case NONE -> 3; case REFLECT -> 2; case ZERO -> 1; };
        if (h < min || w < min) {
            throw new IllegalArgumentException(where + ": 3x3 pooling with " + padding + " padding needs planes of at least "
                    + min + "x" + min + ", got " + h + "x" + w);
        }
    }

    /** y = mean over each 3x3 window of x; y is [..., outputSize(H), outputSize(W)]. */
    public static void forward(Padding padding, Tensor x, Tensor y) {
        int h = x.dim(-2), w = x.dim(-1);
        int planes = check("AvgPool3x3.forward", padding, x, y);
        int oh = outputSize(h, padding), ow = outputSize(w, padding);
        MemorySegment xs = x.segment(), ys = y.segment();
        long xo = x.offset(), yo = y.offset();
        int off = padding == Padding.NONE ? 0 : -1;
        Parallel.forRange(planes, Math.max(1, 4096 / (h * w)), (from, to) -> {
            for (int q = from; q < to; q++) {
                long xb = xo + (long) q * h * w, yb = yo + (long) q * oh * ow;
                for (int i = 0; i < oh; i++) {
                    boolean rowInside = i + off >= 0 && i + off + 2 <= h - 1;
                    // columns whose three taps are inside the input
                    int jLo = rowInside ? Math.max(0, -off) : ow, jHi = rowInside ? Math.min(ow, w - 2 - off) : ow;
                    for (int j = 0; j < Math.min(jLo, ow); j++) ys.setAtIndex(Tensor.FLOAT, yb + (long) i * ow + j, tap(padding, xs, xb, h, w, i + off, j + off));
                    if (jLo < jHi) boxRow(xs, xb + (long) (i + off) * w + off, w, ys, yb + (long) i * ow, jLo, jHi);
                    for (int j = Math.max(jHi, jLo); j < ow; j++) ys.setAtIndex(Tensor.FLOAT, yb + (long) i * ow + j, tap(padding, xs, xb, h, w, i + off, j + off));
                }
            }
        });
    }

    /** dx = gradient of the pooling with respect to its input, given dy; dx is overwritten. */
    public static void backward(Padding padding, Tensor dy, Tensor dx) {
        int h = dx.dim(-2), w = dx.dim(-1);
        int planes = check("AvgPool3x3.backward", padding, dx, dy);
        int oh = outputSize(h, padding), ow = outputSize(w, padding);
        MemorySegment gs = dy.segment(), ds = dx.segment();
        long go = dy.offset(), dxo = dx.offset();
        // dx[r][c] = sum of dy over the outputs whose window covers (r, c): rows r+off .. r+off+2, likewise columns
        int off = padding == Padding.NONE ? -2 : -1;
        // with reflection, rows/cols 1 and H-2 also receive the mirrored taps, so they are not "inside"
        int edge = padding == Padding.REFLECT ? 2 : 0;
        Parallel.forRange(planes, Math.max(1, 4096 / (h * w)), (from, to) -> {
            for (int q = from; q < to; q++) {
                long gb = go + (long) q * oh * ow, db = dxo + (long) q * h * w;
                for (int r = 0; r < h; r++) {
                    boolean rowInside = r + off >= 0 && r + off + 2 <= oh - 1 && r >= edge && r <= h - 1 - edge;
                    int cLo = rowInside ? Math.max(Math.max(0, -off), edge) : w;
                    int cHi = rowInside ? Math.min(Math.min(w, ow - 2 - off), w - edge) : w;
                    for (int c = 0; c < Math.min(cLo, w); c++) ds.setAtIndex(Tensor.FLOAT, db + (long) r * w + c, gradBorder(padding, gs, gb, h, w, oh, ow, r, c, off));
                    if (cLo < cHi) boxRow(gs, gb + (long) (r + off) * ow + off, ow, ds, db + (long) r * w, cLo, cHi);
                    for (int c = Math.max(cHi, cLo); c < w; c++) ds.setAtIndex(Tensor.FLOAT, db + (long) r * w + c, gradBorder(padding, gs, gb, h, w, oh, ow, r, c, off));
                }
            }
        });
    }

    private static int check(String where, Padding padding, Tensor in, Tensor out) {
        if (in.rank() < 2) throw new IllegalArgumentException(where + ": expected [..., H, W] but got " + in.shapeString());
        int h = in.dim(-2), w = in.dim(-1);
        checkInput(where, h, w, padding);
        int[] expect = in.shape();
        expect[expect.length - 2] = outputSize(h, padding);
        expect[expect.length - 1] = outputSize(w, padding);
        out.requireShape(where + " (input " + in.shapeString() + ", " + padding + " padding)", expect);
        if (!in.isContiguous() || !out.isContiguous()) throw new IllegalArgumentException(where + ": tensors must be contiguous");
        return Math.toIntExact(in.numel() / ((long) h * w));
    }

    /**
     * dst[j] = (sum over a, b in 0..2 of src[base + a*ld + j + b]) / 9 for j in [jLo, jHi), every tap in range.
     * Taps are added in row-major window order, exactly as the one-element path does.
     */
    private static void boxRow(MemorySegment src, long base, int ld, MemorySegment dst, long dstRow, int jLo, int jHi) {
        FloatVector nine = FloatVector.broadcast(S, 9f);
        int j = jLo;
        for (; j + S.length() <= jHi; j += S.length()) {
            FloatVector acc = FloatVector.zero(S);
            for (int a = 0; a < 3; a++) {
                long row = (base + (long) a * ld + j) * Float.BYTES;
                acc = acc.add(FloatVector.fromMemorySegment(S, src, row, LE));
                acc = acc.add(FloatVector.fromMemorySegment(S, src, row + Float.BYTES, LE));
                acc = acc.add(FloatVector.fromMemorySegment(S, src, row + 2L * Float.BYTES, LE));
            }
            acc.div(nine).intoMemorySegment(dst, (dstRow + j) * Float.BYTES, LE);
        }
        for (; j < jHi; j++) {
            float s = 0f;
            for (int a = 0; a < 3; a++) {
                long row = base + (long) a * ld + j;
                s += src.getAtIndex(Tensor.FLOAT, row);
                s += src.getAtIndex(Tensor.FLOAT, row + 1);
                s += src.getAtIndex(Tensor.FLOAT, row + 2);
            }
            dst.setAtIndex(Tensor.FLOAT, dstRow + j, s / 9f);
        }
    }

    /** One forward output whose window starts at input (r0, c0), possibly outside the plane. */
    private static float tap(Padding padding, MemorySegment x, long xb, int h, int w, int r0, int c0) {
        float s = 0f;
        for (int a = 0; a < 3; a++) {
            int r = padding == Padding.REFLECT ? reflect(r0 + a, h) : r0 + a;
            if (r < 0 || r >= h) continue;
            for (int b = 0; b < 3; b++) {
                int c = padding == Padding.REFLECT ? reflect(c0 + b, w) : c0 + b;
                if (c < 0 || c >= w) continue;
                s += x.getAtIndex(Tensor.FLOAT, xb + (long) r * w + c);
            }
        }
        return s / 9f;
    }

    /** One input-gradient element near the border. */
    private static float gradBorder(Padding padding, MemorySegment dy, long gb, int h, int w, int oh, int ow, int r, int c, int off) {
        // without reflection the gradient is itself a 3x3 box sum of dy with zeros outside
        return padding == Padding.REFLECT ? gradTap(padding, dy, gb, h, w, oh, ow, r, c) : tap(Padding.ZERO, dy, gb, oh, ow, r + off, c + off);
    }

    /** One input-gradient element near the border: the dy of every window covering it, times how often it covers it. */
    private static float gradTap(Padding padding, MemorySegment dy, long gb, int h, int w, int oh, int ow, int r, int c) {
        int off = padding == Padding.NONE ? 0 : -1;
        float s = 0f;
        // output i reads input rows i+off .. i+off+2; the mirrored taps (reflection) also come from this range
        for (int i = Math.max(0, r - off - 2); i <= Math.min(oh - 1, r - off); i++) {
            int ci = cover(padding, i, off, r, h);
            for (int j = Math.max(0, c - off - 2); j <= Math.min(ow - 1, c - off); j++) {
                s += (ci * cover(padding, j, off, c, w)) * dy.getAtIndex(Tensor.FLOAT, gb + (long) i * ow + j);
            }
        }
        return s / 9f;
    }

    /** How many of the taps of output {@code i} (input i+off .. i+off+2, mirrored) land on input {@code target}. */
    private static int cover(Padding padding, int i, int off, int target, int n) {
        int d = target - i - off;
        int k = d >= 0 && d <= 2 ? 1 : 0;
        // ReflectionPad2d(1): output 0's tap -1 reads 1 and output n-1's tap n reads n-2
        if (padding == Padding.REFLECT && ((i == 0 && target == 1) || (i == n - 1 && target == n - 2))) k++;
        return k;
    }

    /** ReflectionPad index: -1 -> 1 and n -> n-2 (the edge itself is not repeated). */
    static int reflect(int i, int n) {
        if (i < 0) return -i;
        if (i >= n) return 2 * (n - 1) - i;
        return i;
    }
}
