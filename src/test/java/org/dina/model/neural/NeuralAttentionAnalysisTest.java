package org.dina.model.neural;

import static org.dina.model.neural.NeuralAttentionFixtures.assertCloseToScale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Attention summaries for the analyses, and the shortcut's table bookkeeping. */
class NeuralAttentionAnalysisTest {
    private final NeuralAttentionConfig cfg = new NeuralAttentionConfig(23, 12, 3);

    @Test
    void attentionSummariesAgreeAndAreDistributions() {
        NeuralAttentionFixtures.Block blk = NeuralAttentionFixtures.randomBlock(cfg, 3, 0.7);
        NeuralAttention direct = new DirectNeuralAttention(blk.params()), shortcut = new ShortcutNeuralAttention(blk.params());
        Tensor r = NeuralAttentionFixtures.random(4, 0, 1, 4, 23);
        Tensor one = r.slice(0, 1, 2).reshape(23);
        Tensor wd = direct.attentionWeights(one), ws = shortcut.attentionWeights(one);
        assertCloseToScale("attention weights", wd, ws, 1e-5, 1e-7);
        Tensor rd = direct.attentionReceived(r), rs = shortcut.attentionReceived(r);
        assertCloseToScale("attention received", rd, rs, 1e-5, 1e-7);
        for (int h = 0; h < cfg.heads(); h++) {
            double total = 0;
            for (int j = 0; j < 23; j++) total += rs.get(h, j);
            assertEquals(1.0, total, 1e-5, "received attention of head " + h + " sums to 1");
            for (int i = 0; i < 23; i++) {
                double row = 0;
                for (int j = 0; j < 23; j++) row += ws.get(h, i, j);
                assertEquals(1.0, row, 1e-5, "row " + i + " of head " + h);
            }
        }
    }

    @Test
    void analysesLeaveTheTrainingStateAlone() {
        NeuralAttentionFixtures.Block blk = NeuralAttentionFixtures.randomBlock(cfg, 8, 0.5);
        ShortcutNeuralAttention shortcut = new ShortcutNeuralAttention(blk.params());
        Tensor r = NeuralAttentionFixtures.random(9, 0, 1, 3, 23), dy = NeuralAttentionFixtures.random(10, -1, 1, 3, 23);
        shortcut.forward(r);
        Tensor expected = shortcut.backward(dy).copy();
        shortcut.forward(r);
        shortcut.attentionReceived(NeuralAttentionFixtures.random(11, 0, 1, 7, 23));
        shortcut.attentionWeights(NeuralAttentionFixtures.random(12, 0, 1, 23));
        assertCloseToScale("dL/dr after analyses", expected, shortcut.backward(dy), 0, 0);
    }

    @Test
    void tablesAreRebuiltOnlyWhenTheirWeightsChange() {
        NeuralAttentionFixtures.Block blk = NeuralAttentionFixtures.randomBlock(cfg, 13, 0.5);
        ShortcutNeuralAttention shortcut = new ShortcutNeuralAttention(blk.params());
        DirectNeuralAttention direct = new DirectNeuralAttention(blk.params());
        Tensor r = NeuralAttentionFixtures.random(14, 0, 1, 2, 23);
        shortcut.forward(r);
        shortcut.forward(r);
        assertEquals(1, shortcut.tablesVersion(), "unchanged weights reuse the tables");

        Tensor w = blk.params().inProjWeight.value();
        w.setFlat(5, w.getFlat(5) + 0.25f);
        assertCloseToScale("y after a weight change", direct.forward(r), shortcut.forward(r), 1e-5, 1e-7);
        assertEquals(2, shortcut.tablesVersion(), "a changed weight rebuilds the tables");

        // the readout bias and the out-projection bias are not in the tables: no rebuild, yet y follows them
        Tensor t = blk.params().readoutBias.value(), bo = blk.params().outProjBias.value();
        t.setFlat(3, t.getFlat(3) + 1f);
        bo.setFlat(2, bo.getFlat(2) - 1f);
        assertCloseToScale("y after a bias change", direct.forward(r), shortcut.forward(r), 1e-5, 1e-7);
        assertEquals(2, shortcut.tablesVersion());

        shortcut.invalidate();
        shortcut.forward(r);
        assertEquals(3, shortcut.tablesVersion(), "invalidate forces a rebuild");

        Tensor e = blk.params().embedWeight.value();
        e.setFlat(0, e.getFlat(0) + 0.5f);
        shortcut.prepare();
        assertThrows(IllegalStateException.class, () -> shortcut.backward(r), "backward refuses tables newer than its forward");
    }

    @Test
    void shapesAreCheckedWithTheLayerName() {
        NeuralAttentionFixtures.Block blk = NeuralAttentionFixtures.randomBlock(cfg, 15, 0.5);
        var ex = assertThrows(IllegalArgumentException.class,
                () -> new ShortcutNeuralAttention(blk.params()).forward(Tensor.zeros(2, 22)));
        assertEquals("ShortcutNeuralAttention forward: expected [B, 23] but got [2, 22]", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DirectNeuralAttention(blk.params()).forward(Tensor.zeros(23)));
        assertThrows(IllegalArgumentException.class, () -> new NeuralAttentionConfig(10, 12, 5));
    }
}
