package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import org.dina.tensor.Tensor;

/**
 * Moves channels between the two layouts the image tower mixes: feature maps [B, C, H, W] (convolutions) and
 * token rows [B, H*W, C] (attention, LayerNorm, Linear). Each call copies a channel range, so splitting a map
 * into its convolution and attention halves and joining them again needs no extra concatenation step.
 * Parallel over (batch, channel) planes or token rows, so every output element has one writer.
 */
public final class Layout {
    private Layout() {}

    /**
     * dst[b, p, dstC0 + c] (+)= src[b, srcC0 + c, p] for c in [0, channels), p in [0, H*W).
     *
     * @param src map [B, Cs, H, W]; @param dst tokens [B, H*W, Cd]
     */
    public static void mapToTokens(Tensor src, int srcC0, Tensor dst, int dstC0, int channels, boolean accumulate) {
        int b = src.dim(0), cs = src.dim(1), hw = src.dim(2) * src.dim(3), cd = dst.dim(2);
        check("mapToTokens", b == dst.dim(0) && hw == dst.dim(1) && srcC0 + channels <= cs && dstC0 + channels <= cd,
                src, dst);
        MemorySegment s = src.segment(), d = dst.segment();
        long so = src.offset(), dof = dst.offset();
        Parallel.forRange(b * hw, 256, (from, to) -> {
            for (int row = from; row < to; row++) {
                int n = row / hw, p = row % hw;
                long sBase = so + ((long) n * cs + srcC0) * hw + p;
                long dBase = dof + (long) row * cd + dstC0;
                for (int c = 0; c < channels; c++) {
                    float v = s.getAtIndex(Tensor.FLOAT, sBase + (long) c * hw);
                    if (accumulate) v += d.getAtIndex(Tensor.FLOAT, dBase + c);
                    d.setAtIndex(Tensor.FLOAT, dBase + c, v);
                }
            }
        });
    }

    /**
     * dst[b, dstC0 + c, p] (+)= src[b, p, srcC0 + c]: the inverse of {@link #mapToTokens}.
     *
     * @param src tokens [B, H*W, Cs]; @param dst map [B, Cd, H, W]
     */
    public static void tokensToMap(Tensor src, int srcC0, Tensor dst, int dstC0, int channels, boolean accumulate) {
        int b = dst.dim(0), cd = dst.dim(1), hw = dst.dim(2) * dst.dim(3), cs = src.dim(2);
        check("tokensToMap", b == src.dim(0) && hw == src.dim(1) && srcC0 + channels <= cs && dstC0 + channels <= cd,
                src, dst);
        MemorySegment s = src.segment(), d = dst.segment();
        long so = src.offset(), dof = dst.offset();
        Parallel.forRange(b * channels, 4, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int n = plane / channels, c = plane % channels;
                long dBase = dof + ((long) n * cd + dstC0 + c) * hw;
                long sBase = so + (long) n * hw * cs + srcC0 + c;
                for (int p = 0; p < hw; p++) {
                    float v = s.getAtIndex(Tensor.FLOAT, sBase + (long) p * cs);
                    if (accumulate) v += d.getAtIndex(Tensor.FLOAT, dBase + p);
                    d.setAtIndex(Tensor.FLOAT, dBase + p, v);
                }
            }
        });
    }

    /** dst[b, dstC0 + c] (+)= src[b, srcC0 + c] for whole H x W planes of two maps with the same H, W. */
    public static void copyChannels(Tensor src, int srcC0, Tensor dst, int dstC0, int channels, boolean accumulate) {
        int b = src.dim(0), cs = src.dim(1), cd = dst.dim(1), hw = src.dim(2) * src.dim(3);
        check("copyChannels", b == dst.dim(0) && hw == dst.dim(2) * dst.dim(3) && srcC0 + channels <= cs
                && dstC0 + channels <= cd, src, dst);
        MemorySegment s = src.segment(), d = dst.segment();
        long so = src.offset(), dof = dst.offset();
        Parallel.forRange(b * channels, 4, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int n = plane / channels, c = plane % channels;
                long sBase = so + ((long) n * cs + srcC0 + c) * hw, dBase = dof + ((long) n * cd + dstC0 + c) * hw;
                if (!accumulate) {
                    MemorySegment.copy(s, sBase * Float.BYTES, d, dBase * Float.BYTES, (long) hw * Float.BYTES);
                } else {
                    for (int p = 0; p < hw; p++) {
                        d.setAtIndex(Tensor.FLOAT, dBase + p, d.getAtIndex(Tensor.FLOAT, dBase + p) + s.getAtIndex(Tensor.FLOAT, sBase + p));
                    }
                }
            }
        });
    }

    private static void check(String op, boolean ok, Tensor src, Tensor dst) {
        if (!ok || !src.isContiguous() || !dst.isContiguous()) {
            throw new IllegalArgumentException("Layout." + op + ": incompatible or non-contiguous shapes " + src.shapeString()
                    + " and " + dst.shapeString());
        }
    }
}
