package org.dina.model.neural;

import java.lang.foreign.MemorySegment;
import org.dina.kernels.Gemm;
import org.dina.kernels.Parallel;
import org.dina.nn.Buffers;
import org.dina.tensor.Tensor;

/**
 * The token block computed the straightforward way, as PyTorch does: tokens [B, N, d], q/k/v projections,
 * per-sample N×N scores and probabilities, output projection, per-neuron readout. The reference path (tests,
 * variants where the shortcut does not hold); it keeps B·heads·N² probabilities, so it is for small N.
 *
 * <p>Threads: GEMMs split by output rows; the per-(sample, head) attention work is one task per pair; sums over
 * samples (per-neuron parameter gradients) are owned by the neuron. Deterministic for any thread count.
 */
public final class DirectNeuralAttention implements NeuralAttention {
    private final NeuralAttentionParams params;
    private final NeuralAttentionConfig cfg;
    private final int n, d, heads, dh;
    private final float scale;

    private int batch = -1;
    private Tensor r, x, qkv, qkvT, probs, o, z, y, inProjT, outProjT;
    private Tensor dz, dO, dS, dQkv, dX, dr;

    public DirectNeuralAttention(NeuralAttentionParams params) {
        this.params = params;
        this.cfg = params.config();
        this.n = cfg.neurons();
        this.d = cfg.dim();
        this.heads = cfg.heads();
        this.dh = cfg.headDim();
        this.scale = cfg.scale();
    }

    @Override public NeuralAttentionConfig config() { return cfg; }
    @Override public NeuralAttentionParams params() { return params; }

    private void checkInput(String where, Tensor in) {
        if (in.rank() != 2 || in.dim(1) != n) {
            throw new IllegalArgumentException("DirectNeuralAttention " + where + ": expected [B, " + n + "] but got " + in.shapeString());
        }
    }

    /** Tokens x[b, i] = r[b, i] E_i + Bt_i into rows b·N + i of {@code out} [B·N, d]. */
    private void embed(Tensor in, int b, Tensor out) {
        Tensor e = params.embedWeight.value(), bt = params.embedBias.value();
        Parallel.forRange(b * n, 64, (from, to) -> {
            for (int row = from; row < to; row++) {
                int i = row % n;
                float ri = in.getFlat(row);
                for (int c = 0; c < d; c++) {
                    out.setFlat((long) row * d + c, ri * e.getFlat((long) i * d + c) + bt.getFlat((long) i * d + c));
                }
            }
        });
    }

    /**
     * q, k, v of every token: out [rows, 3d] = tokens Wᵀ + β, and per sample its transpose outT [B, 3d, N]
     * (the scores need kᵀ and the backward vᵀ as plain operands).
     */
    private void project(Tensor tokens, int samples, Tensor out, Tensor outT) {
        int rows = samples * n;
        Tensor beta = params.inProjBias.value();
        inProjT = Transpose.of(params.inProjWeight.value(), inProjT);
        Parallel.forRange(rows, 256, (from, to) -> {
            for (int row = from; row < to; row++) beta.copyTo(out.slice(0, row, row + 1).reshape(3 * d));
        });
        TiledGemm.gemm(false, false, rows, 3 * d, d, 1f, tokens.segment(), tokens.offset(), d,
                inProjT.segment(), inProjT.offset(), 3 * d, 1f, out.segment(), out.offset(), 3 * d);
        for (int s = 0; s < samples; s++) {
            Transpose.into(out.segment(), out.offset() + (long) s * n * 3 * d, n, 3 * d, 3 * d,
                    outT.segment(), outT.offset() + (long) s * 3 * d * n, n);
        }
    }

    /**
     * Softmax probabilities of one head of one sample: dest [N, N] from the sample's q at {@code qkvOff} (rows of
     * width 3d) and kᵀ in {@code qkvTOff} (the sample's [3d, N] transpose).
     */
    private void probabilities(Tensor qkvR, long qkvOff, Tensor qkvTR, long qkvTOff, int h, MemorySegment dest, long destOff) {
        Gemm.gemm(false, false, n, n, dh, scale, qkvR.segment(), qkvOff + (long) h * dh, 3 * d,
                qkvTR.segment(), qkvTOff + (long) (d + h * dh) * n, n, 0f, dest, destOff, n);
        for (int i = 0; i < n; i++) {
            long row = destOff + (long) i * n;
            float mx = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) mx = Math.max(mx, dest.getAtIndex(Tensor.FLOAT, row + j));
            float sum = 0f;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(dest.getAtIndex(Tensor.FLOAT, row + j) - mx);
                dest.setAtIndex(Tensor.FLOAT, row + j, e);
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < n; j++) dest.setAtIndex(Tensor.FLOAT, row + j, dest.getAtIndex(Tensor.FLOAT, row + j) * inv);
        }
    }

    @Override
    public Tensor forward(Tensor in) {
        checkInput("forward", in);
        int b = in.dim(0), rows = b * n;
        batch = b;
        r = in.contiguous();
        x = Buffers.ensure(x, rows, d);
        qkv = Buffers.ensure(qkv, rows, 3 * d);
        qkvT = Buffers.ensure(qkvT, b, 3 * d, n);
        probs = Buffers.ensure(probs, b, heads, n, n);
        o = Buffers.ensure(o, rows, d);
        z = Buffers.ensure(z, rows, d);
        y = Buffers.ensure(y, b, n);
        embed(r, b, x);
        project(x, b, qkv, qkvT);
        Parallel.forRange(b * heads, 1, (from, to) -> {
            for (int bh = from; bh < to; bh++) {
                int s = bh / heads, h = bh % heads;
                long qkvOff = qkv.offset() + (long) s * n * 3 * d;
                long pOff = probs.offset() + (long) bh * n * n;
                probabilities(qkv, qkvOff, qkvT, qkvT.offset() + (long) s * 3 * d * n, h, probs.segment(), pOff);
                Gemm.gemm(false, false, n, dh, n, 1f, probs.segment(), pOff, n,
                        qkv.segment(), qkvOff + 2L * d + (long) h * dh, 3 * d,
                        0f, o.segment(), o.offset() + (long) s * n * d + (long) h * dh, d);
            }
        });
        Tensor bo = params.outProjBias.value();
        outProjT = Transpose.of(params.outProjWeight.value(), outProjT);
        Parallel.forRange(rows, 256, (from, to) -> {
            for (int row = from; row < to; row++) bo.copyTo(z.slice(0, row, row + 1).reshape(d));
        });
        TiledGemm.gemm(false, false, rows, d, d, 1f, o.segment(), o.offset(), d, outProjT.segment(), outProjT.offset(), d,
                1f, z.segment(), z.offset(), d);
        Tensor u = params.readoutWeight.value(), tb = params.readoutBias.value();
        Parallel.forRange(rows, 64, (from, to) -> {
            for (int row = from; row < to; row++) {
                int i = row % n;
                float s = 0f;
                for (int c = 0; c < d; c++) s += u.getFlat((long) i * d + c) * z.getFlat((long) row * d + c);
                y.setFlat(row, s + tb.getFlat(i));
            }
        });
        return y;
    }

    @Override
    public Tensor backward(Tensor dyIn) {
        if (batch < 0) throw new IllegalStateException("DirectNeuralAttention backward before forward");
        dyIn.requireShape("DirectNeuralAttention backward", batch, n);
        Tensor dy = dyIn.contiguous();
        int b = batch, rows = b * n;
        dz = Buffers.ensure(dz, rows, d);
        dO = Buffers.ensure(dO, rows, d);
        dS = Buffers.ensure(dS, b, heads, n, n);
        dQkv = Buffers.ensure(dQkv, rows, 3 * d);
        dX = Buffers.ensure(dX, rows, d);
        dr = Buffers.ensure(dr, b, n);
        Tensor u = params.readoutWeight.value(), du = params.readoutWeight.grad(), dt = params.readoutBias.grad();
        // readout y = U_i · z + T_i
        Parallel.forRange(rows, 64, (from, to) -> {
            for (int row = from; row < to; row++) {
                int i = row % n;
                float g = dy.getFlat(row);
                for (int c = 0; c < d; c++) dz.setFlat((long) row * d + c, g * u.getFlat((long) i * d + c));
            }
        });
        Parallel.forRange(n, 16, (from, to) -> {
            for (int i = from; i < to; i++) {
                float st = 0f;
                for (int s = 0; s < b; s++) st += dy.getFlat((long) s * n + i);
                dt.setFlat(i, dt.getFlat(i) + st);
                for (int c = 0; c < d; c++) {
                    float su = 0f;
                    for (int s = 0; s < b; s++) su += dy.getFlat((long) s * n + i) * z.getFlat(((long) s * n + i) * d + c);
                    du.setFlat((long) i * d + c, du.getFlat((long) i * d + c) + su);
                }
            }
        });
        // output projection z = o W_oᵀ + β_o
        Tensor wo = params.outProjWeight.value(), dwo = params.outProjWeight.grad(), dbo = params.outProjBias.grad();
        TiledGemm.gemm(true, false, d, d, rows, 1f, dz.segment(), dz.offset(), d, o.segment(), o.offset(), d,
                1f, dwo.segment(), dwo.offset(), d);
        columnSums(dz, rows, d, dbo);
        TiledGemm.gemm(false, false, rows, d, d, 1f, dz.segment(), dz.offset(), d, wo.segment(), wo.offset(), d,
                0f, dO.segment(), dO.offset(), d);
        // attention, one task per (sample, head)
        Parallel.forRange(b * heads, 1, (from, to) -> {
            for (int bh = from; bh < to; bh++) attentionBackward(bh / heads, bh % heads, bh);
        });
        // in-projection qkv = x Wᵀ + β
        Tensor w = params.inProjWeight.value(), dw = params.inProjWeight.grad(), dbeta = params.inProjBias.grad();
        TiledGemm.gemm(true, false, 3 * d, d, rows, 1f, dQkv.segment(), dQkv.offset(), 3 * d, x.segment(), x.offset(), d,
                1f, dw.segment(), dw.offset(), d);
        columnSums(dQkv, rows, 3 * d, dbeta);
        TiledGemm.gemm(false, false, rows, d, 3 * d, 1f, dQkv.segment(), dQkv.offset(), 3 * d, w.segment(), w.offset(), d,
                0f, dX.segment(), dX.offset(), d);
        // tokens x = r E_i + Bt_i
        Tensor e = params.embedWeight.value(), de = params.embedWeight.grad(), dbt = params.embedBias.grad();
        Parallel.forRange(n, 16, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int c = 0; c < d; c++) {
                    float se = 0f, sb = 0f;
                    for (int s = 0; s < b; s++) {
                        float g = dX.getFlat(((long) s * n + i) * d + c);
                        se += r.getFlat((long) s * n + i) * g;
                        sb += g;
                    }
                    de.setFlat((long) i * d + c, de.getFlat((long) i * d + c) + se);
                    dbt.setFlat((long) i * d + c, dbt.getFlat((long) i * d + c) + sb);
                }
                for (int s = 0; s < b; s++) {
                    float sr = 0f;
                    for (int c = 0; c < d; c++) sr += e.getFlat((long) i * d + c) * dX.getFlat(((long) s * n + i) * d + c);
                    dr.setFlat((long) s * n + i, sr);
                }
            }
        });
        return dr;
    }

    private void attentionBackward(int s, int h, int bh) {
        MemorySegment q = qkv.segment(), dq = dQkv.segment(), p = probs.segment(), ds = dS.segment();
        long qkvOff = qkv.offset() + (long) s * n * 3 * d, dqkvOff = dQkv.offset() + (long) s * n * 3 * d;
        long vTOff = qkvT.offset() + (long) s * 3 * d * n + (long) (2 * d + h * dh) * n;
        long pOff = probs.offset() + (long) bh * n * n, dsOff = dS.offset() + (long) bh * n * n;
        long dOOff = dO.offset() + (long) s * n * d + (long) h * dh;
        // o = P v: dv = Pᵀ do, dP = do vᵀ
        Gemm.gemm(true, false, n, dh, n, 1f, p, pOff, n, dO.segment(), dOOff, d, 0f, dq, dqkvOff + 2L * d + (long) h * dh, 3 * d);
        Gemm.gemm(false, false, n, n, dh, 1f, dO.segment(), dOOff, d, qkvT.segment(), vTOff, n, 0f, ds, dsOff, n);
        // softmax: dS = P ⊙ (dP - rowsum(P ⊙ dP))
        for (int i = 0; i < n; i++) {
            long row = (long) i * n;
            float dot = 0f;
            for (int j = 0; j < n; j++) dot += p.getAtIndex(Tensor.FLOAT, pOff + row + j) * ds.getAtIndex(Tensor.FLOAT, dsOff + row + j);
            for (int j = 0; j < n; j++) {
                float pv = p.getAtIndex(Tensor.FLOAT, pOff + row + j);
                ds.setAtIndex(Tensor.FLOAT, dsOff + row + j, pv * (ds.getAtIndex(Tensor.FLOAT, dsOff + row + j) - dot));
            }
        }
        // scores S = scale q kᵀ: dq = scale dS k, dk = scale dSᵀ q
        Gemm.gemm(false, false, n, dh, n, scale, ds, dsOff, n, q, qkvOff + d + (long) h * dh, 3 * d, 0f, dq, dqkvOff + (long) h * dh, 3 * d);
        Gemm.gemm(true, false, n, dh, n, scale, ds, dsOff, n, q, qkvOff + (long) h * dh, 3 * d, 0f, dq, dqkvOff + d + (long) h * dh, 3 * d);
    }

    /** dst[c] += Σ_rows src[row, c], each column summed by one task in row order. */
    private static void columnSums(Tensor src, int rows, int cols, Tensor dst) {
        Parallel.forRange(cols, 16, (from, to) -> {
            for (int c = from; c < to; c++) {
                float s = 0f;
                for (int row = 0; row < rows; row++) s += src.getFlat((long) row * cols + c);
                dst.setFlat(c, dst.getFlat(c) + s);
            }
        });
    }

    @Override
    public Tensor attentionWeights(Tensor in) {
        if (in.rank() != 1 || in.dim(0) != n) {
            throw new IllegalArgumentException("DirectNeuralAttention attentionWeights: expected [" + n + "] but got " + in.shapeString());
        }
        Tensor tokens = Tensor.zeros(n, d), proj = Tensor.zeros(n, 3 * d), projT = Tensor.zeros(3 * d, n);
        Tensor out = Tensor.zeros(heads, n, n);
        embed(in.contiguous().reshape(1, n), 1, tokens);
        project(tokens, 1, proj, projT);
        for (int h = 0; h < heads; h++) probabilities(proj, proj.offset(), projT, projT.offset(), h, out.segment(), (long) h * n * n);
        return out;
    }

    @Override
    public Tensor attentionReceived(Tensor in) {
        checkInput("attentionReceived", in);
        int b = in.dim(0);
        Tensor rc = in.contiguous(), out = Tensor.zeros(heads, n);
        double[] acc = new double[heads * n];
        for (int s = 0; s < b; s++) {
            Tensor p = attentionWeights(rc.slice(0, s, s + 1).reshape(n));
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) acc[h * n + j] += p.getFlat(((long) h * n + i) * n + j);
                }
            }
        }
        for (int k = 0; k < acc.length; k++) out.setFlat(k, (float) (acc[k] / ((double) b * n)));
        return out;
    }
}
