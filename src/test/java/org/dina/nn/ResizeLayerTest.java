package org.dina.nn;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.kernels.Resize;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResizeLayerTest {
    @ParameterizedTest
    @EnumSource(Resize.Mode.class)
    void backwardMatchesFiniteDifferences(Resize.Mode mode) {
        // up, down, odd ratios and the DINA grids (at batch 1-2, few channels)
        int[][] cases = {{8, 32, 16, 64}, {8, 33, 16, 64}, {17, 67, 2, 8}, {2, 8, 17, 67}, {5, 3, 7, 11}, {7, 13, 3, 4}, {1, 4, 3, 1}};
        for (int[] c : cases) {
            ResizeLayer layer = new ResizeLayer("test", mode, c[2], c[3]);
            Tensor x = GradCheck.randomLike(new int[] {2, 2, c[0], c[1]}, c[1] * 7L + c[0]);
            new GradCheck(1e-2, 1e-2, 1e-4, 200).check("ResizeLayer " + mode + " " + c[0] + "x" + c[1] + "->" + c[2] + "x" + c[3], layer, x, null, 5);
        }
    }

    @Test
    void reusesItsBuffersAndChecksShapes() {
        ResizeLayer layer = new ResizeLayer("head.resize", Resize.Mode.BILINEAR, 16, 64);
        Tensor y1 = layer.forward(Tensor.zeros(2, 1, 8, 32));
        Tensor g1 = layer.backward(Tensor.zeros(2, 1, 16, 64));
        assertSame(y1, layer.forward(Tensor.zeros(2, 1, 8, 32)));
        assertSame(g1, layer.backward(Tensor.zeros(2, 1, 16, 64)));
        var e = assertThrows(IllegalArgumentException.class, () -> layer.backward(Tensor.zeros(2, 1, 16, 63)));
        assertTrue(e.getMessage().contains("head.resize") && e.getMessage().contains("[2, 1, 16, 63]") && e.getMessage().contains("[2, 1, 16, 64]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(8, 32)));
        assertTrue(e.getMessage().contains("head.resize") && e.getMessage().contains("[8, 32]"), e.getMessage());
        // a new input size makes a new plan
        assertArrayEquals(new int[] {3, 2, 16, 64}, layer.forward(Tensor.zeros(3, 2, 17, 67)).shape());
        assertArrayEquals(new int[] {3, 2, 17, 67}, layer.backward(Tensor.zeros(3, 2, 16, 64)).shape());
    }

    @Test
    void downAndBackUpIsTheAttentionRoundTrip() {
        // stage 1: 17x67 -> (17 // 8) x (67 // 8) tokens -> back to 17x67; every token lands on its own source cells
        ResizeLayer down = new ResizeLayer("sa.down", Resize.Mode.NEAREST, Resize.downsampledSize(17, 8), Resize.downsampledSize(67, 8));
        ResizeLayer up = new ResizeLayer("sa.up", Resize.Mode.NEAREST, 17, 67);
        Tensor x = GradCheck.randomLike(new int[] {1, 2, 17, 67}, 1);
        Tensor t = down.forward(x);
        assertArrayEquals(new int[] {1, 2, 2, 8}, t.shape());
        assertEquals(x.get(0, 1, 8, 58), t.get(0, 1, 1, 7));
        Tensor back = up.forward(t);
        assertEquals(t.get(0, 1, 1, 7), back.get(0, 1, 16, 66));
        assertEquals(t.get(0, 0, 0, 0), back.get(0, 0, 8, 8));
    }
}
