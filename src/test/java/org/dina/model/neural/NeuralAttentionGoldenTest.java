package org.dina.model.neural;

import java.util.function.Function;
import org.dina.nn.Parameter;
import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;
import org.dina.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both implementations against PyTorch (bench/golden/neural_attention.py: per-neuron layers broadcast and
 * torch.nn.MultiheadAttention, N = 12, d = 16, B = 3): y, attention of the first sample, and the gradients of
 * sum(w * y) with respect to r and every parameter.
 */
class NeuralAttentionGoldenTest {
    private static final double RTOL = 1e-5;

    private static void check(int heads, Function<NeuralAttentionParams, NeuralAttention> make, String label) {
        Golden g = Golden.load("neural_attention_h" + heads);
        Tensor r = g.tensor("r");
        NeuralAttentionConfig cfg = new NeuralAttentionConfig(r.dim(1), g.tensor(NeuralAttentionParams.OUT_PROJ_BIAS).dim(0), heads);
        ParameterSet ps = new ParameterSet();
        NeuralAttentionParams params = NeuralAttentionParams.declare(ps, cfg);
        ps.allocate(0);
        for (Parameter p : ps.list()) g.tensor(p.name()).copyTo(p.value());
        NeuralAttention layer = make.apply(params);

        Tensor y = layer.forward(r);
        assertScaled(label + " y", g.tensor("y"), y);
        ps.zeroGrad();
        Tensor dr = layer.backward(g.tensor("w"));
        assertScaled(label + " dL/dr", g.tensor("grad.r"), dr);
        for (Parameter p : ps.list()) assertScaled(label + " dL/d" + p.name(), g.tensor("grad." + p.name()), p.grad());
        assertScaled(label + " attention", g.tensor("attention"), layer.attentionWeights(r.slice(0, 0, 1).reshape(cfg.neurons())));
    }

    /** 1e-5 relative, with an absolute floor of 1e-5 of the tensor's largest entry for entries near zero. */
    private static void assertScaled(String what, Tensor expected, Tensor actual) {
        Golden.assertClose(what, expected, actual, RTOL, RTOL * NeuralAttentionFixtures.maxAbs(expected));
    }

    @ParameterizedTest(name = "heads={0}")
    @ValueSource(ints = {1, 2})
    void directMatchesPyTorch(int heads) {
        check(heads, DirectNeuralAttention::new, "direct");
    }

    @ParameterizedTest(name = "heads={0}")
    @ValueSource(ints = {1, 2})
    void shortcutMatchesPyTorch(int heads) {
        check(heads, ShortcutNeuralAttention::new, "shortcut");
    }
}
