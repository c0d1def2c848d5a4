package org.dina.model.neural;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;

/**
 * The weight-only part of the rank-1 shortcut: the per-neuron projections and the six N×N tables per head
 * (built with GEMMs, O(N²·d)), and the way back from table gradients to weight gradients (GEMMs again).
 *
 * <p>With x_i = r_i E_i + Bt_i and [q | k | v]_i = W x_i + β, every projection is affine in r_i:
 * P = E Wᵀ [N, 3d] holds the slopes (a, a', a'' in the notes) and CB = Bt Wᵀ + β [N, 3d] the intercepts
 * (c, c', c''); G = U W_o [N, d] folds the output projection into the readout (g_i = W_oᵀ u_i). For head h,
 * with σ = 1/sqrt(d_h) and superscript h the head's d_h columns:
 * a = σ Pq Pkᵀ, b = σ Pq CBkᵀ, c = σ CBq Pkᵀ, d = σ CBq CBkᵀ, h = G Pvᵀ, h' = G CBvᵀ.
 *
 * <p>Tables are rebuilt by {@link #prepare()} only when the weights they depend on changed (bitwise, see
 * {@link WeightSnapshot}); {@link #version()} counts the rebuilds. Memory: 6·heads·N·Np floats for the tables
 * (2.4 GB at N = 10,000, one head) plus 6·heads·R·Np for one block of R rows of table gradients; the gradients
 * are mapped back to the weights block by block, so the full N×N table gradients never exist.
 */
final class RankOneTables {
    /** Bytes aimed at for one block of table gradients (all six tables, all heads). */
    private static final long GRADIENT_BLOCK_BYTES = 128L << 20;

    final NeuralAttentionConfig cfg;
    final NeuralAttentionParams p;
    final int n, d, heads, dh, np, blockRows;
    final float scale;
    /** Tables of all heads, segment layout [heads][N][Np]. */
    final RankOneTableSet tables;
    /** Gradients of one block of rows, layout [heads][blockRows][Np]. */
    final RankOneTableSet gradBlock;

    private final MemorySegment proj, projT, icpt, icptT, readoutProj, inProjT, outProjT;
    private final MemorySegment dProj, dIcpt, dReadoutProj;
    private final WeightSnapshot snapshot;
    private long version;
    private boolean forceRebuild = true;

    /** Tables for {@code p}; {@code maxBlockRows} caps the rows per gradient block (tests use small blocks). */
    RankOneTables(NeuralAttentionParams p, int maxBlockRows) {
        this.p = p;
        this.cfg = p.config();
        this.n = cfg.neurons();
        this.d = cfg.dim();
        this.heads = cfg.heads();
        this.dh = cfg.headDim();
        this.scale = cfg.scale();
        this.np = RankOneRows.paddedWidth(n);
        long rowBytes = 6L * heads * np * Float.BYTES;
        this.blockRows = (int) Math.max(1, Math.min(Math.min(n, maxBlockRows), GRADIENT_BLOCK_BYTES / rowBytes));
        this.tables = new RankOneTableSet(alloc((long) heads * n * np), alloc((long) heads * n * np),
                alloc((long) heads * n * np), alloc((long) heads * n * np), alloc((long) heads * n * np),
                alloc((long) heads * n * np));
        // padded keys: score -inf, so exp gives exactly 0; the GEMMs never write the padding columns
        if (np > n) {
            for (long row = 0; row < (long) heads * n; row++) {
                for (int j = n; j < np; j++) tables.d().setAtIndex(Tensor.FLOAT, row * np + j, Float.NEGATIVE_INFINITY);
            }
        }
        long gb = (long) heads * blockRows * np;
        this.gradBlock = new RankOneTableSet(alloc(gb), alloc(gb), alloc(gb), alloc(gb), alloc(gb), alloc(gb));
        this.proj = alloc((long) n * 3 * d);
        this.projT = alloc((long) n * 3 * d);
        this.icpt = alloc((long) n * 3 * d);
        this.icptT = alloc((long) n * 3 * d);
        this.readoutProj = alloc((long) n * d);
        this.inProjT = alloc(3L * d * d);
        this.outProjT = alloc((long) d * d);
        this.dProj = alloc((long) n * 3 * d);
        this.dIcpt = alloc((long) n * 3 * d);
        this.dReadoutProj = alloc((long) n * d);
        this.snapshot = new WeightSnapshot(List.of(p.embedWeight, p.embedBias, p.inProjWeight, p.inProjBias,
                p.outProjWeight, p.readoutWeight));
    }

    private static MemorySegment alloc(long floats) {
        if (floats > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("RankOneTables: buffer of " + floats + " floats is too large for one tensor");
        }
        return Tensor.zeros((int) Math.max(1, floats)).segment();
    }

    /** Number of table rebuilds so far; forward records it so backward can refuse stale tables. */
    long version() { return version; }

    /** Forces the next {@link #prepare()} to rebuild. */
    void invalidate() { forceRebuild = true; }

    /** Rebuilds the tables when the weights they depend on changed; returns whether it did. */
    boolean prepare() {
        if (!forceRebuild && snapshot.matches()) return false;
        build();
        snapshot.take();
        forceRebuild = false;
        version++;
        return true;
    }

    /** Element offset of table row (head, i). */
    long rowOffset(int head, int i) {
        return ((long) head * n + i) * np;
    }

    /** Element offset of row i (block-relative) of the gradient block. */
    long gradRowOffset(int head, int iInBlock) {
        return ((long) head * blockRows + iInBlock) * np;
    }

    private void build() {
        int d3 = 3 * d;
        Tensor e = p.embedWeight.value(), bt = p.embedBias.value(), w = p.inProjWeight.value(), beta = p.inProjBias.value();
        Tensor u = p.readoutWeight.value(), wo = p.outProjWeight.value();
        // slopes P = E Wᵀ and intercepts CB = Bt Wᵀ + β of q, k, v, all heads
        Transpose.into(w.segment(), w.offset(), d3, d, d, inProjT, 0, d3);
        TiledGemm.gemm(false, false, n, d3, d, 1f, e.segment(), e.offset(), d, inProjT, 0, d3, 0f, proj, 0, d3);
        MemorySegment betaBytes = beta.segment().asSlice(beta.offset() * Float.BYTES, (long) d3 * Float.BYTES);
        Parallel.forRange(n, 256, (from, to) -> {
            for (int i = from; i < to; i++) MemorySegment.copy(betaBytes, 0, icpt, (long) i * d3 * Float.BYTES, betaBytes.byteSize());
        });
        TiledGemm.gemm(false, false, n, d3, d, 1f, bt.segment(), bt.offset(), d, inProjT, 0, d3, 1f, icpt, 0, d3);
        Transpose.into(proj, 0, n, d3, d3, projT, 0, n);
        Transpose.into(icpt, 0, n, d3, d3, icptT, 0, n);
        Transpose.into(wo.segment(), wo.offset(), d, d, d, outProjT, 0, d);
        TiledGemm.gemm(false, false, n, d, d, 1f, u.segment(), u.offset(), d, wo.segment(), wo.offset(), d, 0f, readoutProj, 0, d);
        for (int h = 0; h < heads; h++) {
            long t = (long) h * n * np;
            int q = h * dh, k = d + h * dh, v = 2 * d + h * dh;
            table(proj, q, d3, projT, k, scale, tables.a(), t);
            table(proj, q, d3, icptT, k, scale, tables.b(), t);
            table(icpt, q, d3, projT, k, scale, tables.c(), t);
            table(icpt, q, d3, icptT, k, scale, tables.d(), t);
            table(readoutProj, h * dh, d, projT, v, 1f, tables.h(), t);
            table(readoutProj, h * dh, d, icptT, v, 1f, tables.hPrime(), t);
        }
    }

    /** dest[i, j] = alpha Σ_p x[i, xCol + p] yT[yRow + p, j] over the head's d_h columns. */
    private void table(MemorySegment x, int xCol, int ldx, MemorySegment yT, int yRow, float alpha,
                       MemorySegment dest, long destOff) {
        TiledGemm.gemm(false, false, n, n, dh, alpha, x, xCol, ldx, yT, (long) yRow * n, n, 0f, dest, destOff, np);
    }

    /** Clears the projection gradients before the blocks of a backward pass. */
    void beginBackward() {
        dProj.fill((byte) 0);
        dIcpt.fill((byte) 0);
        dReadoutProj.fill((byte) 0);
    }

    /**
     * Maps the table gradients of rows [i0, i0 + rows) (in {@link #gradBlock}) onto the projection gradients.
     * For T = α X Yᵀ: dX[I] += α dT[I,:] Y and dY += α dT[I,:]ᵀ X[I].
     */
    void accumulateBlock(int i0, int rows) {
        int d3 = 3 * d;
        for (int h = 0; h < heads; h++) {
            long g = gradRowOffset(h, 0);
            int q = h * dh, k = d + h * dh, v = 2 * d + h * dh;
            // query side, rows I: dPq += σ (dA Pk + dB CBk), dCBq += σ (dC Pk + dD CBk)
            rowsSide(gradBlock.a(), g, rows, proj, k, d3, scale, dProj, (long) i0 * d3 + q, d3);
            rowsSide(gradBlock.b(), g, rows, icpt, k, d3, scale, dProj, (long) i0 * d3 + q, d3);
            rowsSide(gradBlock.c(), g, rows, proj, k, d3, scale, dIcpt, (long) i0 * d3 + q, d3);
            rowsSide(gradBlock.d(), g, rows, icpt, k, d3, scale, dIcpt, (long) i0 * d3 + q, d3);
            // key side, all rows: dPk += σ (dAᵀ Pq[I] + dCᵀ CBq[I]), dCBk += σ (dBᵀ Pq[I] + dDᵀ CBq[I])
            keysSide(gradBlock.a(), g, rows, proj, (long) i0 * d3 + q, d3, scale, dProj, k, d3);
            keysSide(gradBlock.c(), g, rows, icpt, (long) i0 * d3 + q, d3, scale, dProj, k, d3);
            keysSide(gradBlock.b(), g, rows, proj, (long) i0 * d3 + q, d3, scale, dIcpt, k, d3);
            keysSide(gradBlock.d(), g, rows, icpt, (long) i0 * d3 + q, d3, scale, dIcpt, k, d3);
            // value tables: dG[I] += dH Pv + dH' CBv, dPv += dHᵀ G[I], dCBv += dH'ᵀ G[I]
            rowsSide(gradBlock.h(), g, rows, proj, v, d3, 1f, dReadoutProj, (long) i0 * d + h * dh, d);
            rowsSide(gradBlock.hPrime(), g, rows, icpt, v, d3, 1f, dReadoutProj, (long) i0 * d + h * dh, d);
            keysSide(gradBlock.h(), g, rows, readoutProj, (long) i0 * d + h * dh, d, 1f, dProj, v, d3);
            keysSide(gradBlock.hPrime(), g, rows, readoutProj, (long) i0 * d + h * dh, d, 1f, dIcpt, v, d3);
        }
    }

    /** out[I, :dh] += alpha dT[I, :N] Y[:, yCol..+dh]. */
    private void rowsSide(MemorySegment dT, long dTOff, int rows, MemorySegment y, int yCol, int ldy, float alpha,
                          MemorySegment out, long outOff, int ldo) {
        TiledGemm.gemm(false, false, rows, dh, n, alpha, dT, dTOff, np, y, yCol, ldy, 1f, out, outOff, ldo);
    }

    /** out[:N, outCol..+dh] += alpha dT[I, :N]ᵀ X[I, ..dh]. */
    private void keysSide(MemorySegment dT, long dTOff, int rows, MemorySegment x, long xOff, int ldx, float alpha,
                          MemorySegment out, int outCol, int ldo) {
        TiledGemm.gemm(true, false, n, dh, rows, alpha, dT, dTOff, np, x, xOff, ldx, 1f, out, outCol, ldo);
    }

    /** Maps the projection gradients onto E, Bt, W, β, U and W_o gradients (accumulating). */
    void finishBackward() {
        int d3 = 3 * d;
        Tensor e = p.embedWeight.value(), bt = p.embedBias.value(), w = p.inProjWeight.value();
        Tensor u = p.readoutWeight.value();
        Tensor de = p.embedWeight.grad(), dbt = p.embedBias.grad(), dw = p.inProjWeight.grad(), dbeta = p.inProjBias.grad();
        Tensor du = p.readoutWeight.grad(), dwo = p.outProjWeight.grad();  // W_oᵀ is still in outProjT from build()
        // P = E Wᵀ: dE += dP W, dW += dPᵀ E; CB = Bt Wᵀ + β: dBt += dCB W, dW += dCBᵀ Bt, dβ += Σ_i dCB_i
        TiledGemm.gemm(false, false, n, d, d3, 1f, dProj, 0, d3, w.segment(), w.offset(), d, 1f, de.segment(), de.offset(), d);
        TiledGemm.gemm(false, false, n, d, d3, 1f, dIcpt, 0, d3, w.segment(), w.offset(), d, 1f, dbt.segment(), dbt.offset(), d);
        TiledGemm.gemm(true, false, d3, d, n, 1f, dProj, 0, d3, e.segment(), e.offset(), d, 1f, dw.segment(), dw.offset(), d);
        TiledGemm.gemm(true, false, d3, d, n, 1f, dIcpt, 0, d3, bt.segment(), bt.offset(), d, 1f, dw.segment(), dw.offset(), d);
        Parallel.forRange(d3, 64, (from, to) -> {
            for (int c = from; c < to; c++) {
                float s = 0f;
                for (int i = 0; i < n; i++) s += dIcpt.getAtIndex(Tensor.FLOAT, (long) i * d3 + c);
                dbeta.setFlat(c, dbeta.getFlat(c) + s);
            }
        });
        // G = U W_o: dU += dG W_oᵀ, dW_o += Uᵀ dG
        TiledGemm.gemm(false, false, n, d, d, 1f, dReadoutProj, 0, d, outProjT, 0, d, 1f, du.segment(), du.offset(), d);
        TiledGemm.gemm(true, false, d, d, n, 1f, u.segment(), u.offset(), d, dReadoutProj, 0, d, 1f, dwo.segment(), dwo.offset(), d);
    }

    /** Bytes held by this object's buffers: tables, one gradient block, projections and their gradients. */
    long bytes() {
        return 6L * heads * n * np * 4 + 6L * heads * blockRows * np * 4 + 20L * n * d * 4 + 4L * d * d * 4;
    }
}
