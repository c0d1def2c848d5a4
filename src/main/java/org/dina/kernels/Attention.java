package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * Multi-head scaled-dot-product attention, flash-attention style: softmax(scale * Q K^T) V without ever holding the
 * Lq x Lk score matrix.
 *
 * <p>Layout: q is [B, Lq, H*dh], k and v are [B, Lk, H*dh], out is [B, Lq, H*dh]; head h is the dh-wide slice
 * [h*dh, (h+1)*dh) of the last dimension. Operands may be strided views (for example slices of a fused
 * [B, L, 3*H*dh] qkv buffer) as long as each row's width is contiguous.
 *
 * <p>The forward pass walks the keys in blocks with a running maximum and sum per query (online softmax) and keeps
 * only the logsumexp per (batch, head, query) for the backward pass. The backward pass recomputes the scores block
 * by block twice: once per query block to produce dQ, once per key block to produce dK and dV, so every output
 * element is summed by exactly one task in a fixed order and the bits do not depend on the thread count.
 * Per-thread scratch is O(block x head width); see {@link #scratchFloatsPerThread(int)}.
 *
 * <p>The scalar reference twin is {@code AttentionScalar} (in the tests).
 */
public final class Attention {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int VL = S.length();
    private static final java.nio.ByteOrder LE = java.nio.ByteOrder.LITTLE_ENDIAN;
    /**
     * Rows (queries in the forward and dQ passes, keys in the dK/dV pass) handled by one task; a multiple of every
     * float vector length (at most 64 lanes), so a block padded to whole vectors still fits its scratch.
     */
    public static final int ROW_BLOCK = 64;
    /** Columns (keys, or queries in the dK/dV pass) scored at a time against a row block. */
    public static final int COL_BLOCK = 64;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Attention() {}

    // ---------------------------------------------------------------- public API on tensors

    /**
     * out = softmax(scale * q k^T) v per batch and head; writes the logsumexp of each score row to {@code lse}
     * ([B, H, Lq], contiguous) unless it is null.
     */
    public static void forward(Tensor q, Tensor k, Tensor v, int heads, float scale, Tensor out, Tensor lse) {
        Shape sh = Shape.of("Attention.forward", q, k, v, heads);
        Operand.of("Attention.forward", "out", out, sh.batch, sh.lq, sh.width);
        if (lse != null) requireStats("Attention.forward", "lse", lse, sh);
        Operand oq = Operand.of(q), ok = Operand.of(k), ov = Operand.of(v), oo = Operand.of(out);
        MemorySegment lseSeg = lse == null ? null : lse.segment();
        long lseOff = lse == null ? 0 : lse.offset();
        int blocks = ceilDiv(sh.lq, ROW_BLOCK);
        Parallel.forRange(sh.batch * heads * blocks, 1, (from, to) -> {
            Scratch w = SCRATCH.get().ensure(sh.dh);
            for (int item = from; item < to; item++) {
                int blk = item % blocks, bh = item / blocks;
                forwardBlock(sh, bh / heads, bh % heads, blk * ROW_BLOCK, scale, oq, ok, ov, oo, lseSeg, lseOff, w);
            }
        });
    }

    /**
     * Gradients of {@link #forward} with respect to q, k and v, given the forward's {@code out} and {@code lse} and
     * the output gradient {@code dOut}. Overwrites dq, dk, dv (same shapes as q, k, v; strided views allowed).
     * {@code delta} ([B, H, Lq], contiguous) is scratch for rowsum(dOut * out).
     */
    public static void backward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, Tensor dOut, int heads, float scale,
                                Tensor dq, Tensor dk, Tensor dv, Tensor delta) {
        String where = "Attention.backward";
        Shape sh = Shape.of(where, q, k, v, heads);
        Operand.of(where, "out", out, sh.batch, sh.lq, sh.width);
        Operand.of(where, "dOut", dOut, sh.batch, sh.lq, sh.width);
        Operand.of(where, "dq", dq, sh.batch, sh.lq, sh.width);
        Operand.of(where, "dk", dk, sh.batch, sh.lk, sh.width);
        Operand.of(where, "dv", dv, sh.batch, sh.lk, sh.width);
        requireStats(where, "lse", lse, sh);
        requireStats(where, "delta", delta, sh);
        Operand oq = Operand.of(q), ok = Operand.of(k), ov = Operand.of(v), oo = Operand.of(out), odo = Operand.of(dOut);
        Operand odq = Operand.of(dq), odk = Operand.of(dk), odv = Operand.of(dv);
        MemorySegment lseSeg = lse.segment(), dSeg = delta.segment();
        long lseOff = lse.offset(), dOff = delta.offset();

        // D_i = rowsum(dO_i * O_i) per (batch, head, query)
        Parallel.forRange(sh.batch * sh.lq, 64, (from, to) -> {
            for (int row = from; row < to; row++) {
                int b = row / sh.lq, i = row % sh.lq;
                long po = oo.row(b, i), pd = odo.row(b, i);
                for (int h = 0; h < heads; h++) {
                    float s = 0f;
                    for (int d = h * sh.dh, e = d + sh.dh; d < e; d++) {
                        s = Math.fma(odo.seg.getAtIndex(Tensor.FLOAT, pd + d), oo.seg.getAtIndex(Tensor.FLOAT, po + d), s);
                    }
                    dSeg.setAtIndex(Tensor.FLOAT, dOff + ((long) b * heads + h) * sh.lq + i, s);
                }
            }
        });

        int qBlocks = ceilDiv(sh.lq, ROW_BLOCK);
        Parallel.forRange(sh.batch * heads * qBlocks, 1, (from, to) -> {
            Scratch w = SCRATCH.get().ensure(sh.dh);
            for (int item = from; item < to; item++) {
                int blk = item % qBlocks, bh = item / qBlocks;
                gradQueryBlock(sh, bh / heads, bh % heads, blk * ROW_BLOCK, scale, oq, ok, ov, odo, odq,
                        lseSeg, lseOff, dSeg, dOff, w);
            }
        });

        int kBlocks = ceilDiv(sh.lk, ROW_BLOCK);
        Parallel.forRange(sh.batch * heads * kBlocks, 1, (from, to) -> {
            Scratch w = SCRATCH.get().ensure(sh.dh);
            for (int item = from; item < to; item++) {
                int blk = item % kBlocks, bh = item / kBlocks;
                gradKeyBlock(sh, bh / heads, bh % heads, blk * ROW_BLOCK, scale, oq, ok, ov, odo, odk, odv,
                        lseSeg, lseOff, dSeg, dOff, w);
            }
        });
    }

    /** The full attention probabilities softmax(scale * q k^T) as a new [B, H, Lq, Lk] tensor (for analysis only). */
    public static Tensor weights(Tensor q, Tensor k, int heads, float scale) {
        Tensor probs = Tensor.zeros(q.dim(0), heads, q.dim(1), k.dim(1));
        weights(q, k, heads, scale, probs);
        return probs;
    }

    /** Writes softmax(scale * q k^T) into {@code probs} ([B, H, Lq, Lk], contiguous). */
    public static void weights(Tensor q, Tensor k, int heads, float scale, Tensor probs) {
        Shape sh = Shape.of("Attention.weights", q, k, k, heads);
        probs.requireShape("Attention.weights probs", sh.batch, heads, sh.lq, sh.lk);
        if (!probs.isContiguous()) throw new IllegalArgumentException("Attention.weights: probs must be contiguous");
        Operand oq = Operand.of(q), ok = Operand.of(k);
        MemorySegment pSeg = probs.segment();
        long pOff = probs.offset();
        int blocks = ceilDiv(sh.lq, ROW_BLOCK);
        Parallel.forRange(sh.batch * heads * blocks, 1, (from, to) -> {
            Scratch w = SCRATCH.get().ensure(sh.dh);
            for (int item = from; item < to; item++) {
                int blk = item % blocks, bh = item / blocks;
                weightsBlock(sh, bh / heads, bh % heads, blk * ROW_BLOCK, scale, oq, ok,
                        pSeg, pOff + ((long) bh * sh.lq) * sh.lk, w);
            }
        });
    }

    /**
     * Floats of heap scratch one thread holds for head width {@code headDim}: it depends on the block sizes and the
     * head width only, never on the sequence lengths.
     */
    public static long scratchFloatsPerThread(int headDim) {
        return Scratch.floats(roundUp(headDim, VL));
    }

    /** Floats of scratch the calling thread holds right now (tests use it to show nothing grows with Lq*Lk). */
    static long currentThreadScratchFloats() {
        return SCRATCH.get().size();
    }

    // ---------------------------------------------------------------- one task each
    //
    // Every task owns a block of up to ROW_BLOCK rows (queries, or keys in the dK/dV pass), packed once, transposed,
    // as [dh][rp] so that scores come out transposed, sT[c][r], vectorised over the block's rows. Per-row softmax
    // statistics are then lane-wise vector operations (no horizontal reductions), and each column block only needs
    // contiguous row copies of K, V (or Q, dO), never a transposition.

    private static void forwardBlock(Shape sh, int b, int h, int r0, float scale, Operand q, Operand k, Operand v,
                                     Operand out, MemorySegment lse, long lseOff, Scratch w) {
        int rows = Math.min(ROW_BLOCK, sh.lq - r0), rp = roundUp(rows, VL), dh = sh.dh, dhp = w.dhp, col0 = h * dh;
        packTransposed(q, b, r0, rows, col0, dh, scale, w.rowT1, rp);
        java.util.Arrays.fill(w.acc1, 0, rows * dhp, 0f);
        float[] m = w.rowStat1, l = w.rowStat2, corr = w.rowStat3, sT = w.s;
        java.util.Arrays.fill(m, 0, rp, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(l, 0, rp, 0f);
        for (int c0 = 0; c0 < sh.lk; c0 += COL_BLOCK) {
            int cols = Math.min(COL_BLOCK, sh.lk - c0);
            packRows(k, b, c0, cols, col0, dh, w.colR1, dhp);
            packRows(v, b, c0, cols, col0, dh, w.colR2, dhp);
            scores(w.colR1, cols, dhp, dh, w.rowT1, rp, sT);
            onlineSoftmax(sT, cols, rp, m, l, corr);
            for (int r = 0; r < rows; r++) if (corr[r] != 1f) scaleRow(w.acc1, r * dhp, dhp, corr[r]);
            accumulateTransposed(sT, rp, cols, rows, w.colR2, dhp, w.acc1);
        }
        for (int r = 0; r < rows; r++) {
            writeRow(out, b, r0 + r, col0, dh, w.acc1, r * dhp, 1f / l[r]);
            if (lse != null) {
                lse.setAtIndex(Tensor.FLOAT, lseOff + ((long) b * sh.heads + h) * sh.lq + r0 + r, m[r] + (float) StrictMath.log(l[r]));
            }
        }
    }

    /** dQ for one block of queries: dS = P * (dO V^T - D), dQ = scale * dS K. */
    private static void gradQueryBlock(Shape sh, int b, int h, int r0, float scale, Operand q, Operand k, Operand v,
                                       Operand dOut, Operand dq, MemorySegment lse, long lseOff,
                                       MemorySegment delta, long dOff, Scratch w) {
        int rows = Math.min(ROW_BLOCK, sh.lq - r0), rp = roundUp(rows, VL), dh = sh.dh, dhp = w.dhp, col0 = h * dh;
        packTransposed(q, b, r0, rows, col0, dh, scale, w.rowT1, rp);
        packTransposed(dOut, b, r0, rows, col0, dh, 1f, w.rowT2, rp);
        long stat = ((long) b * sh.heads + h) * sh.lq + r0;
        for (int r = 0; r < rp; r++) {
            // padding rows get finite statistics so that they stay finite; nothing reads their results
            w.rowStat1[r] = r < rows ? lse.getAtIndex(Tensor.FLOAT, lseOff + stat + r) : 0f;
            w.rowStat2[r] = r < rows ? delta.getAtIndex(Tensor.FLOAT, dOff + stat + r) : 0f;
        }
        java.util.Arrays.fill(w.acc1, 0, rows * dhp, 0f);
        for (int c0 = 0; c0 < sh.lk; c0 += COL_BLOCK) {
            int cols = Math.min(COL_BLOCK, sh.lk - c0);
            packRows(k, b, c0, cols, col0, dh, w.colR1, dhp);
            packRows(v, b, c0, cols, col0, dh, w.colR2, dhp);
            scores(w.colR1, cols, dhp, dh, w.rowT1, rp, w.s);
            scores(w.colR2, cols, dhp, dh, w.rowT2, rp, w.dp);
            scoreGradsPerRow(w.s, w.dp, cols, rp, w.rowStat1, w.rowStat2);
            accumulateTransposed(w.s, rp, cols, rows, w.colR1, dhp, w.acc1);
        }
        for (int r = 0; r < rows; r++) writeRow(dq, b, r0 + r, col0, dh, w.acc1, r * dhp, scale);
    }

    /** dK and dV for one block of keys: dV = P^T dO, dK = scale * dS^T Q, recomputing P over all queries. */
    private static void gradKeyBlock(Shape sh, int b, int h, int r0, float scale, Operand q, Operand k, Operand v,
                                     Operand dOut, Operand dk, Operand dv, MemorySegment lse, long lseOff,
                                     MemorySegment delta, long dOff, Scratch w) {
        int rows = Math.min(ROW_BLOCK, sh.lk - r0), rp = roundUp(rows, VL), dh = sh.dh, dhp = w.dhp, col0 = h * dh;
        packTransposed(k, b, r0, rows, col0, dh, scale, w.rowT1, rp);
        packTransposed(v, b, r0, rows, col0, dh, 1f, w.rowT2, rp);
        java.util.Arrays.fill(w.acc1, 0, rows * dhp, 0f);
        java.util.Arrays.fill(w.acc2, 0, rows * dhp, 0f);
        long stat = ((long) b * sh.heads + h) * sh.lq;
        for (int c0 = 0; c0 < sh.lq; c0 += COL_BLOCK) {
            int cols = Math.min(COL_BLOCK, sh.lq - c0);
            packRows(q, b, c0, cols, col0, dh, w.colR1, dhp);
            packRows(dOut, b, c0, cols, col0, dh, w.colR2, dhp);
            for (int c = 0; c < cols; c++) {
                w.colStat1[c] = lse.getAtIndex(Tensor.FLOAT, lseOff + stat + c0 + c);
                w.colStat2[c] = delta.getAtIndex(Tensor.FLOAT, dOff + stat + c0 + c);
            }
            scores(w.colR1, cols, dhp, dh, w.rowT1, rp, w.s);
            scores(w.colR2, cols, dhp, dh, w.rowT2, rp, w.dp);
            scoreGradsPerColumn(w.s, w.dp, cols, rp, w.colStat1, w.colStat2);
            accumulateTransposed(w.s, rp, cols, rows, w.colR2, dhp, w.acc2);
            accumulateTransposed(w.dp, rp, cols, rows, w.colR1, dhp, w.acc1);
        }
        for (int r = 0; r < rows; r++) {
            writeRow(dk, b, r0 + r, col0, dh, w.acc1, r * dhp, scale);
            writeRow(dv, b, r0 + r, col0, dh, w.acc2, r * dhp, 1f);
        }
    }

    private static void weightsBlock(Shape sh, int b, int h, int r0, float scale, Operand q, Operand k,
                                     MemorySegment probs, long pOff, Scratch w) {
        int rows = Math.min(ROW_BLOCK, sh.lq - r0), rp = roundUp(rows, VL), dh = sh.dh, dhp = w.dhp, col0 = h * dh;
        float[] m = w.rowStat1, l = w.rowStat2, sT = w.s;
        java.util.Arrays.fill(m, 0, rp, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(l, 0, rp, 0f);
        packTransposed(q, b, r0, rows, col0, dh, scale, w.rowT1, rp);
        // first sweep: raw scores into the output, running max and sum exactly as the forward keeps them
        for (int c0 = 0; c0 < sh.lk; c0 += COL_BLOCK) {
            int cols = Math.min(COL_BLOCK, sh.lk - c0);
            packRows(k, b, c0, cols, col0, dh, w.colR1, dhp);
            scores(w.colR1, cols, dhp, dh, w.rowT1, rp, sT);
            for (int r = 0; r < rows; r++) {
                long row = pOff + (long) (r0 + r) * sh.lk + c0;
                for (int c = 0; c < cols; c++) probs.setAtIndex(Tensor.FLOAT, row + c, sT[c * rp + r]);
            }
            onlineSoftmax(sT, cols, rp, m, l, w.rowStat3);
        }
        // second sweep: the block's rows of the output become probabilities in place
        for (int r = 0; r < rows; r++) {
            long row = pOff + (long) (r0 + r) * sh.lk;
            float inv = 1f / l[r];
            for (int c = 0; c < sh.lk; c++) {
                probs.setAtIndex(Tensor.FLOAT, row + c, exp(probs.getAtIndex(Tensor.FLOAT, row + c) - m[r]) * inv);
            }
        }
    }

    // ---------------------------------------------------------------- softmax steps on transposed scores

    /**
     * One key block of the online softmax on sT[c][r]: new running max m and sum l per row, the factor corr by which
     * earlier sums shrink, and sT replaced by exp(sT - m). Lane-wise over rows, summed over c in order.
     */
    private static void onlineSoftmax(float[] sT, int cols, int rp, float[] m, float[] l, float[] corr) {
        for (int r = 0; r < rp; r += VL) {
            FloatVector vmax = FloatVector.fromArray(S, m, r);
            for (int c = 0, o = r; c < cols; c++, o += rp) vmax = vmax.max(FloatVector.fromArray(S, sT, o));
            FloatVector vold = FloatVector.fromArray(S, m, r);
            // exp(-inf) = 0 on the first block, when nothing was summed yet
            FloatVector vcorr = exp(vold.sub(vmax));
            FloatVector vsum = FloatVector.zero(S);
            for (int c = 0, o = r; c < cols; c++, o += rp) {
                FloatVector p = exp(FloatVector.fromArray(S, sT, o).sub(vmax));
                p.intoArray(sT, o);
                vsum = vsum.add(p);
            }
            FloatVector.fromArray(S, l, r).fma(vcorr, vsum).intoArray(l, r);
            vmax.intoArray(m, r);
            vcorr.intoArray(corr, r);
        }
    }

    /** dQ pass: sT becomes dS = exp(sT - lse[r]) * (dpT - delta[r]), statistics per row (lane). */
    private static void scoreGradsPerRow(float[] sT, float[] dpT, int cols, int rp, float[] lse, float[] delta) {
        for (int r = 0; r < rp; r += VL) {
            FloatVector vl = FloatVector.fromArray(S, lse, r), vd = FloatVector.fromArray(S, delta, r);
            for (int c = 0, o = r; c < cols; c++, o += rp) {
                FloatVector p = exp(FloatVector.fromArray(S, sT, o).sub(vl));
                p.mul(FloatVector.fromArray(S, dpT, o).sub(vd)).intoArray(sT, o);
            }
        }
    }

    /** dK/dV pass: sT becomes P = exp(sT - lse[c]), dpT becomes dS = P * (dpT - delta[c]), statistics per column. */
    private static void scoreGradsPerColumn(float[] sT, float[] dpT, int cols, int rp, float[] lse, float[] delta) {
        for (int c = 0; c < cols; c++) {
            FloatVector vl = FloatVector.broadcast(S, lse[c]), vd = FloatVector.broadcast(S, delta[c]);
            for (int r = 0, o = c * rp; r < rp; r += VL, o += VL) {
                FloatVector p = exp(FloatVector.fromArray(S, sT, o).sub(vl));
                p.intoArray(sT, o);
                p.mul(FloatVector.fromArray(S, dpT, o).sub(vd)).intoArray(dpT, o);
            }
        }
    }

    // ---------------------------------------------------------------- packing

    /** dst[d*rp + r] = alpha * x[b, r0+r, col0+d] (the block transposed), zero-padded to rp rows. */
    private static void packTransposed(Operand x, int b, int r0, int rows, int col0, int dh, float alpha, float[] dst, int rp) {
        for (int r = 0; r < rows; r++) {
            long src = x.row(b, r0 + r) + col0;
            for (int d = 0, o = r; d < dh; d++, o += rp) dst[o] = alpha * x.seg.getAtIndex(Tensor.FLOAT, src + d);
        }
        for (int d = 0; d < dh; d++) java.util.Arrays.fill(dst, d * rp + rows, d * rp + rp, 0f);
    }

    /** dst[c*dhp + d] = x[b, c0+c, col0+d], zero-padded to dhp columns; whole vectors where the row allows. */
    private static void packRows(Operand x, int b, int c0, int cols, int col0, int dh, float[] dst, int dhp) {
        int bound = S.loopBound(dh);
        for (int c = 0; c < cols; c++) {
            long src = x.row(b, c0 + c) + col0;
            int o = c * dhp, d = 0;
            for (; d < bound; d += VL) FloatVector.fromMemorySegment(S, x.seg, (src + d) * Float.BYTES, LE).intoArray(dst, o + d);
            for (; d < dh; d++) dst[o + d] = x.seg.getAtIndex(Tensor.FLOAT, src + d);
            for (; d < dhp; d++) dst[o + d] = 0f;
        }
    }

    private static void writeRow(Operand x, int b, int i, int col0, int dh, float[] acc, int o, float alpha) {
        long dst = x.row(b, i) + col0;
        for (int d = 0; d < dh; d++) x.seg.setAtIndex(Tensor.FLOAT, dst + d, acc[o + d] * alpha);
    }

    private static void scaleRow(float[] acc, int o, int dhp, float f) {
        FloatVector vf = FloatVector.broadcast(S, f);
        for (int d = 0; d < dhp; d += VL) FloatVector.fromArray(S, acc, o + d).mul(vf).intoArray(acc, o + d);
    }

    // ---------------------------------------------------------------- micro-kernels

    /**
     * s[i*np + j] = sum_d a[i*lda + d] * bt[d*np + j] for i < m, j < np (np a multiple of VL): a small matrix
     * product with a broadcast from a and vectors along j. Each entry is an FMA chain over d in order, whichever
     * tile computes it.
     */
    static void scores(float[] a, int m, int lda, int dh, float[] bt, int np, float[] s) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
            int j = 0;
            for (; j + 4 * VL <= np; j += 4 * VL) {
                FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
                FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00;
                for (int d = 0, bo = j; d < dh; d++, bo += np) {
                    FloatVector b0 = FloatVector.fromArray(S, bt, bo), b1 = FloatVector.fromArray(S, bt, bo + VL);
                    FloatVector b2 = FloatVector.fromArray(S, bt, bo + 2 * VL), b3 = FloatVector.fromArray(S, bt, bo + 3 * VL);
                    FloatVector x = FloatVector.broadcast(S, a[a0 + d]);
                    s00 = x.fma(b0, s00); s01 = x.fma(b1, s01); s02 = x.fma(b2, s02); s03 = x.fma(b3, s03);
                    x = FloatVector.broadcast(S, a[a1 + d]);
                    s10 = x.fma(b0, s10); s11 = x.fma(b1, s11); s12 = x.fma(b2, s12); s13 = x.fma(b3, s13);
                    x = FloatVector.broadcast(S, a[a2 + d]);
                    s20 = x.fma(b0, s20); s21 = x.fma(b1, s21); s22 = x.fma(b2, s22); s23 = x.fma(b3, s23);
                    x = FloatVector.broadcast(S, a[a3 + d]);
                    s30 = x.fma(b0, s30); s31 = x.fma(b1, s31); s32 = x.fma(b2, s32); s33 = x.fma(b3, s33);
                }
                int o = i * np + j;
                s00.intoArray(s, o); s01.intoArray(s, o + VL); s02.intoArray(s, o + 2 * VL); s03.intoArray(s, o + 3 * VL);
                o += np;
                s10.intoArray(s, o); s11.intoArray(s, o + VL); s12.intoArray(s, o + 2 * VL); s13.intoArray(s, o + 3 * VL);
                o += np;
                s20.intoArray(s, o); s21.intoArray(s, o + VL); s22.intoArray(s, o + 2 * VL); s23.intoArray(s, o + 3 * VL);
                o += np;
                s30.intoArray(s, o); s31.intoArray(s, o + VL); s32.intoArray(s, o + 2 * VL); s33.intoArray(s, o + 3 * VL);
            }
            for (; j < np; j += VL) {
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                for (int d = 0, bo = j; d < dh; d++, bo += np) {
                    FloatVector b0 = FloatVector.fromArray(S, bt, bo);
                    s0 = FloatVector.broadcast(S, a[a0 + d]).fma(b0, s0);
                    s1 = FloatVector.broadcast(S, a[a1 + d]).fma(b0, s1);
                    s2 = FloatVector.broadcast(S, a[a2 + d]).fma(b0, s2);
                    s3 = FloatVector.broadcast(S, a[a3 + d]).fma(b0, s3);
                }
                int o = i * np + j;
                s0.intoArray(s, o);
                s1.intoArray(s, o + np);
                s2.intoArray(s, o + 2 * np);
                s3.intoArray(s, o + 3 * np);
            }
        }
        for (; i < m; i++) {
            int a0 = i * lda;
            for (int j = 0; j < np; j += VL) {
                FloatVector s0 = FloatVector.zero(S);
                for (int d = 0, bo = j; d < dh; d++, bo += np) {
                    s0 = FloatVector.broadcast(S, a[a0 + d]).fma(FloatVector.fromArray(S, bt, bo), s0);
                }
                s0.intoArray(s, i * np + j);
            }
        }
    }

    /**
     * acc[r*dhp + e] += sum_{c < cols} pT[c*rp + r] * x[c*dhp + e] for r < rows, e < dhp (dhp a multiple of VL),
     * as an FMA chain over c in order.
     */
    static void accumulateTransposed(float[] pT, int rp, int cols, int rows, float[] x, int dhp, float[] acc) {
        // each tile is its own method: in one large method C2 stops intrinsifying vector operations past its node
        // budget, and every FMA it leaves behind allocates its result (gigabytes of garbage per training step)
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int e = 0;
            for (; e + 4 * VL <= dhp; e += 4 * VL) tile4x4(pT, rp, cols, r, x, dhp, acc, e);
            for (; e < dhp; e += VL) tile4x1(pT, rp, cols, r, x, dhp, acc, e);
        }
        for (; r < rows; r++) row(pT, rp, cols, r, x, dhp, acc);
    }

    /** Rows r..r+3, columns e..e+4*VL of {@link #accumulateTransposed}. */
    private static void tile4x4(float[] pT, int rp, int cols, int r, float[] x, int dhp, float[] acc, int e) {
        int o = r * dhp;
        int o0 = o + e, o1 = o0 + dhp, o2 = o1 + dhp, o3 = o2 + dhp;
        FloatVector c00 = FloatVector.fromArray(S, acc, o0), c01 = FloatVector.fromArray(S, acc, o0 + VL);
        FloatVector c02 = FloatVector.fromArray(S, acc, o0 + 2 * VL), c03 = FloatVector.fromArray(S, acc, o0 + 3 * VL);
        FloatVector c10 = FloatVector.fromArray(S, acc, o1), c11 = FloatVector.fromArray(S, acc, o1 + VL);
        FloatVector c12 = FloatVector.fromArray(S, acc, o1 + 2 * VL), c13 = FloatVector.fromArray(S, acc, o1 + 3 * VL);
        FloatVector c20 = FloatVector.fromArray(S, acc, o2), c21 = FloatVector.fromArray(S, acc, o2 + VL);
        FloatVector c22 = FloatVector.fromArray(S, acc, o2 + 2 * VL), c23 = FloatVector.fromArray(S, acc, o2 + 3 * VL);
        FloatVector c30 = FloatVector.fromArray(S, acc, o3), c31 = FloatVector.fromArray(S, acc, o3 + VL);
        FloatVector c32 = FloatVector.fromArray(S, acc, o3 + 2 * VL), c33 = FloatVector.fromArray(S, acc, o3 + 3 * VL);
        for (int c = 0, xo = e, po = r; c < cols; c++, xo += dhp, po += rp) {
            FloatVector x0 = FloatVector.fromArray(S, x, xo), x1 = FloatVector.fromArray(S, x, xo + VL);
            FloatVector x2 = FloatVector.fromArray(S, x, xo + 2 * VL), x3 = FloatVector.fromArray(S, x, xo + 3 * VL);
            FloatVector w = FloatVector.broadcast(S, pT[po]);
            c00 = w.fma(x0, c00); c01 = w.fma(x1, c01); c02 = w.fma(x2, c02); c03 = w.fma(x3, c03);
            w = FloatVector.broadcast(S, pT[po + 1]);
            c10 = w.fma(x0, c10); c11 = w.fma(x1, c11); c12 = w.fma(x2, c12); c13 = w.fma(x3, c13);
            w = FloatVector.broadcast(S, pT[po + 2]);
            c20 = w.fma(x0, c20); c21 = w.fma(x1, c21); c22 = w.fma(x2, c22); c23 = w.fma(x3, c23);
            w = FloatVector.broadcast(S, pT[po + 3]);
            c30 = w.fma(x0, c30); c31 = w.fma(x1, c31); c32 = w.fma(x2, c32); c33 = w.fma(x3, c33);
        }
        c00.intoArray(acc, o0); c01.intoArray(acc, o0 + VL); c02.intoArray(acc, o0 + 2 * VL); c03.intoArray(acc, o0 + 3 * VL);
        c10.intoArray(acc, o1); c11.intoArray(acc, o1 + VL); c12.intoArray(acc, o1 + 2 * VL); c13.intoArray(acc, o1 + 3 * VL);
        c20.intoArray(acc, o2); c21.intoArray(acc, o2 + VL); c22.intoArray(acc, o2 + 2 * VL); c23.intoArray(acc, o2 + 3 * VL);
        c30.intoArray(acc, o3); c31.intoArray(acc, o3 + VL); c32.intoArray(acc, o3 + 2 * VL); c33.intoArray(acc, o3 + 3 * VL);
    }

    /** Rows r..r+3, columns e..e+VL of {@link #accumulateTransposed}. */
    private static void tile4x1(float[] pT, int rp, int cols, int r, float[] x, int dhp, float[] acc, int e) {
        int o = r * dhp;
        int o0 = o + e;
        FloatVector c0 = FloatVector.fromArray(S, acc, o0), c1 = FloatVector.fromArray(S, acc, o0 + dhp);
        FloatVector c2 = FloatVector.fromArray(S, acc, o0 + 2 * dhp), c3 = FloatVector.fromArray(S, acc, o0 + 3 * dhp);
        for (int c = 0, xo = e, po = r; c < cols; c++, xo += dhp, po += rp) {
            FloatVector x0 = FloatVector.fromArray(S, x, xo);
            c0 = FloatVector.broadcast(S, pT[po]).fma(x0, c0);
            c1 = FloatVector.broadcast(S, pT[po + 1]).fma(x0, c1);
            c2 = FloatVector.broadcast(S, pT[po + 2]).fma(x0, c2);
            c3 = FloatVector.broadcast(S, pT[po + 3]).fma(x0, c3);
        }
        c0.intoArray(acc, o0);
        c1.intoArray(acc, o0 + dhp);
        c2.intoArray(acc, o0 + 2 * dhp);
        c3.intoArray(acc, o0 + 3 * dhp);
    }

    /** One row r of {@link #accumulateTransposed}. */
    private static void row(float[] pT, int rp, int cols, int r, float[] x, int dhp, float[] acc) {
        int o = r * dhp;
        for (int e = 0; e < dhp; e += VL) {
            FloatVector c0 = FloatVector.fromArray(S, acc, o + e);
            for (int c = 0, xo = e, po = r; c < cols; c++, xo += dhp, po += rp) {
                c0 = FloatVector.broadcast(S, pT[po]).fma(FloatVector.fromArray(S, x, xo), c0);
            }
            c0.intoArray(acc, o + e);
        }
    }

    // ---------------------------------------------------------------- exp and lane sums

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer held in the low mantissa bits. */
    private static final float ROUND_MAGIC = 12582912f;
    private static final int MAGIC_BITS = 0x4B400000;
    private static final float EXP_MIN = -87.33654f, EXP_MAX = 88.37626f;
    private static final float C2 = 1f / 2, C3 = 1f / 6, C4 = 1f / 24, C5 = 1f / 120, C6 = 1f / 720, C7 = 1f / 5040;

    /**
     * e^x for each lane, within a few ulp of {@link Math#exp}; 0 below e^-87.3 (so -inf gives 0). Built from IEEE
     * add, multiply and FMA only, so the bits are the same interpreted or compiled, and equal to {@link #exp(float)}.
     * (The Vector API's own EXP may differ between the interpreter and compiled code, which would break determinism.)
     */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector t = xc.mul(LOG2E).add(ROUND_MAGIC);
        FloatVector n = t.sub(ROUND_MAGIC);
        FloatVector r = n.neg().fma(FloatVector.broadcast(S, LN2_HI), xc);
        r = n.neg().fma(FloatVector.broadcast(S, LN2_LO), r);
        FloatVector p = FloatVector.broadcast(S, C7);
        p = p.fma(r, FloatVector.broadcast(S, C6));
        p = p.fma(r, FloatVector.broadcast(S, C5));
        p = p.fma(r, FloatVector.broadcast(S, C4));
        p = p.fma(r, FloatVector.broadcast(S, C3));
        p = p.fma(r, FloatVector.broadcast(S, C2));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        FloatVector pow2 = t.reinterpretAsInts().sub(MAGIC_BITS - 127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(pow2).blend(0f, x.compare(VectorOperators.LT, EXP_MIN));
    }

    /** Scalar twin of {@link #exp(FloatVector)}: the same operations in the same order, hence the same bits. */
    static float exp(float x) {
        float xc = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float t = xc * LOG2E + ROUND_MAGIC;
        float n = t - ROUND_MAGIC;
        float r = Math.fma(-n, LN2_HI, xc);
        r = Math.fma(-n, LN2_LO, r);
        float p = C7;
        p = Math.fma(p, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        float pow2 = Float.intBitsToFloat((Float.floatToRawIntBits(t) - (MAGIC_BITS - 127)) << 23);
        return x < EXP_MIN ? 0f : p * pow2;
    }

    // ---------------------------------------------------------------- shapes, operands, scratch

    static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    static int roundUp(int a, int m) { return ceilDiv(a, m) * m; }

    private static void requireStats(String where, String name, Tensor t, Shape sh) {
        t.requireShape(where + " " + name, sh.batch, sh.heads, sh.lq);
        if (!t.isContiguous()) throw new IllegalArgumentException(where + ": " + name + " must be contiguous");
    }

    /** Sizes shared by all operands of one call. */
    record Shape(int batch, int heads, int lq, int lk, int width, int dh) {
        static Shape of(String where, Tensor q, Tensor k, Tensor v, int heads) {
            if (q.rank() != 3 || k.rank() != 3 || v.rank() != 3) {
                throw new IllegalArgumentException(where + ": q, k, v must be [B, L, H*dh] but are " + q.shapeString()
                        + ", " + k.shapeString() + ", " + v.shapeString());
            }
            int b = q.dim(0), lq = q.dim(1), width = q.dim(2), lk = k.dim(1);
            if (k.dim(0) != b || v.dim(0) != b || k.dim(2) != width || !k.hasShape(v.shape())) {
                throw new IllegalArgumentException(where + ": q " + q.shapeString() + ", k " + k.shapeString() + " and v "
                        + v.shapeString() + " disagree (need q [B, Lq, W], k and v [B, Lk, W])");
            }
            if (heads < 1 || width % heads != 0) {
                throw new IllegalArgumentException(where + ": width " + width + " is not divisible into " + heads + " heads");
            }
            if (lk < 1) throw new IllegalArgumentException(where + ": no keys (k is " + k.shapeString() + ")");
            Operand.of(where, "q", q, b, lq, width);
            Operand.of(where, "k", k, b, lk, width);
            Operand.of(where, "v", v, b, lk, width);
            return new Shape(b, heads, lq, lk, width, width / heads);
        }
    }

    /** Where a [B, L, W] operand lives: segment, element offset, batch and row strides; rows are contiguous. */
    record Operand(MemorySegment seg, long off, long batchStride, long rowStride) {
        static Operand of(Tensor t) {
            return new Operand(t.segment(), t.offset(), t.stride(0), t.stride(1));
        }

        static void of(String where, String name, Tensor t, int b, int l, int w) {
            t.requireShape(where + " " + name, b, l, w);
            if (t.stride(2) != 1 && w > 1) {
                throw new IllegalArgumentException(where + ": rows of " + name + " " + t.shapeString() + " must be contiguous");
            }
        }

        long row(int b, int i) { return off + b * batchStride + i * rowStride; }
    }

    /** One thread's working set; every array is sized by the blocks and the padded head width only. */
    static final class Scratch {
        int dhp;          // padded head width of the current call
        private int capacity = -1;
        float[] rowT1, rowT2;            // dh x ROW_BLOCK: the task's rows, transposed
        float[] colR1, colR2;            // COL_BLOCK x dhp: a block of column operands, row-major
        float[] acc1, acc2;              // ROW_BLOCK x dhp accumulators
        final float[] s = new float[COL_BLOCK * ROW_BLOCK], dp = new float[COL_BLOCK * ROW_BLOCK]; // transposed scores
        final float[] rowStat1 = new float[ROW_BLOCK], rowStat2 = new float[ROW_BLOCK], rowStat3 = new float[ROW_BLOCK];
        final float[] colStat1 = new float[COL_BLOCK], colStat2 = new float[COL_BLOCK];

        static long floats(int dhp) {
            return 2L * dhp * ROW_BLOCK + 2L * COL_BLOCK * dhp + 2L * ROW_BLOCK * dhp + fixedFloats();
        }

        private static long fixedFloats() {
            return 2L * COL_BLOCK * ROW_BLOCK + 3L * ROW_BLOCK + 2L * COL_BLOCK;
        }

        Scratch ensure(int dh) {
            int need = roundUp(dh, VL);
            if (need > capacity) {
                rowT1 = new float[need * ROW_BLOCK];
                rowT2 = new float[need * ROW_BLOCK];
                colR1 = new float[COL_BLOCK * need];
                colR2 = new float[COL_BLOCK * need];
                acc1 = new float[ROW_BLOCK * need];
                acc2 = new float[ROW_BLOCK * need];
                capacity = need;
            }
            dhp = need;
            return this;
        }

        long size() {
            return capacity < 0 ? fixedFloats() : floats(capacity);
        }
    }
}
