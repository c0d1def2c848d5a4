package org.dina.model.neural;

import org.dina.nn.Init;
import org.dina.nn.Parameter;
import org.dina.nn.ParameterSet;

/**
 * The parameters of the neural token block under fixed names, in the layout both implementations share.
 *
 * <p>Per-neuron layers are stacked: neuron i's Linear(1→d) is row i of {@code embed.weight} and {@code embed.bias};
 * its Linear(d→1) is row i of {@code readout.weight} and entry i of {@code readout.bias}. The attention tensors
 * have torch.nn.MultiheadAttention's names and shapes (q, k, v stacked in {@code in_proj_weight} [3d, d]).
 * Initialisation follows PyTorch: per-neuron Linear default U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (fan_in 1 for the
 * embedding, d for the readout). The attention's four projections are drawn as the release's four
 * {@code nn.Linear(d, d)} layers ({@code w_q, w_k, w_v, w_concat}: weights and biases U(±1/√d)) or, with
 * {@code xavier}, as {@code nn.MultiheadAttention} draws them (xavier_uniform in_proj_weight, zero biases, Linear
 * default for out_proj.weight).
 */
public final class NeuralAttentionParams {
    public static final String EMBED_WEIGHT = "neural.embed.weight";
    public static final String EMBED_BIAS = "neural.embed.bias";
    public static final String IN_PROJ_WEIGHT = "neural.attn.in_proj_weight";
    public static final String IN_PROJ_BIAS = "neural.attn.in_proj_bias";
    public static final String OUT_PROJ_WEIGHT = "neural.attn.out_proj.weight";
    public static final String OUT_PROJ_BIAS = "neural.attn.out_proj.bias";
    public static final String READOUT_WEIGHT = "neural.readout.weight";
    public static final String READOUT_BIAS = "neural.readout.bias";

    private final NeuralAttentionConfig config;
    /** E [N, d] and Bt [N, d]: token x_i = r_i E_i + Bt_i. */
    public final Parameter embedWeight, embedBias;
    /** [3d, d] and [3d]: rows 0..d are W_q, d..2d W_k, 2d..3d W_v. */
    public final Parameter inProjWeight, inProjBias;
    /** W_o [d, d] and its bias [d]. */
    public final Parameter outProjWeight, outProjBias;
    /** U [N, d] and T [N]: y_i = U_i · z_i + T_i. */
    public final Parameter readoutWeight, readoutBias;

    private NeuralAttentionParams(ParameterSet ps, NeuralAttentionConfig c, boolean xavier) {
        this.config = c;
        int n = c.neurons(), d = c.dim();
        Init linear = Init.uniform(1.0 / Math.sqrt(d));
        embedWeight = ps.add(EMBED_WEIGHT, Init.uniform(1.0), n, d);
        embedBias = ps.add(EMBED_BIAS, Init.uniform(1.0), n, d);
        inProjWeight = ps.add(IN_PROJ_WEIGHT, xavier ? Init.uniform(Math.sqrt(6.0 / (d + 3.0 * d))) : linear, 3 * d, d);
        inProjBias = ps.add(IN_PROJ_BIAS, xavier ? Init.zeros() : linear, 3 * d);
        outProjWeight = ps.add(OUT_PROJ_WEIGHT, linear, d, d);
        outProjBias = ps.add(OUT_PROJ_BIAS, xavier ? Init.zeros() : linear, d);
        readoutWeight = ps.add(READOUT_WEIGHT, Init.uniform(1.0 / Math.sqrt(d)), n, d);
        readoutBias = ps.add(READOUT_BIAS, Init.uniform(1.0 / Math.sqrt(d)), n);
    }

    /** Declares the block's parameters in {@code ps} (before {@link ParameterSet#allocate(long)}), drawn as released. */
    public static NeuralAttentionParams declare(ParameterSet ps, NeuralAttentionConfig config) {
        return declare(ps, config, false);
    }

    /** Declares the parameters; {@code xavier} draws the attention as {@code nn.MultiheadAttention} does. */
    public static NeuralAttentionParams declare(ParameterSet ps, NeuralAttentionConfig config, boolean xavier) {
        return new NeuralAttentionParams(ps, config, xavier);
    }

    public NeuralAttentionConfig config() { return config; }
}
