package org.dina.kernels;

import org.dina.tensor.Tensor;

/**
 * Plain single-threaded reference for {@link AvgPool3x3}: the forward pads explicitly (zero or mirror) and sums
 * the nine taps; the backward is PyTorch's scatter, adding dy/9 to every input tap of every window.
 */
public final class AvgPool3x3Scalar {
    private AvgPool3x3Scalar() {}

    public static void forward(AvgPool3x3.Padding padding, Tensor x, Tensor y) {
        int h = x.dim(-2), w = x.dim(-1);
        int oh = AvgPool3x3.outputSize(h, padding), ow = AvgPool3x3.outputSize(w, padding);
        int off = padding == AvgPool3x3.Padding.NONE ? 0 : -1;
        long planes = x.numel() / ((long) h * w);
        for (long q = 0; q < planes; q++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    float s = 0f;
                    for (int a = 0; a < 3; a++) {
                        for (int b = 0; b < 3; b++) {
                            long src = source(padding, q, h, w, i + off + a, j + off + b);
                            if (src >= 0) s += x.getFlat(src);
                        }
                    }
                    y.setFlat(q * oh * ow + (long) i * ow + j, s / 9f);
                }
            }
        }
    }

    /** Overwrites dx with the input gradient for output gradient dy. */
    public static void backward(AvgPool3x3.Padding padding, Tensor dy, Tensor dx) {
        int h = dx.dim(-2), w = dx.dim(-1);
        int oh = AvgPool3x3.outputSize(h, padding), ow = AvgPool3x3.outputSize(w, padding);
        int off = padding == AvgPool3x3.Padding.NONE ? 0 : -1;
        long planes = dx.numel() / ((long) h * w);
        dx.zero();
        for (long q = 0; q < planes; q++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    float g = dy.getFlat(q * oh * ow + (long) i * ow + j) / 9f;
                    for (int a = 0; a < 3; a++) {
                        for (int b = 0; b < 3; b++) {
                            long src = source(padding, q, h, w, i + off + a, j + off + b);
                            if (src >= 0) dx.setFlat(src, dx.getFlat(src) + g);
                        }
                    }
                }
            }
        }
    }

    /** Flat index of padded position (r, c) of plane q, or -1 for a zero-padding tap. */
    private static long source(AvgPool3x3.Padding padding, long q, int h, int w, int r, int c) {
        if (padding == AvgPool3x3.Padding.REFLECT) {
            r = r < 0 ? -r : r >= h ? 2 * (h - 1) - r : r;
            c = c < 0 ? -c : c >= w ? 2 * (w - 1) - c : c;
        }
        if (r < 0 || r >= h || c < 0 || c >= w) return -1;
        return q * h * w + (long) r * w + c;
    }
}
