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
    Tensor backward(Tensor dEmbedding);

    /** The parameters the optimiser updates (all of them unless a part of the tower is frozen). */
    default Tensor trainableValues() { return parameters().values(); }

    /** Gradients matching {@link #trainableValues()}. */
    default Tensor trainableGrads() { return parameters().grads(); }

    /** The min-max scaled 16 x 64 maps of the last forward, [B, 1, 16, 64]. */
    Tensor maps();
}
