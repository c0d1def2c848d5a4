package org.dina.model.image;

import org.dina.kernels.Attention;
import org.dina.nn.Buffer;
import org.dina.nn.Buffers;
import org.dina.tensor.Tensor;

/**
 * One use of the attention kernel on already-projected q, k, v (views into fused qkv buffers), keeping the output
 * and the per-row logsumexp for the backward pass, which writes its gradients straight into caller-given views.
 */
final class AttentionOp {
    private final int heads;
    private final float scale;
    private Tensor q, k, v, out, lse, delta;
    private Buffer outBuffer = new Buffer();

    AttentionOp(int heads, double scale) {
        this.heads = heads;
        this.scale = (float) scale;
    }

    /** Keeps the output in a slot shared with other layers (see {@link Buffer}). */
    AttentionOp shareOutput(Buffer output) {
        outBuffer = output;
        return this;
    }

    Tensor forward(Tensor q, Tensor k, Tensor v) {
        this.q = q;
        this.k = k;
        this.v = v;
        int b = q.dim(0), lq = q.dim(1);
        out = outBuffer.ensure(b, lq, q.dim(2));
        lse = Buffers.ensure(lse, b, heads, lq);
        Attention.forward(q, k, v, heads, scale, out, lse);
        return out;
    }

    /** Overwrites dq, dk, dv (views shaped like the forward's q, k, v) with the gradients for {@code dOut}. */
    void backward(Tensor dOut, Tensor dq, Tensor dk, Tensor dv) {
        delta = Buffers.ensure(delta, q.dim(0), heads, q.dim(1));
        Attention.backward(q, k, v, out, lse, dOut, heads, scale, dq, dk, dv, delta);
    }
}
