package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * Lowers one sample of a convolution to matrices for {@link Gemm}: im2col, its transpose (im2row) and its adjoint
 * (col2im). The sample is first copied into a zero-padded heap array, so no index needs a
 * bounds test and strided or transposed reads become vector gathers ({@code fromArray} with an index map). The
 * matrices handed to Gemm stay off-heap: once a vector load has seen both heap and native segments, C2 compiles
 * every segment vector access in the process to a slow generic path.
 */
final class Conv2dLowering {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private Conv2dLowering() {}

    /** Padded sample layout: channel c, row r, column q at (c * hp + r) * wp + q, input at offset (ph, pw). */
    record Padded(int channels, int h, int w, int ph, int pw) {
        int hp() { return h + 2 * ph; }
        int wp() { return w + 2 * pw; }
        int size() { return channels * hp() * wp(); }
    }

    /** Copies {@code p.channels} planes of h x w floats from {@code x} into {@code xp}, zero-padded as {@code p} says. */
    static void pad(MemorySegment x, long xOff, Padded p, float[] xp) {
        int hp = p.hp(), wp = p.wp();
        if (p.ph() == 0 && p.pw() == 0) {
            MemorySegment.copy(x, Tensor.FLOAT, xOff * 4, xp, 0, p.size());
            return;
        }
        Arrays.fill(xp, 0, p.size(), 0f);
        for (int c = 0; c < p.channels(); c++) {
            for (int r = 0; r < p.h(); r++) {
                MemorySegment.copy(x, Tensor.FLOAT, (xOff + ((long) c * p.h() + r) * p.w()) * 4, xp,
                        (c * hp + r + p.ph()) * wp + p.pw(), p.w());
            }
        }
    }

    /** Writes the interior of a padded buffer back to h x w planes of {@code dx} (the inverse of {@link #pad}). */
    static void unpad(float[] xp, Padded p, MemorySegment dx, long dxOff) {
        int hp = p.hp(), wp = p.wp();
        if (p.ph() == 0 && p.pw() == 0) {
            MemorySegment.copy(xp, 0, dx, Tensor.FLOAT, dxOff * 4, p.size());
            return;
        }
        for (int c = 0; c < p.channels(); c++) {
            for (int r = 0; r < p.h(); r++) {
                MemorySegment.copy(xp, (c * hp + r + p.ph()) * wp + p.pw(), dx, Tensor.FLOAT,
                        (dxOff + ((long) c * p.h() + r) * p.w()) * 4, p.w());
            }
        }
    }

    /** Gather offsets 0, s, 2s, ... for reading every s-th element of a row. */
    static int[] strideMap(int s) {
        int[] m = new int[L];
        for (int q = 0; q < L; q++) m[q] = q * s;
        return m;
    }

    /**
     * im2col of a padded sample: row r = (c, i, j) of {@code col} (row length {@code ldc}, starting at element
     * {@code colOff} of the row) gets xp[c][oh*sh + i][ow*sw + j] at column oh * wo + ow.
     */
    static void im2col(float[] xp, Padded p, Conv2d.Spec s, int ho, int wo, MemorySegment col, int ldc, int colOff,
                       int[] strideMap) {
        int hp = p.hp(), wp = p.wp(), sh = s.sh(), sw = s.sw();
        int r = 0;
        for (int c = 0; c < s.cin(); c++) {
            for (int i = 0; i < s.kh(); i++) {
                for (int j = 0; j < s.kw(); j++, r++) {
                    for (int oh = 0; oh < ho; oh++) {
                        int base = (c * hp + oh * sh + i) * wp + j;
                        long dst = (long) r * ldc + colOff + (long) oh * wo;
                        if (sw == 1) {
                            MemorySegment.copy(xp, base, col, Tensor.FLOAT, dst * 4, wo);
                            continue;
                        }
                        int ow = 0;
                        for (; ow + L <= wo; ow += L) {
                            FloatVector.fromArray(S, xp, base + ow * sw, strideMap, 0).intoMemorySegment(col, (dst + ow) * 4, LE);
                        }
                        for (; ow < wo; ow++) col.setAtIndex(Tensor.FLOAT, dst + ow, xp[base + ow * sw]);
                    }
                }
            }
        }
    }

    /**
     * col2im into a padded buffer (zeroed first): the adjoint of {@link #im2col} for a [Cin*kh*kw, ho*wo] matrix,
     * summing every entry into the input position it was read from, in a fixed order.
     */
    static void col2im(MemorySegment col, Padded p, Conv2d.Spec s, int ho, int wo, float[] xp) {
        int hp = p.hp(), wp = p.wp(), sh = s.sh(), sw = s.sw();
        Arrays.fill(xp, 0, p.size(), 0f);
        int r = 0;
        for (int c = 0; c < s.cin(); c++) {
            for (int i = 0; i < s.kh(); i++) {
                for (int j = 0; j < s.kw(); j++, r++) {
                    for (int oh = 0; oh < ho; oh++) {
                        int base = (c * hp + oh * sh + i) * wp + j;
                        long src = ((long) r * ho + oh) * wo;
                        if (sw == 1) {
                            int ow = 0;
                            for (; ow + L <= wo; ow += L) {
                                FloatVector.fromArray(S, xp, base + ow)
                                        .add(FloatVector.fromMemorySegment(S, col, (src + ow) * 4, LE)).intoArray(xp, base + ow);
                            }
                            for (; ow < wo; ow++) xp[base + ow] += col.getAtIndex(Tensor.FLOAT, src + ow);
                        } else {
                            for (int ow = 0; ow < wo; ow++) xp[base + ow * sw] += col.getAtIndex(Tensor.FLOAT, src + ow);
                        }
                    }
                }
            }
        }
    }

    /** Gather offsets of the receptive field inside a padded sample: r = (c, i, j) to (c * hp + i) * wp + j. */
    static void fieldMap(Padded p, Conv2d.Spec s, int[] map) {
        int r = 0;
        for (int c = 0; c < s.cin(); c++) {
            for (int i = 0; i < s.kh(); i++) {
                for (int j = 0; j < s.kw(); j++) map[r++] = (c * p.hp() + i) * p.wp() + j;
            }
        }
    }

    /**
     * im2row (the transpose of im2col): row {@code rowOff + oh * wo + ow} of {@code rows} (row length {@code ldr})
     * gets the receptive field of output (oh, ow), gathered through {@code fieldMap}.
     */
    static void im2row(float[] xp, Padded p, Conv2d.Spec s, int ho, int wo, int[] fieldMap, int k,
                       MemorySegment rows, int ldr, int rowOff) {
        int wp = p.wp();
        for (int oh = 0; oh < ho; oh++) {
            for (int ow = 0; ow < wo; ow++) {
                int base = oh * s.sh() * wp + ow * s.sw();
                long dst = (long) (rowOff + oh * wo + ow) * ldr;
                int r = 0;
                for (; r + L <= k; r += L) FloatVector.fromArray(S, xp, base, fieldMap, r).intoMemorySegment(rows, (dst + r) * 4, LE);
                for (; r < k; r++) rows.setAtIndex(Tensor.FLOAT, dst + r, xp[base + fieldMap[r]]);
            }
        }
    }
}
