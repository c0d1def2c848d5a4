package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * Moves channels between the two layouts the image tower mixes: feature maps [B, C, H, W] (convolutions) and
 * token rows [B, H*W, C] (attention, LayerNorm, Linear). Each call copies a channel range, so splitting a map
 * into its convolution and attention halves and joining them again needs no extra concatenation step.
 * Parallel over (batch, tile of L positions), so every output element has one writer; full L x L blocks of a
 * layout change are transposed in registers ({@link ZipTranspose}), the edges element by element.
 */
public final class Layout {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Position tiles (L positions x all channels of the call) per parallel task. */
    private static final int TILE_GRAIN = 8;

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
        int tiles = ceilDiv(hw, L);
        Parallel.forRange(b * tiles, TILE_GRAIN, (from, to) -> {
            for (int unit = from; unit < to; unit++) {
                int n = unit / tiles, p0 = (unit % tiles) * L, p1 = Math.min(hw, p0 + L);
                // rows: the channels of sample n's plane; columns: its positions p0 .. p1
                ZipTranspose.transpose(s, so + ((long) n * cs + srcC0) * hw, hw, d, dof + (long) n * hw * cd + dstC0, cd,
                        0, channels, p0, p1, accumulate);
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
        int tiles = ceilDiv(hw, L);
        Parallel.forRange(b * tiles, TILE_GRAIN, (from, to) -> {
            for (int unit = from; unit < to; unit++) {
                int n = unit / tiles, p0 = (unit % tiles) * L, p1 = Math.min(hw, p0 + L);
                // rows: sample n's token rows p0 .. p1; columns: their channels
                ZipTranspose.transpose(s, so + (long) n * hw * cs + srcC0, cs, d, dof + ((long) n * cd + dstC0) * hw, hw,
                        p0, p1, 0, channels, accumulate);
            }
        });
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

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
