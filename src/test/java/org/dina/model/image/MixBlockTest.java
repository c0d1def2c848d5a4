package org.dina.model.image;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MixBlockTest {
    private static MixBlock block(ParameterSet ps, int dim, int heads, int downsample, boolean scrambled) {
        return new MixBlock(ps, "blk", dim, heads, downsample, scrambled, MixBlock.REFERENCE_LINEAR_INIT);
    }

    @ParameterizedTest(name = "scrambled cross-attention: {0}")
    @ValueSource(booleans = {true, false})
    void backwardMatchesFiniteDifferencesInTrainingMode(boolean scrambled) {
        ParameterSet ps = new ParameterSet();
        MixBlock block = block(ps, 8, 2, 2, scrambled);
        ps.allocate(3);
        block.setTraining(true);
        Tensor x = GradCheck.randomLike(new int[] {2, 8, 5, 7}, 4);
        new GradCheck(1e-2, 3e-2, 3e-3, 24).check("MixBlock", block, x, ps, 5);
    }

    @ParameterizedTest(name = "scrambled cross-attention: {0}")
    @ValueSource(booleans = {true, false})
    void backwardMatchesFiniteDifferencesInEvalMode(boolean scrambled) {
        ParameterSet ps = new ParameterSet();
        MixBlock block = block(ps, 4, 1, 3, scrambled);
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

    /** y.transpose(1, 2).reshape(B, N, C) element by element: out[b, i, j] is the (i*C + j)-th value of y[b] read channel-major. */
    @Test
    void scrambleIsTheReleasesTransposeThenReshape() {
        int b = 2, n = 7, c = 3;
        Tensor y = GradCheck.randomLike(new int[] {b, n, c}, 11);
        Tensor out = MixBlock.scramble(y, Tensor.zeros(b, n, c));
        for (int s = 0; s < b; s++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    int flat = i * c + j;
                    assertEquals(y.get(s, flat % n, flat / n), out.get(s, i, j), "out[" + s + ", " + i + ", " + j + "]");
                }
            }
        }
        Tensor back = MixBlock.unscramble(out, Tensor.zeros(b, n, c));
        assertArrayEquals(y.toArray(), back.toArray(), "a permutation: its gradient map is its inverse");
    }

    @Test
    void theTwoCrossAttentionsGiveDifferentBlocks() {
        Tensor x = GradCheck.randomLike(new int[] {2, 8, 5, 7}, 4);
        ParameterSet a = new ParameterSet(), c = new ParameterSet();
        MixBlock scrambled = block(a, 8, 2, 2, true), clean = block(c, 8, 2, 2, false);
        a.allocate(3);
        c.allocate(3);
        assertArrayEquals(a.values().toArray(), c.values().toArray(), "the same weights");
        float[] ys = scrambled.forward(x).toArray(), yc = clean.forward(x).toArray();
        double diff = 0;
        for (int i = 0; i < ys.length; i++) diff = Math.max(diff, Math.abs(ys[i] - yc[i]));
        assertTrue(diff > 1e-3, "scrambling must change the block's output, max difference " + diff);
    }
}
