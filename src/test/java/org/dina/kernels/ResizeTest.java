package org.dina.kernels;

import static org.junit.jupiter.api.Assertions.*;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class ResizeTest {
    @Property(tries = 150)
    void optimisedMatchesScalarTwin(@ForAll @IntRange(min = 1, max = 3) int planes,
                                    @ForAll @IntRange(min = 1, max = 19) int inH, @ForAll @IntRange(min = 1, max = 37) int inW,
                                    @ForAll @IntRange(min = 1, max = 23) int outH, @ForAll @IntRange(min = 1, max = 70) int outW,
                                    @ForAll Resize.Mode mode) {
        Tensor x = GradCheck.randomLike(new int[] {1, planes, inH, inW}, inH * 131L + inW);
        Tensor fast = Tensor.zeros(1, planes, outH, outW), ref = Tensor.zeros(1, planes, outH, outW);
        Resize.forward(mode, x, fast);
        ResizeScalar.forward(mode, x, ref);
        // same arithmetic in the same order: bit-identical
        assertArrayEquals(ref.toArray(), fast.toArray(), mode + " forward " + inH + "x" + inW + " -> " + outH + "x" + outW);

        Tensor dy = GradCheck.randomLike(new int[] {1, planes, outH, outW}, outH * 17L + outW);
        Tensor dxFast = Tensor.zeros(1, planes, inH, inW), dxRef = Tensor.zeros(1, planes, inH, inW);
        dxFast.fill(Float.NaN); // the kernel must overwrite, not accumulate
        Resize.backward(mode, dy, dxFast);
        ResizeScalar.backward(mode, dy, dxRef);
        if (mode == Resize.Mode.NEAREST) {
            assertArrayEquals(dxRef.toArray(), dxFast.toArray(), "nearest backward");
        } else {
            // separable scatter sums in another order than PyTorch's four-way scatter
            assertClose("bilinear backward " + inH + "x" + inW + " -> " + outH + "x" + outW, dxRef.toArray(), dxFast.toArray(), 1e-5);
        }
    }

    @Test
    void nearestIndicesFollowPyTorchsLegacyRule() {
        // 17 -> 17 // 8 = 2 rows: scale 8.5 (in/out, not the factor 8)
        assertEquals(2, Resize.downsampledSize(17, 8));
        assertEquals(8, Resize.downsampledSize(67, 8));
        assertEquals(8, Resize.downsampledSize(33, 4));
        assertArrayEquals(new int[] {0, 8}, sources(17, 2));
        assertArrayEquals(new int[] {0, 8, 16, 25, 33, 41, 50, 58}, sources(67, 8));
        assertArrayEquals(new int[] {0, 4, 8, 12, 16, 20, 24, 28}, sources(33, 8));
        // back up: 2 -> 17 takes row 1 from floor(9 * 2/17) on
        int[] up = sources(2, 17);
        for (int i = 0; i < 17; i++) assertEquals(i < 9 ? 0 : 1, up[i], "row " + i);
        assertThrows(IllegalArgumentException.class, () -> Resize.downsampledSize(3, 4));
    }

    @Test
    void bilinearCoordinatesAreHalfPixelCentred() {
        assertEquals(0.0, Resize.bilinearSource(0, 8, 16));      // -0.25 clamped
        assertEquals(0.25, Resize.bilinearSource(1, 8, 16));
        assertEquals(7.25, Resize.bilinearSource(15, 8, 16));   // neighbour clamped to 7 by the plan
        Tensor x = Tensor.of(new float[] {1, 3}, 1, 1, 1, 2), y = Tensor.zeros(1, 1, 1, 4);
        Resize.forward(Resize.Mode.BILINEAR, x, y);
        assertArrayEquals(new float[] {1f, 1.5f, 2.5f, 3f}, y.toArray());
    }

    @Test
    void sameSizeIsTheIdentity() {
        Tensor x = GradCheck.randomLike(new int[] {2, 3, 5, 7}, 1), y = Tensor.zeros(2, 3, 5, 7);
        for (Resize.Mode m : Resize.Mode.values()) {
            Resize.forward(m, x, y);
            assertArrayEquals(x.toArray(), y.toArray(), m.toString());
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        for (Resize.Mode m : Resize.Mode.values()) {
            Tensor x = GradCheck.randomLike(new int[] {8, 4, 17, 67}, 5);
            Tensor dy = GradCheck.randomLike(new int[] {8, 4, 16, 64}, 6);
            float[][] one = KernelChecks.withThreads(1, () -> run(m, x, dy)), two = KernelChecks.withThreads(2, () -> run(m, x, dy));
            assertArrayEquals(one[0], two[0], m + " forward");
            assertArrayEquals(one[1], two[1], m + " backward");
        }
    }

    @Test
    void mismatchedShapesAreRejectedWithBothShapes() {
        Resize.Plan p = Resize.plan(Resize.Mode.BILINEAR, 8, 32, 16, 64);
        var e = assertThrows(IllegalArgumentException.class, () -> Resize.forward(p, Tensor.zeros(2, 1, 8, 33), Tensor.zeros(2, 1, 16, 64)));
        assertTrue(e.getMessage().contains("[2, 1, 8, 33]") && e.getMessage().contains("8x32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resize.forward(p, Tensor.zeros(2, 1, 8, 32), Tensor.zeros(3, 1, 16, 64)));
    }

    private static float[][] run(Resize.Mode m, Tensor x, Tensor dy) {
        Tensor y = Tensor.zeros(dy.shape()), dx = Tensor.zeros(x.shape());
        Resize.forward(m, x, y);
        Resize.backward(m, dy, dx);
        return new float[][] {y.toArray(), dx.toArray()};
    }

    private static int[] sources(int in, int out) {
        int[] s = new int[out];
        for (int i = 0; i < out; i++) s[i] = Resize.nearestSource(i, in, out);
        return s;
    }

    /** |a - e| <= tol * (1 + |e|), element by element. */
    static void assertClose(String what, float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i])))) {
                fail(what + "[" + i + "]: " + actual[i] + " vs reference " + expected[i]);
            }
        }
    }
}
