package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
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
 * {@link Conv2dScalar}.
 */
final class Conv2dDepthwise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

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
        int stride = paddedStride(g.wo(), kw), rows = g.ho() + kh - 1;
        MemorySegment xs = x.segment(), ws = w.segment(), ys = y.segment();
        long xo = x.offset(), wo = w.offset(), yo = y.offset();
        long inPlane = (long) g.h() * g.w(), outPlane = (long) g.hw();
        Parallel.forRange(g.n() * s.cout(), 4, (from, to) -> {
            MemorySegment pad = Scratch.get().segment(Scratch.PAD, (long) rows * stride);
            MemorySegment tail = Scratch.get().segment(Scratch.LANES, L);
            zero(pad, 0, (long) rows * stride);
            for (int p = from; p < to; p++) {
                int b = p / s.cout(), co = p % s.cout(), ci = co / mult;
                padPlane(xs, xo + ((long) b * s.cin() + ci) * inPlane, g.h(), g.w(), s.ph(), s.pw(), pad, rows, stride);
                float bv = bias == null ? 0f : bias.segment().getAtIndex(Tensor.FLOAT, bias.offset() + co);
                correlate(pad, stride, ws, wo + (long) co * kh * kw, kh, kw, false, bv, false,
                        ys, yo + (long) p * outPlane, g.ho(), g.wo(), tail);
            }
        });
    }

    static void backwardInput(Geom g, Tensor dy, Tensor w, Tensor dx) {
        Spec s = g.s();
        int mult = s.coutPerGroup(), kh = s.kh(), kw = s.kw();
        // dx = correlation of dy, padded by (k - 1 - p) (negative: cropped), with the flipped kernel
        int top = kh - 1 - s.ph(), left = kw - 1 - s.pw();
        int stride = paddedStride(g.w(), kw), rows = g.h() + kh - 1;
        MemorySegment dys = dy.segment(), ws = w.segment(), dxs = dx.segment();
        long dyo = dy.offset(), wo = w.offset(), dxo = dx.offset();
        long inPlane = (long) g.h() * g.w(), outPlane = (long) g.hw();
        Parallel.forRange(g.n() * s.cin(), 4, (from, to) -> {
            MemorySegment pad = Scratch.get().segment(Scratch.PAD, (long) rows * stride);
            MemorySegment tail = Scratch.get().segment(Scratch.LANES, L);
            zero(pad, 0, (long) rows * stride);
            for (int p = from; p < to; p++) {
                int b = p / s.cin(), ci = p % s.cin();
                for (int q = 0; q < mult; q++) {
                    int co = ci * mult + q;
                    padPlane(dys, dyo + ((long) b * s.cout() + co) * outPlane, g.ho(), g.wo(), top, left, pad, rows, stride);
                    correlate(pad, stride, ws, wo + (long) co * kh * kw, kh, kw, true, 0f, q > 0,
                            dxs, dxo + (long) p * inPlane, g.h(), g.w(), tail);
                }
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
        Parallel.forRange(s.cout(), 1, (from, to) -> {
            MemorySegment pad = Scratch.get().segment(Scratch.PAD, (long) rows * stride);
            MemorySegment grad = Scratch.get().segment(Scratch.GRAD, (long) g.ho() * dyStride);
            zero(pad, 0, (long) rows * stride);
            zero(grad, 0, (long) g.ho() * dyStride);
            int taps = kh * kw;
            MemorySegment acc = Scratch.get().segment(Scratch.LANES, (taps + 1L) * L);
            for (int co = from; co < to; co++) {
                int ci = co / mult;
                long dwc = dwo + (long) co * taps;
                MemorySegment dbs = db == null ? null : db.segment();
                long dbAt = db == null ? 0 : db.offset() + co;
                if (kh == 3 && kw == 3) {
                    weightGrad3x3(g, xs, xo, ci, dys, dyo, co, pad, stride, rows, grad, dyStride, acc, dws, dwc, dbs, dbAt);
                    continue;
                }
                zero(acc, 0, (taps + 1L) * L);
                for (int b = 0; b < g.n(); b++) {
                    padPlane(xs, xo + ((long) b * s.cin() + ci) * inPlane, g.h(), g.w(), s.ph(), s.pw(), pad, rows, stride);
                    padPlane(dys, dyo + ((long) b * s.cout() + co) * outPlane, g.ho(), g.wo(), 0, 0, grad, g.ho(), dyStride);
                    for (int t = 0; t < taps; t++) accumulateTap(pad, stride, t / kw, t % kw, grad, dyStride, g.ho(), acc, (long) t * L);
                    accumulateTap(grad, dyStride, 0, -1, grad, dyStride, g.ho(), acc, (long) taps * L); // bias: dy itself
                }
                for (int t = 0; t < taps; t++) addTo(dws, dwc + t, sumLanes(acc, (long) t * L));
                if (dbs != null) addTo(dbs, dbAt, sumLanes(acc, (long) taps * L));
            }
        });
    }

    /**
     * acc (the vector at element {@code accOff}) += dy * pad[oh + i][ow + j] lane-wise over the plane; with j = -1 it
     * adds dy itself (the bias gradient).
     */
    private static void accumulateTap(MemorySegment pad, int stride, int i, int j, MemorySegment grad, int dyStride, int ho,
                                      MemorySegment acc, long accOff) {
        FloatVector a = FloatVector.fromMemorySegment(S, acc, accOff * 4, LE);
        for (int oh = 0; oh < ho; oh++) {
            long gr = (long) oh * dyStride, pr = (long) (oh + i) * stride + j;
            for (int c = 0; c < dyStride; c += L) {
                FloatVector d = FloatVector.fromMemorySegment(S, grad, (gr + c) * 4, LE);
                a = j < 0 ? a.add(d) : FloatVector.fromMemorySegment(S, pad, (pr + c) * 4, LE).fma(d, a);
            }
        }
        a.intoMemorySegment(acc, accOff * 4, LE);
    }

    /**
     * The 3x3 depthwise weight gradient of one channel: nine lane-wise accumulators (plus one for the bias) kept in
     * {@code acc} across the batch and reduced once at the end.
     */
    private static void weightGrad3x3(Geom g, MemorySegment xs, long xo, int ci, MemorySegment dys, long dyo, int co,
                                      MemorySegment pad, int stride, int rows, MemorySegment grad, int dyStride,
                                      MemorySegment acc, MemorySegment dws, long dwc, MemorySegment dbs, long dbAt) {
        Spec s = g.s();
        long inPlane = (long) g.h() * g.w(), outPlane = (long) g.hw();
        zero(acc, 0, 10L * L);
        for (int b = 0; b < g.n(); b++) {
            padPlane(xs, xo + ((long) b * s.cin() + ci) * inPlane, g.h(), g.w(), s.ph(), s.pw(), pad, rows, stride);
            padPlane(dys, dyo + ((long) b * s.cout() + co) * outPlane, g.ho(), g.wo(), 0, 0, grad, g.ho(), dyStride);
            accumulate3x3(pad, stride, grad, dyStride, g.ho(), acc);
        }
        for (int t = 0; t < 9; t++) addTo(dws, dwc + t, sumLanes(acc, (long) t * L));
        if (dbs != null) addTo(dbs, dbAt, sumLanes(acc, 9L * L));
    }

    /**
     * acc[t] += sum over the plane of dy * pad shifted by tap t (t = 3i + j), acc[9] += dy. Kept free of calls so
     * that C2 keeps the ten vectors in registers (a vector live across a call is boxed, which is very slow).
     */
    private static void accumulate3x3(MemorySegment pad, int stride, MemorySegment grad, int dyStride, int ho, MemorySegment acc) {
        long v = L * 4L;
        FloatVector a00 = FloatVector.fromMemorySegment(S, acc, 0, LE), a01 = FloatVector.fromMemorySegment(S, acc, v, LE);
        FloatVector a02 = FloatVector.fromMemorySegment(S, acc, 2 * v, LE), a10 = FloatVector.fromMemorySegment(S, acc, 3 * v, LE);
        FloatVector a11 = FloatVector.fromMemorySegment(S, acc, 4 * v, LE), a12 = FloatVector.fromMemorySegment(S, acc, 5 * v, LE);
        FloatVector a20 = FloatVector.fromMemorySegment(S, acc, 6 * v, LE), a21 = FloatVector.fromMemorySegment(S, acc, 7 * v, LE);
        FloatVector a22 = FloatVector.fromMemorySegment(S, acc, 8 * v, LE), ab = FloatVector.fromMemorySegment(S, acc, 9 * v, LE);
        for (int oh = 0; oh < ho; oh++) {
            long gr = (long) oh * dyStride * 4;
            long r0 = (long) oh * stride * 4, r1 = r0 + stride * 4L, r2 = r1 + stride * 4L;
            for (int c = 0; c < dyStride; c += L) {
                long cb = c * 4L;
                FloatVector d = FloatVector.fromMemorySegment(S, grad, gr + cb, LE);
                ab = ab.add(d);
                a00 = FloatVector.fromMemorySegment(S, pad, r0 + cb, LE).fma(d, a00);
                a01 = FloatVector.fromMemorySegment(S, pad, r0 + cb + 4, LE).fma(d, a01);
                a02 = FloatVector.fromMemorySegment(S, pad, r0 + cb + 8, LE).fma(d, a02);
                a10 = FloatVector.fromMemorySegment(S, pad, r1 + cb, LE).fma(d, a10);
                a11 = FloatVector.fromMemorySegment(S, pad, r1 + cb + 4, LE).fma(d, a11);
                a12 = FloatVector.fromMemorySegment(S, pad, r1 + cb + 8, LE).fma(d, a12);
                a20 = FloatVector.fromMemorySegment(S, pad, r2 + cb, LE).fma(d, a20);
                a21 = FloatVector.fromMemorySegment(S, pad, r2 + cb + 4, LE).fma(d, a21);
                a22 = FloatVector.fromMemorySegment(S, pad, r2 + cb + 8, LE).fma(d, a22);
            }
        }
        a00.intoMemorySegment(acc, 0, LE);
        a01.intoMemorySegment(acc, v, LE);
        a02.intoMemorySegment(acc, 2 * v, LE);
        a10.intoMemorySegment(acc, 3 * v, LE);
        a11.intoMemorySegment(acc, 4 * v, LE);
        a12.intoMemorySegment(acc, 5 * v, LE);
        a20.intoMemorySegment(acc, 6 * v, LE);
        a21.intoMemorySegment(acc, 7 * v, LE);
        a22.intoMemorySegment(acc, 8 * v, LE);
        ab.intoMemorySegment(acc, 9 * v, LE);
    }

    /**
     * Copies an h x w plane into {@code pad} (rows x stride) so that pad[r][c] = src[r - top][c - left] (negative
     * offsets crop). Only the interior is written: the caller zeroes the buffer once per task with
     * {@link #zero}, and every plane of one call has the same geometry, so the border stays zero.
     */
    private static void padPlane(MemorySegment src, long srcOff, int h, int w, int top, int left,
                                 MemorySegment pad, int rows, int stride) {
        int c0 = Math.max(0, left), c1 = Math.min(stride, left + w);
        int r0 = Math.max(0, top), r1 = Math.min(rows, top + h);
        for (int r = r0; r < r1 && c0 < c1; r++) {
            MemorySegment.copy(src, (srcOff + (long) (r - top) * w + (c0 - left)) * 4, pad, ((long) r * stride + c0) * 4, (long) (c1 - c0) * 4);
        }
    }

    /**
     * out[oh][ow] (+)= bias + sum_{i,j} k[i][j] * pad[oh + i][ow + j] for a stride-1 correlation of a padded plane; the
     * kernel is read flipped (k[i][j] = w[kh-1-i][kw-1-j]) when {@code flip}. Vectors run along ow and are stored
     * whole, spilling into the next rows of the same plane, which are computed later and overwrite the spill. Only a
     * vector that would cross the plane's end (or any partial vector when accumulating) goes through {@code tail}
     * (L floats) with a scalar copy: masked segment stores compile to a much slower path.
     */
    private static void correlate(MemorySegment pad, int stride, MemorySegment ws, long wOff, int kh, int kw, boolean flip,
                                  float bias, boolean accumulate, MemorySegment out, long outOff, int ho, int wo,
                                  MemorySegment tail) {
        if (kh == 3 && kw == 3) {
            correlate3x3(pad, stride, ws, wOff, flip, bias, accumulate, out, outOff, ho, wo, tail);
            return;
        }
        long end = outOff + (long) ho * wo;
        FloatVector vb = FloatVector.broadcast(S, bias);
        for (int oh = 0; oh < ho; oh++) {
            long o = outOff + (long) oh * wo;
            for (int c = 0; c < wo; c += L) {
                boolean whole = accumulate ? c + L <= wo : o + c + L <= end;
                if (accumulate && !whole) copyIn(out, o + c, wo - c, tail);
                FloatVector acc = !accumulate ? vb : FloatVector.fromMemorySegment(S, whole ? out : tail, whole ? (o + c) * 4 : 0, LE);
                for (int i = 0; i < kh; i++) {
                    long pr = ((long) (oh + i) * stride + c) * 4;
                    for (int j = 0; j < kw; j++) {
                        int wi = flip ? (kh - 1 - i) * kw + (kw - 1 - j) : i * kw + j;
                        float wv = ws.getAtIndex(Tensor.FLOAT, wOff + wi);
                        acc = FloatVector.fromMemorySegment(S, pad, pr + j * 4L, LE).fma(FloatVector.broadcast(S, wv), acc);
                    }
                }
                acc.intoMemorySegment(whole ? out : tail, whole ? (o + c) * 4 : 0, LE);
                if (!whole) copyOut(tail, out, o + c, Math.min(L, wo - c));
            }
        }
    }

    private static void correlate3x3(MemorySegment pad, int stride, MemorySegment ws, long wOff, boolean flip, float bias,
                                     boolean accumulate, MemorySegment out, long outOff, int ho, int wo, MemorySegment tail) {
        float k00 = weight3(ws, wOff, flip, 0), k01 = weight3(ws, wOff, flip, 1), k02 = weight3(ws, wOff, flip, 2);
        float k10 = weight3(ws, wOff, flip, 3), k11 = weight3(ws, wOff, flip, 4), k12 = weight3(ws, wOff, flip, 5);
        float k20 = weight3(ws, wOff, flip, 6), k21 = weight3(ws, wOff, flip, 7), k22 = weight3(ws, wOff, flip, 8);
        FloatVector v00 = FloatVector.broadcast(S, k00), v01 = FloatVector.broadcast(S, k01), v02 = FloatVector.broadcast(S, k02);
        FloatVector v10 = FloatVector.broadcast(S, k10), v11 = FloatVector.broadcast(S, k11), v12 = FloatVector.broadcast(S, k12);
        FloatVector v20 = FloatVector.broadcast(S, k20), v21 = FloatVector.broadcast(S, k21), v22 = FloatVector.broadcast(S, k22);
        FloatVector vb = FloatVector.broadcast(S, bias);
        long end = outOff + (long) ho * wo;
        long rs = stride * 4L;
        for (int oh = 0; oh < ho; oh++) {
            long o = outOff + (long) oh * wo;
            long r0 = (long) oh * rs, r1 = r0 + rs, r2 = r1 + rs;
            for (int c = 0; c < wo; c += L) {
                long cb = c * 4L;
                boolean whole = accumulate ? c + L <= wo : o + c + L <= end;
                if (accumulate && !whole) copyIn(out, o + c, wo - c, tail);
                FloatVector acc = !accumulate ? vb : FloatVector.fromMemorySegment(S, whole ? out : tail, whole ? (o + c) * 4 : 0, LE);
                acc = FloatVector.fromMemorySegment(S, pad, r0 + cb, LE).fma(v00, acc);
                acc = FloatVector.fromMemorySegment(S, pad, r0 + cb + 4, LE).fma(v01, acc);
                acc = FloatVector.fromMemorySegment(S, pad, r0 + cb + 8, LE).fma(v02, acc);
                acc = FloatVector.fromMemorySegment(S, pad, r1 + cb, LE).fma(v10, acc);
                acc = FloatVector.fromMemorySegment(S, pad, r1 + cb + 4, LE).fma(v11, acc);
                acc = FloatVector.fromMemorySegment(S, pad, r1 + cb + 8, LE).fma(v12, acc);
                acc = FloatVector.fromMemorySegment(S, pad, r2 + cb, LE).fma(v20, acc);
                acc = FloatVector.fromMemorySegment(S, pad, r2 + cb + 4, LE).fma(v21, acc);
                acc = FloatVector.fromMemorySegment(S, pad, r2 + cb + 8, LE).fma(v22, acc);
                acc.intoMemorySegment(whole ? out : tail, whole ? (o + c) * 4 : 0, LE);
                if (!whole) copyOut(tail, out, o + c, Math.min(L, wo - c));
            }
        }
    }

    /** tail[0, n) = out[at, at + n): scalar, so that no call sits between the vector operations. */
    private static void copyIn(MemorySegment out, long at, int n, MemorySegment tail) {
        for (int t = 0; t < n; t++) tail.setAtIndex(Tensor.FLOAT, t, out.getAtIndex(Tensor.FLOAT, at + t));
    }

    /** out[at, at + n) = tail[0, n). */
    private static void copyOut(MemorySegment tail, MemorySegment out, long at, int n) {
        for (int t = 0; t < n; t++) out.setAtIndex(Tensor.FLOAT, at + t, tail.getAtIndex(Tensor.FLOAT, t));
    }

    private static float weight3(MemorySegment ws, long wOff, boolean flip, int idx) {
        return ws.getAtIndex(Tensor.FLOAT, wOff + (flip ? 8 - idx : idx));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * Sum, in lane order, of the vector stored at element {@code off} of {@code seg}. Not {@code reduceLanes(ADD)}:
     * its order of additions differs between interpreted and C2-compiled code, which breaks bit-reproducibility.
     */
    private static float sumLanes(MemorySegment seg, long off) {
        float s = 0f;
        for (int i = 0; i < L; i++) s += seg.getAtIndex(Tensor.FLOAT, off + i);
        return s;
    }

    private static void addTo(MemorySegment seg, long at, float v) {
        seg.setAtIndex(Tensor.FLOAT, at, seg.getAtIndex(Tensor.FLOAT, at) + v);
    }

    private static void zero(MemorySegment seg, long off, long n) {
        FloatVector z = FloatVector.zero(S);
        long i = 0;
        for (long upper = n - L; i <= upper; i += L) z.intoMemorySegment(seg, (off + i) * 4, LE);
        for (; i < n; i++) seg.setAtIndex(Tensor.FLOAT, off + i, 0f);
    }
}
