package org.dina.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gemm against the plain triple loop (GemmScalar), and its determinism across thread counts. */
class GemmTest {
    private static final float[] ALPHAS = {1f, -0.5f, 2.25f, 0.1f};
    private static final float[] BETAS = {0f, 1f, 0.5f, -1.5f};

    /** One gemm problem laid out in padded, offset storage, with its operands kept for the error bound. */
    private static final class Problem {
        final boolean transA, transB;
        final int m, n, k, lda, ldb, ldc;
        final long aOff, bOff, cOff;
        final float alpha, beta;
        final MemorySegment a, b, c0;

        Problem(boolean transA, boolean transB, int m, int n, int k, int padA, int padB, int padC, int off,
                float alpha, float beta, long seed) {
            this.transA = transA; this.transB = transB; this.m = m; this.n = n; this.k = k;
            this.alpha = alpha; this.beta = beta;
            lda = (transA ? m : k) + padA;
            ldb = (transB ? k : n) + padB;
            ldc = n + padC;
            aOff = off; bOff = 2L * off + 1; cOff = 3L * off + 2;
            Random r = new Random(seed);
            a = random(r, aOff + (long) (transA ? k : m) * lda);
            b = random(r, bOff + (long) (transB ? n : k) * ldb);
            c0 = random(r, cOff + (long) m * ldc);
        }

        float a(int i, int p) { return a.getAtIndex(Tensor.FLOAT, aOff + (transA ? (long) p * lda + i : (long) i * lda + p)); }

        float b(int p, int j) { return b.getAtIndex(Tensor.FLOAT, bOff + (transB ? (long) j * ldb + p : (long) p * ldb + j)); }

        MemorySegment runFast() {
            MemorySegment c = copy(c0);
            Gemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return c;
        }

        MemorySegment runScalar() {
            MemorySegment c = copy(c0);
            GemmScalar.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return c;
        }

        /** Fast result equals the reference within a rounding bound, and padding around C is untouched. */
        void check() {
            MemorySegment fast = runFast(), ref = runScalar();
            for (long e = 0; e < c0.byteSize() / Float.BYTES; e++) {
                long rel = e - cOff;
                boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
                if (!inside) {
                    assertEquals(Float.floatToRawIntBits(c0.getAtIndex(Tensor.FLOAT, e)),
                            Float.floatToRawIntBits(fast.getAtIndex(Tensor.FLOAT, e)), "padding element " + e + " changed " + this);
                    continue;
                }
                int i = (int) (rel / ldc), j = (int) (rel % ldc);
                double magnitude = beta == 0f ? 0 : Math.abs(beta * c0.getAtIndex(Tensor.FLOAT, e));
                for (int p = 0; p < k; p++) magnitude += Math.abs((double) alpha * a(i, p) * b(p, j));
                // both sides round each of about k+2 steps by at most 2^-24 relative to this magnitude
                double tol = 1e-6 * (k + 2) * magnitude + 1e-30;
                float got = fast.getAtIndex(Tensor.FLOAT, e), want = ref.getAtIndex(Tensor.FLOAT, e);
                assertTrue(Math.abs(got - want) <= tol,
                        () -> "C[" + i + "," + j + "] = " + got + ", reference " + want + ", tolerance " + tol + " in " + this);
            }
        }

        @Override
        public String toString() {
            return (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k + " lda=" + lda
                    + " ldb=" + ldb + " ldc=" + ldc + " offsets=" + aOff + "," + bOff + "," + cOff
                    + " alpha=" + alpha + " beta=" + beta;
        }
    }

    private static MemorySegment random(Random r, long count) {
        MemorySegment s = Arena.ofAuto().allocate(Math.max(1, count) * Float.BYTES, 64);
        for (long i = 0; i < count; i++) s.setAtIndex(Tensor.FLOAT, i, r.nextFloat() * 2f - 1f);
        return s;
    }

    private static MemorySegment copy(MemorySegment s) {
        MemorySegment d = Arena.ofAuto().allocate(s.byteSize(), 64);
        d.copyFrom(s);
        return d;
    }

    @Property(tries = 200)
    void smallShapesMatchReference(@ForAll @IntRange(min = 1, max = 70) int m, @ForAll @IntRange(min = 1, max = 70) int n,
                                   @ForAll @IntRange(min = 1, max = 70) int k, @ForAll boolean transA, @ForAll boolean transB,
                                   @ForAll @IntRange(min = 0, max = 5) int padA, @ForAll @IntRange(min = 0, max = 5) int padB,
                                   @ForAll @IntRange(min = 0, max = 5) int padC, @ForAll @IntRange(min = 0, max = 7) int off,
                                   @ForAll @IntRange(min = 0, max = 3) int alpha, @ForAll @IntRange(min = 0, max = 3) int beta,
                                   @ForAll long seed) {
        new Problem(transA, transB, m, n, k, padA, padB, padC, off, ALPHAS[alpha], BETAS[beta], seed).check();
    }

    /** Shapes that span several k blocks, A blocks and thread tiles. */
    @Property(tries = 12)
    void largerShapesMatchReference(@ForAll @IntRange(min = 1, max = 300) int m, @ForAll @IntRange(min = 1, max = 300) int n,
                                    @ForAll @IntRange(min = 200, max = 600) int k, @ForAll boolean transA, @ForAll boolean transB,
                                    @ForAll @IntRange(min = 0, max = 3) int pad, @ForAll @IntRange(min = 0, max = 3) int beta,
                                    @ForAll long seed) {
        new Problem(transA, transB, m, n, k, pad, 2 * pad, 3 * pad, 5, 0.75f, BETAS[beta], seed).check();
    }

    @Test
    void vectorShapesMatchReference() {
        int[][] shapes = {{1, 1, 1}, {1, 1, 37}, {1, 100, 1}, {1, 257, 70}, {1, 64, 300}, {90, 1, 33}, {300, 1, 129},
                          {2, 3, 1}, {1, 3000, 40}, {3000, 1, 40}};
        long seed = 11;
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                new Problem((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1, 2, 3, 3, -0.5f, 0.5f, seed++).check();
                new Problem((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 0, 0, 0, 0, 1f, 0f, seed++).check();
            }
        }
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalBits() {
        int saved = Parallel.threads();
        try {
            for (int t = 0; t < 4; t++) {
                Problem p = new Problem((t & 1) != 0, (t & 2) != 0, 300, 257, 190, 3, 1, 2, 1, 1.5f, 0.5f, 42 + t);
                Parallel.setThreads(1);
                float[] one = p.runFast().toArray(Tensor.FLOAT);
                Parallel.setThreads(2);
                float[] two = p.runFast().toArray(Tensor.FLOAT);
                Parallel.setThreads(3);
                float[] three = p.runFast().toArray(Tensor.FLOAT);
                assertArrayEquals(one, two, "1 vs 2 threads, " + p);
                assertArrayEquals(one, three, "1 vs 3 threads, " + p);
            }
            for (int[] s : new int[][] {{1, 5000, 300}, {5000, 1, 300}}) {
                Problem p = new Problem(false, true, s[0], s[1], s[2], 0, 0, 0, 0, 1f, 1f, 7);
                Parallel.setThreads(1);
                float[] one = p.runFast().toArray(Tensor.FLOAT);
                Parallel.setThreads(2);
                assertArrayEquals(one, p.runFast().toArray(Tensor.FLOAT), "1 vs 2 threads, " + p);
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /** Per-thread packing buffers: callers on separate threads must not disturb each other. */
    @Test
    void concurrentCallersGetCorrectResults() throws Exception {
        Problem[] problems = new Problem[4];
        for (int t = 0; t < problems.length; t++) {
            problems[t] = new Problem((t & 1) != 0, (t & 2) != 0, 97 + t, 75, 130, 1, 0, 2, t, 1f, 0.5f, 100 + t);
        }
        Thread[] threads = new Thread[problems.length];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads.length; t++) {
            Problem p = problems[t];
            threads[t] = new Thread(() -> {
                try {
                    for (int rep = 0; rep < 5; rep++) p.check();
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        if (failure[0] != null) throw new AssertionError(failure[0]);
    }

    /**
     * A bias per row of C, added as the first k block writes C: the bits of filling C with the bias and calling
     * gemm with beta 1, on the packed path (one k block and several), the vector paths (m or n of 1), k of 0 and
     * alpha 0. Padding around C stays as it was.
     */
    @Property(tries = 120)
    void rowBiasGivesTheBitsOfAFilledCWithBetaOne(@ForAll @IntRange(min = 1, max = 70) int m, @ForAll @IntRange(min = 1, max = 70) int n,
                                                 @ForAll @IntRange(min = 0, max = 1100) int k, @ForAll boolean transA,
                                                 @ForAll boolean transB, @ForAll @IntRange(min = 0, max = 3) int shape, @ForAll long seed) {
        int mm = shape == 1 ? 1 : m, nn = shape == 2 ? 1 : n;
        float alpha = shape == 3 ? 0f : ALPHAS[(int) Math.floorMod(seed, ALPHAS.length)];
        Problem p = new Problem(transA, transB, mm, nn, k, 1, 2, 3, 2, alpha, 1f, seed);
        MemorySegment bias = random(new Random(seed + 1), mm + 5);
        MemorySegment filled = copy(p.c0), fused = copy(p.c0);
        for (int i = 0; i < mm; i++) {
            for (int j = 0; j < nn; j++) filled.setAtIndex(Tensor.FLOAT, p.cOff + (long) i * p.ldc + j, bias.getAtIndex(Tensor.FLOAT, 5 + i));
        }
        Gemm.gemm(transA, transB, mm, nn, k, alpha, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, 1f, filled, p.cOff, p.ldc);
        Gemm.gemmWithRowBias(transA, transB, mm, nn, k, alpha, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, bias, 5, fused, p.cOff, p.ldc);
        for (long e = 0; e < p.c0.byteSize() / Float.BYTES; e++) {
            assertEquals(Float.floatToRawIntBits(filled.getAtIndex(Tensor.FLOAT, e)), Float.floatToRawIntBits(fused.getAtIndex(Tensor.FLOAT, e)),
                    "element " + e + " of C, " + mm + "x" + nn + "x" + k);
        }
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        for (int[] s : new int[][] {{5, 7, 3}, {64, 70, 40}, {1, 40, 9}, {40, 1, 9}}) {
            Problem p = new Problem(false, false, s[0], s[1], s[2], 0, 0, 0, 0, 1f, 0f, 3);
            p.c0.fill((byte) 0xFF); // all-ones bits: a NaN in every element
            MemorySegment c = p.runFast();
            for (int i = 0; i < s[0]; i++) {
                for (int j = 0; j < s[1]; j++) {
                    long e = p.cOff + (long) i * p.ldc + j;
                    assertFalse(Float.isNaN(c.getAtIndex(Tensor.FLOAT, e)), "NaN kept at C[" + i + "," + j + "]");
                }
            }
            p.check();
        }
    }

    @Test
    void alphaZeroOrEmptyKOnlyScalesC() {
        Tensor a = Tensor.of(new float[] {Float.NaN, 1, 2, 3}, 2, 2);
        Tensor b = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor c = Tensor.of(new float[] {1, Float.NaN, 3, 4}, 2, 2);
        Gemm.matmul(a, false, b, false, c, 0f, 2f);
        assertArrayEquals(new float[] {2, Float.NaN, 6, 8}, c.segment().toArray(Tensor.FLOAT));
        Gemm.matmul(a, false, b, false, c, 0f, 0f);
        assertArrayEquals(new float[] {0, 0, 0, 0}, c.segment().toArray(Tensor.FLOAT));
        Tensor c2 = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Gemm.gemm(false, false, 2, 2, 0, 1f, a.segment(), 0, 1, b.segment(), 0, 2, 0.5f, c2.segment(), 0, 2);
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2}, c2.segment().toArray(Tensor.FLOAT));
    }

    @Test
    void matmulChecksShapes() {
        Tensor a = Tensor.zeros(3, 4), b = Tensor.zeros(5, 6), c = Tensor.zeros(3, 6);
        var e = assertThrows(IllegalArgumentException.class, () -> Gemm.matmul(a, false, b, false, c, 1f, 0f));
        assertTrue(e.getMessage().contains("op(A) 3x4"), e.getMessage());
    }

    @Test
    void matmulTransposedMatchesReference() {
        Random r = new Random(5);
        float[] av = new float[7 * 5], bv = new float[9 * 7];
        for (int i = 0; i < av.length; i++) av[i] = r.nextFloat();
        for (int i = 0; i < bv.length; i++) bv[i] = r.nextFloat();
        Tensor a = Tensor.of(av, 7, 5), b = Tensor.of(bv, 9, 7), c = Tensor.zeros(5, 9), ref = Tensor.zeros(5, 9);
        Gemm.matmul(a, true, b, true, c, 1f, 0f);
        GemmScalar.gemm(true, true, 5, 9, 7, 1f, a.segment(), 0, 5, b.segment(), 0, 7, 0f, ref.segment(), 0, 9);
        assertArrayEquals(ref.segment().toArray(Tensor.FLOAT), c.segment().toArray(Tensor.FLOAT), 1e-5f);
    }
}
