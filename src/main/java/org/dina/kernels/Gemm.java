package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * Single-precision matrix multiply, row-major, BLAS-style: C = alpha * op(A) * op(B) + beta * C, where op(A) is
 * m x k and op(B) is k x n. Offsets and leading dimensions are in elements. {@code GemmScalar} (in the tests) is the plain
 * reference with the same signature.
 *
 * <p>How it is fast: panels of op(A) and op(B) are copied ("packed") into per-thread float arrays, allocated once
 * per thread, so that the register-tiled microkernel ({@value #MR} rows x two vectors of columns, 16 FMA
 * accumulators) reads both operands sequentially; k, m and n are blocked so that a packed B micro-panel stays
 * near L1 while a packed A block stays in L2. Transposing packs use in-register two-vector permutes. Work is
 * split into one tile of C per thread, shaped to pack the least redundant data, and problems under a few
 * MFLOP run on the calling thread. m == 1 and n == 1 take a matrix-vector path instead.
 *
 * <p>How it stays deterministic: threads split the <em>output</em> C into tiles, never k. Every element of C is
 * computed by one thread with the same operations in the same order (k blocks of a size that depends on k only,
 * FMA chains in p order, the same alpha/beta formula for full and edge tiles), so the bits do not depend on the
 * thread count or on where the tile borders fall.
 */
public final class Gemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int L = S.length();

    /** Rows of the register tile. */
    static final int MR = 8;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    /** Depth of one k block (fixed: the bits of C depend on it). Fewer, longer blocks merge into C less often. */
    static final int KC = 512;
    /** Rows of one packed A block (MC x KC floats, 384 KiB): stays in L2 while B micro-panels stream past. */
    static final int MC = 192;
    /** Columns of one packed B block (KC x NC floats). */
    static final int NC = 1024;
    /** Below this many flops per thread, extra threads cost more than they save. */
    static final double MIN_FLOPS_PER_TASK = 4e6;
    /** Outputs per task step of the matrix-vector path when each output is a dot product of rows. */
    private static final int VB = 4 * L;
    /** Outputs per task step of the matrix-vector path when rows of the matrix are summed (sums stay in L1). */
    private static final int AXPY_COLS = 1024;

    /**
     * How a finished tile is combined with C: the first k block applies beta (or adds the row bias), later ones
     * accumulate.
     */
    private static final int OVERWRITE = 0, SCALE = 1, ACCUMULATE = 2, ROW_BIAS = 3;

    /** MR floats as one vector, to pack a transposed A with plain loads (null where the hardware lacks it). */
    private static final VectorSpecies<Float> PANEL = S.vectorBitSize() >= MR * Float.SIZE
            ? VectorSpecies.of(float.class, VectorShape.forBitSize(MR * Float.SIZE)) : null;

    /** Packing buffers of one thread, allocated once and reused by every call on that thread. */
    private static final class Workspace {
        final float[] aPack = new float[MC * KC];
        final float[] bPack = new float[KC * NC];
        final float[] tile = new float[Math.max(MR * NR, VB + 4 * L)];
        final float[] rowSums = new float[AXPY_COLS];
        /** Two L x L blocks for {@link ZipTranspose#square}. */
        final float[] transpose = new float[2 * L * L];
        float[] vec = new float[1024];

        float[] vec(int n) {
            if (vec.length < n) vec = new float[Math.max(n, 2 * vec.length)];
            return vec;
        }
    }

    /** Whether the in-register zip transposes apply: MR = 8 rows and L a power of two of at least 8. */
    private static final boolean ZIP = MR == 8 && ZipTranspose.AVAILABLE;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private Gemm() {}

    /**
     * C = alpha * op(A) op(B) + beta * C. op(X) is X, or its transpose when the flag is set (then X is stored
     * k x m, resp. n x k). With beta == 0, C is overwritten and its old contents (NaN included) are ignored;
     * with alpha == 0 or k == 0, A and B are not read.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            MemorySegment a, long aOff, int lda, MemorySegment b, long bOff, int ldb,
                            float beta, MemorySegment c, long cOff, int ldc) {
        checkArguments(transA, transB, m, n, k, lda, ldb, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        if (m == 1) {
            Workspace ws = WORKSPACE.get();
            float[] x = ws.vec(k);
            for (int p = 0; p < k; p++) x[p] = a.getAtIndex(Tensor.FLOAT, aOff + (transA ? (long) p * lda : p));
            vectorTimesMatrix(n, k, alpha, x, b, bOff, ldb, transB, beta, c, cOff, 1);
            return;
        }
        if (n == 1) {
            // C^T (1 x m) = op(B)^T op(A)^T: the same vector path with A as the matrix
            Workspace ws = WORKSPACE.get();
            float[] x = ws.vec(k);
            for (int p = 0; p < k; p++) x[p] = b.getAtIndex(Tensor.FLOAT, bOff + (transB ? p : (long) p * ldb));
            vectorTimesMatrix(m, k, alpha, x, a, aOff, lda, !transA, beta, c, cOff, ldc);
            return;
        }
        packed(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, null, 0, c, cOff, ldc);
    }

    /**
     * C = alpha * op(A) op(B) + bias[i] on each row i of C (bias at {@code biasOff}, m floats): a convolution's
     * output with its bias, added as the first k block writes C, instead of a pass that fills C with the bias and a
     * merge that reads it back (2% of a joint training step, issue 10). The bits are those of filling C with the
     * bias and calling {@link #gemm} with beta 1.
     */
    public static void gemmWithRowBias(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                       MemorySegment a, long aOff, int lda, MemorySegment b, long bOff, int ldb,
                                       MemorySegment bias, long biasOff, MemorySegment c, long cOff, int ldc) {
        checkArguments(transA, transB, m, n, k, lda, ldb, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f || m == 1 || n == 1) {
            fillRows(bias, biasOff, m, n, c, cOff, ldc);
            gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, 1f, c, cOff, ldc);
            return;
        }
        packed(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, 1f, bias, biasOff, c, cOff, ldc);
    }

    /** C[i, j] = bias[i] for the m x n block of C. */
    private static void fillRows(MemorySegment bias, long biasOff, int m, int n, MemorySegment c, long cOff, int ldc) {
        int upper = S.loopBound(n);
        for (int i = 0; i < m; i++) {
            float v = bias.getAtIndex(Tensor.FLOAT, biasOff + i);
            FloatVector vb = FloatVector.broadcast(S, v);
            long row = cOff + (long) i * ldc;
            int j = 0;
            for (; j < upper; j += L) vb.intoMemorySegment(c, (row + j) * Float.BYTES, LE);
            for (; j < n; j++) c.setAtIndex(Tensor.FLOAT, row + j, v);
        }
    }

    private static void checkArguments(boolean transA, boolean transB, int m, int n, int k, int lda, int ldb, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("Gemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        int aCols = transA ? m : k, bCols = transB ? k : n;
        if (lda < Math.max(1, aCols) || ldb < Math.max(1, bCols) || ldc < Math.max(1, n)) {
            throw new IllegalArgumentException("Gemm: leading dimensions too small: lda=" + lda + " (needs " + aCols
                    + "), ldb=" + ldb + " (needs " + bCols + "), ldc=" + ldc + " (needs " + n + ")");
        }
    }

    /** C = beta * C, with beta == 0 writing zeros over anything. */
    private static void scale(int m, int n, float beta, MemorySegment c, long cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            long row = cOff + (long) i * ldc;
            for (int j = 0; j < n; j++) {
                c.setAtIndex(Tensor.FLOAT, row + j, beta == 0f ? 0f : beta * c.getAtIndex(Tensor.FLOAT, row + j));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Packed, blocked path

    /** The packed path; {@code bias} (one float per row of C, or null) replaces beta * C in the first k block. */
    private static void packed(boolean transA, boolean transB, int m, int n, int k, float alpha,
                               MemorySegment a, long aOff, int lda, MemorySegment b, long bOff, int ldb,
                               float beta, MemorySegment bias, long biasOff, MemorySegment c, long cOff, int ldc) {
        int mUnits = ceilDiv(m, MR), nUnits = ceilDiv(n, NR);
        // a GEMM inside a parallel loop (one per sample, say) runs alone: tiling it would only pack operands again
        int tasks = (int) Math.max(1, Math.min(Parallel.threadsHere(), 2.0 * m * n * k / MIN_FLOPS_PER_TASK));
        tasks = Math.min(tasks, mUnits * nUnits);
        if (tasks == 1) {
            tile(transA, transB, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, bias, biasOff, c, cOff, ldc);
            return;
        }
        // Pick the grid (tm x tn = tasks) that packs the least redundant data: every tile packs its own rows of
        // op(A) and its own columns of op(B); transposing packs cost about three times a straight copy.
        double costA = (double) m * k * (transA ? 1 : 3), costB = (double) n * k * (transB ? 3 : 1);
        int bestTm = 1;
        double best = Double.MAX_VALUE;
        for (int tm = 1; tm <= tasks; tm++) {
            if (tasks % tm != 0) continue;
            int tn = tasks / tm;
            if (tm > mUnits || tn > nUnits) continue;
            double cost = tn * costA + tm * costB;
            if (cost < best) { best = cost; bestTm = tm; }
        }
        final int tm = bestTm, tn = tasks / bestTm;
        Parallel.forRange(tm * tn, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int ti = t / tn, tj = t % tn;
                int i0 = Math.min(m, (int) ((long) mUnits * ti / tm) * MR), i1 = Math.min(m, (int) ((long) mUnits * (ti + 1) / tm) * MR);
                int j0 = Math.min(n, (int) ((long) nUnits * tj / tn) * NR), j1 = Math.min(n, (int) ((long) nUnits * (tj + 1) / tn) * NR);
                tile(transA, transB, i0, i1, j0, j1, k, alpha, a, aOff, lda, b, bOff, ldb, beta, bias, biasOff, c, cOff, ldc);
            }
        });
    }

    /** Computes the C tile [i0, i1) x [j0, j1) on the calling thread. */
    private static void tile(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k, float alpha,
                             MemorySegment a, long aOff, int lda, MemorySegment b, long bOff, int ldb,
                             float beta, MemorySegment bias, long biasOff, MemorySegment c, long cOff, int ldc) {
        if (i0 >= i1 || j0 >= j1) return;
        Workspace ws = WORKSPACE.get();
        float[] aPack = ws.aPack, bPack = ws.bPack, tile = ws.tile;
        // k blocks depend on k alone, so every element sums its k blocks the same way whatever the tiling
        int kBlocks = ceilDiv(k, KC);
        int nStep = roundUp(ceilDiv(j1 - j0, ceilDiv(j1 - j0, NC)), NR);
        int mStep = roundUp(ceilDiv(i1 - i0, ceilDiv(i1 - i0, MC)), MR);
        for (int jc = j0; jc < j1; jc += nStep) {
            int nc = Math.min(nStep, j1 - jc);
            for (int kb = 0; kb < kBlocks; kb++) {
                int p0 = (int) ((long) k * kb / kBlocks);
                int kc = (int) ((long) k * (kb + 1) / kBlocks) - p0;
                int mode = kb > 0 ? ACCUMULATE : bias != null ? ROW_BIAS : beta == 0f ? OVERWRITE : SCALE;
                packB(transB, b, bOff, ldb, p0, kc, jc, nc, bPack, ws.transpose);
                for (int ic = i0; ic < i1; ic += mStep) {
                    int mc = Math.min(mStep, i1 - ic);
                    packA(transA, a, aOff, lda, ic, mc, p0, kc, aPack);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            kernel(kc, aPack, ir * kc, bPack, jr * kc, tile);
                            mergeTile(tile, c, cOff + (long) (ic + ir) * ldc + jc + jr, ldc, rows, cols, alpha, beta, mode,
                                    bias, biasOff + ic + ir);
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs op(A)[i0 .. i0+mc, p0 .. p0+kc) as panels of MR rows: panel q holds, for each p, its MR values
     * contiguously (rows past the end are zeros).
     */
    private static void packA(boolean transA, MemorySegment a, long aOff, int lda, int i0, int mc, int p0, int kc, float[] dst) {
        for (int q = 0; q * MR < mc; q++) {
            int base = q * MR * kc;
            int rows = Math.min(MR, mc - q * MR);
            int i = i0 + q * MR;
            if (transA) {
                // A is stored k x m: the MR values of one p are adjacent in memory
                long src = (aOff + (long) p0 * lda + i) * Float.BYTES;
                long step = (long) lda * Float.BYTES;
                if (rows == MR && PANEL != null) {
                    for (int p = 0; p < kc; p++, src += step) {
                        FloatVector.fromMemorySegment(PANEL, a, src, LE).intoArray(dst, base + p * MR);
                    }
                } else {
                    for (int p = 0; p < kc; p++, src += step) {
                        int d = base + p * MR;
                        for (int r = 0; r < MR; r++) dst[d + r] = r < rows ? a.get(Tensor.FLOAT, src + (long) r * Float.BYTES) : 0f;
                    }
                }
            } else {
                int p = 0;
                if (rows == MR && ZIP) {
                    long src = (aOff + (long) i * lda + p0) * Float.BYTES, stride = (long) lda * Float.BYTES;
                    for (int pv = kc & -L; p < pv; p += L) {
                        ZipTranspose.rows8(a, src + (long) p * Float.BYTES, stride, dst, base + p * MR, L);
                    }
                }
                for (int r = 0; r < rows; r++) {
                    long src = (aOff + (long) (i + r) * lda + p0) * Float.BYTES;
                    for (int pp = p, d = base + pp * MR + r; pp < kc; pp++, d += MR) dst[d] = a.get(Tensor.FLOAT, src + (long) pp * Float.BYTES);
                }
                for (int r = rows; r < MR; r++) {
                    for (int pp = 0, d = base + r; pp < kc; pp++, d += MR) dst[d] = 0f;
                }
            }
        }
    }

    /**
     * Packs op(B)[p0 .. p0+kc, j0 .. j0+nc) as panels of NR columns: panel q holds, for each p, its NR values
     * contiguously (columns past the end are zeros).
     */
    private static void packB(boolean transB, MemorySegment b, long bOff, int ldb, int p0, int kc, int j0, int nc, float[] dst, float[] tmp) {
        int first = 0;
        if (!transB && nc >= NR) {
            // full panels row by row: one call per row of B, not one bulk copy per row of each panel. Those copies
            // moved 128 bytes each, and their fixed cost made packing about 40% of a pointwise convolution's GEMM
            // (64 x 1139 x 64, one per sample; issue 10)
            first = nc / NR;
            long src = (bOff + (long) p0 * ldb + j0) * Float.BYTES, step = (long) ldb * Float.BYTES;
            for (int p = 0; p < kc; p++, src += step) packRowIntoPanels(b, src, first, kc, dst, p * NR);
        }
        for (int q = first; q * NR < nc; q++) {
            int base = q * NR * kc;
            int cols = Math.min(NR, nc - q * NR);
            int j = j0 + q * NR;
            if (!transB) {
                long src = (bOff + (long) p0 * ldb + j) * Float.BYTES;
                long step = (long) ldb * Float.BYTES;
                // only the last, partial panel is left here (the full ones were packed above)
                for (int p = 0; p < kc; p++, src += step) {
                    int d = base + p * NR;
                    for (int jj = 0; jj < NR; jj++) dst[d + jj] = jj < cols ? b.get(Tensor.FLOAT, src + (long) jj * Float.BYTES) : 0f;
                }
            } else {
                // B is stored n x k: column j of op(B) is row j of B
                int p = 0;
                if (cols == NR && ZIP && ZipTranspose.SQUARE) {
                    // two square L x L transposes: columns [0, L) and [L, 2L) of the panel
                    long src = (bOff + (long) j * ldb + p0) * Float.BYTES, stride = (long) ldb * Float.BYTES;
                    long lower = src + L * stride;
                    for (int pv = kc & -L; p < pv; p += L) {
                        long o = (long) p * Float.BYTES;
                        ZipTranspose.square(b, src + o, stride, dst, base + p * NR, NR, tmp);
                        ZipTranspose.square(b, lower + o, stride, dst, base + p * NR + L, NR, tmp);
                    }
                }
                for (int jj = 0; jj < cols; jj++) {
                    long src = (bOff + (long) (j + jj) * ldb + p0) * Float.BYTES;
                    for (int pp = p, d = base + pp * NR + jj; pp < kc; pp++, d += NR) dst[d] = b.get(Tensor.FLOAT, src + (long) pp * Float.BYTES);
                }
                for (int jj = cols; jj < NR; jj++) {
                    for (int pp = 0, d = base + jj; pp < kc; pp++, d += NR) dst[d] = 0f;
                }
            }
        }
    }

    /**
     * Row p of {@code panels} full B panels: NR floats at a time from the row at {@code src} into each panel's slot
     * for p. A method of its own so that its vectors stay inside one small compiled loop (in packB they were boxed
     * once the JIT's inlining budget ran out there).
     */
    private static void packRowIntoPanels(MemorySegment b, long src, int panels, int kc, float[] dst, int rowSlot) {
        for (int q = 0, d = rowSlot; q < panels; q++, d += NR * kc, src += NR * Float.BYTES) {
            FloatVector.fromMemorySegment(S, b, src, LE).intoArray(dst, d);
            FloatVector.fromMemorySegment(S, b, src + L * Float.BYTES, LE).intoArray(dst, d + L);
        }
    }

    /**
     * The register tile: an MR x NR block of products summed over kc in p order with FMA, written to
     * {@code tile} (row r at r * NR). Merging into C is a separate step: the JIT's inlining budget is spent on
     * this loop, and vectors never cross a call boundary (that would box them).
     */
    private static void kernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++, ao += MR, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector av = FloatVector.broadcast(S, ap[ao]);
            c00 = av.fma(b0, c00); c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = av.fma(b0, c10); c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = av.fma(b0, c20); c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = av.fma(b0, c30); c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = av.fma(b0, c40); c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = av.fma(b0, c50); c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, ap[ao + 6]);
            c60 = av.fma(b0, c60); c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, ap[ao + 7]);
            c70 = av.fma(b0, c70); c71 = av.fma(b1, c71);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, NR); c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR); c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR); c71.intoArray(tile, 7 * NR + L);
    }

    /**
     * C[r, j] = combine(tile[r * NR + j]) for the rows x cols corner of the tile. Full rows of vectors use
     * vector ops, the rest the scalar {@link #merge}, which rounds exactly like one vector lane, so an element's
     * bits do not depend on whether its tile was full.
     */
    private static void mergeTile(float[] tile, MemorySegment c, long cOff, int ldc, int rows, int cols,
                                  float alpha, float beta, int mode, MemorySegment bias, long biasOff) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        int vecCols = cols & -L;
        for (int r = 0; r < rows; r++) {
            long row = cOff + (long) r * ldc;
            // the row's bias stands where beta * C would (beta 1 times a C filled with it: the same bits)
            float rowBias = mode == ROW_BIAS ? bias.getAtIndex(Tensor.FLOAT, biasOff + r) : 0f;
            int j = 0;
            for (; j < vecCols; j += L) {
                long o = (row + j) * Float.BYTES;
                FloatVector v = FloatVector.fromArray(S, tile, r * NR + j);
                if (mode == ACCUMULATE) v = v.fma(va, FloatVector.fromMemorySegment(S, c, o, LE));
                else if (mode == OVERWRITE) v = v.mul(va);
                else if (mode == ROW_BIAS) v = v.fma(va, FloatVector.broadcast(S, rowBias));
                else v = v.fma(va, FloatVector.fromMemorySegment(S, c, o, LE).mul(vb));
                v.intoMemorySegment(c, o, LE);
            }
            for (; j < cols; j++) merge(c, row + j, tile[r * NR + j], alpha, beta, mode, rowBias);
        }
    }

    /** Scalar twin of the vector combine in {@link #mergeTile} for one element: the same rounding steps as one vector lane. */
    private static void merge(MemorySegment c, long index, float sum, float alpha, float beta, int mode, float rowBias) {
        float r;
        if (mode == ACCUMULATE) r = Math.fma(sum, alpha, c.getAtIndex(Tensor.FLOAT, index));
        else if (mode == OVERWRITE) r = sum * alpha;
        else if (mode == ROW_BIAS) r = Math.fma(sum, alpha, rowBias);
        else r = Math.fma(sum, alpha, c.getAtIndex(Tensor.FLOAT, index) * beta);
        c.setAtIndex(Tensor.FLOAT, index, r);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Matrix-vector path (m == 1 or n == 1): packing would waste most of the register tile

    /**
     * out[j * outStride] = alpha * sum_p x[p] M(p, j) + beta * out[j * outStride] for j in [0, count), where
     * M(p, j) is {@code mat[off + j*ld + p]} when {@code rowsAreOutputs} (a dot product per output) and
     * {@code mat[off + p*ld + j]} otherwise (a scaled sum of rows). Threads split the outputs.
     */
    private static void vectorTimesMatrix(int count, int k, float alpha, float[] x, MemorySegment mat, long off, int ld,
                                          boolean rowsAreOutputs, float beta, MemorySegment c, long cOff, long outStride) {
        int mode = beta == 0f ? OVERWRITE : SCALE;
        int width = rowsAreOutputs ? VB : AXPY_COLS;
        int blocks = ceilDiv(count, width);
        int grain = (int) Math.max(1, MIN_FLOPS_PER_TASK / (2.0 * width * k));
        Parallel.forRange(blocks, grain, (from, to) -> {
            Workspace ws = WORKSPACE.get();
            float[] sums = rowsAreOutputs ? ws.tile : ws.rowSums;
            for (int blk = from; blk < to; blk++) {
                int j0 = blk * width, w = Math.min(width, count - j0);
                if (rowsAreOutputs) dotBlock(j0, w, k, x, mat, off, ld, sums);
                else axpyBlock(j0, w, k, x, mat, off, ld, sums);
                for (int j = 0; j < w; j++) merge(c, cOff + (j0 + j) * outStride, sums[j], alpha, beta, mode, 0f);
            }
        });
    }

    /**
     * sums[j] = sum_p x[p] mat[off + p*ld + j0 + j] for j in [0, width): rows of the matrix are streamed in order
     * and each output is an FMA chain over p starting from zero (vector lanes and the scalar tail alike).
     */
    private static void axpyBlock(int j0, int width, int k, float[] x, MemorySegment mat, long off, int ld, float[] sums) {
        Arrays.fill(sums, 0, width, 0f);
        int wv = width & -L;
        long row = (off + j0) * Float.BYTES, step = (long) ld * Float.BYTES;
        for (int p = 0; p < k; p++, row += step) {
            float xs = x[p];
            FloatVector xv = FloatVector.broadcast(S, xs);
            int j = 0;
            for (; j < wv; j += L) {
                xv.fma(FloatVector.fromMemorySegment(S, mat, row + (long) j * Float.BYTES, LE), FloatVector.fromArray(S, sums, j))
                        .intoArray(sums, j);
            }
            for (; j < width; j++) sums[j] = Math.fma(xs, mat.get(Tensor.FLOAT, row + (long) j * Float.BYTES), sums[j]);
        }
    }

    /**
     * sums[j] = sum_p x[p] mat[off + (j0+j)*ld + p]: lane-wise FMA partial sums over whole vectors of p, lanes
     * added in index order, then the remaining p by scalar FMA. The order depends on k only; four rows at a time
     * share the loads of x and hide the FMA latency.
     */
    private static void dotBlock(int j0, int width, int k, float[] x, MemorySegment mat, long off, int ld, float[] sums) {
        int kv = S.loopBound(k);
        long rowBytes = (long) ld * Float.BYTES;
        int j = 0;
        for (; j + 4 <= width; j += 4) {
            long r0 = (off + (long) (j0 + j) * ld) * Float.BYTES, r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0; p < kv; p += L) {
                FloatVector xv = FloatVector.fromArray(S, x, p);
                long o = (long) p * Float.BYTES;
                s0 = xv.fma(FloatVector.fromMemorySegment(S, mat, r0 + o, LE), s0);
                s1 = xv.fma(FloatVector.fromMemorySegment(S, mat, r1 + o, LE), s1);
                s2 = xv.fma(FloatVector.fromMemorySegment(S, mat, r2 + o, LE), s2);
                s3 = xv.fma(FloatVector.fromMemorySegment(S, mat, r3 + o, LE), s3);
            }
            s0.intoArray(sums, VB); // the slots after the block's outputs hold the lanes
            s1.intoArray(sums, VB + L);
            s2.intoArray(sums, VB + 2 * L);
            s3.intoArray(sums, VB + 3 * L);
            for (int q = 0; q < 4; q++) sums[j + q] = finishDot(sums, VB + q * L, x, kv, k, mat, r0 + q * rowBytes);
        }
        for (; j < width; j++) {
            long r = (off + (long) (j0 + j) * ld) * Float.BYTES;
            FloatVector s = FloatVector.zero(S);
            for (int p = 0; p < kv; p += L) {
                s = FloatVector.fromArray(S, x, p).fma(FloatVector.fromMemorySegment(S, mat, r + (long) p * Float.BYTES, LE), s);
            }
            s.intoArray(sums, VB);
            sums[j] = finishDot(sums, VB, x, kv, k, mat, r);
        }
    }

    /** Adds the L lanes at {@code lanes[at..]} in index order, then the tail p in [kv, k) by scalar FMA. */
    private static float finishDot(float[] lanes, int at, float[] x, int kv, int k, MemorySegment mat, long row) {
        float sum = 0f;
        for (int l = 0; l < L; l++) sum += lanes[at + l];
        for (int p = kv; p < k; p++) sum = Math.fma(x[p], mat.get(Tensor.FLOAT, row + (long) p * Float.BYTES), sum);
        return sum;
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    private static int roundUp(int a, int b) { return ceilDiv(a, b) * b; }

    /**
     * C = alpha * op(A) op(B) + beta * C on 2-D tensors whose rows are contiguous (a transposed view is passed
     * as the untransposed tensor with the flag set).
     */
    public static void matmul(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, float beta) {
        requireRowContiguous("A", a);
        requireRowContiguous("B", b);
        requireRowContiguous("C", c);
        int m = transA ? a.dim(1) : a.dim(0);
        int k = transA ? a.dim(0) : a.dim(1);
        int kb = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        if (k != kb || c.dim(0) != m || c.dim(1) != n) {
            throw new IllegalArgumentException("Gemm.matmul: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n
                    + ", C " + c.shapeString());
        }
        gemm(transA, transB, m, n, k, alpha, a.segment(), a.offset(), leading(a), b.segment(), b.offset(),
                leading(b), beta, c.segment(), c.offset(), leading(c));
    }

    /** Row stride as a leading dimension; a single-row tensor may have any stride, so use its width then. */
    private static int leading(Tensor t) {
        return t.dim(0) <= 1 ? Math.max(1, t.dim(1)) : Math.toIntExact(t.stride(0));
    }

    private static void requireRowContiguous(String name, Tensor t) {
        if (t.rank() != 2 || (t.stride(1) != 1 && t.dim(1) > 1)) {
            throw new IllegalArgumentException("Gemm.matmul: " + name + " must be 2-D with contiguous rows, got " + t.shapeString());
        }
    }
}
