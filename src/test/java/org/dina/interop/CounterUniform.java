package org.dina.interop;

import org.dina.tensor.Tensor;

/**
 * The counter-based generator of bench/golden/towers_e2e.py, so that weights and inputs need not be stored in the
 * golden file: element i of draw s under seed S is {@code low + (high - low) * u}, computed in double and rounded to
 * float, with u the top 24 bits of splitmix64's finaliser applied to
 * {@code S * 0x9E3779B97F4A7C15 + (s + 1) * 0xD1B54A32D192ED03 + (i + 1) * 0x9E3779B97F4A7C15} (mod 2^64).
 */
final class CounterUniform {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L, STREAM = 0xD1B54A32D192ED03L;

    private CounterUniform() {}

    static Tensor draw(long seed, int s, int[] shape, double low, double high) {
        Tensor t = Tensor.zeros(shape);
        long base = seed * GOLDEN + (s + 1) * STREAM;
        for (long i = 0; i < t.numel(); i++) {
            double u = (mix(base + (i + 1) * GOLDEN) >>> 40) * 0x1.0p-24;
            t.setFlat(i, (float) (low + (high - low) * u));
        }
        return t;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
