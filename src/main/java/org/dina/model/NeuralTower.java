package org.dina.model;

import java.util.ArrayList;
import java.util.List;
import org.dina.kernels.Elementwise;
import org.dina.model.neural.DirectNeuralAttention;
import org.dina.model.neural.NeuralAttention;
import org.dina.model.neural.NeuralAttentionConfig;
import org.dina.model.neural.NeuralAttentionParams;
import org.dina.model.neural.ShortcutNeuralAttention;
import org.dina.nn.Buffers;
import org.dina.nn.Linear;
import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;

/**
 * Population response [B, N] in [0, 1] to alignment embedding: per-neuron tokens, self-attention over neurons,
 * per-neuron readout (plus the response itself with {@code neuralResidual}), a linear MLP N -> ... -> 256 C (no
 * nonlinearities, as released; C = 1 map in the release), reshaped to C maps of 8 x 32 and passed through the shared
 * {@link MapHead}.
 */
public final class NeuralTower implements Tower {
    private final ParameterSet params = new ParameterSet();
    private final NeuralAttention attention;
    private final List<Linear> mlp = new ArrayList<>();
    private final MapHead head;
    private final int neurons;
    private final boolean residual;
    private Tensor withResidual;

    public NeuralTower(int neurons, DinaConfig.Model cfg, long seed) {
        this.neurons = neurons;
        this.residual = cfg.neuralResidual();
        this.head = new MapHead("neural.head", cfg.mapNormalisation(), cfg.mapChannels());
        NeuralAttentionParams ap = NeuralAttentionParams.declare(params, new NeuralAttentionConfig(neurons, cfg.neuralDim(), cfg.heads()),
                cfg.initialisation() == Initialisation.XAVIER);
        int in = neurons;
        for (int i = 0; i < cfg.neuralMlp().size(); i++) {
            int out = cfg.neuralMlp().get(i);
            mlp.add(new Linear(params, "neural.mlp." + i, in, out, true));
            in = out;
        }
        params.allocate(seed);
        attention = cfg.neuralAttention() == NeuralAttentionMode.DIRECT ? new DirectNeuralAttention(ap) : new ShortcutNeuralAttention(ap);
    }

    @Override public ParameterSet parameters() { return params; }

    public NeuralAttention attention() { return attention; }

    public int neurons() { return neurons; }

    @Override
    public Tensor forward(Tensor responses) {
        if (responses.rank() != 2 || responses.dim(1) != neurons) {
            throw new IllegalArgumentException("NeuralTower: expected responses [B, " + neurons + "] but got " + responses.shapeString());
        }
        return forwardFromAttention(attention.forward(responses), responses);
    }

    /**
     * The tower after its attention block: {@code attended} [B, N] stands in for the attention's output on
     * {@code responses} (the residual adds the responses themselves). {@link #forward} is this with the block's own
     * output; analyses that change the attention (masked edges, uniform weights) pass theirs.
     */
    public Tensor forwardFromAttention(Tensor attended, Tensor responses) {
        Tensor x = attended;
        if (residual) {
            withResidual = Buffers.ensure(withResidual, x.shape());
            Elementwise.add(x, responses.contiguous(), withResidual);
            x = withResidual;
        }
        for (Linear l : mlp) x = l.forward(x);
        return head.forward(x.reshape(responses.dim(0), -1, 8, 32));
    }

    @Override
    public Tensor backward(Tensor dEmbedding, Tensor dMap) {
        Tensor d = head.backward(dEmbedding, dMap);
        d = d.reshape(d.dim(0), -1);
        for (int i = mlp.size() - 1; i >= 0; i--) d = mlp.get(i).backward(d);
        Tensor dResponses = attention.backward(d);
        // the attention's input-gradient buffer is scratch until its next backward, so the residual's share is added into it
        if (residual) Elementwise.addInPlace(dResponses, d);
        return dResponses;
    }

    @Override public Tensor maps() { return head.maps(); }

    /** Call after the weights changed (optimiser step, checkpoint load): the attention shortcut's tables are stale. */
    public void weightsChanged() {
        if (attention instanceof ShortcutNeuralAttention s) s.invalidate();
    }
}
