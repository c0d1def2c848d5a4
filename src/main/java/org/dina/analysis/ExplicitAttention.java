package org.dina.analysis;

import org.dina.model.neural.NeuralAttentionConfig;
import org.dina.model.neural.NeuralAttentionParams;
import org.dina.tensor.Tensor;

/**
 * The neural tower's attention block computed one query row at a time from its weights, so that chosen edges can be
 * removed. The training path ({@code ShortcutNeuralAttention}) never forms a row of probabilities, so it cannot mask
 * an edge; this path exists for the edge ablation only and is checked against the model's own block in the tests.
 *
 * <p>For row i and head h it keeps the softmax statistics over every key j: the maximum score m, the sum
 * L = sum_j e_ij with e_ij = exp(s_ij - m), and U = sum_j e_ij v_j. Masking a set M of edges (i, j) removes them
 * before the softmax, i.e. the row's probabilities are renormalised over the edges left:
 * o_i = (U - sum_{j in M} e_ij v_j) / (L - sum_{j in M} e_ij). So one pass over the row serves every mask, and a mask
 * costs only its own edges.
 */
final class ExplicitAttention {
    private final int n, d, heads, dh;
    private final double scale;
    private final float[] embedW, embedB, inW, inB, outW, outB, readW, readB;

    ExplicitAttention(NeuralAttentionParams p) {
        NeuralAttentionConfig c = p.config();
        n = c.neurons();
        d = c.dim();
        heads = c.heads();
        dh = c.headDim();
        scale = c.scale();
        embedW = p.embedWeight.value().contiguous().toArray();
        embedB = p.embedBias.value().contiguous().toArray();
        inW = p.inProjWeight.value().contiguous().toArray();
        inB = p.inProjBias.value().contiguous().toArray();
        outW = p.outProjWeight.value().contiguous().toArray();
        outB = p.outProjBias.value().contiguous().toArray();
        readW = p.readoutWeight.value().contiguous().toArray();
        readB = p.readoutBias.value().contiguous().toArray();
    }

    int neurons() { return n; }

    /** Multiply-adds of one row's statistics (every key) plus one masked edge, for work budgets. */
    long rowCost() { return 2L * n * d; }

    long edgeCost() { return 2L * d; }

    /** Multiply-adds of {@link Sample#load}. */
    long loadCost() { return 3L * n * d * d; }

    /** One thread's working memory for one sample at a time: q, k, v of every neuron and one row's statistics. */
    final class Sample {
        private final float[] qkv = new float[n * 3 * d];
        private final float[] token = new float[d];
        private final double[] max = new double[heads], sum = new double[heads], weighted = new double[d];
        private final double[] partSum = new double[heads], part = new double[d], z = new double[d];
        private double removed;

        /** Tokens and their q, k, v for the sample in row {@code row} of {@code responses} [B, N]. */
        void load(Tensor responses, int row) {
            long base = (long) row * n;
            for (int i = 0; i < n; i++) {
                float r = responses.getFlat(base + i);
                for (int c = 0; c < d; c++) token[c] = r * embedW[i * d + c] + embedB[i * d + c];
                for (int o = 0; o < 3 * d; o++) {
                    float s = inB[o];
                    for (int c = 0; c < d; c++) s += inW[o * d + c] * token[c];
                    qkv[i * 3 * d + o] = s;
                }
            }
        }

        private double score(int i, int j, int h) {
            double s = 0;
            int q = i * 3 * d + h * dh, k = j * 3 * d + d + h * dh;
            for (int c = 0; c < dh; c++) s += qkv[q + c] * qkv[k + c];
            return scale * s;
        }

        /** The softmax statistics of row i over every key (kept until the next call). */
        void row(int i) {
            for (int h = 0; h < heads; h++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) m = Math.max(m, score(i, j, h));
                max[h] = m;
                double l = 0;
                for (int c = 0; c < dh; c++) weighted[h * dh + c] = 0;
                for (int j = 0; j < n; j++) {
                    double e = Math.exp(score(i, j, h) - m);
                    l += e;
                    int v = j * 3 * d + 2 * d + h * dh;
                    for (int c = 0; c < dh; c++) weighted[h * dh + c] += e * qkv[v + c];
                }
                sum[h] = l;
            }
        }

        /**
         * The block's output for row i (statistics from {@link #row}) with the keys {@code masked[from..to)} removed;
         * {@link #removedMass} then gives the attention probability they held, averaged over heads.
         */
        float masked(int i, int[] masked, int from, int to) {
            removed = 0;
            for (int h = 0; h < heads; h++) {
                double l = sum[h];
                for (int c = 0; c < dh; c++) part[h * dh + c] = weighted[h * dh + c];
                double cut = 0;
                for (int k = from; k < to; k++) {
                    int j = masked[k];
                    double e = Math.exp(score(i, j, h) - max[h]);
                    cut += e;
                    int v = j * 3 * d + 2 * d + h * dh;
                    for (int c = 0; c < dh; c++) part[h * dh + c] -= e * qkv[v + c];
                }
                partSum[h] = l - cut;
                removed += cut / l / heads;
                for (int c = 0; c < dh; c++) part[h * dh + c] /= partSum[h];
            }
            return readout(i, part);
        }

        /** The attention probability the last {@link #masked} call removed from its row. */
        double removedMass() { return removed; }

        /** Every row's output under uniform attention (each query weighs every neuron 1/N) into {@code out[0..N)}. */
        void uniform(float[] out) {
            for (int c = 0; c < d; c++) part[c] = 0;
            for (int j = 0; j < n; j++) for (int c = 0; c < d; c++) part[c] += qkv[j * 3 * d + 2 * d + c];
            for (int c = 0; c < d; c++) part[c] /= n;
            for (int i = 0; i < n; i++) out[i] = readout(i, part);
        }

        /** y_i = U_i . (W_o o + b_o) + T_i. */
        private float readout(int i, double[] o) {
            for (int r = 0; r < d; r++) {
                double s = outB[r];
                for (int c = 0; c < d; c++) s += outW[r * d + c] * o[c];
                z[r] = s;
            }
            double y = readB[i];
            for (int c = 0; c < d; c++) y += readW[i * d + c] * z[c];
            return (float) y;
        }
    }
}
