package org.dina.model.image;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class MixBlockTest {
    @Test
    void backwardMatchesFiniteDifferencesInTrainingMode() {
        ParameterSet ps = new ParameterSet();
        MixBlock block = new MixBlock(ps, "blk", 8, 2, 2);
        ps.allocate(3);
        block.setTraining(true);
        Tensor x = GradCheck.randomLike(new int[] {2, 8, 5, 7}, 4);
        new GradCheck(1e-2, 3e-2, 3e-3, 24).check("MixBlock", block, x, ps, 5);
    }

    @Test
    void backwardMatchesFiniteDifferencesInEvalMode() {
        ParameterSet ps = new ParameterSet();
        MixBlock block = new MixBlock(ps, "blk", 4, 1, 3);
        ps.allocate(6);
        block.setTraining(false);
        Tensor x = GradCheck.randomLike(new int[] {1, 4, 6, 9}, 7);
        new GradCheck(1e-2, 3e-2, 3e-3, 24).check("MixBlock eval", block, x, ps, 8);
    }

    @Test
    void keepsShapeAndRejectsWrongChannels() {
        ParameterSet ps = new ParameterSet();
        MixBlock block = new MixBlock(ps, "blk", 8, 2, 4);
        ps.allocate(1);
        Tensor y = block.forward(GradCheck.randomLike(new int[] {3, 8, 8, 33}, 1));
        assertArrayEquals(new int[] {3, 8, 8, 33}, y.shape());
        var e = assertThrows(IllegalArgumentException.class, () -> block.forward(Tensor.zeros(1, 6, 8, 8)));
        assertTrue(e.getMessage().contains("MixBlock blk"), e.getMessage());
    }
}
