package org.dina.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;
import org.dina.testing.Golden;

/** Checks every per-element optimizer must pass: PyTorch goldens, vector = scalar, thread-count independence, resume. */
final class OptimizerChecks {
    /** Makes an optimizer over the given parameters and gradients. */
    interface Factory extends BiFunction<Tensor, Tensor, ElementwiseOptimizer> {}

    private OptimizerChecks() {}

    /** Values of mixed magnitude (1e-4 .. 10), both signs, some exact zeros. */
    static Tensor random(int n, SplittableRandom r) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(10) == 0 ? 0f : (float) (r.nextGaussian() * Math.pow(10, r.nextDouble(-4, 1)));
        }
        return Tensor.of(v, n);
    }

    /**
     * Runs the golden case {@code name} of {@code file}: the steps of PyTorch's trajectory one by one, then the buffers,
     * each within {@code rtol}. Returns the largest difference seen in units in the last place.
     */
    static int matchesGolden(String file, String name, Factory factory, double rtol) {
        Golden gold = Golden.load(file);
        Tensor p = gold.tensor("params0");
        Tensor grads = gold.tensor("grads");
        Tensor expected = gold.tensor(name + ".params");
        int n = p.dim(0);
        Tensor g = Tensor.zeros(n);
        ElementwiseOptimizer opt = factory.apply(p, g);
        int worstUlps = 0;
        for (int k = 0; k < grads.dim(0); k++) {
            grads.slice(0, k, k + 1).reshape(n).copyTo(g);
            opt.step();
            Tensor want = expected.slice(0, k, k + 1).reshape(n);
            Golden.assertClose(file + " " + name + " params after step " + (k + 1), want, p, rtol, 0);
            worstUlps = Math.max(worstUlps, ulps(want, p));
        }
        assertEquals(grads.dim(0), opt.steps());
        for (var e : opt.state().entrySet()) {
            Tensor want = gold.tensor(name + "." + e.getKey());
            Golden.assertClose(file + " " + name + " " + e.getKey(), want, e.getValue(), rtol, 0);
            worstUlps = Math.max(worstUlps, ulps(want, e.getValue()));
        }
        return worstUlps;
    }

    static int ulps(Tensor a, Tensor b) {
        float[] x = a.toArray(), y = b.toArray();
        int worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(Float.floatToIntBits(x[i]) - Float.floatToIntBits(y[i])));
        }
        return worst;
    }

    /** Same inputs through the vector kernel and the scalar twin for three steps: every bit must agree. */
    static void vectorMatchesScalar(Factory factory, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor p0 = random(n, r);
        Tensor[] gs = {random(n, r), random(n, r), random(n, r)};
        Tensor pv = p0.copy(), ps = p0.copy(), gv = Tensor.zeros(n), gsc = Tensor.zeros(n);
        ElementwiseOptimizer vec = factory.apply(pv, gv), sca = factory.apply(ps, gsc);
        sca.useVectorKernel(false);
        for (Tensor g : gs) {
            g.copyTo(gv);
            g.copyTo(gsc);
            vec.step();
            sca.step();
        }
        assertBitsEqual("params (vector vs scalar, n=" + n + ")", ps, pv);
        for (String b : vec.state().keySet()) {
            assertBitsEqual(b + " (vector vs scalar, n=" + n + ")", sca.state().get(b), vec.state().get(b));
        }
    }

    /** Steps with 1 and then 2 threads on a vector long enough to be split; every bit must agree. */
    static void sameBitsWithOneOrTwoThreads(Factory factory) {
        int n = 2 * ElementwiseOptimizer.GRAIN + 123;
        SplittableRandom r = new SplittableRandom(5);
        Tensor p0 = random(n, r), g = random(n, r);
        int before = Parallel.threads();
        try {
            Tensor[] results = new Tensor[2];
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                Tensor p = p0.copy();
                ElementwiseOptimizer opt = factory.apply(p, g);
                for (int k = 0; k < 3; k++) opt.step();
                results[threads - 1] = p;
            }
            assertBitsEqual("params with 1 vs 2 threads", results[0], results[1]);
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * Six steps straight, against three steps, a save of buffers and scalars, a fresh optimizer loaded from the save,
     * and three more steps (with an lr change in between, as a scheduler makes): the final bits must agree.
     */
    static void resumesBitExactly(Factory factory) {
        int n = 53;
        SplittableRandom r = new SplittableRandom(9);
        Tensor p0 = random(n, r);
        Tensor[] gs = new Tensor[6];
        for (int k = 0; k < gs.length; k++) gs[k] = random(n, r);

        Tensor straight = p0.copy(), g1 = Tensor.zeros(n);
        ElementwiseOptimizer a = factory.apply(straight, g1);
        for (int k = 0; k < 6; k++) {
            if (k == 3) a.setLr(a.lr() * 0.5);
            gs[k].copyTo(g1);
            a.step();
        }

        Tensor resumed = p0.copy(), g2 = Tensor.zeros(n);
        ElementwiseOptimizer b = factory.apply(resumed, g2);
        for (int k = 0; k < 3; k++) {
            gs[k].copyTo(g2);
            b.step();
        }
        b.setLr(b.lr() * 0.5);
        Map<String, Tensor> saved = new LinkedHashMap<>();
        b.state().forEach((k, v) -> saved.put(k, v.copy()));
        Map<String, String> scalars = b.scalarState();
        Tensor savedParams = resumed.copy();

        Tensor p3 = savedParams.copy(), g3 = Tensor.zeros(n);
        ElementwiseOptimizer c = factory.apply(p3, g3);
        c.loadState(saved, scalars);
        assertEquals(3, c.steps());
        assertEquals(b.lr(), c.lr());
        for (int k = 3; k < 6; k++) {
            gs[k].copyTo(g3);
            c.step();
        }
        assertBitsEqual("params after resume", straight, p3);
        for (String k : a.state().keySet()) assertBitsEqual(k + " after resume", a.state().get(k), c.state().get(k));
    }

    static void assertBitsEqual(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shapes");
        float[] e = expected.toArray(), a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                fail(what + "[" + i + "]: " + a[i] + " but expected the bits of " + e[i]);
            }
        }
    }
}
