package org.dina.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;

class FftTest {

    @Property(tries = 60)
    void matchesTheDefinitionOfTheDft(@ForAll @IntRange(min = 0, max = 8) int log2, @ForAll long seed, @ForAll boolean inverse) {
        int n = 1 << log2;
        Random r = new Random(seed);
        double[] re = new double[n + 3], im = new double[n + 3];
        for (int i = 0; i < re.length; i++) { re[i] = r.nextGaussian(); im[i] = r.nextGaussian(); }
        double[] xr = re.clone(), xi = im.clone();
        new Fft(n).transform(re, im, 3, inverse);
        double sign = inverse ? 1 : -1;
        for (int k = 0; k < n; k++) {
            double sr = 0, si = 0;
            for (int j = 0; j < n; j++) {
                double a = sign * 2 * Math.PI * ((long) j * k % n) / n;
                sr += xr[3 + j] * Math.cos(a) - xi[3 + j] * Math.sin(a);
                si += xr[3 + j] * Math.sin(a) + xi[3 + j] * Math.cos(a);
            }
            assertEquals(sr, re[3 + k], 1e-9 * n + 1e-9, "re[" + k + "] n=" + n);
            assertEquals(si, im[3 + k], 1e-9 * n + 1e-9, "im[" + k + "] n=" + n);
        }
        for (int i = 0; i < 3; i++) assertEquals(xr[i], re[i], 0.0, "values before the offset are untouched");
    }

    @Example
    void rejectsLengthsThatAreNotPowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new Fft(12));
        assertEquals(128, Fft.nextPowerOfTwo(68));
        assertEquals(512, Fft.nextPowerOfTwo(270));
        assertEquals(64, Fft.nextPowerOfTwo(64));
        assertEquals(1, Fft.nextPowerOfTwo(1));
    }
}
