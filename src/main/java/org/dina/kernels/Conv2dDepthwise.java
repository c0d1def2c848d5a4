package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.kernels.Conv2d.Geom;
import org.dina.kernels.Conv2d.Scratch;
import org.dina.kernels.Conv2d.Spec;
import org.dina.tensor.Tensor;

/**
 * Direct Vector API kernels for stride-1 convolutions with one input channel per group (depthwise, with any channel
 * multiplier): each plane is copied into a zero-padded buffer whose rows are long enough for whole vectors, and
 * outputs are computed along rows, a vector at a time, with the 3x3 kernel fully unrolled. The scalar twin is
 * {@code Conv2dScalar} (in the tests).
 */
final class Conv2dDepthwise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Conv2dDepthwise() {}

    /** Row stride of a zero-padded plane whose rows are read by full vectors at columns [0, roundUp(wo) + kw - 1). */
    private static int paddedStride(int wo, int kw) {
        return roundUp(wo) + kw - 1;
    }

    private static int roundUp(int n) {
        return (n + L - 1) / L * L;
    }

    static void forward(Geom g, Tensor x, Tensor w, Tensor bias, Tensor y) {
        Spec s = g.s();
        int mult = s.coutPerGroup(), kh = s.kh(), kw = s.kw();
        int stride = paddedStride(g.wo(), kw), rows = g.ho() + kh - 1, ow = roundUp(g.wo());
        MemorySegment xs = x.segment(), ws = w.segment(), ys = y.segment();
        long xo = x.offset(), wo = w.offset(), yo = y.offset();
        long inPlane = (long) g.h() * g.w(), outPlane = (long) g.hw();
        Parallel.forRange(g.n() * s.cout(), 4, (from, to) -> {
            Scratch sc = Scratch.get();
            float[] pad = sc.array(Scratch.PAD_PLANE, (long) rows * stride);
            float[] out = sc.array(Scratch.OUT_PLANE, (long) g.ho() * ow);
            float[] k = sc.array(Scratch.TAPS, (long) kh * kw);
            Arrays.fill(pad, 0, rows * stride, 0f);
            for (int p = from; p < to; p++) {
                int b = p / s.cout(), co = p % s.cout(), ci = co / mult;
                padPlane(xs, xo + ((long) b * s.cin() + ci) * inPlane, g.h(), g.w(), s.ph(), s.pw(), pad, rows, stride);
                float bv = bias == null ? 0f : bias.segment().getAtIndex(Tensor.FLOAT, bias.offset() + co);
                taps(ws, wo + (long) co * kh * kw, kh, kw, false, k);
                correlate(pad, stride, k, kh, kw, bv, false, out, ow, g.ho());
                unpadPlane(out, ow, ys, yo + (long) p * outPlane, g.ho(), g.wo());
            }
        });
    }

    static void backwardInput(Geom g, Tensor dy, Tensor w, Tensor dx) {
        Spec s = g.s();
        int mult = s.coutPerGroup(), kh = s.kh(), kw = s.kw();
        // dx = correlation of dy, padded by (k - 1 - p) (negative: cropped), with the flipped kernel
        int top = kh - 1 - s.ph(), left = kw - 1 - s.pw();
        int stride = paddedStride(g.w(), kw), rows = g.h() + kh - 1, ow = roundUp(g.w());
        MemorySegment dys = dy.segment(), ws = w.segment(), dxs = dx.segment();
        long dyo = dy.offset(), wo = w.offset(), dxo = dx.offset();
        long inPlane = (long) g.h() * g.w(), outPlane = (long) g.hw();
        Parallel.forRange(g.n() * s.cin(), 4, (from, to) -> {
            Scratch sc = Scratch.get();
            float[] pad = sc.array(Scratch.PAD_PLANE, (long) rows * stride);
            float[] out = sc.array(Scratch.OUT_PLANE, (long) g.h() * ow);
            float[] k = sc.array(Scratch.TAPS, (long) kh * kw);
            Arrays.fill(pad, 0, rows * stride, 0f);
            for (int p = from; p < to; p++) {
                int b = p / s.cin(), ci = p % s.cin();
                for (int q = 0; q < mult; q++) {
                    int co = ci * mult + q;
                    padPlane(dys, dyo + ((long) b * s.cout() + co) * outPlane, g.ho(), g.wo(), top, left, pad, rows, stride);
                    taps(ws, wo + (long) co * kh * kw, kh, kw, true, k);
                    correlate(pad, stride, k, kh, kw, 0f, q > 0, out, ow, g.h());
                }
                unpadPlane(out, ow, dxs, dxo + (long) p * inPlane, g.h(), g.w());
            }
        });
    }

    static void backwardWeight(Geom g, Tensor x, Tensor dy, Tensor dw, Tensor db) {
        Spec s = g.s();
        int mult = s.coutPerGroup(), kh = s.kh(), kw = s.kw();
        int stride = paddedStride(g.wo(), kw), rows = g.ho() + kh - 1, dyStride = roundUp(g.wo());
        MemorySegment xs = x.segment(), dys = dy.segment(), dws = dw.segment();
        long xo = x.offset(), dyo = dy.offset(), dwo = dw.offset();
        long inPlane = (long) g.h() * g.w(), outPlane = (long) g.hw();
        int taps = kh * kw;
        Parallel.forRange(s.cout(), 1, (from, to) -> {
            Scratch sc = Scratch.get();
            float[] pad = sc.array(Scratch.PAD_PLANE, (long) rows * stride);
            float[] grad = sc.array(Scratch.OUT_PLANE, (long) g.ho() * dyStride);
            float[] acc = sc.array(Scratch.TAPS, (taps + 1L) * L);
            Arrays.fill(pad, 0, rows * stride, 0f);
            Arrays.fill(grad, 0, g.ho() * dyStride, 0f);
            for (int co = from; co < to; co++) {
                int ci = co / mult;
                Arrays.fill(acc, 0, (taps + 1) * L, 0f);
                for (int b = 0; b < g.n(); b++) {
                    padPlane(xs, xo + ((long) b * s.cin() + ci) * inPlane, g.h(), g.w(), s.ph(), s.pw(), pad, rows, stride);
                    padPlane(dys, dyo + ((long) b * s.cout() + co) * outPlane, g.ho(), g.wo(), 0, 0, grad, g.ho(), dyStride);
                    if (kh == 3 && kw == 3) {
                        accumulate3x3(pad, stride, grad, dyStride, g.ho(), acc);
                    } else {
                        for (int t = 0; t < taps; t++) accumulateTap(pad, stride, t / kw, t % kw, grad, dyStride, g.ho(), acc, t * L);
                        accumulateBias(grad, dyStride, g.ho(), acc, taps * L);
                    }
                }
                long dwc = dwo + (long) co * taps;
                for (int t = 0; t < taps; t++) addTo(dws, dwc + t, sumLanes(acc, t * L));
                if (db != null) addTo(db.segment(), db.offset() + co, sumLanes(acc, taps * L));
            }
        });
    }

    /*
     * Why the vector loops below read and write heap arrays, one plane at a time, and hold no call: with the planes
     * in off-heap segments (and a scalar tail copy inside the loop), C2 compiled these loops with boxed vectors in
     * the training step, though not in a benchmark of the kernel alone. Measured on the joint step (batch 128):
     * correlate3x3 and accumulate3x3 made 7.3 GB of the 7.6 GB of heap garbage in 28 s of steps (JFR allocation
     * samples), and C2's inlining log showed the segment accessors there unbound (AbstractMemorySegmentImpl::
     * unsafeGetBase "no static binding", the process having also seen heap segments elsewhere) and the tail copy not
     * inlined (NodeCountInliningCutoff). Arrays have an exact type, so fromArray/intoArray need no type profile; the
     * planes are copied in and out with MemorySegment.copy (a bulk copy, no vectors involved), and every row of the
     * output buffer is whole vectors wide, so the loops have no tail and no branch.
     */

    /** Copies the kh x kw kernel at {@code wOff} into {@code k}, flipped (k[i][j] = w[kh-1-i][kw-1-j]) when {@code flip}. */
    private static void taps(MemorySegment ws, long wOff, int kh, int kw, boolean flip, float[] k) {
        int n = kh * kw;
        for (int t = 0; t < n; t++) k[t] = ws.getAtIndex(Tensor.FLOAT, wOff + (flip ? n - 1 - t : t));
    }

    /**
     * out[oh][c] (+)= bias + sum_{i,j} k[i][j] * pad[oh + i][c + j] for c < ow (a multiple of L; columns past the
     * plane's width are computed and ignored), oh < ho: a stride-1 correlation of a padded plane, accumulated in the
     * order i, j (the same as the scalar twin's).
     */
    private static void correlate(float[] pad, int stride, float[] k, int kh, int kw, float bias, boolean accumulate,
                                  float[] out, int ow, int ho) {
        if (kh == 3 && kw == 3) {
            if (accumulate) correlate3x3Add(pad, stride, k, out, ow, ho);
            else correlate3x3(pad, stride, k, bias, out, ow, ho);
            return;
        }
        FloatVector vb = FloatVector.broadcast(S, bias);
        for (int oh = 0; oh < ho; oh++) {
            int o = oh * ow;
            for (int c = 0; c < ow; c += L) {
                FloatVector acc = accumulate ? FloatVector.fromArray(S, out, o + c) : vb;
                for (int i = 0; i < kh; i++) {
                    int pr = (oh + i) * stride + c;
                    for (int j = 0; j < kw; j++) {
                        acc = FloatVector.fromArray(S, pad, pr + j).fma(FloatVector.broadcast(S, k[i * kw + j]), acc);
                    }
                }
                acc.intoArray(out, o + c);
            }
        }
    }

    /** The 3x3 case of {@link #correlate} that overwrites {@code out}: the kernel unrolled, its taps in registers. */
    private static void correlate3x3(float[] pad, int stride, float[] k, float bias, float[] out, int ow, int ho) {
        FloatVector v00 = FloatVector.broadcast(S, k[0]), v01 = FloatVector.broadcast(S, k[1]), v02 = FloatVector.broadcast(S, k[2]);
        FloatVector v10 = FloatVector.broadcast(S, k[3]), v11 = FloatVector.broadcast(S, k[4]), v12 = FloatVector.broadcast(S, k[5]);
        FloatVector v20 = FloatVector.broadcast(S, k[6]), v21 = FloatVector.broadcast(S, k[7]), v22 = FloatVector.broadcast(S, k[8]);
        FloatVector vb = FloatVector.broadcast(S, bias);
        for (int oh = 0; oh < ho; oh++) {
            int o = oh * ow, r0 = oh * stride, r1 = r0 + stride, r2 = r1 + stride;
            for (int c = 0; c < ow; c += L) {
                FloatVector acc = FloatVector.fromArray(S, pad, r0 + c).fma(v00, vb);
                acc = FloatVector.fromArray(S, pad, r0 + c + 1).fma(v01, acc);
                acc = FloatVector.fromArray(S, pad, r0 + c + 2).fma(v02, acc);
                acc = FloatVector.fromArray(S, pad, r1 + c).fma(v10, acc);
                acc = FloatVector.fromArray(S, pad, r1 + c + 1).fma(v11, acc);
                acc = FloatVector.fromArray(S, pad, r1 + c + 2).fma(v12, acc);
                acc = FloatVector.fromArray(S, pad, r2 + c).fma(v20, acc);
                acc = FloatVector.fromArray(S, pad, r2 + c + 1).fma(v21, acc);
                acc = FloatVector.fromArray(S, pad, r2 + c + 2).fma(v22, acc);
                acc.intoArray(out, o + c);
            }
        }
    }

    /** The 3x3 case of {@link #correlate} that adds to {@code out} (a channel multiplier above 1). */
    private static void correlate3x3Add(float[] pad, int stride, float[] k, float[] out, int ow, int ho) {
        FloatVector v00 = FloatVector.broadcast(S, k[0]), v01 = FloatVector.broadcast(S, k[1]), v02 = FloatVector.broadcast(S, k[2]);
        FloatVector v10 = FloatVector.broadcast(S, k[3]), v11 = FloatVector.broadcast(S, k[4]), v12 = FloatVector.broadcast(S, k[5]);
        FloatVector v20 = FloatVector.broadcast(S, k[6]), v21 = FloatVector.broadcast(S, k[7]), v22 = FloatVector.broadcast(S, k[8]);
        for (int oh = 0; oh < ho; oh++) {
            int o = oh * ow, r0 = oh * stride, r1 = r0 + stride, r2 = r1 + stride;
            for (int c = 0; c < ow; c += L) {
                FloatVector acc = FloatVector.fromArray(S, pad, r0 + c).fma(v00, FloatVector.fromArray(S, out, o + c));
                acc = FloatVector.fromArray(S, pad, r0 + c + 1).fma(v01, acc);
                acc = FloatVector.fromArray(S, pad, r0 + c + 2).fma(v02, acc);
                acc = FloatVector.fromArray(S, pad, r1 + c).fma(v10, acc);
                acc = FloatVector.fromArray(S, pad, r1 + c + 1).fma(v11, acc);
                acc = FloatVector.fromArray(S, pad, r1 + c + 2).fma(v12, acc);
                acc = FloatVector.fromArray(S, pad, r2 + c).fma(v20, acc);
                acc = FloatVector.fromArray(S, pad, r2 + c + 1).fma(v21, acc);
                acc = FloatVector.fromArray(S, pad, r2 + c + 2).fma(v22, acc);
                acc.intoArray(out, o + c);
            }
        }
    }

    /** acc[accOff, accOff + L) += dy * pad[oh + i][c + j] lane-wise over the plane (dy rows dyStride wide, zero past wo). */
    private static void accumulateTap(float[] pad, int stride, int i, int j, float[] grad, int dyStride, int ho,
                                      float[] acc, int accOff) {
        FloatVector a = FloatVector.fromArray(S, acc, accOff);
        for (int oh = 0; oh < ho; oh++) {
            int gr = oh * dyStride, pr = (oh + i) * stride + j;
            for (int c = 0; c < dyStride; c += L) {
                a = FloatVector.fromArray(S, pad, pr + c).fma(FloatVector.fromArray(S, grad, gr + c), a);
            }
        }
        a.intoArray(acc, accOff);
    }

    /** acc[accOff, accOff + L) += dy lane-wise over the plane: the bias gradient. */
    private static void accumulateBias(float[] grad, int dyStride, int ho, float[] acc, int accOff) {
        FloatVector a = FloatVector.fromArray(S, acc, accOff);
        for (int c = 0, n = ho * dyStride; c < n; c += L) a = a.add(FloatVector.fromArray(S, grad, c));
        a.intoArray(acc, accOff);
    }

    /**
     * acc[t] += sum over the plane of dy * pad shifted by tap t (t = 3i + j), acc[9] += dy, lane-wise: ten
     * accumulators in registers for the whole plane, so each plane is read once. No call inside.
     */
    private static void accumulate3x3(float[] pad, int stride, float[] grad, int dyStride, int ho, float[] acc) {
        FloatVector a00 = FloatVector.fromArray(S, acc, 0), a01 = FloatVector.fromArray(S, acc, L);
        FloatVector a02 = FloatVector.fromArray(S, acc, 2 * L), a10 = FloatVector.fromArray(S, acc, 3 * L);
        FloatVector a11 = FloatVector.fromArray(S, acc, 4 * L), a12 = FloatVector.fromArray(S, acc, 5 * L);
        FloatVector a20 = FloatVector.fromArray(S, acc, 6 * L), a21 = FloatVector.fromArray(S, acc, 7 * L);
        FloatVector a22 = FloatVector.fromArray(S, acc, 8 * L), ab = FloatVector.fromArray(S, acc, 9 * L);
        for (int oh = 0; oh < ho; oh++) {
            int gr = oh * dyStride, r0 = oh * stride, r1 = r0 + stride, r2 = r1 + stride;
            for (int c = 0; c < dyStride; c += L) {
                FloatVector d = FloatVector.fromArray(S, grad, gr + c);
                ab = ab.add(d);
                a00 = FloatVector.fromArray(S, pad, r0 + c).fma(d, a00);
                a01 = FloatVector.fromArray(S, pad, r0 + c + 1).fma(d, a01);
                a02 = FloatVector.fromArray(S, pad, r0 + c + 2).fma(d, a02);
                a10 = FloatVector.fromArray(S, pad, r1 + c).fma(d, a10);
                a11 = FloatVector.fromArray(S, pad, r1 + c + 1).fma(d, a11);
                a12 = FloatVector.fromArray(S, pad, r1 + c + 2).fma(d, a12);
                a20 = FloatVector.fromArray(S, pad, r2 + c).fma(d, a20);
                a21 = FloatVector.fromArray(S, pad, r2 + c + 1).fma(d, a21);
                a22 = FloatVector.fromArray(S, pad, r2 + c + 2).fma(d, a22);
            }
        }
        a00.intoArray(acc, 0);
        a01.intoArray(acc, L);
        a02.intoArray(acc, 2 * L);
        a10.intoArray(acc, 3 * L);
        a11.intoArray(acc, 4 * L);
        a12.intoArray(acc, 5 * L);
        a20.intoArray(acc, 6 * L);
        a21.intoArray(acc, 7 * L);
        a22.intoArray(acc, 8 * L);
        ab.intoArray(acc, 9 * L);
    }

    /**
     * Copies an h x w plane into {@code pad} (rows x stride) so that pad[r][c] = src[r - top][c - left] (negative
     * offsets crop). Only the interior is written: the caller zeroes the buffer once per task, and every plane of
     * one call has the same geometry, so the border stays zero.
     */
    private static void padPlane(MemorySegment src, long srcOff, int h, int w, int top, int left,
                                 float[] pad, int rows, int stride) {
        int c0 = Math.max(0, left), c1 = Math.min(stride, left + w);
        int r0 = Math.max(0, top), r1 = Math.min(rows, top + h);
        for (int r = r0; r < r1 && c0 < c1; r++) {
            MemorySegment.copy(src, Tensor.FLOAT, (srcOff + (long) (r - top) * w + (c0 - left)) * 4, pad, r * stride + c0, c1 - c0);
        }
    }

    /** dst[r][c] = out[r][c] for an h x w plane whose rows are {@code ow} apart in {@code out}. */
    private static void unpadPlane(float[] out, int ow, MemorySegment dst, long dstOff, int h, int w) {
        for (int r = 0; r < h; r++) MemorySegment.copy(out, r * ow, dst, Tensor.FLOAT, (dstOff + (long) r * w) * 4, w);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * Sum, in lane order, of the L floats at {@code off}. Not {@code reduceLanes(ADD)}: its order of additions
     * differs between interpreted and C2-compiled code, which breaks bit-reproducibility.
     */
    private static float sumLanes(float[] a, int off) {
        float s = 0f;
        for (int i = 0; i < L; i++) s += a[off + i];
        return s;
    }

    private static void addTo(MemorySegment seg, long at, float v) {
        seg.setAtIndex(Tensor.FLOAT, at, seg.getAtIndex(Tensor.FLOAT, at) + v);
    }
}
