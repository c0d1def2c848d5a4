package org.dina.kernels;

import org.dina.tensor.Tensor;

/**
 * Plain single-threaded reference for {@link Resize}: every output element straight from PyTorch's per-element
 * formulas, and the backward as PyTorch's scatter of each output gradient into its (up to four) sources.
 */
public final class ResizeScalar {
    private ResizeScalar() {}

    public static void forward(Resize.Mode mode, Tensor x, Tensor y) {
        int inH = x.dim(-2), inW = x.dim(-1), outH = y.dim(-2), outW = y.dim(-1);
        long planes = x.numel() / ((long) inH * inW);
        for (long q = 0; q < planes; q++) {
            long xb = q * inH * inW, yb = q * outH * outW;
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    float v;
                    if (mode == Resize.Mode.NEAREST) {
                        v = x.getFlat(xb + (long) nearest(oh, inH, outH) * inW + nearest(ow, inW, outW));
                    } else {
                        Tap r = tap(oh, inH, outH), c = tap(ow, inW, outW);
                        float top = x.getFlat(xb + (long) r.lo * inW + c.lo) * c.wLo + x.getFlat(xb + (long) r.lo * inW + c.hi) * c.wHi;
                        float bottom = x.getFlat(xb + (long) r.hi * inW + c.lo) * c.wLo + x.getFlat(xb + (long) r.hi * inW + c.hi) * c.wHi;
                        v = top * r.wLo + bottom * r.wHi;
                    }
                    y.setFlat(yb + (long) oh * outW + ow, v);
                }
            }
        }
    }

    /** Overwrites dx with the input gradient for output gradient dy. */
    public static void backward(Resize.Mode mode, Tensor dy, Tensor dx) {
        int inH = dx.dim(-2), inW = dx.dim(-1), outH = dy.dim(-2), outW = dy.dim(-1);
        long planes = dx.numel() / ((long) inH * inW);
        dx.zero();
        for (long q = 0; q < planes; q++) {
            long xb = q * inH * inW, yb = q * outH * outW;
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    float g = dy.getFlat(yb + (long) oh * outW + ow);
                    if (mode == Resize.Mode.NEAREST) {
                        add(dx, xb + (long) nearest(oh, inH, outH) * inW + nearest(ow, inW, outW), g);
                    } else {
                        Tap r = tap(oh, inH, outH), c = tap(ow, inW, outW);
                        add(dx, xb + (long) r.lo * inW + c.lo, r.wLo * c.wLo * g);
                        add(dx, xb + (long) r.lo * inW + c.hi, r.wLo * c.wHi * g);
                        add(dx, xb + (long) r.hi * inW + c.lo, r.wHi * c.wLo * g);
                        add(dx, xb + (long) r.hi * inW + c.hi, r.wHi * c.wHi * g);
                    }
                }
            }
        }
    }

    private static void add(Tensor t, long i, float v) {
        t.setFlat(i, t.getFlat(i) + v);
    }

    private static int nearest(int dst, int in, int out) {
        float scale = (float) in / (float) out;
        return Math.min((int) Math.floor(dst * scale), in - 1);
    }

    private record Tap(int lo, int hi, float wLo, float wHi) {}

    private static Tap tap(int dst, int in, int out) {
        if (in == out) return new Tap(dst, dst, 1f, 0f);
        float scale = (float) in / (float) out;
        double src = Math.max(0.0, scale * (dst + 0.5) - 0.5);
        int lo = (int) Math.floor(src);
        float wHi = (float) (src - lo);
        return new Tap(lo, Math.min(lo + 1, in - 1), 1f - wHi, wHi);
    }
}
