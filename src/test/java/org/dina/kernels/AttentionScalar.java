package org.dina.kernels;

import org.dina.tensor.Tensor;

/**
 * Plain reference for {@link Attention}: materialises the scores and probabilities of each (batch, head), loops
 * element by element and sums in double. Same layouts and argument meanings as {@link Attention}; slow, for tests.
 */
public final class AttentionScalar {
    private AttentionScalar() {}

    /** out = softmax(scale * q k^T) v; lse (may be null) receives log(sum(exp(scores))) per query. */
    public static void forward(Tensor q, Tensor k, Tensor v, int heads, float scale, Tensor out, Tensor lse) {
        Attention.Shape sh = Attention.Shape.of("AttentionScalar.forward", q, k, v, heads);
        out.requireShape("AttentionScalar.forward out", sh.batch(), sh.lq(), sh.width());
        int dh = sh.dh();
        for (int b = 0; b < sh.batch(); b++) {
            for (int h = 0; h < heads; h++) {
                double[][] p = probabilities(q, k, b, h, dh, scale);
                for (int i = 0; i < sh.lq(); i++) {
                    for (int d = 0; d < dh; d++) {
                        double acc = 0;
                        for (int j = 0; j < sh.lk(); j++) acc += p[i][j] * at(v, b, j, h * dh + d);
                        set(out, b, i, h * dh + d, acc);
                    }
                }
                if (lse != null) {
                    double[] l = logSumExp(q, k, b, h, dh, scale, sh.lq());
                    for (int i = 0; i < sh.lq(); i++) lse.set((float) l[i], b, h, i);
                }
            }
        }
    }

    /** dq, dk, dv of {@link #forward} for output gradient dOut (overwritten; recomputes everything from q, k, v). */
    public static void backward(Tensor q, Tensor k, Tensor v, Tensor dOut, int heads, float scale,
                                Tensor dq, Tensor dk, Tensor dv) {
        Attention.Shape sh = Attention.Shape.of("AttentionScalar.backward", q, k, v, heads);
        int dh = sh.dh(), lq = sh.lq(), lk = sh.lk();
        for (int b = 0; b < sh.batch(); b++) {
            for (int h = 0; h < heads; h++) {
                int c0 = h * dh;
                double[][] p = probabilities(q, k, b, h, dh, scale);
                // dP = dO V^T;  dS = P * (dP - rowsum(P * dP))
                double[][] ds = new double[lq][lk];
                for (int i = 0; i < lq; i++) {
                    double[] dp = new double[lk];
                    double rowDot = 0;
                    for (int j = 0; j < lk; j++) {
                        double s = 0;
                        for (int d = 0; d < dh; d++) s += at(dOut, b, i, c0 + d) * at(v, b, j, c0 + d);
                        dp[j] = s;
                        rowDot += p[i][j] * s;
                    }
                    for (int j = 0; j < lk; j++) ds[i][j] = p[i][j] * (dp[j] - rowDot);
                }
                for (int d = 0; d < dh; d++) {
                    for (int i = 0; i < lq; i++) {
                        double s = 0;
                        for (int j = 0; j < lk; j++) s += ds[i][j] * at(k, b, j, c0 + d);
                        set(dq, b, i, c0 + d, scale * s);
                    }
                    for (int j = 0; j < lk; j++) {
                        double sk = 0, sv = 0;
                        for (int i = 0; i < lq; i++) {
                            sk += ds[i][j] * at(q, b, i, c0 + d);
                            sv += p[i][j] * at(dOut, b, i, c0 + d);
                        }
                        set(dk, b, j, c0 + d, scale * sk);
                        set(dv, b, j, c0 + d, sv);
                    }
                }
            }
        }
    }

    /** softmax(scale * q k^T) into probs [B, H, Lq, Lk]. */
    public static void weights(Tensor q, Tensor k, int heads, float scale, Tensor probs) {
        Attention.Shape sh = Attention.Shape.of("AttentionScalar.weights", q, k, k, heads);
        probs.requireShape("AttentionScalar.weights probs", sh.batch(), heads, sh.lq(), sh.lk());
        for (int b = 0; b < sh.batch(); b++) {
            for (int h = 0; h < heads; h++) {
                double[][] p = probabilities(q, k, b, h, sh.dh(), scale);
                for (int i = 0; i < sh.lq(); i++) {
                    for (int j = 0; j < sh.lk(); j++) probs.set((float) p[i][j], b, h, i, j);
                }
            }
        }
    }

    private static double[][] scores(Tensor q, Tensor k, int b, int h, int dh, float scale) {
        int lq = q.dim(1), lk = k.dim(1);
        double[][] s = new double[lq][lk];
        for (int i = 0; i < lq; i++) {
            for (int j = 0; j < lk; j++) {
                double dot = 0;
                for (int d = 0; d < dh; d++) dot += at(q, b, i, h * dh + d) * at(k, b, j, h * dh + d);
                s[i][j] = scale * dot;
            }
        }
        return s;
    }

    private static double[][] probabilities(Tensor q, Tensor k, int b, int h, int dh, float scale) {
        double[][] s = scores(q, k, b, h, dh, scale);
        for (double[] row : s) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (double x : row) max = Math.max(max, x);
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.exp(row[j] - max);
                sum += row[j];
            }
            for (int j = 0; j < row.length; j++) row[j] /= sum;
        }
        return s;
    }

    private static double[] logSumExp(Tensor q, Tensor k, int b, int h, int dh, float scale, int lq) {
        double[][] s = scores(q, k, b, h, dh, scale);
        double[] out = new double[lq];
        for (int i = 0; i < lq; i++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (double x : s[i]) max = Math.max(max, x);
            for (double x : s[i]) sum += Math.exp(x - max);
            out[i] = max + Math.log(sum);
        }
        return out;
    }

    private static double at(Tensor t, int b, int i, int c) {
        return t.segment().getAtIndex(Tensor.FLOAT, t.offset() + b * t.stride(0) + i * t.stride(1) + c * t.stride(2));
    }

    private static void set(Tensor t, int b, int i, int c, double x) {
        t.segment().setAtIndex(Tensor.FLOAT, t.offset() + b * t.stride(0) + i * t.stride(1) + c * t.stride(2), (float) x);
    }
}
