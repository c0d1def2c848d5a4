package org.dina.model;

import org.dina.kernels.Gemm;
import org.dina.tensor.Tensor;

/**
 * CLIP-style symmetric InfoNCE between paired rows of two L2-normalised embeddings: logits = A B^T / tau,
 * loss = (CE(logits, diag) + CE(logits^T, diag)) / 2, each cross-entropy averaged over the batch.
 *
 * <p>Softmaxes are evaluated in double precision: the batch is small (a few hundred at most) and tau = 0.01 makes
 * logits up to 100 in size, where float32 log-sum-exp loses digits that the loss curve shows.
 */
public final class InfoNceLoss {
    private Tensor logits, gradA, gradB, gradLogits;
    private Tensor a, b;
    private double tau;
    // per-step scratch, reused while the batch size stays the same
    private float[] l;
    private double[] g;
    private double lastLoss;
    private double lastGradLogTau;

    /**
     * Computes the loss for embeddings {@code a}, {@code b} of shape [n, dim] and keeps what {@link #backward} needs.
     *
     * @param tau temperature (0.01 in the reference)
     */
    public double forward(Tensor a, Tensor b, double tau) {
        if (a.rank() != 2 || !a.hasShape(b.shape())) {
            throw new IllegalArgumentException("InfoNceLoss: image embeddings " + a.shapeString()
                    + " and neural embeddings " + b.shapeString() + " must both be [batch, dim]");
        }
        int n = a.dim(0);
        logits = org.dina.nn.Buffers.ensure(logits, n, n);
        gradLogits = org.dina.nn.Buffers.ensure(gradLogits, n, n);
        Gemm.matmul(a, false, b, true, logits, (float) (1.0 / tau), 0f);
        if (l == null || l.length != n * n) {
            l = new float[n * n];
            g = new double[n * n];
        }
        java.lang.foreign.MemorySegment.copy(logits.segment(), Tensor.FLOAT, logits.offset() * Float.BYTES, l, 0, n * n);
        java.util.Arrays.fill(g, 0);
        double loss = 0;
        // rows: image i must pick neural i; columns: neural j must pick image j
        for (int i = 0; i < n; i++) loss += crossEntropyLine(i * n, 1, i, n);
        for (int j = 0; j < n; j++) loss += crossEntropyLine(j, n, j, n);
        double dLogTau = 0;
        for (int k = 0; k < n * n; k++) {
            gradLogits.setFlat(k, (float) g[k]);
            dLogTau -= g[k] * l[k]; // logits scale as 1/tau, so d logits / d log(tau) = -logits
        }
        lastGradLogTau = dLogTau;
        lastLoss = loss / (2.0 * n);
        this.tau = tau;
        this.a = a;
        this.b = b;
        return lastLoss;
    }

    /**
     * Cross-entropy of one row or column of the logits ({@code n} entries from {@code start}, {@code stride} apart)
     * whose correct entry is number {@code target}; adds its share of d loss / d logits into {@link #g}.
     */
    private double crossEntropyLine(int start, int stride, int target, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0, p = start; k < n; k++, p += stride) max = Math.max(max, l[p]);
        double sum = 0;
        for (int k = 0, p = start; k < n; k++, p += stride) sum += Math.exp(l[p] - max);
        double lse = max + Math.log(sum);
        for (int k = 0, p = start; k < n; k++, p += stride) g[p] += Math.exp(l[p] - lse) / (2.0 * n);
        g[start + target * stride] -= 1.0 / (2.0 * n);
        return lse - l[start + target * stride];
    }

    /** Gradient with respect to the image embeddings of the last forward. */
    public Tensor gradA() { return gradA; }

    /** Gradient with respect to the neural embeddings of the last forward. */
    public Tensor gradB() { return gradB; }

    /** d loss / d log(tau), for a learnable temperature. */
    public double gradLogTau() { return lastGradLogTau; }

    public double lastLoss() { return lastLoss; }

    /** The logits of the last forward ([n, n], row = image, column = neural). */
    public Tensor logits() { return logits; }

    /** Computes {@link #gradA()} and {@link #gradB()} for the last forward. */
    public void backward() {
        int n = a.dim(0), d = a.dim(1);
        gradA = org.dina.nn.Buffers.ensure(gradA, n, d);
        gradB = org.dina.nn.Buffers.ensure(gradB, n, d);
        float s = (float) (1.0 / tau);
        Gemm.matmul(gradLogits, false, b, false, gradA, s, 0f);
        Gemm.matmul(gradLogits, true, a, false, gradB, s, 0f);
    }
}
