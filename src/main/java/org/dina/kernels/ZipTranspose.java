package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * In-register transposes of small blocks of floats by repeated "zips" (interleaving the low or high halves of two
 * vectors), read from a memory segment and written to a heap array: GEMM packing of transposed operands, the
 * map/token layout changes of the image tower and the transposed operands of convolution weight gradients use them.
 */
final class ZipTranspose {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final int L = S.length();
    /** Whether {@link #rows8} applies: L a power of two of at least 8. */
    static final boolean AVAILABLE = L >= 8 && Integer.bitCount(L) == 1;
    /** Whether {@link #square} applies: L x L blocks for L = 8 (AVX2) or 16 (AVX-512). */
    static final boolean SQUARE = L == 8 || L == 16;

    /**
     * Lane indexes for {@code selectFrom(x, y)} that interleave the low (resp. high) halves of x and y. Applying
     * this "zip" log2(R) times to R rows of L floats yields their transpose in packed order, [p * R + r].
     */
    private static final FloatVector ZIP_LO = zipIndexes(0), ZIP_HI = zipIndexes(L / 2);

    private ZipTranspose() {}

    private static FloatVector zipIndexes(int from) {
        float[] idx = new float[L];
        for (int t = 0; t < L / 2; t++) {
            idx[2 * t] = from + t;
            idx[2 * t + 1] = L + from + t;
        }
        return FloatVector.fromArray(S, idx, 0);
    }

    /** Per thread: the two L x L blocks {@link #square} works in, then the transposed block {@link #transpose} stores. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[3 * L * L]);

    /**
     * d[dBase + q * dStride + r] (+)= s[sBase + r * sStride + q] for r in [r0, r1), q in [q0, q1) (element indexes):
     * full L x L blocks transposed in registers when {@link #SQUARE}, the edges element by element.
     */
    static void transpose(MemorySegment s, long sBase, long sStride, MemorySegment d, long dBase, long dStride,
                          int r0, int r1, int q0, int q1, boolean accumulate) {
        int rEnd = r0, qEnd = q0;
        if (SQUARE && r1 - r0 >= L && q1 - q0 >= L) {
            float[] scratch = SCRATCH.get();
            rEnd = r0 + (r1 - r0) / L * L;
            qEnd = q0 + (q1 - q0) / L * L;
            for (int r = r0; r < rEnd; r += L) {
                for (int q = q0; q < qEnd; q += L) {
                    square(s, (sBase + r * sStride + q) * Float.BYTES, sStride * Float.BYTES, scratch, 2 * L * L, L, scratch);
                    storeRows(scratch, d, (dBase + q * dStride + r) * Float.BYTES, dStride * Float.BYTES, accumulate);
                }
            }
        }
        // the edges: rows past the blocks (all columns), then the columns past the blocks (the blocks' rows)
        for (int r = rEnd; r < r1; r++) {
            for (int q = q0; q < q1; q++) move(s, sBase + r * sStride + q, d, dBase + q * dStride + r, accumulate);
        }
        for (int r = r0; r < rEnd; r++) {
            for (int q = qEnd; q < q1; q++) move(s, sBase + r * sStride + q, d, dBase + q * dStride + r, accumulate);
        }
    }

    /**
     * The L rows of a transposed block (at {@code scratch[2 L L ..]}) to {@code d}, row u at byte {@code at + u *
     * stride}, added to what is there when accumulating. A small method of its own, so its vectors stay in one
     * compiled loop.
     */
    private static void storeRows(float[] scratch, MemorySegment d, long at, long stride, boolean accumulate) {
        for (int u = 0; u < L; u++, at += stride) {
            FloatVector v = FloatVector.fromArray(S, scratch, 2 * L * L + u * L);
            if (accumulate) v = v.add(FloatVector.fromMemorySegment(S, d, at, LE));
            v.intoMemorySegment(d, at, LE);
        }
    }

    private static void move(MemorySegment s, long sIndex, MemorySegment d, long dIndex, boolean accumulate) {
        float v = s.getAtIndex(Tensor.FLOAT, sIndex);
        if (accumulate) v += d.getAtIndex(Tensor.FLOAT, dIndex);
        d.setAtIndex(Tensor.FLOAT, dIndex, v);
    }

    /**
     * The transpose of an L x L block (row r at {@code src + r * stride} bytes): row u of the transpose goes to
     * {@code dst[off + u * dstStride]}. Needs {@link #SQUARE}; {@code tmp} holds at least 2 L x L floats.
     */
    static void square(MemorySegment seg, long src, long stride, float[] dst, int off, int dstStride, float[] tmp) {
        if (L == 16) square16(seg, src, stride, dst, off, dstStride, tmp);
        else rows8(seg, src, stride, dst, off, dstStride);
    }

    /**
     * Transposes 8 rows of L floats (row r at {@code src + r * stride} bytes) by three zip stages in registers; the
     * result, in [p * 8 + r] order, is stored as 8 vectors, vector u at {@code dst[off + u * dstStride]}.
     */
    static void rows8(MemorySegment seg, long src, long stride, float[] dst, int off, int dstStride) {
        FloatVector r0 = FloatVector.fromMemorySegment(S, seg, src, LE);
        FloatVector r1 = FloatVector.fromMemorySegment(S, seg, src + stride, LE);
        FloatVector r2 = FloatVector.fromMemorySegment(S, seg, src + 2 * stride, LE);
        FloatVector r3 = FloatVector.fromMemorySegment(S, seg, src + 3 * stride, LE);
        FloatVector r4 = FloatVector.fromMemorySegment(S, seg, src + 4 * stride, LE);
        FloatVector r5 = FloatVector.fromMemorySegment(S, seg, src + 5 * stride, LE);
        FloatVector r6 = FloatVector.fromMemorySegment(S, seg, src + 6 * stride, LE);
        FloatVector r7 = FloatVector.fromMemorySegment(S, seg, src + 7 * stride, LE);
        // stage 1 of 3
        FloatVector s0 = ZIP_LO.selectFrom(r0, r4), s1 = ZIP_HI.selectFrom(r0, r4);
        FloatVector s2 = ZIP_LO.selectFrom(r1, r5), s3 = ZIP_HI.selectFrom(r1, r5);
        FloatVector s4 = ZIP_LO.selectFrom(r2, r6), s5 = ZIP_HI.selectFrom(r2, r6);
        FloatVector s6 = ZIP_LO.selectFrom(r3, r7), s7 = ZIP_HI.selectFrom(r3, r7);
        // stage 2 of 3
        r0 = ZIP_LO.selectFrom(s0, s4); r1 = ZIP_HI.selectFrom(s0, s4);
        r2 = ZIP_LO.selectFrom(s1, s5); r3 = ZIP_HI.selectFrom(s1, s5);
        r4 = ZIP_LO.selectFrom(s2, s6); r5 = ZIP_HI.selectFrom(s2, s6);
        r6 = ZIP_LO.selectFrom(s3, s7); r7 = ZIP_HI.selectFrom(s3, s7);
        // stage 3 of 3
        ZIP_LO.selectFrom(r0, r4).intoArray(dst, off);
        ZIP_HI.selectFrom(r0, r4).intoArray(dst, off + dstStride);
        ZIP_LO.selectFrom(r1, r5).intoArray(dst, off + 2 * dstStride);
        ZIP_HI.selectFrom(r1, r5).intoArray(dst, off + 3 * dstStride);
        ZIP_LO.selectFrom(r2, r6).intoArray(dst, off + 4 * dstStride);
        ZIP_HI.selectFrom(r2, r6).intoArray(dst, off + 5 * dstStride);
        ZIP_LO.selectFrom(r3, r7).intoArray(dst, off + 6 * dstStride);
        ZIP_HI.selectFrom(r3, r7).intoArray(dst, off + 7 * dstStride);
    }

    /**
     * Transposes 16 rows of L = 16 floats (row r at {@code src + r * stride} bytes) by four zip stages; vector u of
     * the result (row u of the transpose) is stored at {@code dst[off + u * dstStride]}. The rows are copied into
     * {@code tmp} (at least 32 x 16 floats) and the stages run two at a time through it: all four in one method
     * exceed C2's inlining budget and its last vectors are boxed on the heap (measured: 3 MB per paper-1k step).
     */
    private static void square16(MemorySegment seg, long src, long stride, float[] dst, int off, int dstStride, float[] tmp) {
        // one vector per row: a bulk copy per 64-byte row cost more than the transpose (15% of a joint step)
        for (int r = 0; r < L; r++) FloatVector.fromMemorySegment(S, seg, src + r * stride, LE).intoArray(tmp, r * L);
        zipTwice(tmp, 0, tmp, L * L, L);
        zipTwice(tmp, L * L, dst, off, dstStride);
    }

    /**
     * Two zip stages over the 16 vectors at {@code in[inOff + 16 i]}: stage one zips r_i with r_(i+8) into s_(2i),
     * s_(2i+1); stage two does the same to the s vectors, and result u is stored at {@code out[off + u * stride]}.
     */
    private static void zipTwice(float[] in, int inOff, float[] out, int off, int stride) {
        FloatVector r0 = FloatVector.fromArray(S, in, inOff), r1 = FloatVector.fromArray(S, in, inOff + L);
        FloatVector r2 = FloatVector.fromArray(S, in, inOff + 2 * L), r3 = FloatVector.fromArray(S, in, inOff + 3 * L);
        FloatVector r4 = FloatVector.fromArray(S, in, inOff + 4 * L), r5 = FloatVector.fromArray(S, in, inOff + 5 * L);
        FloatVector r6 = FloatVector.fromArray(S, in, inOff + 6 * L), r7 = FloatVector.fromArray(S, in, inOff + 7 * L);
        FloatVector r8 = FloatVector.fromArray(S, in, inOff + 8 * L), r9 = FloatVector.fromArray(S, in, inOff + 9 * L);
        FloatVector r10 = FloatVector.fromArray(S, in, inOff + 10 * L), r11 = FloatVector.fromArray(S, in, inOff + 11 * L);
        FloatVector r12 = FloatVector.fromArray(S, in, inOff + 12 * L), r13 = FloatVector.fromArray(S, in, inOff + 13 * L);
        FloatVector r14 = FloatVector.fromArray(S, in, inOff + 14 * L), r15 = FloatVector.fromArray(S, in, inOff + 15 * L);
        FloatVector s0 = ZIP_LO.selectFrom(r0, r8), s1 = ZIP_HI.selectFrom(r0, r8);
        FloatVector s2 = ZIP_LO.selectFrom(r1, r9), s3 = ZIP_HI.selectFrom(r1, r9);
        FloatVector s4 = ZIP_LO.selectFrom(r2, r10), s5 = ZIP_HI.selectFrom(r2, r10);
        FloatVector s6 = ZIP_LO.selectFrom(r3, r11), s7 = ZIP_HI.selectFrom(r3, r11);
        FloatVector s8 = ZIP_LO.selectFrom(r4, r12), s9 = ZIP_HI.selectFrom(r4, r12);
        FloatVector s10 = ZIP_LO.selectFrom(r5, r13), s11 = ZIP_HI.selectFrom(r5, r13);
        FloatVector s12 = ZIP_LO.selectFrom(r6, r14), s13 = ZIP_HI.selectFrom(r6, r14);
        FloatVector s14 = ZIP_LO.selectFrom(r7, r15), s15 = ZIP_HI.selectFrom(r7, r15);
        ZIP_LO.selectFrom(s0, s8).intoArray(out, off);
        ZIP_HI.selectFrom(s0, s8).intoArray(out, off + stride);
        ZIP_LO.selectFrom(s1, s9).intoArray(out, off + 2 * stride);
        ZIP_HI.selectFrom(s1, s9).intoArray(out, off + 3 * stride);
        ZIP_LO.selectFrom(s2, s10).intoArray(out, off + 4 * stride);
        ZIP_HI.selectFrom(s2, s10).intoArray(out, off + 5 * stride);
        ZIP_LO.selectFrom(s3, s11).intoArray(out, off + 6 * stride);
        ZIP_HI.selectFrom(s3, s11).intoArray(out, off + 7 * stride);
        ZIP_LO.selectFrom(s4, s12).intoArray(out, off + 8 * stride);
        ZIP_HI.selectFrom(s4, s12).intoArray(out, off + 9 * stride);
        ZIP_LO.selectFrom(s5, s13).intoArray(out, off + 10 * stride);
        ZIP_HI.selectFrom(s5, s13).intoArray(out, off + 11 * stride);
        ZIP_LO.selectFrom(s6, s14).intoArray(out, off + 12 * stride);
        ZIP_HI.selectFrom(s6, s14).intoArray(out, off + 13 * stride);
        ZIP_LO.selectFrom(s7, s15).intoArray(out, off + 14 * stride);
        ZIP_HI.selectFrom(s7, s15).intoArray(out, off + 15 * stride);
    }
}
