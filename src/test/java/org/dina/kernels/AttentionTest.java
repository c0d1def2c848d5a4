package org.dina.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

/** The flash-style attention kernel against its materialising scalar twin, plus determinism and memory. */
class AttentionTest {

    /** Random operands q [B, Lq, H*dh], k and v [B, Lk, H*dh], and an output gradient. */
    record Case(int batch, int heads, int dh, int lq, int lk, float scale, Tensor q, Tensor k, Tensor v, Tensor dOut) {
        static Case random(int batch, int heads, int dh, int lq, int lk, float scale, long seed) {
            int w = heads * dh;
            return new Case(batch, heads, dh, lq, lk, scale,
                    scaled(GradCheck.randomLike(new int[] {batch, lq, w}, seed), 1.5f),
                    scaled(GradCheck.randomLike(new int[] {batch, lk, w}, seed + 1), 1.5f),
                    GradCheck.randomLike(new int[] {batch, lk, w}, seed + 2),
                    GradCheck.randomLike(new int[] {batch, lq, w}, seed + 3));
        }

        Tensor newOut() { return Tensor.zeros(batch, lq, heads * dh); }
        Tensor newStats() { return Tensor.zeros(batch, heads, lq); }
    }

    static Tensor scaled(Tensor t, float f) {
        for (long i = 0; i < t.numel(); i++) t.setFlat(i, t.getFlat(i) * f);
        return t;
    }

    @Property(tries = 120)
    void forwardMatchesScalar(@ForAll @IntRange(min = 1, max = 2) int batch, @ForAll @IntRange(min = 1, max = 3) int heads,
                              @ForAll @IntRange(min = 1, max = 20) int dh, @ForAll @IntRange(min = 1, max = 70) int lq,
                              @ForAll @IntRange(min = 1, max = 70) int lk, @ForAll @FloatRange(min = 0.05f, max = 1.5f) float scale,
                              @ForAll long seed) {
        Case c = Case.random(batch, heads, dh, lq, lk, scale, seed);
        Tensor out = c.newOut(), lse = c.newStats(), outRef = c.newOut(), lseRef = c.newStats();
        Attention.forward(c.q, c.k, c.v, heads, scale, out, lse);
        AttentionScalar.forward(c.q, c.k, c.v, heads, scale, outRef, lseRef);
        assertClose("out", outRef, out, 1e-4, 1e-5);
        assertClose("lse", lseRef, lse, 1e-5, 1e-5);
    }

    @Property(tries = 100)
    void backwardMatchesScalar(@ForAll @IntRange(min = 1, max = 2) int batch, @ForAll @IntRange(min = 1, max = 3) int heads,
                               @ForAll @IntRange(min = 1, max = 20) int dh, @ForAll @IntRange(min = 1, max = 70) int lq,
                               @ForAll @IntRange(min = 1, max = 70) int lk, @ForAll @FloatRange(min = 0.05f, max = 1.5f) float scale,
                               @ForAll long seed) {
        Case c = Case.random(batch, heads, dh, lq, lk, scale, seed);
        Tensor out = c.newOut(), lse = c.newStats();
        Attention.forward(c.q, c.k, c.v, heads, scale, out, lse);
        Tensor dq = Tensor.zeros(c.q.shape()), dk = Tensor.zeros(c.k.shape()), dv = Tensor.zeros(c.v.shape());
        Attention.backward(c.q, c.k, c.v, out, lse, c.dOut, heads, scale, dq, dk, dv, c.newStats());
        Tensor dqRef = Tensor.zeros(c.q.shape()), dkRef = Tensor.zeros(c.k.shape()), dvRef = Tensor.zeros(c.v.shape());
        AttentionScalar.backward(c.q, c.k, c.v, c.dOut, heads, scale, dqRef, dkRef, dvRef);
        assertClose("dq", dqRef, dq, 1e-4, 2e-5);
        assertClose("dk", dkRef, dk, 1e-4, 2e-5);
        assertClose("dv", dvRef, dv, 1e-4, 2e-5);
    }

    @Property(tries = 60)
    void weightsMatchScalarAndSumToOne(@ForAll @IntRange(min = 1, max = 2) int batch, @ForAll @IntRange(min = 1, max = 3) int heads,
                                       @ForAll @IntRange(min = 1, max = 20) int dh, @ForAll @IntRange(min = 1, max = 70) int lq,
                                       @ForAll @IntRange(min = 1, max = 70) int lk, @ForAll long seed) {
        Case c = Case.random(batch, heads, dh, lq, lk, 0.7f, seed);
        Tensor p = Attention.weights(c.q, c.k, heads, 0.7f);
        Tensor ref = Tensor.zeros(batch, heads, lq, lk);
        AttentionScalar.weights(c.q, c.k, heads, 0.7f, ref);
        assertClose("weights", ref, p, 1e-4, 1e-6);
        for (int row = 0; row < batch * heads * lq; row++) {
            double sum = 0;
            for (int j = 0; j < lk; j++) sum += p.getFlat((long) row * lk + j);
            assertEquals(1.0, sum, 1e-5, "row " + row + " of the attention weights");
        }
    }

    /** Slices of a fused [B, L, 3W] qkv buffer (strided rows) give the same bits as contiguous copies. */
    @Property(tries = 30)
    void stridedViewsGiveTheSameBits(@ForAll @IntRange(min = 1, max = 2) int batch, @ForAll @IntRange(min = 1, max = 3) int heads,
                                     @ForAll @IntRange(min = 1, max = 12) int dh, @ForAll @IntRange(min = 1, max = 70) int len,
                                     @ForAll long seed) {
        int w = heads * dh;
        Tensor qkv = GradCheck.randomLike(new int[] {batch, len, 3 * w}, seed);
        Tensor q = qkv.slice(2, 0, w), k = qkv.slice(2, w, 2 * w), v = qkv.slice(2, 2 * w, 3 * w);
        Tensor dOut = GradCheck.randomLike(new int[] {batch, len, w}, seed + 1);
        Tensor out = Tensor.zeros(batch, len, w), lse = Tensor.zeros(batch, heads, len);
        Attention.forward(q, k, v, heads, 0.4f, out, lse);
        Tensor dqkv = Tensor.zeros(batch, len, 3 * w);
        Attention.backward(q, k, v, out, lse, dOut, heads, 0.4f,
                dqkv.slice(2, 0, w), dqkv.slice(2, w, 2 * w), dqkv.slice(2, 2 * w, 3 * w), Tensor.zeros(batch, heads, len));

        Tensor qc = q.contiguous(), kc = k.contiguous(), vc = v.contiguous();
        Tensor out2 = Tensor.zeros(batch, len, w), lse2 = Tensor.zeros(batch, heads, len);
        Attention.forward(qc, kc, vc, heads, 0.4f, out2, lse2);
        Tensor dq = Tensor.zeros(qc.shape()), dk = Tensor.zeros(kc.shape()), dv = Tensor.zeros(vc.shape());
        Attention.backward(qc, kc, vc, out2, lse2, dOut, heads, 0.4f, dq, dk, dv, Tensor.zeros(batch, heads, len));

        assertArrayEquals(out2.toArray(), out.toArray());
        assertArrayEquals(lse2.toArray(), lse.toArray());
        assertArrayEquals(dq.toArray(), dqkv.slice(2, 0, w).toArray());
        assertArrayEquals(dk.toArray(), dqkv.slice(2, w, 2 * w).toArray());
        assertArrayEquals(dv.toArray(), dqkv.slice(2, 2 * w, 3 * w).toArray());
    }

    @Test
    void sameBitsWithOneAndTwoThreads() {
        Case c = Case.random(2, 2, 24, 131, 97, 0.3f, 42);
        int before = Parallel.threads();
        try {
            float[][] one = runAll(c, 1), two = runAll(c, 2);
            String[] names = {"out", "lse", "dq", "dk", "dv", "weights"};
            for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], two[i], names[i] + " differs between 1 and 2 threads");
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static float[][] runAll(Case c, int threads) {
        Parallel.setThreads(threads);
        Tensor out = c.newOut(), lse = c.newStats();
        Attention.forward(c.q, c.k, c.v, c.heads, c.scale, out, lse);
        Tensor dq = Tensor.zeros(c.q.shape()), dk = Tensor.zeros(c.k.shape()), dv = Tensor.zeros(c.v.shape());
        Attention.backward(c.q, c.k, c.v, out, lse, c.dOut, c.heads, c.scale, dq, dk, dv, c.newStats());
        Tensor p = Attention.weights(c.q, c.k, c.heads, c.scale);
        return new float[][] {out.toArray(), lse.toArray(), dq.toArray(), dk.toArray(), dv.toArray(), p.toArray()};
    }

    /**
     * The forward never holds the Lq x Lk score matrix: its per-thread scratch is fixed by the head width. (Heap
     * allocation counts are not asserted: before C2 compiles the kernel the Vector API boxes vectors, so they depend
     * on the machine's load.)
     */
    @Test
    void forwardMemoryDoesNotGrowWithLqTimesLk() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1); // the whole kernel then runs on this thread, so its scratch is this thread's
            int dh = 4, len = 2048;
            long scoreBytes = (long) len * len * Float.BYTES;
            Case small = Case.random(1, 1, dh, 300, 300, 0.5f, 7);
            Tensor smallOut = small.newOut(), smallLse = small.newStats();
            Attention.forward(small.q, small.k, small.v, 1, 0.5f, smallOut, smallLse);
            long scratchSmall = Attention.currentThreadScratchFloats();

            Case big = Case.random(1, 1, dh, len, len, 0.5f, 8);
            Tensor out = big.newOut(), lse = big.newStats();
            Attention.forward(big.q, big.k, big.v, 1, 0.5f, out, lse);
            assertEquals(scratchSmall, Attention.currentThreadScratchFloats(), "scratch grew with the sequence length");
            assertTrue(Attention.scratchFloatsPerThread(dh) <= scratchSmall, "scratch smaller than its own formula");
            assertTrue(scratchSmall * Float.BYTES < scoreBytes / 16, "scratch " + scratchSmall + " floats");
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** The kernel's own exp: vector and scalar twins give the same bits, within 2 ulp of Math.exp, 0 far below. */
    @Property(tries = 300)
    void expTwinsAgreeAndMatchMathExp(@ForAll @FloatRange(min = -95f, max = 88.3f) float x0,
                                      @ForAll @FloatRange(min = 0f, max = 0.5f) float step) {
        float[] xs = new float[Attention.VL], got = new float[Attention.VL];
        for (int i = 0; i < xs.length; i++) xs[i] = Math.min(88.3f, x0 + i * step);
        Attention.exp(jdk.incubator.vector.FloatVector.fromArray(Attention.S, xs, 0)).intoArray(got, 0);
        for (int i = 0; i < xs.length; i++) {
            float scalar = Attention.exp(xs[i]);
            assertEquals(Float.floatToRawIntBits(scalar), Float.floatToRawIntBits(got[i]), "exp(" + xs[i] + ") vector vs scalar");
            float ref = (float) Math.exp(xs[i]);
            if (xs[i] < -87.33654f) assertEquals(0f, scalar, "exp(" + xs[i] + ")");
            else assertTrue(Math.abs(scalar - ref) <= 2 * Math.ulp(ref), "exp(" + xs[i] + ") = " + scalar + " vs " + ref);
        }
    }

    @Test
    void expOfSpecialValues() {
        assertEquals(0f, Attention.exp(Float.NEGATIVE_INFINITY));
        assertEquals(1f, Attention.exp(0f));
        assertEquals(1f, Attention.exp(-0f));
        assertTrue(Float.isNaN(Attention.exp(Float.NaN)));
    }

    @Test
    void shapeErrorsNameTheCall() {
        Tensor q = Tensor.zeros(1, 3, 4), k = Tensor.zeros(1, 5, 4), v = Tensor.zeros(1, 6, 4);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Attention.forward(q, k, v, 2, 1f, Tensor.zeros(1, 3, 4), null));
        assertTrue(e.getMessage().contains("Attention.forward") && e.getMessage().contains("[1, 6, 4]"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> Attention.forward(q, k, k, 3, 1f, Tensor.zeros(1, 3, 4), null));
        assertTrue(e2.getMessage().contains("heads"), e2.getMessage());
    }

    static void assertClose(String what, Tensor expected, Tensor actual, double rtol, double atol) {
        float[] e = expected.toArray(), a = actual.toArray();
        assertEquals(e.length, a.length, what + " size");
        for (int i = 0; i < e.length; i++) {
            double tol = atol + rtol * Math.abs(e[i]);
            if (!(Math.abs(a[i] - e[i]) <= tol)) {
                fail(what + "[" + i + "] of " + expected.shapeString() + ": " + a[i] + " but reference " + e[i] + " (tolerance " + tol + ")");
            }
        }
    }
}
