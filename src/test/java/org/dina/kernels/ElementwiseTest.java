package org.dina.kernels;

import static org.dina.kernels.KernelChecks.assertBitEqual;
import static org.dina.kernels.KernelChecks.assertClose;
import static org.dina.kernels.KernelChecks.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ElementwiseTest {

    /** Operands start at element offsets 0..3 inside their segments, so vector loads are not always aligned. */
    @Property(tries = 120)
    void binaryOpsMatchScalarBitForBit(@ForAll @IntRange(min = 1, max = 100) int n, @ForAll @IntRange(min = 0, max = 3) int off,
                                       @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor a = random(r, n + off, 3, 0), b = random(r, n + off, 3, 0);
        float alpha = (float) (r.nextDouble() * 4 - 2);
        MemorySegment as = a.segment(), bs = b.segment();
        Tensor v = Tensor.zeros(n + off), s = Tensor.zeros(n + off);

        Elementwise.add(as, off, bs, off, v.segment(), off, n);
        ElementwiseScalar.add(as, off, bs, off, s.segment(), off, n);
        assertBitEqual("add", s, v);
        Elementwise.addScaled(as, off, alpha, bs, off, v.segment(), off, n);
        ElementwiseScalar.addScaled(as, off, alpha, bs, off, s.segment(), off, n);
        assertBitEqual("addScaled", s, v);
        Elementwise.mul(as, off, bs, off, v.segment(), off, n);
        ElementwiseScalar.mul(as, off, bs, off, s.segment(), off, n);
        assertBitEqual("mul", s, v);
        Elementwise.scale(alpha, as, off, v.segment(), off, n);
        ElementwiseScalar.scale(alpha, as, off, s.segment(), off, n);
        assertBitEqual("scale", s, v);
    }

    @Property(tries = 100)
    void biasAddsMatchScalarBitForBit(@ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 5) int channels,
                                      @ForAll @IntRange(min = 1, max = 40) int spatial, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = batch * channels * spatial;
        Tensor x = random(r, n), bias = random(r, Math.max(channels, spatial));
        Tensor v = Tensor.zeros(n), s = Tensor.zeros(n);
        Elementwise.addBiasChannels(x.segment(), 0, bias.segment(), 0, v.segment(), 0, batch, channels, spatial);
        ElementwiseScalar.addBiasChannels(x.segment(), 0, bias.segment(), 0, s.segment(), 0, batch, channels, spatial);
        assertBitEqual("addBiasChannels", s, v);
        int rows = batch * channels;
        Elementwise.addBiasLastDim(x.segment(), 0, bias.segment(), 0, v.segment(), 0, rows, spatial);
        ElementwiseScalar.addBiasLastDim(x.segment(), 0, bias.segment(), 0, s.segment(), 0, rows, spatial);
        assertBitEqual("addBiasLastDim", s, v);
    }

    @Property(tries = 150)
    void sumsMatchScalar(@ForAll @IntRange(min = 1, max = 3) int outer, @ForAll @IntRange(min = 1, max = 40) int d,
                         @ForAll @IntRange(min = 1, max = 40) int inner, @ForAll boolean accumulate, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor x = random(r, outer * d * inner, 2, 0.5);
        Tensor start = random(r, outer * inner);
        Tensor v = start.copy(), s = start.copy();
        Elementwise.sumMiddle(x.segment(), 0, outer, d, inner, v.segment(), 0, accumulate);
        ElementwiseScalar.sumMiddle(x.segment(), 0, outer, d, inner, s.segment(), 0, accumulate);
        // float sums of d terms of size <= 2.5 in a different order than the double reference
        assertClose("sumMiddle", s, v, 1e-5, 2e-6 * d);

        Tensor cv = random(r, d), cs = cv.copy();
        Elementwise.sumPerChannel(x.segment(), 0, outer, d, inner, cv.segment(), 0, accumulate);
        ElementwiseScalar.sumPerChannel(x.segment(), 0, outer, d, inner, cs.segment(), 0, accumulate);
        assertClose("sumPerChannel", cs, cv, 1e-5, 2e-6 * outer * inner);
    }

    @Test
    void longSumsStayAccurate() {
        // 100,000 terms of 0.1f: a plain float running sum drifts by ~1e-4 relative or more; the blocked sums stay near 1e-6
        int rows = 100_000, cols = 17;
        Tensor x = Tensor.zeros(rows, cols);
        x.fill(0.1f);
        Tensor out = Tensor.zeros(cols);
        Elementwise.sumDim(x, 0, out, false);
        for (int j = 0; j < cols; j++) assertEquals(10_000.0, out.getFlat(j), 10_000.0 * 1e-5, "column " + j);
        Tensor row = Tensor.zeros(1);
        Elementwise.sumDim(x.reshape(1, rows * cols), 1, row, false);
        assertEquals(170_000.0, row.getFlat(0), 170_000.0 * 1e-5, "one long row");
    }

    @Test
    void blockedSumsMatchScalar() {
        SplittableRandom r = new SplittableRandom(17);
        int d = 9000; // several BLOCK and CONTIGUOUS_BLOCK lengths plus a remainder
        for (int inner : new int[] {1, 3, 16, 21}) {
            Tensor x = random(r, 2 * d * inner, 1, 0.3);
            Tensor v = Tensor.zeros(2 * inner), s = Tensor.zeros(2 * inner);
            Elementwise.sumMiddle(x.segment(), 0, 2, d, inner, v.segment(), 0, false);
            ElementwiseScalar.sumMiddle(x.segment(), 0, 2, d, inner, s.segment(), 0, false);
            assertClose("sumMiddle inner=" + inner, s, v, 1e-5, 1e-3);
        }
    }

    @Test
    void tensorWrappersAndInPlaceVariants() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {6, 5, 4, 3, 2, 1}, 2, 3);
        Tensor out = Tensor.zeros(2, 3);
        Elementwise.add(a, b, out);
        assertArray(new float[] {7, 7, 7, 7, 7, 7}, out);
        Tensor y = a.copy();
        Elementwise.axpy(2f, b, y);
        assertArray(new float[] {13, 12, 11, 10, 9, 8}, y);
        Elementwise.addInPlace(y, a);
        assertArray(new float[] {14, 14, 14, 14, 14, 14}, y);
        Elementwise.scaleInPlace(0.5f, y);
        assertArray(new float[] {7, 7, 7, 7, 7, 7}, y);
        Elementwise.mulInPlace(y, a);
        assertArray(new float[] {7, 14, 21, 28, 35, 42}, y);
        Elementwise.addScaled(a, -1f, b, out);
        assertArray(new float[] {-5, -3, -1, 1, 3, 5}, out);

        Elementwise.addBiasLastDim(a, Tensor.of(new float[] {10, 20, 30}, 3), out);
        assertArray(new float[] {11, 22, 33, 14, 25, 36}, out);
        Tensor nchw = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2, 1);
        Elementwise.addBiasChannels(nchw, Tensor.of(new float[] {100, 200}, 2), nchw);
        assertArray(new float[] {101, 102, 203, 204, 105, 106, 207, 208}, nchw);

        Tensor perChannel = Tensor.of(new float[] {1, 1}, 2);
        Elementwise.sumPerChannel(nchw, perChannel, true);
        assertArray(new float[] {1 + 101 + 102 + 105 + 106, 1 + 203 + 204 + 207 + 208}, perChannel);
        Tensor cols = Tensor.zeros(3);
        Elementwise.sumToLastDim(a, cols, false);
        assertArray(new float[] {5, 7, 9}, cols);
        Tensor rowsSum = Tensor.zeros(2);
        Elementwise.sumDim(a, -1, rowsSum, false);
        assertArray(new float[] {6, 15}, rowsSum);
        Tensor t3 = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 3, 2);
        Tensor mid = Tensor.zeros(2, 2);
        Elementwise.sumDim(t3, 1, mid, false);
        assertArray(new float[] {9, 12, 27, 30}, mid);

        assertThrows(IllegalArgumentException.class, () -> Elementwise.add(a, Tensor.zeros(5), out));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.add(a.transpose(0, 1), b.transpose(0, 1), out.transpose(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.addBiasLastDim(a, Tensor.zeros(2), out));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.sumDim(t3, 1, Tensor.zeros(3), false));
    }

    @Test
    void sameBitsWithOneAndTwoThreads() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 150_001;
        Tensor a = random(r, n), b = random(r, n), out = Tensor.zeros(n);
        KernelChecks.assertSameBitsWithOneAndTwoThreads("addScaled", () -> {
            Elementwise.addScaled(a, 0.7f, b, out);
            return out;
        });
        Tensor bias = random(r, 61);
        KernelChecks.assertSameBitsWithOneAndTwoThreads("addBiasChannels", () -> {
            Elementwise.addBiasChannels(a.slice(0, 0, 4 * 61 * 601).reshape(4, 61, 601, 1), bias, out.slice(0, 0, 4 * 61 * 601));
            return out;
        });
        Tensor x = a.slice(0, 0, 3000 * 50).reshape(3000, 50);
        Tensor cols = Tensor.zeros(50), rowSums = Tensor.zeros(3000), ch = Tensor.zeros(61);
        KernelChecks.assertSameBitsWithOneAndTwoThreads("sumDim 0", () -> {
            Elementwise.sumDim(x, 0, cols, false);
            return cols;
        });
        KernelChecks.assertSameBitsWithOneAndTwoThreads("sumDim 1", () -> {
            Elementwise.sumDim(x, 1, rowSums, false);
            return rowSums;
        });
        KernelChecks.assertSameBitsWithOneAndTwoThreads("sumPerChannel", () -> {
            Elementwise.sumPerChannel(a.slice(0, 0, 4 * 61 * 601).reshape(4, 61, 601, 1), ch, false);
            return ch;
        });
    }

    private static void assertArray(float[] expected, Tensor actual) {
        assertBitEqual("values", Tensor.of(expected, expected.length), actual.reshape(-1));
    }
}
