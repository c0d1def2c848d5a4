package org.dina.kernels;

import static org.dina.kernels.KernelChecks.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ActivationsTest {

    /** erf by its Maclaurin series, summed in double; accurate to ~1e-15 for |x| < 2. */
    static double erfSeries(double x) {
        double term = x, sum = x; // term_n = (-1)^n x^(2n+1) / n!
        for (int n = 1; n < 80; n++) {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /** erfc by its continued fraction, evaluated from the tail; accurate to ~1e-15 relative for x >= 2. */
    static double erfcContinuedFraction(double x) {
        double f = x;
        for (int k = 300; k >= 1; k--) f = x + (k / 2.0) / f;
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    static double erfOracle(double x) {
        if (Math.abs(x) < 2) return erfSeries(x);
        double e = erfcContinuedFraction(Math.abs(x));
        return x < 0 ? e - 1 : 1 - e;
    }

    @Test
    void oraclesAgreeWhereBothConverge() {
        for (double x = 1.5; x <= 2.5; x += 0.125) assertEquals(erfSeries(x), 1 - erfcContinuedFraction(x), 1e-14, "x=" + x);
    }

    @Test
    void erfIsAccurateToOneTenMillionth() {
        double worstFloat = 0, worstDouble = 0;
        for (int i = -120_000; i <= 120_000; i++) {
            double x = i * 1e-4; // [-12, 12]
            double exact = erfOracle(x);
            worstDouble = Math.max(worstDouble, Math.abs(Activations.erf(x) - exact));
            float xf = (float) x;
            worstFloat = Math.max(worstFloat, Math.abs(Activations.erf(xf) - erfOracle(xf)));
        }
        assertTrue(worstDouble <= 1e-9, "double erf max abs error " + worstDouble);
        assertTrue(worstFloat <= 1e-7, "float erf max abs error " + worstFloat);
        assertEquals(0f, Activations.erf(0f));
        assertEquals(1e-20f * 1.1283791670955126, Activations.erf(1e-20f), 2e-27, "tiny arguments keep relative accuracy");
        assertEquals(1f, Activations.erf(Float.POSITIVE_INFINITY));
        assertEquals(-1f, Activations.erf(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(Activations.erf(Float.NaN)));
    }

    @Test
    void erfcKeepsRelativeAccuracyInTheTail() {
        for (double x = 2; x <= 9; x += 1e-3) {
            double exact = erfcContinuedFraction(x);
            double rel = Math.abs(Activations.erfc(x) - exact) / exact;
            if (rel > 1e-9) fail("erfc(" + x + ") relative error " + rel);
        }
        for (double x = -2; x < 2; x += 1e-3) assertEquals(1 - erfSeries(x), Activations.erfc(x), 1e-9, "x=" + x);
    }

    /** Phi(x) in double, through erfc so that the lower tail keeps its relative accuracy. */
    private static double normalCdf(double x) {
        return 0.5 * Activations.erfc(-x * Activations.SQRT1_2);
    }

    @Test
    void geluDerivativeMatchesCentralDifferencesInDouble() {
        for (double x = -7; x <= 7; x += 0.01) {
            double h = 1e-4;
            double numeric = ((x + h) * normalCdf(x + h) - (x - h) * normalCdf(x - h)) / (2 * h);
            assertEquals(numeric, Activations.geluDerivative((float) x), 2e-6 + 1e-6 * Math.abs(numeric), "x=" + x);
        }
    }

    /** Inputs spread over several scales, including exact zeros, tails and (sometimes) infinities and NaN. */
    static Tensor inputs(SplittableRandom r, int n, boolean specials) {
        Tensor t = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            double scale = switch (r.nextInt(4)) { case 0 -> 0.01; case 1 -> 1; case 2 -> 4; default -> 20; };
            float v = (float) ((r.nextDouble() * 2 - 1) * scale);
            if (specials && r.nextInt(16) == 0) {
                v = switch (r.nextInt(4)) { case 0 -> 0f; case 1 -> Float.POSITIVE_INFINITY; case 2 -> Float.NEGATIVE_INFINITY; default -> Float.NaN; };
            }
            t.setFlat(i, v);
        }
        return t;
    }

    /** The vector kernels evaluate the same double formulas with the same exactly-rounded operations as the scalar twins. */
    @Property(tries = 150)
    void vectorKernelsMatchScalarTwins(@ForAll @IntRange(min = 1, max = 2500) int n, @ForAll @IntRange(min = 0, max = 3) int off,
                                       @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor x = inputs(r, n + off, true), dy = inputs(r, n + off, false);
        Tensor v = Tensor.zeros(n + off), s = Tensor.zeros(n + off);

        Activations.erf(x.segment(), off, v.segment(), off, n);
        ActivationsScalar.erf(x.segment(), off, s.segment(), off, n);
        assertBitEqual("erf", s, v);
        Activations.gelu(x.segment(), off, v.segment(), off, n);
        ActivationsScalar.gelu(x.segment(), off, s.segment(), off, n);
        assertBitEqual("gelu", s, v);
        Activations.geluBackward(x.segment(), off, dy.segment(), off, v.segment(), off, n);
        ActivationsScalar.geluBackward(x.segment(), off, dy.segment(), off, s.segment(), off, n);
        assertBitEqual("geluBackward", s, v);
        Tensor inPlace = dy.copy();  // dx may be dy's own buffer: the kernel works in blocks, beyond GELU's grain
        Activations.geluBackward(x.segment(), off, inPlace.segment(), off, inPlace.segment(), off, n);
        // only [off, off + n) was written; NaN payloads and signs aside (C2 may swap a product's operands)
        assertBitEqual("geluBackward in place", s.slice(0, off, off + n), inPlace.slice(0, off, off + n));
        // the output and the derivative from one pass: the forward's output, and the derivative geluBackward uses
        Tensor derivativeV = x.copy(), derivativeS = x.copy(), ones = Tensor.zeros(n + off), geluOut = Tensor.zeros(n + off);
        ones.fill(1f);
        Activations.geluOutputAndDerivative(derivativeV.segment(), off, v.segment(), off, n);
        ActivationsScalar.geluOutputAndDerivative(derivativeS.segment(), off, s.segment(), off, n);
        assertBitEqual("geluOutputAndDerivative output", s, v);
        assertBitEqual("geluOutputAndDerivative derivative", derivativeS, derivativeV);
        Activations.gelu(x.segment(), off, geluOut.segment(), off, n);
        assertBitEqual("geluOutputAndDerivative output against gelu", geluOut.slice(0, off, off + n), v.slice(0, off, off + n));
        ActivationsScalar.geluBackward(x.segment(), off, ones.segment(), off, s.segment(), off, n);
        assertBitEqual("geluOutputAndDerivative derivative against geluBackward at dy = 1", s.slice(0, off, off + n),
                derivativeV.slice(0, off, off + n));
        Activations.relu(x.segment(), off, v.segment(), off, n);
        ActivationsScalar.relu(x.segment(), off, s.segment(), off, n);
        assertBitEqual("relu", s, v);
        Activations.reluBackward(s.segment(), off, dy.segment(), off, v.segment(), off, n);
        ActivationsScalar.reluBackward(s.segment(), off, dy.segment(), off, s.segment(), off, n);
        assertBitEqual("reluBackward", s, v);
    }

    @Test
    void reluFollowsPyTorchAtZeroAndNaN() {
        Tensor x = Tensor.of(new float[] {-1f, -0f, 0f, 2f, Float.NaN}, 5), y = Tensor.zeros(5), dx = Tensor.zeros(5);
        Activations.relu(x, y);
        assertEquals(0f, y.getFlat(0));
        assertEquals(0f, y.getFlat(2));
        assertEquals(2f, y.getFlat(3));
        assertTrue(Float.isNaN(y.getFlat(4)));
        Tensor dy = Tensor.of(new float[] {5, 5, 5, 5, 5}, 5);
        Activations.reluBackward(y, dy, dx);
        assertBitEqual("relu grad", Tensor.of(new float[] {0, 0, 0, 5, 0}, 5), dx);
    }

    @Test
    void sameBitsWithOneAndTwoThreads() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 100_003;
        Tensor x = inputs(r, n, false), dy = inputs(r, n, false), out = Tensor.zeros(n);
        KernelChecks.assertSameBitsWithOneAndTwoThreads("gelu", () -> {
            Activations.gelu(x, out);
            return out;
        });
        KernelChecks.assertSameBitsWithOneAndTwoThreads("geluBackward", () -> {
            Activations.geluBackward(x, dy, out);
            return out;
        });
        KernelChecks.assertSameBitsWithOneAndTwoThreads("geluOutputAndDerivative", () -> {
            Tensor derivative = x.copy();
            Activations.geluOutputAndDerivative(derivative, out);
            return derivative;
        });
        KernelChecks.assertSameBitsWithOneAndTwoThreads("relu", () -> {
            Activations.relu(x, out);
            return out;
        });
    }
}
