package org.dina.model.neural;

import org.dina.nn.Layer;
import org.dina.tensor.Tensor;

/**
 * The neural tower's token block, r [B, N] → y [B, N]: per-neuron Linear(1→d) tokens, one multi-head self-attention
 * over the N neuron tokens (as torch.nn.MultiheadAttention), per-neuron Linear(d→1) readout.
 *
 * <p>{@link #forward} and {@link #backward} follow the {@link Layer} contract: backward accumulates into the
 * parameter gradients and returns dL/dr (used for gradient × input attribution). The analysis methods compute
 * from the current weights and leave the state kept for {@code backward} untouched.
 */
public interface NeuralAttention extends Layer {
    NeuralAttentionConfig config();

    NeuralAttentionParams params();

    /** y [B, N] from responses r [B, N]. */
    @Override
    Tensor forward(Tensor r);

    /** dL/dr [B, N] from dL/dy [B, N] of the last forward; adds the parameter gradients. */
    @Override
    Tensor backward(Tensor dy);

    /** The attention probabilities of one sample, r [N] → [heads, N, N] (row i: how query neuron i attends). */
    Tensor attentionWeights(Tensor r);

    /**
     * Attention received by each neuron, r [B, N] → [heads, N]: column means of the probabilities (over query
     * neurons i), averaged over the samples, so each head's row sums to 1.
     */
    Tensor attentionReceived(Tensor r);
}
