package org.dina.eval.compare;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FeaturePoolingTest {
    @Test
    void gridStaysWithinTheBudgetAndKeepsTheAspect() {
        int[] g = FeaturePooling.grid(128, 8, 33, 4096);
        assertTrue(128 * g[0] * g[1] <= 4096, g[0] + "x" + g[1]);
        assertTrue(g[1] > g[0], "wide maps stay wide");
        assertArrayEquals(new int[] {4, 17}, FeaturePooling.grid(128, 4, 17, 128 * 4 * 17), "already within budget");
        assertArrayEquals(new int[] {1, 1}, FeaturePooling.grid(3, 5, 7, 3));
        assertThrows(IllegalArgumentException.class, () -> FeaturePooling.grid(128, 4, 4, 100));
    }

    @Test
    void poolingAveragesEachChannelOverItsAreas() {
        // 1 image, 2 channels, 2x4 map; a budget of 4 features pools each channel to 1x2
        float[] v = {1, 2, 3, 4, 5, 6, 7, 8, /* channel 1 */ 10, 10, 20, 20, 10, 10, 20, 20};
        Tensor out = FeaturePooling.pool(Tensor.of(v, 1, 2, 2, 4), 4);
        assertArrayEquals(new int[] {1, 4}, out.shape());
        assertArrayEquals(new float[] {(1 + 2 + 5 + 6) / 4f, (3 + 4 + 7 + 8) / 4f, 10, 20}, out.toArray(), 1e-6f);
    }

    @Test
    void withinBudgetItOnlyFlattens() {
        float[] v = new float[2 * 3 * 2 * 2];
        for (int i = 0; i < v.length; i++) v[i] = i;
        Tensor out = FeaturePooling.pool(Tensor.of(v, 2, 3, 2, 2), 100);
        assertArrayEquals(new int[] {2, 12}, out.shape());
        assertArrayEquals(v, out.toArray());
    }
}
