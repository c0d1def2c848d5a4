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
 * <p>The scalar reference twin is {@link AttentionScalar}.
 */
public final class Attention {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int VL = S.length();
    /** Rows (queries in the forward and dQ passes, keys in the dK/dV pass) handled by one task. */
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

    private static void forwardBlock(Shape sh, int b, int h, int r0, float scale, Operand q, Operand k, Operand v,
                                     Operand out, MemorySegment lse, long lseOff, Scratch w) {
        int rows = Math.min(ROW_BLOCK, sh.lq - r0), dh = sh.dh, dhp = w.dhp, col0 = h * dh;
        packRows(q, b, r0, rows, col0, dh, scale, w.rowsA, dhp);
        java.util.Arrays.fill(w.acc1, 0, rows * dhp, 0f);
        float[] m = w.rowStat1, l = w.rowStat2, s = w.s;
        java.util.Arrays.fill(m, 0, rows, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(l, 0, rows, 0f);
        for (int c0 = 0; c0 < sh.lk; c0 += COL_BLOCK) {
            int cols = Math.min(COL_BLOCK, sh.lk - c0), cp = roundUp(cols, VL);
            packTransposed(k, b, c0, cols, col0, dh, w.colT1, cp);
            packRows(v, b, c0, cols, col0, dh, 1f, w.colR1, dhp);
            scores(w.rowsA, rows, dhp, dh, w.colT1, cp, s);
            for (int r = 0; r < rows; r++) {
                int base = r * cp;
                for (int c = cols; c < cp; c++) s[base + c] = Float.NEGATIVE_INFINITY;
                float mNew = Math.max(m[r], rowMax(s, base, cp));
                // rescale what was summed so far to the new maximum (exp(-inf) = 0 on the first block)
                float corr = exp(m[r] - mNew);
                l[r] = l[r] * corr + expRow(s, base, cp, mNew, true, w.lanes);
                if (corr != 1f) scaleRow(w.acc1, r * dhp, dhp, corr);
                m[r] = mNew;
            }
            accumulate(s, rows, cp, cols, w.colR1, dhp, w.acc1);
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
        int rows = Math.min(ROW_BLOCK, sh.lq - r0), dh = sh.dh, dhp = w.dhp, col0 = h * dh;
        packRows(q, b, r0, rows, col0, dh, scale, w.rowsA, dhp);
        packRows(dOut, b, r0, rows, col0, dh, 1f, w.rowsB, dhp);
        long stat = ((long) b * sh.heads + h) * sh.lq + r0;
        for (int r = 0; r < rows; r++) {
            w.rowStat1[r] = lse.getAtIndex(Tensor.FLOAT, lseOff + stat + r);
            w.rowStat2[r] = delta.getAtIndex(Tensor.FLOAT, dOff + stat + r);
        }
        java.util.Arrays.fill(w.acc1, 0, rows * dhp, 0f);
        float[] s = w.s, dp = w.dp;
        for (int c0 = 0; c0 < sh.lk; c0 += COL_BLOCK) {
            int cols = Math.min(COL_BLOCK, sh.lk - c0), cp = roundUp(cols, VL);
            packTransposed(k, b, c0, cols, col0, dh, w.colT1, cp);
            packTransposed(v, b, c0, cols, col0, dh, w.colT2, cp);
            packRows(k, b, c0, cols, col0, dh, 1f, w.colR1, dhp);
            scores(w.rowsA, rows, dhp, dh, w.colT1, cp, s);
            scores(w.rowsB, rows, dhp, dh, w.colT2, cp, dp);
            for (int r = 0; r < rows; r++) scoreGradRow(s, dp, r * cp, cp, w.rowStat1[r], w.rowStat2[r]);
            accumulate(s, rows, cp, cols, w.colR1, dhp, w.acc1);
        }
        for (int r = 0; r < rows; r++) writeRow(dq, b, r0 + r, col0, dh, w.acc1, r * dhp, scale);
    }

    /** dK and dV for one block of keys: dV = P^T dO, dK = scale * dS^T Q, recomputing P over all queries. */
    private static void gradKeyBlock(Shape sh, int b, int h, int r0, float scale, Operand q, Operand k, Operand v,
                                     Operand dOut, Operand dk, Operand dv, MemorySegment lse, long lseOff,
                                     MemorySegment delta, long dOff, Scratch w) {
        int rows = Math.min(ROW_BLOCK, sh.lk - r0), dh = sh.dh, dhp = w.dhp, col0 = h * dh;
        packRows(k, b, r0, rows, col0, dh, scale, w.rowsA, dhp);
        packRows(v, b, r0, rows, col0, dh, 1f, w.rowsB, dhp);
        java.util.Arrays.fill(w.acc1, 0, rows * dhp, 0f);
        java.util.Arrays.fill(w.acc2, 0, rows * dhp, 0f);
        float[] s = w.s, dp = w.dp, lseCol = w.colStat1, dCol = w.colStat2;
        long stat = ((long) b * sh.heads + h) * sh.lq;
        for (int c0 = 0; c0 < sh.lq; c0 += COL_BLOCK) {
            int cols = Math.min(COL_BLOCK, sh.lq - c0), cp = roundUp(cols, VL);
            packTransposed(q, b, c0, cols, col0, dh, w.colT1, cp);
            packTransposed(dOut, b, c0, cols, col0, dh, w.colT2, cp);
            packRows(q, b, c0, cols, col0, dh, 1f, w.colR1, dhp);
            packRows(dOut, b, c0, cols, col0, dh, 1f, w.colR2, dhp);
            for (int c = 0; c < cp; c++) {
                // padding columns get finite statistics so that they stay finite; accumulate() never reads them
                lseCol[c] = c < cols ? lse.getAtIndex(Tensor.FLOAT, lseOff + stat + c0 + c) : 0f;
                dCol[c] = c < cols ? delta.getAtIndex(Tensor.FLOAT, dOff + stat + c0 + c) : 0f;
            }
            scores(w.rowsA, rows, dhp, dh, w.colT1, cp, s);
            scores(w.rowsB, rows, dhp, dh, w.colT2, cp, dp);
            for (int r = 0; r < rows; r++) scoreGradRowTransposed(s, dp, r * cp, cp, lseCol, dCol);
            accumulate(s, rows, cp, cols, w.colR2, dhp, w.acc2);
            accumulate(dp, rows, cp, cols, w.colR1, dhp, w.acc1);
        }
        for (int r = 0; r < rows; r++) {
            writeRow(dk, b, r0 + r, col0, dh, w.acc1, r * dhp, scale);
            writeRow(dv, b, r0 + r, col0, dh, w.acc2, r * dhp, 1f);
        }
    }

    private static void weightsBlock(Shape sh, int b, int h, int r0, float scale, Operand q, Operand k,
                                     MemorySegment probs, long pOff, Scratch w) {
        int rows = Math.min(ROW_BLOCK, sh.lq - r0), dh = sh.dh, dhp = w.dhp, col0 = h * dh;
        float[] m = w.rowStat1, l = w.rowStat2, s = w.s;
        java.util.Arrays.fill(m, 0, rows, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(l, 0, rows, 0f);
        packRows(q, b, r0, rows, col0, dh, scale, w.rowsA, dhp);
        // first sweep: raw scores into the output, running max and sum exactly as the forward keeps them
        for (int c0 = 0; c0 < sh.lk; c0 += COL_BLOCK) {
            int cols = Math.min(COL_BLOCK, sh.lk - c0), cp = roundUp(cols, VL);
            packTransposed(k, b, c0, cols, col0, dh, w.colT1, cp);
            scores(w.rowsA, rows, dhp, dh, w.colT1, cp, s);
            for (int r = 0; r < rows; r++) {
                int base = r * cp;
                MemorySegment.copy(s, base, probs, Tensor.FLOAT, (pOff + (long) (r0 + r) * sh.lk + c0) * Float.BYTES, cols);
                for (int c = cols; c < cp; c++) s[base + c] = Float.NEGATIVE_INFINITY;
                float mNew = Math.max(m[r], rowMax(s, base, cp));
                l[r] = l[r] * exp(m[r] - mNew) + expRow(s, base, cp, mNew, false, w.lanes);
                m[r] = mNew;
            }
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

    // Row helpers take and return arrays and scalars only: a vector crossing a call that the JIT did not inline
    // would be boxed on the heap.

    private static float rowMax(float[] s, int base, int cp) {
        FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int c = 0; c < cp; c += VL) vmax = vmax.max(FloatVector.fromArray(S, s, base + c));
        return vmax.reduceLanes(VectorOperators.MAX); // max is exact, so its order does not matter
    }

    /**
     * Sum of exp(s[c] - shift) over the row, written back in place when {@code store}. The lanes are added in lane
     * order at the end (the Vector API leaves the order of its ADD reduction open).
     */
    private static float expRow(float[] s, int base, int cp, float shift, boolean store, float[] lanes) {
        FloatVector vm = FloatVector.broadcast(S, shift), vsum = FloatVector.zero(S);
        for (int c = 0; c < cp; c += VL) {
            FloatVector p = exp(FloatVector.fromArray(S, s, base + c).sub(vm));
            if (store) p.intoArray(s, base + c);
            vsum = vsum.add(p);
        }
        vsum.intoArray(lanes, 0);
        float sum = 0f;
        for (int i = 0; i < VL; i++) sum += lanes[i];
        return sum;
    }

    /** One query row: s becomes dS = exp(s - lse) * (dp - delta). */
    private static void scoreGradRow(float[] s, float[] dp, int base, int cp, float lse, float delta) {
        FloatVector vl = FloatVector.broadcast(S, lse), vd = FloatVector.broadcast(S, delta);
        for (int c = base, e = base + cp; c < e; c += VL) {
            FloatVector p = exp(FloatVector.fromArray(S, s, c).sub(vl));
            p.mul(FloatVector.fromArray(S, dp, c).sub(vd)).intoArray(s, c);
        }
    }

    /** One key row against a block of queries: s becomes P, dp becomes dS, with per-column lse and delta. */
    private static void scoreGradRowTransposed(float[] s, float[] dp, int base, int cp, float[] lse, float[] delta) {
        for (int c = 0; c < cp; c += VL) {
            FloatVector p = exp(FloatVector.fromArray(S, s, base + c).sub(FloatVector.fromArray(S, lse, c)));
            p.intoArray(s, base + c);
            p.mul(FloatVector.fromArray(S, dp, base + c).sub(FloatVector.fromArray(S, delta, c))).intoArray(dp, base + c);
        }
    }

    // ---------------------------------------------------------------- packing

    /** dst[r*dhp + d] = alpha * x[b, r0+r, col0+d], zero-padded to dhp columns. */
    private static void packRows(Operand x, int b, int r0, int rows, int col0, int dh, float alpha, float[] dst, int dhp) {
        for (int r = 0; r < rows; r++) {
            long src = x.row(b, r0 + r) + col0;
            int o = r * dhp;
            for (int d = 0; d < dh; d++) dst[o + d] = alpha * x.seg.getAtIndex(Tensor.FLOAT, src + d);
            for (int d = dh; d < dhp; d++) dst[o + d] = 0f;
        }
    }

    /** dst[d*cp + c] = x[b, c0+c, col0+d] (the block transposed), zero-padded to cp columns. */
    private static void packTransposed(Operand x, int b, int c0, int cols, int col0, int dh, float[] dst, int cp) {
        for (int c = 0; c < cols; c++) {
            long src = x.row(b, c0 + c) + col0;
            for (int d = 0; d < dh; d++) dst[d * cp + c] = x.seg.getAtIndex(Tensor.FLOAT, src + d);
        }
        for (int d = 0; d < dh; d++) {
            for (int c = cols; c < cp; c++) dst[d * cp + c] = 0f;
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
     * s[r*cp + c] = sum_d a[r*dhp + d] * bt[d*cp + c] for r < rows, c < cp (cp a multiple of VL). Each entry is an
     * FMA chain over d in order, whichever tile computes it.
     */
    static void scores(float[] a, int rows, int dhp, int dh, float[] bt, int cp, float[] s) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int a0 = r * dhp, a1 = a0 + dhp, a2 = a1 + dhp, a3 = a2 + dhp;
            int c = 0;
            for (; c + 2 * VL <= cp; c += 2 * VL) {
                FloatVector s00 = FloatVector.zero(S), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
                for (int d = 0, bo = c; d < dh; d++, bo += cp) {
                    FloatVector b0 = FloatVector.fromArray(S, bt, bo), b1 = FloatVector.fromArray(S, bt, bo + VL);
                    FloatVector x = FloatVector.broadcast(S, a[a0 + d]);
                    s00 = x.fma(b0, s00);
                    s01 = x.fma(b1, s01);
                    x = FloatVector.broadcast(S, a[a1 + d]);
                    s10 = x.fma(b0, s10);
                    s11 = x.fma(b1, s11);
                    x = FloatVector.broadcast(S, a[a2 + d]);
                    s20 = x.fma(b0, s20);
                    s21 = x.fma(b1, s21);
                    x = FloatVector.broadcast(S, a[a3 + d]);
                    s30 = x.fma(b0, s30);
                    s31 = x.fma(b1, s31);
                }
                int o = r * cp + c;
                s00.intoArray(s, o);
                s01.intoArray(s, o + VL);
                s10.intoArray(s, o + cp);
                s11.intoArray(s, o + cp + VL);
                s20.intoArray(s, o + 2 * cp);
                s21.intoArray(s, o + 2 * cp + VL);
                s30.intoArray(s, o + 3 * cp);
                s31.intoArray(s, o + 3 * cp + VL);
            }
            for (; c < cp; c += VL) {
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                for (int d = 0, bo = c; d < dh; d++, bo += cp) {
                    FloatVector b0 = FloatVector.fromArray(S, bt, bo);
                    s0 = FloatVector.broadcast(S, a[a0 + d]).fma(b0, s0);
                    s1 = FloatVector.broadcast(S, a[a1 + d]).fma(b0, s1);
                    s2 = FloatVector.broadcast(S, a[a2 + d]).fma(b0, s2);
                    s3 = FloatVector.broadcast(S, a[a3 + d]).fma(b0, s3);
                }
                int o = r * cp + c;
                s0.intoArray(s, o);
                s1.intoArray(s, o + cp);
                s2.intoArray(s, o + 2 * cp);
                s3.intoArray(s, o + 3 * cp);
            }
        }
        for (; r < rows; r++) {
            int a0 = r * dhp;
            for (int c = 0; c < cp; c += VL) {
                FloatVector s0 = FloatVector.zero(S);
                for (int d = 0, bo = c; d < dh; d++, bo += cp) {
                    s0 = FloatVector.broadcast(S, a[a0 + d]).fma(FloatVector.fromArray(S, bt, bo), s0);
                }
                s0.intoArray(s, r * cp + c);
            }
        }
    }

    /**
     * acc[r*dhp + e] += sum_{c < cols} p[r*cp + c] * x[c*dhp + e] for r < rows, e < dhp (dhp a multiple of VL),
     * as an FMA chain over c in order.
     */
    static void accumulate(float[] p, int rows, int cp, int cols, float[] x, int dhp, float[] acc) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int p0 = r * cp, p1 = p0 + cp, p2 = p1 + cp, p3 = p2 + cp, o = r * dhp;
            int e = 0;
            for (; e + 2 * VL <= dhp; e += 2 * VL) {
                FloatVector c00 = FloatVector.fromArray(S, acc, o + e), c01 = FloatVector.fromArray(S, acc, o + e + VL);
                FloatVector c10 = FloatVector.fromArray(S, acc, o + dhp + e), c11 = FloatVector.fromArray(S, acc, o + dhp + e + VL);
                FloatVector c20 = FloatVector.fromArray(S, acc, o + 2 * dhp + e), c21 = FloatVector.fromArray(S, acc, o + 2 * dhp + e + VL);
                FloatVector c30 = FloatVector.fromArray(S, acc, o + 3 * dhp + e), c31 = FloatVector.fromArray(S, acc, o + 3 * dhp + e + VL);
                for (int c = 0, xo = e; c < cols; c++, xo += dhp) {
                    FloatVector x0 = FloatVector.fromArray(S, x, xo), x1 = FloatVector.fromArray(S, x, xo + VL);
                    FloatVector w = FloatVector.broadcast(S, p[p0 + c]);
                    c00 = w.fma(x0, c00);
                    c01 = w.fma(x1, c01);
                    w = FloatVector.broadcast(S, p[p1 + c]);
                    c10 = w.fma(x0, c10);
                    c11 = w.fma(x1, c11);
                    w = FloatVector.broadcast(S, p[p2 + c]);
                    c20 = w.fma(x0, c20);
                    c21 = w.fma(x1, c21);
                    w = FloatVector.broadcast(S, p[p3 + c]);
                    c30 = w.fma(x0, c30);
                    c31 = w.fma(x1, c31);
                }
                c00.intoArray(acc, o + e);
                c01.intoArray(acc, o + e + VL);
                c10.intoArray(acc, o + dhp + e);
                c11.intoArray(acc, o + dhp + e + VL);
                c20.intoArray(acc, o + 2 * dhp + e);
                c21.intoArray(acc, o + 2 * dhp + e + VL);
                c30.intoArray(acc, o + 3 * dhp + e);
                c31.intoArray(acc, o + 3 * dhp + e + VL);
            }
            for (; e < dhp; e += VL) {
                FloatVector c0 = FloatVector.fromArray(S, acc, o + e), c1 = FloatVector.fromArray(S, acc, o + dhp + e);
                FloatVector c2 = FloatVector.fromArray(S, acc, o + 2 * dhp + e), c3 = FloatVector.fromArray(S, acc, o + 3 * dhp + e);
                for (int c = 0, xo = e; c < cols; c++, xo += dhp) {
                    FloatVector x0 = FloatVector.fromArray(S, x, xo);
                    c0 = FloatVector.broadcast(S, p[p0 + c]).fma(x0, c0);
                    c1 = FloatVector.broadcast(S, p[p1 + c]).fma(x0, c1);
                    c2 = FloatVector.broadcast(S, p[p2 + c]).fma(x0, c2);
                    c3 = FloatVector.broadcast(S, p[p3 + c]).fma(x0, c3);
                }
                c0.intoArray(acc, o + e);
                c1.intoArray(acc, o + dhp + e);
                c2.intoArray(acc, o + 2 * dhp + e);
                c3.intoArray(acc, o + 3 * dhp + e);
            }
        }
        for (; r < rows; r++) {
            int p0 = r * cp, o = r * dhp;
            for (int e = 0; e < dhp; e += VL) {
                FloatVector c0 = FloatVector.fromArray(S, acc, o + e);
                for (int c = 0, xo = e; c < cols; c++, xo += dhp) {
                    c0 = FloatVector.broadcast(S, p[p0 + c]).fma(FloatVector.fromArray(S, x, xo), c0);
                }
                c0.intoArray(acc, o + e);
            }
        }
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
        private static final int ROWS = Math.max(ROW_BLOCK, COL_BLOCK);
        int dhp;          // padded head width of the current call
        private int capacity = -1;
        float[] rowsA, rowsB, colR1, colR2, acc1, acc2; // up to ROWS rows x dhp
        float[] colT1, colT2;                            // dh x COL_BLOCK (transposed column blocks)
        float[] s, dp;                                   // ROW_BLOCK x COL_BLOCK scores
        final float[] rowStat1 = new float[ROW_BLOCK], rowStat2 = new float[ROW_BLOCK];
        final float[] colStat1 = new float[COL_BLOCK], colStat2 = new float[COL_BLOCK];
        final float[] lanes = new float[VL];

        static long floats(int dhp) {
            return 6L * ROWS * dhp + 2L * dhp * COL_BLOCK + 2L * ROW_BLOCK * COL_BLOCK + 2L * ROW_BLOCK + 2L * COL_BLOCK + VL;
        }

        Scratch ensure(int dh) {
            int need = roundUp(dh, VL);
            if (need > capacity) {
                rowsA = new float[ROWS * need];
                rowsB = new float[ROWS * need];
                colR1 = new float[ROWS * need];
                colR2 = new float[ROWS * need];
                acc1 = new float[ROWS * need];
                acc2 = new float[ROWS * need];
                colT1 = new float[need * COL_BLOCK];
                colT2 = new float[need * COL_BLOCK];
                s = new float[ROW_BLOCK * COL_BLOCK];
                dp = new float[ROW_BLOCK * COL_BLOCK];
                capacity = need;
            }
            dhp = need;
            return this;
        }

        long size() {
            return capacity < 0 ? 2L * ROW_BLOCK + 2L * COL_BLOCK + VL : floats(capacity);
        }
    }
}
