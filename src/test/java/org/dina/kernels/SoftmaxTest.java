package org.dina.kernels;

import static org.dina.kernels.KernelChecks.assertClose;
import static org.dina.kernels.KernelChecks.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.nn.Layer;
import org.dina.tensor.Tensor;
import org.dina.testing.Golden;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

    @Property(tries = 150)
    void vectorKernelsMatchScalarTwins(@ForAll @IntRange(min = 1, max = 4) int rows, @ForAll @IntRange(min = 1, max = 70) int cols,
                                       @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = rows * cols;
        Tensor x = random(r, n, 6, r.nextInt(3) == 0 ? 50 : 0), dy = random(r, n), dl = random(r, rows);
        Tensor v = Tensor.zeros(n), s = Tensor.zeros(n), lv = Tensor.zeros(rows), ls = Tensor.zeros(rows);

        Softmax.softmax(x.segment(), 0, v.segment(), 0, rows, cols);
        SoftmaxScalar.softmax(x.segment(), 0, s.segment(), 0, rows, cols);
        assertClose("softmax", s, v, 1e-5, 1e-7);
        Tensor y = s.copy();
        Softmax.softmaxBackward(y.segment(), 0, dy.segment(), 0, v.segment(), 0, rows, cols);
        SoftmaxScalar.softmaxBackward(y.segment(), 0, dy.segment(), 0, s.segment(), 0, rows, cols);
        assertClose("softmaxBackward", s, v, 1e-5, 1e-6);

        Softmax.logSoftmax(x.segment(), 0, v.segment(), 0, rows, cols);
        SoftmaxScalar.logSoftmax(x.segment(), 0, s.segment(), 0, rows, cols);
        assertClose("logSoftmax", s, v, 1e-6, 2e-6);
        y = s.copy();
        Softmax.logSoftmaxBackward(y.segment(), 0, dy.segment(), 0, v.segment(), 0, rows, cols);
        SoftmaxScalar.logSoftmaxBackward(y.segment(), 0, dy.segment(), 0, s.segment(), 0, rows, cols);
        assertClose("logSoftmaxBackward", s, v, 1e-5, 2e-6 * cols);

        Softmax.logSumExp(x.segment(), 0, lv.segment(), 0, rows, cols);
        SoftmaxScalar.logSumExp(x.segment(), 0, ls.segment(), 0, rows, cols);
        assertClose("logSumExp", ls, lv, 1e-6, 1e-6);
        Softmax.logSumExpBackward(x.segment(), 0, ls.segment(), 0, dl.segment(), 0, v.segment(), 0, rows, cols);
        SoftmaxScalar.logSumExpBackward(x.segment(), 0, ls.segment(), 0, dl.segment(), 0, s.segment(), 0, rows, cols);
        assertClose("logSumExpBackward", s, v, 1e-5, 1e-7);
    }

    @Test
    void largeLogitsStayFiniteAndInPlaceWorks() {
        Tensor x = Tensor.of(new float[] {1000f, 1001f, 1002f, -1000f}, 1, 4);
        Tensor y = Tensor.zeros(1, 4);
        Softmax.softmax(x, y);
        Tensor shifted = Tensor.of(new float[] {0f, 1f, 2f, -2000f}, 1, 4), ys = Tensor.zeros(1, 4);
        Softmax.softmax(shifted, ys);
        KernelChecks.assertBitEqual("shift invariance", ys, y);
        Softmax.logSoftmax(x, x);
        assertEquals(-0.40760596, x.getFlat(2), 1e-6);
        Tensor lse = Tensor.zeros(1);
        Softmax.logSumExp(Tensor.of(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 1, 2), lse);
        assertEquals(Float.NEGATIVE_INFINITY, lse.getFlat(0));
        Softmax.logSumExp(Tensor.of(new float[] {1000f, 1000f}, 1, 2), lse);
        assertEquals(1000 + Math.log(2), lse.getFlat(0), 1e-4);
        assertTrue(Float.isFinite(y.getFlat(3)));
    }

    @Test
    void matchesPyTorch() {
        Golden g = Golden.load("softmax");
        Tensor x = g.tensor("x"), dy = g.tensor("dy"), dl = g.tensor("dl");
        Tensor y = Tensor.zeros(x.shape()), dx = Tensor.zeros(x.shape()), lse = Tensor.zeros(x.dim(0));
        Softmax.softmax(x, y);
        Golden.assertClose("softmax", g.tensor("softmax_y"), y, 1e-5, 1e-7);
        Softmax.softmaxBackward(y, dy, dx);
        Golden.assertClose("softmax dx", g.tensor("softmax_dx"), dx, 1e-5, 1e-7);
        Softmax.logSoftmax(x, y);
        Golden.assertClose("log_softmax", g.tensor("log_softmax_y"), y, 1e-5, 1e-6);
        Softmax.logSoftmaxBackward(y, dy, dx);
        Golden.assertClose("log_softmax dx", g.tensor("log_softmax_dx"), dx, 1e-5, 1e-6);
        Softmax.logSumExp(x, lse);
        Golden.assertClose("logsumexp", g.tensor("logsumexp_y"), lse, 1e-5, 1e-6);
        Softmax.logSumExpBackward(x, lse, dl, dx);
        Golden.assertClose("logsumexp dx", g.tensor("logsumexp_dx"), dx, 1e-5, 1e-7);
    }

    /** Test-only layers so that GradCheck can probe the backward kernels. */
    enum Kind { SOFTMAX, LOG_SOFTMAX, LOG_SUM_EXP }

    static final class SoftmaxLayer implements Layer {
        private final Kind kind;
        private Tensor x, y, dx;

        SoftmaxLayer(Kind kind) { this.kind = kind; }

        @Override
        public Tensor forward(Tensor input) {
            x = input;
            int[] shape = input.shape();
            y = kind == Kind.LOG_SUM_EXP ? Tensor.zeros(java.util.Arrays.copyOf(shape, shape.length - 1)) : Tensor.zeros(shape);
            switch (kind) {
                case SOFTMAX -> Softmax.softmax(x, y);
                case LOG_SOFTMAX -> Softmax.logSoftmax(x, y);
                case LOG_SUM_EXP -> Softmax.logSumExp(x, y);
            }
            return y;
        }

        @Override
        public Tensor backward(Tensor dy) {
            dx = Tensor.zeros(x.shape());
            switch (kind) {
                case SOFTMAX -> Softmax.softmaxBackward(y, dy, dx);
                case LOG_SOFTMAX -> Softmax.logSoftmaxBackward(y, dy, dx);
                case LOG_SUM_EXP -> Softmax.logSumExpBackward(x, y, dy, dx);
            }
            return dx;
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        Tensor x = GradCheck.randomLike(new int[] {3, 2, 19}, 21);
        Elementwise.scaleInPlace(3f, x);
        for (Kind k : Kind.values()) GradCheck.standard().check(k.name(), new SoftmaxLayer(k), x, null, 22 + k.ordinal());
    }

    @Test
    void sameBitsWithOneAndTwoThreads() {
        SplittableRandom r = new SplittableRandom(3);
        int rows = 600, cols = 100;
        Tensor x = random(r, rows * cols, 5, 0).reshape(rows, cols), dy = random(r, rows * cols).reshape(rows, cols);
        Tensor y = Tensor.zeros(rows, cols), dx = Tensor.zeros(rows, cols), lse = Tensor.zeros(rows);
        KernelChecks.assertSameBitsWithOneAndTwoThreads("softmax", () -> {
            Softmax.softmax(x, y);
            return y;
        });
        KernelChecks.assertSameBitsWithOneAndTwoThreads("softmaxBackward", () -> {
            Softmax.softmaxBackward(y, dy, dx);
            return dx;
        });
        KernelChecks.assertSameBitsWithOneAndTwoThreads("logSoftmax + backward", () -> {
            Softmax.logSoftmax(x, y);
            Softmax.logSoftmaxBackward(y, dy, dx);
            return dx;
        });
        KernelChecks.assertSameBitsWithOneAndTwoThreads("logSumExp", () -> {
            Softmax.logSumExp(x, lse);
            return lse;
        });
    }
}
