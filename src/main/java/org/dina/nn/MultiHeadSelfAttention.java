package org.dina.nn;

import org.dina.tensor.Tensor;

/**
 * Multi-head self-attention over tokens x [B, L, dim]: q, k, v projections, scaled-dot-product attention per head,
 * and an optional output projection. {@link Options} expresses both of DINA's variants: the neural tower's
 * torch.nn.MultiheadAttention (separate q, k, v and output projections with biases) and the image tower's fused
 * Linear(C, 3C) qkv with no output projection and a custom scale.
 */
public final class MultiHeadSelfAttention implements Layer {

    /**
     * Layout of the projections and the score scale.
     *
     * @param fusedQkv         one Linear(dim, 3*dim) whose output columns are [q | k | v] (else three Linear(dim, dim))
     * @param outputProjection a Linear(dim, dim) after the attention
     * @param bias             whether the projections have biases (they start at zero, as in both references)
     * @param scale            multiplies the scores; NaN means 1/sqrt(dim/heads)
     * @param qkvInit          initialiser of the q, k, v weights
     * @param outputInit       initialiser of the output projection's weight
     */
    public record Options(boolean fusedQkv, boolean outputProjection, boolean bias, double scale, Init qkvInit, Init outputInit) {
        /**
         * torch.nn.MultiheadAttention: separate q, k, v and output projections with biases, scale 1/sqrt(dim/heads);
         * q, k, v weights Xavier-uniform over the stacked [3*dim, dim] in_proj, output weight U(+-1/sqrt(dim)).
         */
        public static Options torchMultihead() {
            return new Options(false, true, true, Double.NaN,
                    (t, r) -> Init.uniform(Math.sqrt(6.0 / (4.0 * t.dim(1)))).fill(t, r),
                    (t, r) -> Init.uniform(1.0 / Math.sqrt(t.dim(1))).fill(t, r));
        }

        /** DINA's image tower: fused qkv Linear with bias, no output projection, the given scale; weights N(0, 0.02^2) truncated. */
        public static Options fusedWithoutProjection(double scale) {
            return new Options(true, false, true, scale, Init.truncatedNormal(0.02), Init.truncatedNormal(0.02));
        }

        public Options withScale(double s) { return new Options(fusedQkv, outputProjection, bias, s, qkvInit, outputInit); }

        public Options withOutputProjection(boolean on) { return new Options(fusedQkv, on, bias, scale, qkvInit, outputInit); }

        public Options withFusedQkv(boolean on) { return new Options(on, outputProjection, bias, scale, qkvInit, outputInit); }

        public Options withBias(boolean on) { return new Options(fusedQkv, outputProjection, on, scale, qkvInit, outputInit); }
    }

    private final String name;
    private final int dim, heads;
    private final Linear qkv, qProj, kProj, vProj, outProj;
    private final CrossAttention attention;
    private Tensor input, dqkv, gradInput;

    /**
     * Parameters are declared in {@code params} as {@code name.qkv.*} (fused) or {@code name.q.*}, {@code name.k.*},
     * {@code name.v.*}, plus {@code name.out.*} with an output projection.
     */
    public MultiHeadSelfAttention(ParameterSet params, String name, int dim, int heads, Options options) {
        if (dim < 1 || heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("MultiHeadSelfAttention " + name + ": width " + dim + " cannot be split into " + heads + " heads");
        }
        this.name = name;
        this.dim = dim;
        this.heads = heads;
        Init zero = Init.zeros();
        if (options.fusedQkv()) {
            qkv = new Linear(params, name + ".qkv", dim, 3 * dim, options.bias(), options.qkvInit(), zero);
            qProj = kProj = vProj = null;
        } else {
            qkv = null;
            qProj = new Linear(params, name + ".q", dim, dim, options.bias(), options.qkvInit(), zero);
            kProj = new Linear(params, name + ".k", dim, dim, options.bias(), options.qkvInit(), zero);
            vProj = new Linear(params, name + ".v", dim, dim, options.bias(), options.qkvInit(), zero);
        }
        outProj = options.outputProjection() ? new Linear(params, name + ".out", dim, dim, options.bias(), options.outputInit(), zero) : null;
        double scale = Double.isNaN(options.scale()) ? CrossAttention.defaultScale(dim, heads) : options.scale();
        attention = new CrossAttention(name, dim, heads, scale);
    }

    public int dim() { return dim; }
    public int heads() { return heads; }
    public float scale() { return attention.scale(); }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 3 || x.dim(2) != dim) {
            throw new IllegalArgumentException("MultiHeadSelfAttention " + name + ": expected input [B, L, " + dim + "] but got " + x.shapeString());
        }
        input = x;
        Tensor attended;
        if (qkv != null) {
            Tensor y = qkv.forward(x);
            attended = attention.forward(y.slice(2, 0, dim), y.slice(2, dim, 2 * dim), y.slice(2, 2 * dim, 3 * dim));
        } else {
            attended = attention.forward(qProj.forward(x), kProj.forward(x), vProj.forward(x));
        }
        return outProj != null ? outProj.forward(attended) : attended;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (input == null) throw new IllegalStateException("MultiHeadSelfAttention " + name + ": backward before forward");
        dy.requireShape("MultiHeadSelfAttention " + name + " backward", input.dim(0), input.dim(1), dim);
        Tensor dAttended = outProj != null ? outProj.backward(dy) : dy;
        if (qkv != null) {
            dqkv = Buffers.ensure(dqkv, input.dim(0), input.dim(1), 3 * dim);
            attention.backward(dAttended, dqkv.slice(2, 0, dim), dqkv.slice(2, dim, 2 * dim), dqkv.slice(2, 2 * dim, 3 * dim));
            return qkv.backward(dqkv);
        }
        CrossAttention.Gradients g = attention.backward(dAttended);
        gradInput = Buffers.ensure(gradInput, input.shape());
        Tensor gq = qProj.backward(g.dq());
        Tensor gk = kProj.backward(g.dk());
        Tensor gv = vProj.backward(g.dv());
        // three branches read the same x, so their input gradients add
        long n = gradInput.numel();
        for (long i = 0; i < n; i++) gradInput.setFlat(i, gq.getFlat(i) + gk.getFlat(i) + gv.getFlat(i));
        return gradInput;
    }

    /** Attention probabilities [B, H, L, L] of the last forward, computed now (for analysis; L x L memory per head). */
    public Tensor attentionWeights() {
        return attention.attentionWeights();
    }

    /** Attention probabilities [H, L, L] of one sample of the last forward, computed now. */
    public Tensor attentionWeights(int sample) {
        return attention.attentionWeights(sample);
    }
}
