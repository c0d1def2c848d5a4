package org.dina.nn;

import org.dina.kernels.Attention;
import org.dina.tensor.Tensor;

/**
 * Multi-head attention of one token set over another, on already-projected q [B, Lq, dim] and k, v [B, Lk, dim]:
 * out = softmax(scale * q k^T) v per head. No parameters; the caller owns the projections (DINA's image tower
 * computes q, k, v itself, and {@link MultiHeadSelfAttention} uses this as its core).
 *
 * <p>Same contract as {@link Layer}: the output and gradient buffers are owned and reused, and {@code backward}
 * refers to the q, k, v of the last {@code forward}, which the caller must leave unchanged in between.
 */
public final class CrossAttention {
    /** dL/dq, dL/dk, dL/dv of the last forward. */
    public record Gradients(Tensor dq, Tensor dk, Tensor dv) {}

    private final String name;
    private final int dim, heads;
    private final float scale;
    private Tensor q, k, v, output, lse, delta;
    private Tensor dq, dk, dv;
    private Gradients grads;

    /** {@code scale} multiplies the scores; pass {@link #defaultScale(int, int)} for the usual 1/sqrt(dim/heads). */
    public CrossAttention(String name, int dim, int heads, double scale) {
        if (dim < 1 || heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("CrossAttention " + name + ": width " + dim + " cannot be split into " + heads + " heads");
        }
        this.name = name;
        this.dim = dim;
        this.heads = heads;
        this.scale = (float) scale;
    }

    /** 1/sqrt(dim/heads), the scale of standard multi-head attention. */
    public static double defaultScale(int dim, int heads) {
        return 1.0 / Math.sqrt((double) dim / heads);
    }

    public String name() { return name; }
    public int dim() { return dim; }
    public int heads() { return heads; }
    public float scale() { return scale; }

    /** out [B, Lq, dim] = softmax(scale * q k^T) v, head by head. Strided views (rows contiguous) are accepted. */
    public Tensor forward(Tensor q, Tensor k, Tensor v) {
        checkInputs(q, k, v);
        this.q = q;
        this.k = k;
        this.v = v;
        int b = q.dim(0), lq = q.dim(1);
        output = Buffers.ensure(output, b, lq, dim);
        lse = Buffers.ensure(lse, b, heads, lq);
        Attention.forward(q, k, v, heads, scale, output, lse);
        return output;
    }

    /** Gradients with respect to q, k, v of the last forward, in buffers this layer owns. */
    public Gradients backward(Tensor dOut) {
        requireForward();
        dq = Buffers.ensure(dq, q.shape());
        dk = Buffers.ensure(dk, k.shape());
        dv = Buffers.ensure(dv, v.shape());
        if (grads == null || grads.dq() != dq || grads.dk() != dk || grads.dv() != dv) grads = new Gradients(dq, dk, dv);
        backward(dOut, dq, dk, dv);
        return grads;
    }

    /**
     * Writes (overwrites) the gradients into the caller's tensors, for example slices of a fused qkv gradient; each
     * must have the shape of the matching forward input.
     */
    public void backward(Tensor dOut, Tensor dq, Tensor dk, Tensor dv) {
        requireForward();
        dOut.requireShape("CrossAttention " + name + " backward", output.shape());
        dq.requireShape("CrossAttention " + name + " backward dq", q.shape());
        dk.requireShape("CrossAttention " + name + " backward dk", k.shape());
        dv.requireShape("CrossAttention " + name + " backward dv", v.shape());
        Tensor g = dOut.stride(2) == 1 ? dOut : dOut.contiguous();
        delta = Buffers.ensure(delta, lse.shape());
        Attention.backward(q, k, v, output, lse, g, heads, scale, dq, dk, dv, delta);
    }

    /** Attention probabilities [B, H, Lq, Lk] of the last forward, computed now (for analysis; Lq x Lk memory). */
    public Tensor attentionWeights() {
        requireForward();
        return Attention.weights(q, k, heads, scale);
    }

    /** Attention probabilities [H, Lq, Lk] of one sample of the last forward, computed now. */
    public Tensor attentionWeights(int sample) {
        requireForward();
        if (sample < 0 || sample >= q.dim(0)) {
            throw new IndexOutOfBoundsException("CrossAttention " + name + ": sample " + sample + " of a batch of " + q.dim(0));
        }
        Tensor p = Attention.weights(q.slice(0, sample, sample + 1), k.slice(0, sample, sample + 1), heads, scale);
        return p.reshape(heads, q.dim(1), k.dim(1));
    }

    private void checkInputs(Tensor q, Tensor k, Tensor v) {
        String where = "CrossAttention " + name;
        if (q.rank() != 3 || q.dim(2) != dim) {
            throw new IllegalArgumentException(where + ": expected q [B, Lq, " + dim + "] but got " + q.shapeString());
        }
        if (k.rank() != 3 || k.dim(0) != q.dim(0) || k.dim(2) != dim) {
            throw new IllegalArgumentException(where + ": expected k [" + q.dim(0) + ", Lk, " + dim + "] but got " + k.shapeString());
        }
        if (!v.hasShape(k.shape())) {
            throw new IllegalArgumentException(where + ": expected v " + k.shapeString() + " (the shape of k) but got " + v.shapeString());
        }
        for (Tensor t : new Tensor[] {q, k, v}) {
            if (t.stride(2) != 1) throw new IllegalArgumentException(where + ": rows must be contiguous, got a strided " + t.shapeString());
        }
    }

    private void requireForward() {
        if (q == null) throw new IllegalStateException("CrossAttention " + name + ": backward or weights before any forward");
    }
}
