package org.dina.kernels;

import static org.junit.jupiter.api.Assertions.*;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.kernels.AvgPool3x3.Padding;
import org.dina.nn.Buffers;
import org.dina.nn.Layer;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.dina.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AvgPool3x3Test {
    @Property(tries = 150)
    void optimisedMatchesScalarTwin(@ForAll @IntRange(min = 1, max = 3) int planes, @ForAll @IntRange(min = 1, max = 12) int h,
                                    @ForAll @IntRange(min = 1, max = 41) int w, @ForAll Padding padding) {
        int min = padding == Padding.NONE ? 3 : padding == Padding.REFLECT ? 2 : 1;
        Assume.that(h >= min && w >= min);
        int oh = AvgPool3x3.outputSize(h, padding), ow = AvgPool3x3.outputSize(w, padding);
        Tensor x = GradCheck.randomLike(new int[] {planes, h, w}, h * 97L + w);
        Tensor fast = Tensor.zeros(planes, oh, ow), ref = Tensor.zeros(planes, oh, ow);
        AvgPool3x3.forward(padding, x, fast);
        AvgPool3x3Scalar.forward(padding, x, ref);
        assertArrayEquals(ref.toArray(), fast.toArray(), padding + " forward " + h + "x" + w);

        Tensor dy = GradCheck.randomLike(new int[] {planes, oh, ow}, w * 7L + h);
        Tensor dxFast = Tensor.zeros(planes, h, w), dxRef = Tensor.zeros(planes, h, w);
        dxFast.fill(Float.NaN);
        AvgPool3x3.backward(padding, dy, dxFast);
        AvgPool3x3Scalar.backward(padding, dy, dxRef);
        // gather (sum, then / 9) against PyTorch-style scatter (dy / 9 added up): equal up to rounding
        ResizeTest.assertClose(padding + " backward " + h + "x" + w, dxRef.toArray(), dxFast.toArray(), 1e-6);
    }

    @ParameterizedTest
    @EnumSource(Padding.class)
    void backwardMatchesFiniteDifferences(Padding padding) {
        for (int[] hw : new int[][] {{3, 3}, {5, 11}, {2, 2}, {4, 19}}) {
            if (padding == Padding.NONE && hw[0] < 3) continue;
            Tensor x = GradCheck.randomLike(new int[] {2, 1, hw[0], hw[1]}, hw[1]);
            new GradCheck(1e-2, 1e-2, 1e-4, 200).check("AvgPool3x3 " + padding + " " + hw[0] + "x" + hw[1], layer(padding), x, null, 11);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "avgpool, none_, NONE", "avgpool, none_small_, NONE",
        "avgpool, zero_, ZERO", "avgpool, zero_small_, ZERO",
        "avgpool, reflect_, REFLECT", "avgpool, reflect_small_, REFLECT", "avgpool, reflect_tiny_, REFLECT",
        "avgpool_ssim, '', ZERO",
    })
    void matchesPyTorch(String file, String prefix, Padding padding) {
        Golden g = Golden.load(file);
        Tensor x = g.tensor(prefix + "x"), w = g.tensor(prefix + "w");
        Tensor expectY = g.tensor(prefix + "y");
        Tensor y = Tensor.zeros(expectY.shape()), dx = Tensor.zeros(x.shape());
        AvgPool3x3.forward(padding, x, y);
        AvgPool3x3.backward(padding, w, dx);
        Golden.assertClose(file + " " + prefix + "y", expectY, y, 1e-5, 1e-6);
        Golden.assertClose(file + " " + prefix + "dx", g.tensor(prefix + "dx"), dx, 1e-5, 1e-6);
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        for (Padding p : Padding.values()) {
            Tensor x = GradCheck.randomLike(new int[] {8, 4, 16, 64}, 3);
            Tensor dy = GradCheck.randomLike(new int[] {8, 4, AvgPool3x3.outputSize(16, p), AvgPool3x3.outputSize(64, p)}, 4);
            float[][] one = KernelChecks.withThreads(1, () -> run(p, x, dy)), two = KernelChecks.withThreads(2, () -> run(p, x, dy));
            assertArrayEquals(one[0], two[0], p + " forward");
            assertArrayEquals(one[1], two[1], p + " backward");
        }
    }

    @Test
    void tooSmallPlanesAndWrongOutputsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> AvgPool3x3.forward(Padding.NONE, Tensor.zeros(1, 2, 5), Tensor.zeros(1, 0, 3)));
        assertTrue(e.getMessage().contains("2x5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AvgPool3x3.forward(Padding.ZERO, Tensor.zeros(1, 4, 5), Tensor.zeros(1, 2, 3)));
        assertTrue(e.getMessage().contains("[1, 4, 5]") && e.getMessage().contains("[1, 2, 3]"), e.getMessage());
    }

    private static float[][] run(Padding p, Tensor x, Tensor dy) {
        Tensor y = Tensor.zeros(dy.shape()), dx = Tensor.zeros(x.shape());
        AvgPool3x3.forward(p, x, y);
        AvgPool3x3.backward(p, dy, dx);
        return new float[][] {y.toArray(), dx.toArray()};
    }

    /** The kernel pair as a Layer, so that GradCheck can drive it. */
    private static Layer layer(Padding padding) {
        return new Layer() {
            Tensor out, grad;

            @Override
            public Tensor forward(Tensor x) {
                int[] s = x.shape();
                s[s.length - 2] = AvgPool3x3.outputSize(s[s.length - 2], padding);
                s[s.length - 1] = AvgPool3x3.outputSize(s[s.length - 1], padding);
                out = Buffers.ensure(out, s);
                grad = Buffers.ensure(grad, x.shape());
                AvgPool3x3.forward(padding, x, out);
                return out;
            }

            @Override
            public Tensor backward(Tensor dy) {
                AvgPool3x3.backward(padding, dy, grad);
                return grad;
            }
        };
    }
}
