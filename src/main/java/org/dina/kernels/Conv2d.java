package org.dina.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * 2-D convolution on NCHW float32 tensors with PyTorch semantics: weight [Cout, Cin/groups, kh, kw], optional bias
 * [Cout], stride, zero padding and groups. Forward, gradient with respect to the input, and accumulation of the
 * weight and bias gradients.
 *
 * <p>Three paths: a 1x1 stride-1 convolution is one GEMM per sample; a depthwise convolution (one input channel per
 * group) with stride 1 is a direct Vector API kernel ({@link Conv2dDepthwise}); everything else lowers each sample
 * to an im2col matrix ({@link Conv2dLowering}) and calls {@link Gemm#gemm}. Forward and input gradient run in
 * parallel over samples (or planes). The weight gradient of a 1x1 convolution sums one GEMM per sample into partial
 * sums over a fixed number of sample groups, added in order; the others stack samples along the GEMM's k dimension
 * in chunks fixed by the shape and let Gemm split its output. No call ever depends on the thread count, so results
 * are bit-identical for any thread count. The plain-loop reference is {@code Conv2dScalar} (in the tests).
 */
public final class Conv2d {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /**
     * Groups of samples whose weight-gradient contributions a 1x1 convolution sums separately before adding them in
     * order: enough for every core of a small machine to take whole groups, few enough that the partial sums
     * (one dW each) stay small. Fixed, so the bits depend on the batch size alone.
     */
    static final int SAMPLE_GROUPS = 8;

    /**
     * Upper bound (floats) of the weight-gradient workspace holding the stacked operands of a chunk of samples.
     * Not final only so that tests can force chunks of one sample.
     */
    static volatile long weightWorkspaceFloats = 1L << 21;

    private Conv2d() {}

    /** Geometry of a convolution (everything but the batch and the input's spatial size). */
    public record Spec(int cin, int cout, int kh, int kw, int sh, int sw, int ph, int pw, int groups) {
        public Spec {
            if (cin < 1 || cout < 1 || kh < 1 || kw < 1 || sh < 1 || sw < 1 || ph < 0 || pw < 0 || groups < 1) {
                throw new IllegalArgumentException("Conv2d.Spec: invalid " + describe(cin, cout, kh, kw, sh, sw, ph, pw, groups));
            }
            if (cin % groups != 0 || cout % groups != 0) {
                throw new IllegalArgumentException("Conv2d.Spec: groups must divide cin and cout, got "
                        + describe(cin, cout, kh, kw, sh, sw, ph, pw, groups));
            }
        }

        /** Square kernel, equal stride and padding in both directions. */
        public static Spec of(int cin, int cout, int kernel, int stride, int padding, int groups) {
            return new Spec(cin, cout, kernel, kernel, stride, stride, padding, padding, groups);
        }

        public int outH(int h) { return Math.floorDiv(h + 2 * ph - kh, sh) + 1; }

        public int outW(int w) { return Math.floorDiv(w + 2 * pw - kw, sw) + 1; }

        public int cinPerGroup() { return cin / groups; }

        public int coutPerGroup() { return cout / groups; }

        /** Length of one group's receptive field: (Cin/groups) * kh * kw, the fan-in of an output. */
        public int patch() { return cinPerGroup() * kh * kw; }

        public int[] weightShape() { return new int[] {cout, cinPerGroup(), kh, kw}; }

        public int[] outputShape(int batch, int h, int w) { return new int[] {batch, cout, outH(h), outW(w)}; }

        /** Multiply-adds times two of one forward pass: 2 * B * Cout * Hout * Wout * (Cin/groups) * kh * kw. */
        public long flops(int batch, int h, int w) {
            return 2L * batch * cout * outH(h) * outW(w) * patch();
        }

        /** A 1x1, stride-1, unpadded convolution: each sample is exactly W * X. */
        public boolean isPointwise() { return kh == 1 && kw == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0; }

        /** One input channel per group with stride 1: handled by the direct depthwise kernel. */
        public boolean isDirectDepthwise() { return cinPerGroup() == 1 && sh == 1 && sw == 1; }

        @Override
        public String toString() { return describe(cin, cout, kh, kw, sh, sw, ph, pw, groups); }

        private static String describe(int cin, int cout, int kh, int kw, int sh, int sw, int ph, int pw, int groups) {
            return "conv " + cin + "->" + cout + " kernel " + kh + "x" + kw + " stride " + sh + "x" + sw
                    + " padding " + ph + "x" + pw + " groups " + groups;
        }
    }

    /** The shape of one call: spec, batch and spatial sizes. */
    record Geom(Spec s, int n, int h, int w, int ho, int wo) {
        int hw() { return ho * wo; }
        long xPlane() { return (long) s.cin() * h * w; }
        long yPlane() { return (long) s.cout() * ho * wo; }
        /** Rows of a sample's im2col matrix over all groups: Cin * kh * kw. */
        int colRows() { return s.cin() * s.kh() * s.kw(); }
        /** The zero-padded copy of one input sample that im2col reads. */
        Conv2dLowering.Padded padded() { return new Conv2dLowering.Padded(s.cin(), h, w, s.ph(), s.pw()); }
    }

    // ------------------------------------------------------------------------------------------------ public API

    /** y = conv(x, w) + bias; x [N, Cin, H, W], y [N, Cout, Hout, Wout] (overwritten); bias may be null. */
    public static void forward(Spec s, Tensor x, Tensor w, Tensor bias, Tensor y) {
        Geom g = geometry("forward", s, x, w, bias);
        requireShape("forward", "y", y, s.outputShape(g.n, g.h, g.w));
        if (s.isDirectDepthwise()) Conv2dDepthwise.forward(g, x, w, bias, y);
        else gemmForward(g, x, w, bias, y);
    }

    /** dx = dL/dx given dy = dL/dy (dx is overwritten). */
    public static void backwardInput(Spec s, Tensor dy, Tensor w, Tensor dx) {
        Geom g = geometry("backwardInput", s, dx, w, null);
        requireShape("backwardInput", "dy", dy, s.outputShape(g.n, g.h, g.w));
        if (s.isDirectDepthwise()) Conv2dDepthwise.backwardInput(g, dy, w, dx);
        else gemmBackwardInput(g, dy, w, dx);
    }

    /** dw += dL/dw and, when db is not null, db += dL/db, given the forward input x and dy = dL/dy. */
    public static void backwardWeight(Spec s, Tensor x, Tensor dy, Tensor dw, Tensor db) {
        Geom g = geometry("backwardWeight", s, x, dw, db);
        requireShape("backwardWeight", "dy", dy, s.outputShape(g.n, g.h, g.w));
        if (s.isDirectDepthwise()) Conv2dDepthwise.backwardWeight(g, x, dy, dw, db);
        else if (s.isPointwise()) pointwiseBackwardWeight(g, x, dy, dw, db);
        else gemmBackwardWeight(g, x, dy, dw, db);
    }

    private static Geom geometry(String op, Spec s, Tensor x, Tensor w, Tensor bias) {
        if (x.rank() != 4 || x.dim(1) != s.cin()) {
            throw new IllegalArgumentException("Conv2d." + op + " (" + s + "): input must be [N, " + s.cin()
                    + ", H, W] but is " + x.shapeString());
        }
        requireContiguous(op, "input", x);
        requireShape(op, "weight", w, s.weightShape());
        if (bias != null) requireShape(op, "bias", bias, s.cout());
        int ho = s.outH(x.dim(2)), wo = s.outW(x.dim(3));
        if (ho < 1 || wo < 1) {
            throw new IllegalArgumentException("Conv2d." + op + " (" + s + "): input " + x.shapeString()
                    + " is smaller than the kernel");
        }
        return new Geom(s, x.dim(0), x.dim(2), x.dim(3), ho, wo);
    }

    private static void requireShape(String op, String what, Tensor t, int... shape) {
        if (!t.hasShape(shape)) {
            throw new IllegalArgumentException("Conv2d." + op + ": " + what + " must be " + Arrays.toString(shape)
                    + " but is " + t.shapeString());
        }
        requireContiguous(op, what, t);
    }

    private static void requireContiguous(String op, String what, Tensor t) {
        if (!t.isContiguous()) throw new IllegalArgumentException("Conv2d." + op + ": " + what + " " + t.shapeString() + " must be contiguous");
    }

    // ------------------------------------------------------------------------------------------------ GEMM path

    /** Per sample: y_b = W * im2col(x_b) + bias per group (x_b itself when pointwise). */
    private static void gemmForward(Geom g, Tensor x, Tensor w, Tensor bias, Tensor y) {
        Spec s = g.s;
        int hw = g.hw(), k = s.patch(), mg = s.coutPerGroup(), cols = g.colRows();
        MemorySegment xs = x.segment(), ws = w.segment(), ys = y.segment();
        long xo = x.offset(), wo = w.offset(), yo = y.offset();
        boolean pointwise = s.isPointwise();
        Conv2dLowering.Padded pd = g.padded();
        Parallel.forRange(g.n, 1, (from, to) -> {
            Scratch sc = Scratch.get();
            MemorySegment col = pointwise ? null : sc.segment(Scratch.COL, (long) cols * hw);
            float[] xp = pointwise ? null : sc.array(Scratch.XPAD, pd.size());
            int[] strideMap = sc.strideMap(s.sw());
            for (int b = from; b < to; b++) {
                long xb = xo + b * g.xPlane(), yb = yo + b * g.yPlane();
                if (!pointwise) {
                    Conv2dLowering.pad(xs, xb, pd, xp);
                    Conv2dLowering.im2col(xp, pd, s, g.ho, g.wo, col, hw, 0, strideMap);
                }
                for (int grp = 0; grp < s.groups(); grp++) {
                    long wg = wo + (long) grp * mg * k, xg = (pointwise ? xb : 0) + (long) grp * k * hw, yg = yb + (long) grp * mg * hw;
                    MemorySegment source = pointwise ? xs : col;
                    if (bias == null) {
                        Gemm.gemm(false, false, mg, hw, k, 1f, ws, wg, k, source, xg, hw, 0f, ys, yg, hw);
                    } else {
                        Gemm.gemmWithRowBias(false, false, mg, hw, k, 1f, ws, wg, k, source, xg, hw,
                                bias.segment(), bias.offset() + (long) grp * mg, ys, yg, hw);
                    }
                }
            }
        });
    }

    /** Per sample: dcol = W^T * dy_b per group, then dx_b = col2im(dcol) (dx_b = dcol when pointwise). */
    private static void gemmBackwardInput(Geom g, Tensor dy, Tensor w, Tensor dx) {
        Spec s = g.s;
        int hw = g.hw(), k = s.patch(), mg = s.coutPerGroup(), cols = g.colRows();
        MemorySegment dys = dy.segment(), ws = w.segment(), dxs = dx.segment();
        long dyo = dy.offset(), wo = w.offset(), dxo = dx.offset();
        boolean pointwise = s.isPointwise();
        Conv2dLowering.Padded pd = g.padded();
        Parallel.forRange(g.n, 1, (from, to) -> {
            Scratch sc = Scratch.get();
            MemorySegment dcol = pointwise ? null : sc.segment(Scratch.COL, (long) cols * hw);
            float[] dxp = pointwise ? null : sc.array(Scratch.XPAD, pd.size());
            for (int b = from; b < to; b++) {
                long dyb = dyo + b * g.yPlane(), dxb = dxo + b * g.xPlane();
                for (int grp = 0; grp < s.groups(); grp++) {
                    Gemm.gemm(true, false, k, hw, mg, 1f, ws, wo + (long) grp * mg * k, k,
                            dys, dyb + (long) grp * mg * hw, hw, 0f,
                            pointwise ? dxs : dcol, (pointwise ? dxb : 0) + (long) grp * k * hw, hw);
                }
                if (!pointwise) {
                    Conv2dLowering.col2im(dcol, pd, s, g.ho, g.wo, dxp);
                    Conv2dLowering.unpad(dxp, pd, dxs, dxb);
                }
            }
        });
    }

    /**
     * dW += sum over samples of dy_b * x_b^T for a 1x1 convolution, reading dy and x where they lie: one GEMM per
     * sample and group, x_b as a transposed B (the GEMM's packing transposes each element once), summed into one
     * partial dW per group of samples. The groups are fixed by the batch size ({@link #SAMPLE_GROUPS}), threads take
     * whole groups, and the partials are added in group order, so the bits do not depend on the thread count. The
     * stacked form below copied dy and transposed x into a workspace first and let both threads pack B again: 8% of
     * a joint training step went to that transpose (issue 10).
     */
    private static void pointwiseBackwardWeight(Geom g, Tensor x, Tensor dy, Tensor dw, Tensor db) {
        Spec s = g.s;
        int hw = g.hw(), kg = s.cinPerGroup(), mg = s.coutPerGroup(), sampleGroups = Math.min(g.n, SAMPLE_GROUPS);
        MemorySegment xs = x.segment(), dys = dy.segment();
        long xo = x.offset(), dyo = dy.offset(), size = (long) s.cout() * kg;
        MemorySegment partials = Scratch.get().segment(Scratch.ACC, sampleGroups * size);
        Parallel.forRange(sampleGroups, 1, (from, to) -> {
            for (int q = from; q < to; q++) {
                int first = (int) ((long) g.n * q / sampleGroups), end = (int) ((long) g.n * (q + 1) / sampleGroups);
                for (int b = first; b < end; b++) {
                    long xb = xo + b * g.xPlane(), dyb = dyo + b * g.yPlane();
                    for (int grp = 0; grp < s.groups(); grp++) {
                        Gemm.gemm(false, true, mg, kg, hw, 1f, dys, dyb + (long) grp * mg * hw, hw,
                                xs, xb + (long) grp * kg * hw, hw, b == first ? 0f : 1f, partials, q * size + (long) grp * mg * kg, kg);
                    }
                }
            }
        });
        addPartialsInOrder(partials, sampleGroups, size, dw);
        if (db != null) accumulateBiasGrad(g, dy, db);
    }

    /** dw += (((p_0 + p_1) + p_2) + ...) over the {@code count} partial sums of {@code size} floats each. */
    private static void addPartialsInOrder(MemorySegment partials, int count, long size, Tensor dw) {
        MemorySegment dws = dw.segment();
        long dwo = dw.offset();
        Parallel.forRange(Math.toIntExact(size), 4096, (from, to) -> {
            int i = from;
            for (int upper = from + S.loopBound(to - from); i < upper; i += L) {
                FloatVector sum = FloatVector.fromMemorySegment(S, partials, (long) i * 4, LE);
                for (int q = 1; q < count; q++) sum = sum.add(FloatVector.fromMemorySegment(S, partials, (q * size + i) * 4, LE));
                FloatVector.fromMemorySegment(S, dws, (dwo + i) * 4, LE).add(sum).intoMemorySegment(dws, (dwo + i) * 4, LE);
            }
            for (; i < to; i++) {
                float sum = partials.getAtIndex(Tensor.FLOAT, i);
                for (int q = 1; q < count; q++) sum += partials.getAtIndex(Tensor.FLOAT, q * size + i);
                dws.setAtIndex(Tensor.FLOAT, dwo + i, dws.getAtIndex(Tensor.FLOAT, dwo + i) + sum);
            }
        });
    }

    /**
     * dW += sum over samples of dy_b * im2col(x_b)^T, for the convolutions that are neither pointwise nor direct
     * depthwise (the patch embeddings). Samples are stacked along the GEMM's k dimension in chunks of a size fixed
     * by the shape, so each chunk is one GEMM per group, called from this thread and parallel over its
     * own output tiles; the chunks accumulate in sample order. Whichever operand is narrower gets transposed: with
     * Cin/g*kh*kw <= Cout/g the GEMM is dW = dy_stack * im2row_stack, otherwise dW^T = im2col_stack * dy^T_stack.
     */
    private static void gemmBackwardWeight(Geom g, Tensor x, Tensor dy, Tensor dw, Tensor db) {
        Spec s = g.s;
        int hw = g.hw(), kg = s.patch(), mg = s.coutPerGroup(), cols = g.colRows(), cout = s.cout();
        MemorySegment xs = x.segment(), dys = dy.segment(), dws = dw.segment();
        long xo = x.offset(), dyo = dy.offset(), dwo = dw.offset();
        boolean rowsForm = kg <= mg;
        Conv2dLowering.Padded pd = g.padded();
        long perSample = (long) hw * (cols + cout);
        int chunk = (int) Math.max(1, Math.min(g.n, weightWorkspaceFloats / perSample));
        int ld = chunk * hw; // row length of the stacked left operand
        Scratch caller = Scratch.get();
        MemorySegment left = caller.segment(Scratch.STACK_A, (long) (rowsForm ? cout : cols) * ld);
        MemorySegment right = caller.segment(Scratch.STACK_B, (long) ld * (rowsForm ? cols : cout));
        MemorySegment acc = rowsForm ? null : caller.segment(Scratch.ACC, (long) s.groups() * kg * mg);
        for (int b0 = 0; b0 < g.n; b0 += chunk) {
            int first = b0, count = Math.min(chunk, g.n - b0);
            Parallel.forRange(count, 1, (from, to) -> {
                Scratch sc = Scratch.get();
                for (int i = from; i < to; i++) {
                    long xb = xo + (first + i) * g.xPlane(), dyb = dyo + (first + i) * g.yPlane();
                    if (rowsForm) {
                        for (int co = 0; co < cout; co++) {
                            MemorySegment.copy(dys, (dyb + (long) co * hw) * 4, left, ((long) co * ld + (long) i * hw) * 4, hw * 4L);
                        }
                        float[] xp = sc.array(Scratch.XPAD, pd.size());
                        int[] field = sc.map(cols);
                        Conv2dLowering.pad(xs, xb, pd, xp);
                        Conv2dLowering.fieldMap(pd, s, field);
                        Conv2dLowering.im2row(xp, pd, s, g.ho, g.wo, field, cols, right, cols, i * hw);
                    } else {
                        float[] xp = sc.array(Scratch.XPAD, pd.size());
                        Conv2dLowering.pad(xs, xb, pd, xp);
                        Conv2dLowering.im2col(xp, pd, s, g.ho, g.wo, left, ld, i * hw, sc.strideMap(s.sw()));
                        // dy^T: the sample's [Cout, H*W] plane transposed into rows i * H*W .. of the stack
                        ZipTranspose.transpose(dys, dyb, hw, right, (long) i * hw * cout, cout, 0, cout, 0, hw, false);
                    }
                }
            });
            int depth = count * hw;
            for (int grp = 0; grp < s.groups(); grp++) {
                if (rowsForm) {
                    Gemm.gemm(false, false, mg, kg, depth, 1f, left, (long) grp * mg * ld, ld,
                            right, (long) grp * kg, cols, 1f, dws, dwo + (long) grp * mg * kg, kg);
                } else {
                    Gemm.gemm(false, false, kg, mg, depth, 1f, left, (long) grp * kg * ld, ld,
                            right, (long) grp * mg, cout, b0 == 0 ? 0f : 1f, acc, (long) grp * kg * mg, mg);
                }
            }
        }
        if (!rowsForm) addTransposed(s, acc, dws, dwo);
        if (db != null) accumulateBiasGrad(g, dy, db);
    }

    /** dW[grp][m][k] += acc[grp][k][m], parallel over output channels. */
    private static void addTransposed(Spec s, MemorySegment acc, MemorySegment dw, long dwo) {
        int kg = s.patch(), mg = s.coutPerGroup();
        Parallel.forRange(s.cout(), 16, (from, to) -> {
            for (int co = from; co < to; co++) {
                int grp = co / mg, m = co % mg;
                long a = (long) grp * kg * mg + m, d = dwo + (long) co * kg;
                for (int k = 0; k < kg; k++) {
                    float v = acc.getAtIndex(Tensor.FLOAT, a + (long) k * mg);
                    dw.setAtIndex(Tensor.FLOAT, d + k, dw.getAtIndex(Tensor.FLOAT, d + k) + v);
                }
            }
        });
    }

    /** db[c] += sum over samples and positions of dy[:, c]; parallel over channels, samples in order. */
    private static void accumulateBiasGrad(Geom g, Tensor dy, Tensor db) {
        int hw = g.hw(), cout = g.s.cout();
        MemorySegment dys = dy.segment(), dbs = db.segment();
        long dyo = dy.offset(), dbo = db.offset();
        int upper = S.loopBound(hw);
        Parallel.forRange(cout, 8, (from, to) -> {
            MemorySegment lanes = Scratch.get().segment(Scratch.LANES, L);
            for (int c = from; c < to; c++) {
                FloatVector acc = FloatVector.zero(S);
                float tail = 0f;
                for (int b = 0; b < g.n; b++) {
                    long base = dyo + b * g.yPlane() + (long) c * hw;
                    int i = 0;
                    for (; i < upper; i += L) acc = acc.add(FloatVector.fromMemorySegment(S, dys, (base + i) * 4, LE));
                    for (; i < hw; i++) tail += dys.getAtIndex(Tensor.FLOAT, base + i);
                }
                acc.intoMemorySegment(lanes, 0, LE);
                float sum = 0f;
                for (int i = 0; i < L; i++) sum += lanes.getAtIndex(Tensor.FLOAT, i); // lane order: see Conv2dDepthwise
                long at = dbo + c;
                dbs.setAtIndex(Tensor.FLOAT, at, dbs.getAtIndex(Tensor.FLOAT, at) + (sum + tail));
            }
        });
    }

    /**
     * Per-thread scratch that grows on demand and is reused across calls, so warm kernels allocate nothing:
     * off-heap segments for everything a vector load reads through a segment (GEMM operands), heap arrays for
     * gather sources and the depthwise planes, and index maps for the gathers.
     */
    static final class Scratch {
        /** Off-heap slots. */
        static final int COL = 0, STACK_A = 1, STACK_B = 2, ACC = 3, LANES = 4;
        /**
         * Heap slots: gather sources of the GEMM path, and the depthwise kernels' planes (padded input, output or
         * dy rows) and taps or lane accumulators, which their vector loops read as arrays (see Conv2dDepthwise).
         */
        static final int XPAD = 0, PAD_PLANE = 1, OUT_PLANE = 2, TAPS = 3;
        private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
        private final MemorySegment[] segments = new MemorySegment[5];
        private final float[][] arrays = new float[4][];
        private int[] map = new int[0];
        private int[] strideMap;
        private int strideOfMap = -1;

        static Scratch get() { return LOCAL.get(); }

        /** An off-heap segment of at least {@code floats} floats (contents undefined). */
        MemorySegment segment(int slot, long floats) {
            MemorySegment m = segments[slot];
            if (m == null || m.byteSize() < floats * 4) {
                m = Arena.ofAuto().allocate(Math.max(1, floats) * 4, Tensor.ALIGNMENT);
                segments[slot] = m;
            }
            return m;
        }

        /** A heap array of at least {@code n} floats (contents undefined). */
        float[] array(int slot, long n) {
            float[] a = arrays[slot];
            if (a == null || a.length < n) {
                a = new float[Math.toIntExact(Math.max(1, n))];
                arrays[slot] = a;
            }
            return a;
        }

        /** An int array of at least {@code n} entries for gather offsets. */
        int[] map(int n) {
            if (map.length < n) map = new int[n];
            return map;
        }

        /** Gather offsets 0, s, 2s, ... (one vector's worth). */
        int[] strideMap(int s) {
            if (s != strideOfMap) {
                strideMap = Conv2dLowering.strideMap(s);
                strideOfMap = s;
            }
            return strideMap;
        }
    }
}
