package org.dina.eval.baselines;

import static org.junit.jupiter.api.Assertions.*;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class AreaDownsampleTest {
    @Test
    void stimulusSizesGetTheExpectedBudget() {
        assertArrayEquals(new int[] {16, 64}, AreaDownsample.targetSize(68, 270, 1024));
        assertArrayEquals(new int[] {31, 31}, AreaDownsample.targetSize(31, 31, 1024), "small images stay as they are");
        int[] s = AreaDownsample.targetSize(1000, 3, 50);
        assertTrue(s[0] * s[1] <= 50 && s[1] >= 1, s[0] + "x" + s[1]);
    }

    @Test
    void integerFactorsGiveBlockMeans() {
        float[] v = new float[4 * 6];
        for (int i = 0; i < v.length; i++) v[i] = i;
        DMatrixRMaj out = AreaDownsample.images(Tensor.of(v, 1, 4, 6), 2, 3);
        // block (0,0) holds 0,1,6,7
        assertEquals(3.5, out.get(0, 0), 1e-12);
        assertEquals((4 + 5 + 10 + 11) / 4.0, out.get(0, 2), 1e-12);
        assertEquals((12 + 13 + 18 + 19) / 4.0, out.get(0, 3), 1e-12);
    }

    @Property(tries = 60)
    void anyShrinkKeepsTheMeanAndConstants(@ForAll @IntRange(min = 1, max = 23) int h, @ForAll @IntRange(min = 1, max = 29) int w,
                                           @ForAll @IntRange(min = 1, max = 23) int oh, @ForAll @IntRange(min = 1, max = 29) int ow,
                                           @ForAll @IntRange(min = 0, max = 99) int seed) {
        oh = Math.min(oh, h);
        ow = Math.min(ow, w);
        Tensor img = GradCheck.randomLike(new int[] {2, h, w}, seed);
        DMatrixRMaj out = AreaDownsample.images(img, oh, ow);
        for (int k = 0; k < 2; k++) {
            double in = 0, o = 0;
            for (int i = 0; i < h * w; i++) in += img.getFlat((long) k * h * w + i);
            for (int i = 0; i < oh * ow; i++) o += out.get(k, i);
            assertEquals(in / (h * w), o / (oh * ow), 1e-6, "the image mean survives area averaging");
        }
        Tensor flat = Tensor.zeros(1, h, w);
        flat.fill(0.25f);
        for (double x : AreaDownsample.images(flat, oh, ow).data) assertEquals(0.25, x, 1e-9);
    }

    @Test
    void refusesToEnlarge() {
        assertThrows(IllegalArgumentException.class, () -> AreaDownsample.images(Tensor.zeros(1, 4, 4), 5, 4));
    }
}
