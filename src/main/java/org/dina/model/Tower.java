package org.dina.model;

import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;

/** One side of DINA: maps its input batch to L2-normalised 1,024-d alignment embeddings (flattened 16 x 64 maps). */
public interface Tower {
    /** The trainable parameters of this tower. */
    ParameterSet parameters();

    /** Embeddings [B, 1024] for a batch; keeps what {@link #backward} needs. */
    Tensor forward(Tensor input);

    /** Accumulates parameter gradients for dL/dembedding and returns dL/dinput. */
    default Tensor backward(Tensor dEmbedding) { return backward(dEmbedding, null); }

    /**
     * Like {@link #backward(Tensor)}, with an extra gradient on the min-max maps [B, 1, 16, 64] (from the
     * map-matching loss terms), or {@code null} for none.
     */
    Tensor backward(Tensor dEmbedding, Tensor dMap);

    /** The parameters the optimiser updates (all of them unless a part of the tower is frozen). */
    default Tensor trainableValues() { return parameters().values(); }

    /** Gradients matching {@link #trainableValues()}. */
    default Tensor trainableGrads() { return parameters().grads(); }

    /** The min-max scaled 16 x 64 maps of the last forward, [B, 1, 16, 64]. */
    Tensor maps();
}
