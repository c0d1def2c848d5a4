package org.dina.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dina.kernels.Conv2d.Spec;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;

/** The fast {@link Conv2d} paths (GEMM, pointwise, direct depthwise) agree with the nested-loop {@link Conv2dScalar}. */
class Conv2dPropertyTest {
    /** One random problem: geometry, batch, input size and a seed for the values. */
    record Case(Spec spec, int batch, int h, int w, long seed) {
        @Override
        public String toString() { return spec + " on [" + batch + ", " + spec.cin() + ", " + h + ", " + w + "]"; }
    }

    enum Kind { GENERAL, DEPTHWISE, DEPTHWISE_MULTIPLIER, POINTWISE }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Kind> kind = Arbitraries.of(Kind.class);
        Arbitrary<Integer> batch = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> groups = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> perGroupIn = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> perGroupOut = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> kh = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> kw = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> stride = Arbitraries.integers().between(1, 3);
        Arbitrary<int[]> geometry = Combinators.combine(kind, batch, groups, perGroupIn, perGroupOut, kh, kw, stride)
                .as((k, b, g, a, c, h, w, s) -> new int[] {k.ordinal(), b, g, a, c, h, w, s});
        Arbitrary<Integer> pad = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 13);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(geometry, pad, pad, size, size, seed).as((gm, ph, pw, h, w, sd) -> {
            Kind k = Kind.values()[gm[0]];
            int b = gm[1], g = gm[2], kh0 = gm[5], kw0 = gm[6], s = gm[7];
            Spec spec = switch (k) {
                case GENERAL -> new Spec(g * gm[3], g * gm[4], kh0, kw0, s, s == 3 ? 1 : s, ph, pw, g);
                case DEPTHWISE -> new Spec(3 * g, 3 * g, kh0, kw0, s, s, ph, pw, 3 * g); // stride 1: direct kernel
                case DEPTHWISE_MULTIPLIER -> new Spec(2 * g, 2 * g * gm[4], kh0, kw0, s, s, ph, pw, 2 * g);
                case POINTWISE -> new Spec(g * gm[3] * 3, g * gm[4] * 3, 1, 1, 1, 1, 0, 0, 1);
            };
            // grow the input just enough for the kernel to fit
            int hh = Math.max(h, spec.kh() - 2 * spec.ph()), ww = Math.max(w, spec.kw() - 2 * spec.pw());
            return new Case(spec, b, hh, ww, sd);
        });
    }

    @Provide
    Arbitrary<Case> depthwise3x3() {
        Arbitrary<Integer> c = Arbitraries.integers().between(1, 9);
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 40);
        Arbitrary<Integer> pad = Arbitraries.integers().between(0, 2);
        return Combinators.combine(c, Arbitraries.integers().between(1, 3), size, size, pad, Arbitraries.longs())
                .as((ch, b, h, w, p, sd) -> new Case(Spec.of(ch, ch, 3, 1, p, ch), b,
                        Math.max(h, 3 - 2 * p), Math.max(w, 3 - 2 * p), sd));
    }

    @Property(tries = 150)
    void forwardMatchesScalar(@ForAll("cases") Case c) {
        checkForward(c);
    }

    @Property(tries = 150)
    void backwardInputMatchesScalar(@ForAll("cases") Case c) {
        checkBackwardInput(c);
    }

    @Property(tries = 150)
    void backwardWeightMatchesScalar(@ForAll("cases") Case c) {
        checkBackwardWeight(c);
    }

    /** The weight gradient split into many chunks of one sample each still sums every sample, in order. */
    @Property(tries = 40)
    void backwardWeightInChunksMatchesScalar(@ForAll("cases") Case c) {
        long saved = Conv2d.weightWorkspaceFloats;
        Conv2d.weightWorkspaceFloats = 1;
        try {
            checkBackwardWeight(c);
        } finally {
            Conv2d.weightWorkspaceFloats = saved;
        }
    }

    /**
     * 1x1 convolutions, grouped or not, over batches that fill several of the weight gradient's sample groups
     * unevenly (more samples than {@link Conv2d#SAMPLE_GROUPS}, and fewer).
     */
    @Provide
    Arbitrary<Case> pointwiseBatches() {
        Arbitrary<Integer> groups = Arbitraries.integers().between(1, 3), width = Arbitraries.integers().between(1, 5);
        Arbitrary<Integer> batch = Arbitraries.integers().between(1, 3 * Conv2d.SAMPLE_GROUPS + 1);
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 11);
        return Combinators.combine(groups, width, width, batch, size, size, Arbitraries.longs())
                .as((g, in, out, b, h, w, sd) -> new Case(new Spec(g * in, g * out, 1, 1, 1, 1, 0, 0, g), b, h, w, sd));
    }

    @Property(tries = 60)
    void pointwiseOverManySamplesMatchesScalar(@ForAll("pointwiseBatches") Case c) {
        checkForward(c);
        checkBackwardInput(c);
        checkBackwardWeight(c);
    }

    /** Wider planes for the 3x3 depthwise kernel, so full vectors, masked tails and widths of 1 all occur. */
    @Property(tries = 60)
    void depthwise3x3MatchesScalar(@ForAll("depthwise3x3") Case c) {
        checkForward(c);
        checkBackwardInput(c);
        checkBackwardWeight(c);
    }

    static void checkForward(Case c) {
        Spec s = c.spec;
        Tensor x = GradCheck.randomLike(new int[] {c.batch, s.cin(), c.h, c.w}, c.seed);
        Tensor w = GradCheck.randomLike(s.weightShape(), c.seed + 1);
        Tensor bias = (c.seed & 1) == 0 ? GradCheck.randomLike(new int[] {s.cout()}, c.seed + 2) : null;
        Tensor fast = Tensor.zeros(s.outputShape(c.batch, c.h, c.w)), ref = Tensor.zeros(fast.shape());
        fast.fill(Float.NaN); // the kernel must overwrite, not accumulate
        Conv2d.forward(s, x, w, bias, fast);
        Conv2dScalar.forward(s, x, w, bias, ref);
        assertClose(c + " forward", ref, fast);
    }

    static void checkBackwardInput(Case c) {
        Spec s = c.spec;
        Tensor dy = GradCheck.randomLike(s.outputShape(c.batch, c.h, c.w), c.seed + 3);
        Tensor w = GradCheck.randomLike(s.weightShape(), c.seed + 1);
        Tensor fast = Tensor.zeros(c.batch, s.cin(), c.h, c.w), ref = Tensor.zeros(fast.shape());
        fast.fill(Float.NaN);
        Conv2d.backwardInput(s, dy, w, fast);
        Conv2dScalar.backwardInput(s, dy, w, ref);
        assertClose(c + " backwardInput", ref, fast);
    }

    static void checkBackwardWeight(Case c) {
        Spec s = c.spec;
        Tensor x = GradCheck.randomLike(new int[] {c.batch, s.cin(), c.h, c.w}, c.seed);
        Tensor dy = GradCheck.randomLike(s.outputShape(c.batch, c.h, c.w), c.seed + 3);
        // start from non-zero gradients: the kernel accumulates
        Tensor dw = GradCheck.randomLike(s.weightShape(), c.seed + 4), dwRef = dw.copy();
        Tensor db = GradCheck.randomLike(new int[] {s.cout()}, c.seed + 5), dbRef = db.copy();
        boolean withBias = (c.seed & 2) == 0;
        Conv2d.backwardWeight(s, x, dy, dw, withBias ? db : null);
        Conv2dScalar.backwardWeight(s, x, dy, dwRef, withBias ? dbRef : null);
        assertClose(c + " backwardWeight dw", dwRef, dw);
        assertClose(c + " backwardWeight db", dbRef, db);
    }

    /** Float sums of up to a few hundred terms of size <= 1 against double sums: 1e-5 of the largest value. */
    static void assertClose(String what, Tensor expected, Tensor actual) {
        float[] e = expected.toArray(), a = actual.toArray();
        double max = 1;
        for (float v : e) max = Math.max(max, Math.abs(v));
        for (int i = 0; i < e.length; i++) {
            double tol = 1e-5 * max + 1e-5 * Math.abs(e[i]);
            if (!(Math.abs(a[i] - e[i]) <= tol)) fail(what + "[" + i + "]: " + a[i] + " but reference " + e[i]);
        }
    }
}
