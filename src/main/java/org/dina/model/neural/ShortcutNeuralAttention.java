package org.dina.model.neural;

import java.lang.foreign.MemorySegment;
import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;

/**
 * The token block through the exact rank-1 shortcut of docs/rank-one-shortcut.md: six N×N tables per head built once
 * per weight change (O(N²·d) with GEMMs), then O(N²) elementwise work per sample, streamed row by row with no
 * per-sample N×N matrix. Equal to {@link DirectNeuralAttention} up to float32 rounding.
 *
 * <p><b>Tables and weights.</b> {@link #forward} calls {@link #prepare()}, which rebuilds the tables only if the
 * weights they depend on (embedding, in-projection, out-projection weight, readout weight) differ bitwise from
 * the copy taken at the last rebuild; so after an optimizer step the next forward rebuilds once, and repeated
 * forwards with unchanged weights (evaluation, analyses) reuse them. {@link #invalidate()} forces a rebuild.
 * Weights must not change between a forward and its backward.
 *
 * <p><b>Threads.</b> Rows are split into {@link #CHUNKS} fixed chunks, whatever the thread count. Each row owns
 * its outputs and its row of table gradients; the key-side contributions to dL/dr, which sum over rows, go to
 * one buffer per chunk and are added in chunk order, so the bits do not depend on the number of threads.
 *
 * <p><b>Memory</b> (off-heap, counted against -XX:MaxDirectMemorySize, which defaults to -Xmx): the tables,
 * 24·heads·N² bytes (2.4 GB at N = 10,000, one head), one block of table gradients (at most 128 MB), 80·N·d
 * bytes of projections and their gradients, and per batch size B about (CHUNKS + 1)·4·N·B bytes of response
 * panels. Nothing grows with B·N²; about 3.3 GB in all at N = 10,000, d = 512, B = 128.
 */
public final class ShortcutNeuralAttention implements NeuralAttention {
    /** Fixed number of row chunks (units of parallel work and of the dL/dr partial sums). */
    static final int CHUNKS = 16;
    /** Bytes of one key tile of the response panel in the backward (the dL/dr panel's tile is as large): L2-sized. */
    static final int TILE_BYTES = 256 << 10;

    private final NeuralAttentionParams params;
    private final NeuralAttentionConfig cfg;
    private final RankOneTables t;
    private final int n, np, blocks, heads;
    private final RowScratch[] scratch = new RowScratch[CHUNKS];
    private final int maxTileBlocks;

    private int batch = -1;
    private MemorySegment panel, drPanels;
    private float[] statM, statInvL, statO, statW, rowR, constTerm, drRow, dySum;
    private Tensor y, dr;
    private long forwardVersion = -1;
    private long tableNanos, rowForwardNanos, rowBackwardNanos, gradientGemmNanos;

    /** Wall time of the phases of the last forward and backward, for benchmarks. */
    public record PhaseTimes(long tableNanos, long rowForwardNanos, long rowBackwardNanos, long gradientGemmNanos) {}

    /** Phase times of the last forward (table rebuild, if any, and rows) and the last backward. */
    public PhaseTimes lastPhaseTimes() {
        return new PhaseTimes(tableNanos, rowForwardNanos, rowBackwardNanos, gradientGemmNanos);
    }

    public ShortcutNeuralAttention(NeuralAttentionParams params) {
        this(params, Integer.MAX_VALUE);
    }

    /** With at most {@code maxBlockRows} rows per block of table gradients (tests exercise several blocks). */
    ShortcutNeuralAttention(NeuralAttentionParams params, int maxBlockRows) {
        this(params, maxBlockRows, Integer.MAX_VALUE);
    }

    /** Also with at most {@code maxTileBlocks} key blocks per backward tile (tests exercise several tiles). */
    ShortcutNeuralAttention(NeuralAttentionParams params, int maxBlockRows, int maxTileBlocks) {
        if (maxTileBlocks < 1) throw new IllegalArgumentException("ShortcutNeuralAttention: maxTileBlocks must be >= 1");
        this.maxTileBlocks = maxTileBlocks;
        this.params = params;
        this.cfg = params.config();
        this.t = new RankOneTables(params, maxBlockRows);
        this.n = cfg.neurons();
        this.np = t.np;
        this.blocks = np / RankOneRows.V;
        this.heads = cfg.heads();
        this.constTerm = new float[n];
        this.dySum = new float[n];
    }

    @Override public NeuralAttentionConfig config() { return cfg; }
    @Override public NeuralAttentionParams params() { return params; }

    /** Rebuilds the tables if the weights changed since the last rebuild; forward calls it. Returns whether it did. */
    public boolean prepare() { return t.prepare(); }

    /** Forces the next {@link #prepare()} (or forward) to rebuild the tables. */
    public void invalidate() { t.invalidate(); }

    /** How many times the tables were built. */
    public long tablesVersion() { return t.version(); }

    /** Bytes of off-heap memory held for tables, gradient block and projections (per-batch buffers excluded). */
    public long tableBytes() { return t.bytes(); }

    /** Per-chunk scratch of batch-sized arrays, reused across calls. */
    private static final class RowScratch {
        final float[] ri, m, w, l, num, acc, vecA, vecB;

        RowScratch(int batch) {
            ri = new float[batch]; m = new float[batch]; w = new float[batch];
            l = new float[batch]; num = new float[batch]; acc = new float[batch];
            vecA = new float[batch * RankOneRows.V]; vecB = new float[batch * RankOneRows.V];
        }
    }

    private void ensureBatch(int b) {
        if (b == batch) return;
        batch = b;
        long panelFloats = (long) np * b;
        panel = Tensor.zeros(Math.toIntExact(panelFloats)).segment();
        drPanels = Tensor.zeros(Math.toIntExact(panelFloats * CHUNKS)).segment();
        int stats = Math.toIntExact((long) heads * n * b);
        statM = new float[stats]; statInvL = new float[stats]; statO = new float[stats]; statW = new float[stats];
        rowR = new float[Math.toIntExact((long) n * b)];
        drRow = new float[Math.toIntExact((long) n * b)];
        y = Tensor.zeros(b, n);
        dr = Tensor.zeros(b, n);
        for (int k = 0; k < CHUNKS; k++) scratch[k] = new RowScratch(b);
    }

    private void checkInput(String where, Tensor r) {
        if (r.rank() != 2 || r.dim(1) != n) {
            throw new IllegalArgumentException("ShortcutNeuralAttention " + where + ": expected [B, " + n + "] but got " + r.shapeString());
        }
    }

    /** Copies r [B, N] into the panel layout of {@link RankOneRows}, zero in the padding columns. */
    private void fillPanel(Tensor r, int b, MemorySegment dest) {
        Tensor rc = r.contiguous();
        Parallel.forRange(blocks, 64, (from, to) -> {
            for (int q = from; q < to; q++) {
                for (int s = 0; s < b; s++) {
                    for (int lane = 0; lane < RankOneRows.V; lane++) {
                        int j = q * RankOneRows.V + lane;
                        float v = j < n ? rc.getFlat((long) s * n + j) : 0f;
                        dest.setAtIndex(Tensor.FLOAT, RankOneRows.panelIndex(b, s, j), v);
                    }
                }
            }
        });
    }

    private static int chunkStart(int k, int rows) {
        return (int) ((long) k * rows / CHUNKS);
    }

    @Override
    public Tensor forward(Tensor r) {
        checkInput("forward", r);
        long t0 = System.nanoTime();
        tableNanos = t.prepare() ? System.nanoTime() - t0 : 0;
        long t1 = System.nanoTime();
        int b = r.dim(0);
        ensureBatch(b);
        fillPanel(r, b, panel);
        Tensor u = params.readoutWeight.value(), bo = params.outProjBias.value(), tb = params.readoutBias.value();
        int d = cfg.dim();
        for (int i = 0; i < n; i++) {
            float s = 0f;
            for (int c = 0; c < d; c++) s += u.getFlat((long) i * d + c) * bo.getFlat(c);
            constTerm[i] = s + tb.getFlat(i);
        }
        Parallel.forRange(CHUNKS, 1, (k0, k1) -> {
            for (int k = k0; k < k1; k++) {
                for (int i = chunkStart(k, n); i < chunkStart(k + 1, n); i++) forwardRow(i, scratch[k]);
            }
        });
        forwardVersion = t.version();
        rowForwardNanos = System.nanoTime() - t1;
        return y;
    }

    private void loadRow(int i, float[] ri) {
        for (int s = 0; s < batch; s++) ri[s] = panel.getAtIndex(Tensor.FLOAT, RankOneRows.panelIndex(batch, s, i));
    }

    private void forwardRow(int i, RowScratch s) {
        loadRow(i, s.ri);
        java.util.Arrays.fill(s.acc, 0, batch, constTerm[i]);
        for (int h = 0; h < heads; h++) {
            long rowOff = t.rowOffset(h, i);
            RankOneRows.rowMax(t.tables, rowOff, blocks, batch, panel, s.ri, s.vecA, s.m);
            RankOneRows.rowSums(t.tables, rowOff, blocks, batch, panel, s.ri, s.m, s.vecA, s.vecB, s.l, s.num);
            int base = (h * n + i) * batch;
            for (int b = 0; b < batch; b++) {
                float invL = 1f / s.l[b];
                float o = s.num[b] * invL;
                statM[base + b] = s.m[b];
                statInvL[base + b] = invL;
                statO[base + b] = o;
                s.acc[b] += o;
            }
        }
        for (int b = 0; b < batch; b++) y.setFlat((long) b * n + i, s.acc[b]);
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (batch < 0) throw new IllegalStateException("ShortcutNeuralAttention backward before forward");
        dy.requireShape("ShortcutNeuralAttention backward", batch, n);
        if (t.version() != forwardVersion) {
            throw new IllegalStateException("ShortcutNeuralAttention backward: tables were rebuilt after the forward");
        }
        Tensor g = dy.contiguous();
        rowBackwardNanos = 0;
        gradientGemmNanos = 0;
        long t0 = System.nanoTime();
        t.beginBackward();
        drPanels.fill((byte) 0);
        prepareBackwardRows(g);
        for (int i0 = 0; i0 < n; i0 += t.blockRows) {
            int start = i0, rows = Math.min(t.blockRows, n - i0);
            Parallel.forRange(CHUNKS, 1, (k0, k1) -> {
                for (int k = k0; k < k1; k++) {
                    MemorySegment part = drPanels.asSlice((long) k * np * batch * Float.BYTES, (long) np * batch * Float.BYTES);
                    backwardRows(start, start + chunkStart(k, rows), start + chunkStart(k + 1, rows), scratch[k], part);
                }
            });
            long t1 = System.nanoTime();
            rowBackwardNanos += t1 - t0;
            t.accumulateBlock(start, rows);
            t0 = System.nanoTime();
            gradientGemmNanos += t0 - t1;
        }
        t.finishBackward();
        readoutConstantGrads(g);
        gradientGemmNanos += System.nanoTime() - t0;
        t0 = System.nanoTime();
        assembleInputGrad();
        rowBackwardNanos += System.nanoTime() - t0;
        return dr;
    }

    /** Per-row inputs of the backward kernels: r_i by sample, and w = dL/dy_bi / l_bi per head. */
    private void prepareBackwardRows(Tensor g) {
        Parallel.forRange(n, 64, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int b = 0; b < batch; b++) {
                    rowR[i * batch + b] = panel.getAtIndex(Tensor.FLOAT, RankOneRows.panelIndex(batch, b, i));
                }
                for (int h = 0; h < heads; h++) {
                    int base = (h * n + i) * batch;
                    for (int b = 0; b < batch; b++) statW[base + b] = g.getFlat((long) b * n + i) * statInvL[base + b];
                }
            }
        });
    }

    /**
     * Backward of rows [from, to) of the gradient block starting at row i0, tile by tile of keys: every row runs
     * over one tile of key blocks before the next tile starts, so the tile's slices of the response panel and of
     * this chunk's dL/dr panel stay in L2 across the rows (whole rows would stream both, 5 MB each at N = 10,000,
     * through the cache once per row). The query-side dL/dr_bi is summed tile by tile; the tiling depends on the
     * batch size only, so the bits do not depend on the thread count.
     */
    private void backwardRows(int i0, int from, int to, RowScratch s, MemorySegment drPart) {
        if (from >= to) return;
        java.util.Arrays.fill(drRow, from * batch, to * batch, 0f);
        int tile = Math.min(maxTileBlocks, Math.max(1, TILE_BYTES / (batch * RankOneRows.V * Float.BYTES)));
        for (int q0 = 0; q0 < blocks; q0 += tile) {
            int q1 = Math.min(blocks, q0 + tile);
            for (int i = from; i < to; i++) {
                for (int h = 0; h < heads; h++) {
                    RankOneRows.rowBackward(t.tables, t.rowOffset(h, i), q0, q1, batch, panel, rowR, i * batch,
                            statM, statW, statO, (h * n + i) * batch, t.gradBlock, t.gradRowOffset(h, i - i0),
                            drPart, s.vecA, drRow, i * batch);
                }
            }
        }
    }

    /** Gradients of the constant part of y_i, U_i·β_o + T_i. */
    private void readoutConstantGrads(Tensor g) {
        int d = cfg.dim();
        for (int i = 0; i < n; i++) {
            float s = 0f;
            for (int b = 0; b < batch; b++) s += g.getFlat((long) b * n + i);
            dySum[i] = s;
        }
        Tensor u = params.readoutWeight.value(), bo = params.outProjBias.value();
        Tensor du = params.readoutWeight.grad(), dbo = params.outProjBias.grad(), dt = params.readoutBias.grad();
        for (int i = 0; i < n; i++) {
            dt.setFlat(i, dt.getFlat(i) + dySum[i]);
            for (int c = 0; c < d; c++) du.setFlat((long) i * d + c, du.getFlat((long) i * d + c) + dySum[i] * bo.getFlat(c));
        }
        for (int c = 0; c < d; c++) {
            float s = 0f;
            for (int i = 0; i < n; i++) s += dySum[i] * u.getFlat((long) i * d + c);
            dbo.setFlat(c, dbo.getFlat(c) + s);
        }
    }

    /** dL/dr = query-side part (per row) + key-side parts of the chunks, added in chunk order. */
    private void assembleInputGrad() {
        long part = (long) np * batch;
        Parallel.forRange(batch, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                for (int j = 0; j < n; j++) {
                    long pi = RankOneRows.panelIndex(batch, b, j);
                    float s = drRow[j * batch + b];
                    for (int k = 0; k < CHUNKS; k++) s += drPanels.getAtIndex(Tensor.FLOAT, k * part + pi);
                    dr.setFlat((long) b * n + j, s);
                }
            }
        });
    }

    @Override
    public Tensor attentionWeights(Tensor r) {
        if (r.rank() != 1 || r.dim(0) != n) {
            throw new IllegalArgumentException("ShortcutNeuralAttention attentionWeights: expected [" + n + "] but got " + r.shapeString());
        }
        t.prepare();
        MemorySegment pan = Tensor.zeros(np).segment();
        fillPanel(r.reshape(1, n), 1, pan);
        Tensor out = Tensor.zeros(heads, n, n);
        MemorySegment rows = Tensor.zeros(Math.toIntExact((long) CHUNKS * np)).segment();
        Parallel.forRange(CHUNKS, 1, (k0, k1) -> {
            for (int k = k0; k < k1; k++) {
                RowScratch s = new RowScratch(1);
                long rowBase = (long) k * np;
                for (int i = chunkStart(k, n); i < chunkStart(k + 1, n); i++) {
                    s.ri[0] = pan.getAtIndex(Tensor.FLOAT, RankOneRows.panelIndex(1, 0, i));
                    for (int h = 0; h < heads; h++) {
                        long rowOff = t.rowOffset(h, i);
                        RankOneRows.rowMax(t.tables, rowOff, blocks, 1, pan, s.ri, s.vecA, s.m);
                        RankOneRows.rowSums(t.tables, rowOff, blocks, 1, pan, s.ri, s.m, s.vecA, s.vecB, s.l, s.num);
                        s.w[0] = 1f / s.l[0];
                        rows.asSlice(rowBase * Float.BYTES, (long) np * Float.BYTES).fill((byte) 0);
                        RankOneRows.rowProbabilitySum(t.tables, rowOff, blocks, 1, pan, s.ri, s.m, s.w, rows, rowBase);
                        MemorySegment.copy(rows, rowBase * Float.BYTES, out.segment(),
                                (((long) h * n + i) * n) * Float.BYTES, (long) n * Float.BYTES);
                    }
                }
            }
        });
        return out;
    }

    @Override
    public Tensor attentionReceived(Tensor r) {
        checkInput("attentionReceived", r);
        t.prepare();
        int b = r.dim(0);
        MemorySegment pan = Tensor.zeros(Math.toIntExact((long) np * b)).segment();
        fillPanel(r, b, pan);
        long perChunk = (long) heads * np;
        MemorySegment cols = Tensor.zeros(Math.toIntExact(perChunk * CHUNKS)).segment();
        Parallel.forRange(CHUNKS, 1, (k0, k1) -> {
            for (int k = k0; k < k1; k++) {
                RowScratch s = new RowScratch(b);
                for (int i = chunkStart(k, n); i < chunkStart(k + 1, n); i++) {
                    for (int sb = 0; sb < b; sb++) s.ri[sb] = pan.getAtIndex(Tensor.FLOAT, RankOneRows.panelIndex(b, sb, i));
                    for (int h = 0; h < heads; h++) {
                        long rowOff = t.rowOffset(h, i);
                        RankOneRows.rowMax(t.tables, rowOff, blocks, b, pan, s.ri, s.vecA, s.m);
                        RankOneRows.rowSums(t.tables, rowOff, blocks, b, pan, s.ri, s.m, s.vecA, s.vecB, s.l, s.num);
                        for (int sb = 0; sb < b; sb++) s.w[sb] = 1f / s.l[sb];
                        RankOneRows.rowProbabilitySum(t.tables, rowOff, blocks, b, pan, s.ri, s.m, s.w, cols,
                                k * perChunk + (long) h * np);
                    }
                }
            }
        });
        Tensor out = Tensor.zeros(heads, n);
        float norm = 1f / ((float) b * n);
        for (int h = 0; h < heads; h++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int k = 0; k < CHUNKS; k++) s += cols.getAtIndex(Tensor.FLOAT, k * perChunk + (long) h * np + j);
                out.setFlat((long) h * n + j, s * norm);
            }
        }
        return out;
    }
}
