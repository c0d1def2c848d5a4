package org.dina.model.neural;

import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both implementations' backward passes against central finite differences (input and every parameter). */
class NeuralAttentionGradCheckTest {
    private static final GradCheck CHECK = new GradCheck(1e-2, 2e-2, 2e-3, 48);

    @ParameterizedTest(name = "N={0} d={1} heads={2} B={3}")
    @CsvSource({"5, 8, 2, 3", "7, 4, 1, 2", "1, 6, 3, 2"})
    void directBackwardMatchesFiniteDifferences(int n, int d, int heads, int batch) {
        NeuralAttentionFixtures.Block blk = NeuralAttentionFixtures.randomBlock(new NeuralAttentionConfig(n, d, heads), 11, 0.5);
        Tensor r = NeuralAttentionFixtures.random(12, 0, 1, batch, n);
        CHECK.check("DirectNeuralAttention", new DirectNeuralAttention(blk.params()), r, blk.set(), 13);
    }

    @ParameterizedTest(name = "N={0} d={1} heads={2} B={3}")
    @CsvSource({"5, 8, 2, 3", "7, 4, 1, 2", "1, 6, 3, 2", "19, 8, 2, 2"})
    void shortcutBackwardMatchesFiniteDifferences(int n, int d, int heads, int batch) {
        NeuralAttentionFixtures.Block blk = NeuralAttentionFixtures.randomBlock(new NeuralAttentionConfig(n, d, heads), 21, 0.5);
        Tensor r = NeuralAttentionFixtures.random(22, 0, 1, batch, n);
        CHECK.check("ShortcutNeuralAttention", new ShortcutNeuralAttention(blk.params(), 3, 1), r, blk.set(), 23);
    }
}
