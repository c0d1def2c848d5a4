package org.dina.model.neural;

/** Shape of the neural tower's token block: N neurons, token width d, h attention heads (h divides d). */
public record NeuralAttentionConfig(int neurons, int dim, int heads) {
    public NeuralAttentionConfig {
        if (neurons < 1) throw new IllegalArgumentException("NeuralAttentionConfig: neurons must be >= 1, got " + neurons);
        if (dim < 1) throw new IllegalArgumentException("NeuralAttentionConfig: dim must be >= 1, got " + dim);
        if (heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("NeuralAttentionConfig: heads (" + heads + ") must divide dim (" + dim + ")");
        }
    }

    /** Width of one head, d / h. */
    public int headDim() { return dim / heads; }

    /** The attention scale 1 / sqrt(d / h), as torch.nn.MultiheadAttention uses. */
    public float scale() { return (float) (1.0 / Math.sqrt(headDim())); }
}
