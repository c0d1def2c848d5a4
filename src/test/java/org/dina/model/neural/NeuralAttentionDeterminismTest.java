package org.dina.model.neural;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Same inputs, 1 or 2 threads: bit-identical outputs, dL/dr, parameter gradients and attention summaries. */
class NeuralAttentionDeterminismTest {
    private final int defaultThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(defaultThreads);
    }

    private record Run(Tensor y, Tensor dr, Tensor grads, Tensor received, Tensor weights) {}

    private static Run run(int threads, Function<NeuralAttentionParams, NeuralAttention> make) {
        Parallel.setThreads(threads);
        NeuralAttentionFixtures.Block blk = NeuralAttentionFixtures.randomBlock(new NeuralAttentionConfig(70, 16, 2), 5, 0.5);
        NeuralAttention layer = make.apply(blk.params());
        Tensor r = NeuralAttentionFixtures.random(6, 0, 1, 5, 70);
        Tensor dy = NeuralAttentionFixtures.random(7, -1, 1, 5, 70);
        blk.set().zeroGrad();
        Tensor y = layer.forward(r).copy();
        Tensor dr = layer.backward(dy).copy();
        return new Run(y, dr, blk.set().grads().copy(), layer.attentionReceived(r),
                layer.attentionWeights(r.slice(0, 2, 3).reshape(70)));
    }

    private static void assertSameBits(Run a, Run b) {
        assertTrue(NeuralAttentionFixtures.bitsEqual(a.y(), b.y()), "y differs between 1 and 2 threads");
        assertTrue(NeuralAttentionFixtures.bitsEqual(a.dr(), b.dr()), "dL/dr differs between 1 and 2 threads");
        assertTrue(NeuralAttentionFixtures.bitsEqual(a.grads(), b.grads()), "parameter gradients differ between 1 and 2 threads");
        assertTrue(NeuralAttentionFixtures.bitsEqual(a.received(), b.received()), "attention received differs");
        assertTrue(NeuralAttentionFixtures.bitsEqual(a.weights(), b.weights()), "attention weights differ");
    }

    @Test
    void shortcutIsBitIdenticalForOneAndTwoThreads() {
        Function<NeuralAttentionParams, NeuralAttention> make = p -> new ShortcutNeuralAttention(p, 20, 2);
        // 2, 1, 2: also catches results that change once the JIT has compiled the kernels
        Run first = run(2, make);
        assertSameBits(first, run(1, make));
        assertSameBits(first, run(2, make));
    }

    @Test
    void directIsBitIdenticalForOneAndTwoThreads() {
        Run first = run(2, DirectNeuralAttention::new);
        assertSameBits(first, run(1, DirectNeuralAttention::new));
        assertSameBits(first, run(2, DirectNeuralAttention::new));
    }
}
