package org.dina.model.neural;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;

/** Shared set-up for the neural attention tests: a parameter set with random weights, random inputs, comparisons. */
final class NeuralAttentionFixtures {
    private NeuralAttentionFixtures() {}

    /** A parameter set holding one token block. */
    record Block(ParameterSet set, NeuralAttentionParams params) {}

    /** Parameters of {@code cfg}, every value (biases included) drawn from U(-amp, amp). */
    static Block randomBlock(NeuralAttentionConfig cfg, long seed, double amp) {
        ParameterSet ps = new ParameterSet();
        NeuralAttentionParams p = NeuralAttentionParams.declare(ps, cfg);
        ps.allocate(seed);
        fill(ps.values(), seed * 31 + 7, amp);
        return new Block(ps, p);
    }

    static void fill(Tensor t, long seed, double amp) {
        SplittableRandom r = new SplittableRandom(seed);
        long n = t.numel();
        for (long i = 0; i < n; i++) t.setFlat(i, (float) ((r.nextDouble() * 2 - 1) * amp));
    }

    static Tensor random(long seed, double lo, double hi, int... shape) {
        Tensor t = Tensor.zeros(shape);
        SplittableRandom r = new SplittableRandom(seed);
        for (long i = 0; i < t.numel(); i++) t.setFlat(i, (float) (lo + (hi - lo) * r.nextDouble()));
        return t;
    }

    static double maxAbs(Tensor t) {
        double m = 0;
        Tensor c = t.contiguous();
        for (long i = 0; i < c.numel(); i++) m = Math.max(m, Math.abs(c.getFlat(i)));
        return m;
    }

    /** |actual - expected| <= rtol * max|expected| + atol elementwise: agreement up to rounding of the largest terms. */
    static void assertCloseToScale(String what, Tensor expected, Tensor actual, double rtol, double atol) {
        if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
            fail(what + ": shape " + actual.shapeString() + " but expected " + expected.shapeString());
        }
        Tensor e = expected.contiguous(), a = actual.contiguous();
        double tol = rtol * maxAbs(e) + atol;
        for (long i = 0; i < e.numel(); i++) {
            double diff = Math.abs(a.getFlat(i) - e.getFlat(i));
            if (!(diff <= tol)) {
                fail(what + "[" + i + "]: " + a.getFlat(i) + " vs expected " + e.getFlat(i) + " (diff " + diff + ", tolerance " + tol + ")");
            }
        }
    }

    static boolean bitsEqual(Tensor x, Tensor y) {
        Tensor a = x.contiguous(), b = y.contiguous();
        if (a.numel() != b.numel()) return false;
        for (long i = 0; i < a.numel(); i++) {
            if (Float.floatToRawIntBits(a.getFlat(i)) != Float.floatToRawIntBits(b.getFlat(i))) return false;
        }
        return true;
    }
}
