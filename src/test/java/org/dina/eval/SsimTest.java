package org.dina.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.dina.nn.SsimPadding;
import org.junit.jupiter.api.Test;

class SsimTest {
    private static final SsimPadding Z = SsimPadding.ZERO;

    private static float[] randomMaps(int maps, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[maps * 1024];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextDouble();
        return v;
    }

    @Test
    void severalMapsAverageTheirPerMapSsim() {
        float[] a = randomMaps(3, 1), b = randomMaps(3, 2);
        double expected = 0;
        for (int c = 0; c < 3; c++) expected += Ssim.mean(a, c * 1024, b, c * 1024, 16, 64, Z) / 3;
        assertEquals(expected, Ssim.meanOverMaps(a, b, Z), 1e-12);
        assertEquals(1.0, Ssim.meanOverMaps(a, a, Z), 1e-9);
    }

    @Test
    void mapsOutsideTheUnitRangeAreMinMaxScaledFirst() {
        float[] a = randomMaps(2, 3);
        float[] stretched = new float[a.length];
        for (int i = 0; i < a.length; i++) stretched[i] = a[i] * 40 - 17; // z-scored or raw maps are not in [0, 1]
        float[][] scaled = Ssim.minMaxScaled(new float[][] {a, stretched});
        assertEquals(1.0, Ssim.meanOverMaps(scaled[0], scaled[1], Z), 1e-5, "the same shapes, so SSIM 1 after scaling");
        assertTrue(Ssim.meanOverMaps(a, stretched, Z) < 0.5, "clamped without scaling, the comparison is meaningless");
        for (int m = 0; m < 2; m++) {
            float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
            for (int i = 0; i < 1024; i++) {
                lo = Math.min(lo, scaled[1][m * 1024 + i]);
                hi = Math.max(hi, scaled[1][m * 1024 + i]);
            }
            assertEquals(0f, lo, 1e-6f, "each map on its own: map " + m);
            assertEquals(1f, hi, 1e-6f, "each map on its own: map " + m);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Ssim.meanOverMaps(a, new float[1000], Z));
        assertTrue(e.getMessage().contains("2048") && e.getMessage().contains("1000"), e.getMessage());
    }
}
