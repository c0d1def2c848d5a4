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
 * of its nine taps in row-major window order, divided by 9. Each plane is first copied into a padded per-thread
 * scratch plane, so every output row is a plain vectorised box row with no border cases. The backward gathers: the
 * gradient of each padded input element is the box sum of the zero-padded dy around it (no atomics), and for
 * REFLECT the mirrored border is then folded back onto the rows and columns it copies. Planes are spread over
 * threads; each plane's arithmetic is the same whatever the thread count.
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
        Parallel.forRange(planes, Math.max(1, 4096 / (h * w)), (from, to) -> {
            if (padding == Padding.NONE) {
                for (int q = from; q < to; q++) {
                    long xb = xo + (long) q * h * w, yb = yo + (long) q * oh * ow;
                    for (int i = 0; i < oh; i++) boxRow(xs, xb + (long) i * w, w, ys, yb + (long) i * ow, 0, ow);
                }
                return;
            }
            // copy each plane into a padded scratch plane, so that every output row is one vectorised box row
            MemorySegment pad = Scratch.padded((h + 2) * (w + 2));
            for (int q = from; q < to; q++) {
                fillPadded(padding, xs, xo + (long) q * h * w, h, w, pad, 1);
                long yb = yo + (long) q * oh * ow;
                for (int i = 0; i < oh; i++) boxRow(pad, (long) i * (w + 2), w + 2, ys, yb + (long) i * ow, 0, ow);
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
        // the gradient of each element of the pooled input (the padded plane, for REFLECT) is the box sum of dy
        // around it, with dy zero-padded so that the box stays inside: by 2 for NONE and REFLECT, by 1 for ZERO
        // (whose padding taps are zeros that need no gradient). That gradient plane is gh x gw: dx itself, except
        // for REFLECT, where its mirrored border is then folded back onto the rows and columns it copies.
        boolean reflect = padding == Padding.REFLECT;
        int border = padding == Padding.ZERO ? 1 : 2;
        int pw = ow + 2 * border, gh = oh + 2 * border - 2, gw = pw - 2;
        Parallel.forRange(planes, Math.max(1, 4096 / (h * w)), (from, to) -> {
            MemorySegment pad = Scratch.padded((oh + 2 * border) * pw);
            MemorySegment grad = reflect ? Scratch.folded(gh * gw) : null;
            for (int q = from; q < to; q++) {
                fillPadded(Padding.ZERO, gs, go + (long) q * oh * ow, oh, ow, pad, border);
                long db = dxo + (long) q * h * w;
                MemorySegment out = reflect ? grad : ds;
                long outBase = reflect ? 0 : db;
                for (int r = 0; r < gh; r++) boxRow(pad, (long) r * pw, pw, out, outBase + (long) r * gw, 0, gw);
                if (reflect) foldReflection(grad, h, w, ds, db);
            }
        });
    }

    /**
     * Writes the h x w plane at {@code src} into {@code pad}, an (h + 2b) x (w + 2b) plane, with a border of
     * {@code b} zeros or (b = 1 only) a mirror border as ReflectionPad2d(1).
     */
    private static void fillPadded(Padding padding, MemorySegment src, long srcBase, int h, int w, MemorySegment pad, int b) {
        int pw = w + 2 * b;
        boolean zero = padding == Padding.ZERO;
        if (zero) {
            pad.asSlice(0, (long) b * pw * Float.BYTES).fill((byte) 0);
            pad.asSlice((long) (h + b) * pw * Float.BYTES, (long) b * pw * Float.BYTES).fill((byte) 0);
        }
        for (int r = 0; r < h; r++) {
            long row = (long) (r + b) * pw;
            MemorySegment.copy(src, (srcBase + (long) r * w) * Float.BYTES, pad, (row + b) * Float.BYTES, (long) w * Float.BYTES);
            for (int k = 0; k < b; k++) {
                pad.setAtIndex(Tensor.FLOAT, row + k, zero ? 0f : pad.getAtIndex(Tensor.FLOAT, row + 2));
                pad.setAtIndex(Tensor.FLOAT, row + b + w + k, zero ? 0f : pad.getAtIndex(Tensor.FLOAT, row + w - 1));
            }
        }
        if (!zero) {
            // padded row 0 mirrors input row 1 (padded row 2); padded row h + 1 mirrors input row h - 2 (padded row h - 1)
            MemorySegment.copy(pad, 2L * pw * Float.BYTES, pad, 0, (long) pw * Float.BYTES);
            MemorySegment.copy(pad, (long) (h - 1) * pw * Float.BYTES, pad, (long) (h + 1) * pw * Float.BYTES, (long) pw * Float.BYTES);
        }
    }

    /**
     * dx = the gradient of the (h + 2) x (w + 2) reflect-padded input with the mirror copies added back onto the
     * rows and columns they copy (padded row 0 onto input row 1, row h + 1 onto row h - 2; likewise columns).
     */
    private static void foldReflection(MemorySegment g, int h, int w, MemorySegment dx, long db) {
        int gw = w + 2;
        for (int c = 0; c < gw; c++) {
            add(g, 2L * gw + c, g.getAtIndex(Tensor.FLOAT, c));
            add(g, (long) (h - 1) * gw + c, g.getAtIndex(Tensor.FLOAT, (long) (h + 1) * gw + c));
        }
        for (int r = 1; r <= h; r++) {
            long row = (long) r * gw;
            add(g, row + 2, g.getAtIndex(Tensor.FLOAT, row));
            add(g, row + w - 1, g.getAtIndex(Tensor.FLOAT, row + w + 1));
            MemorySegment.copy(g, (row + 1) * Float.BYTES, dx, (db + (long) (r - 1) * w) * Float.BYTES, (long) w * Float.BYTES);
        }
    }

    private static void add(MemorySegment s, long i, float v) {
        s.setAtIndex(Tensor.FLOAT, i, s.getAtIndex(Tensor.FLOAT, i) + v);
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

    /** Per-thread scratch planes, grown on demand and reused, so warm calls allocate nothing. */
    private static final class Scratch {
        private static final ThreadLocal<MemorySegment[]> LOCAL = ThreadLocal.withInitial(() -> new MemorySegment[2]);

        static MemorySegment padded(long floats) { return get(0, floats); }

        static MemorySegment folded(long floats) { return get(1, floats); }

        private static MemorySegment get(int slot, long floats) {
            MemorySegment[] s = LOCAL.get();
            if (s[slot] == null || s[slot].byteSize() < floats * Float.BYTES) {
                s[slot] = java.lang.foreign.Arena.ofAuto().allocate(floats * Float.BYTES, Tensor.ALIGNMENT);
            }
            return s[slot];
        }
    }
}
