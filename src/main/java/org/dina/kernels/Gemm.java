package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * Single-precision matrix multiply, row-major, BLAS-style: C = alpha * op(A) * op(B) + beta * C, where op(A) is
 * m x k and op(B) is k x n. Offsets and leading dimensions are in elements. Parallel over rows of C, so every
 * output element is summed in the same order whatever the thread count.
 */
public final class Gemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private Gemm() {}

    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            MemorySegment a, long aOff, int lda, MemorySegment b, long bOff, int ldb,
                            float beta, MemorySegment c, long cOff, int ldc) {
        Parallel.forRange(m, Math.max(1, 16384 / Math.max(1, n * Math.max(1, k) / 64 + 1)), (from, to) -> {
            for (int i = from; i < to; i++) row(transA, transB, i, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        });
    }

    private static void row(boolean transA, boolean transB, int i, int n, int k, float alpha,
                            MemorySegment a, long aOff, int lda, MemorySegment b, long bOff, int ldb,
                            float beta, MemorySegment c, long cOff, int ldc) {
        long ci = cOff + (long) i * ldc;
        // scale C first so that beta == 0 ignores whatever C held (NaN included), as BLAS does
        for (int j = 0; j < n; j++) {
            float old = beta == 0f ? 0f : beta * c.getAtIndex(Tensor.FLOAT, ci + j);
            c.setAtIndex(Tensor.FLOAT, ci + j, old);
        }
        if (!transB) {
            int upper = S.loopBound(n);
            for (int p = 0; p < k; p++) {
                float av = alpha * a.getAtIndex(Tensor.FLOAT, transA ? aOff + (long) p * lda + i : aOff + (long) i * lda + p);
                if (av == 0f) continue;
                long bp = bOff + (long) p * ldb;
                FloatVector va = FloatVector.broadcast(S, av);
                int j = 0;
                for (; j < upper; j += S.length()) {
                    FloatVector vc = FloatVector.fromMemorySegment(S, c, (ci + j) * 4, LE);
                    FloatVector vb = FloatVector.fromMemorySegment(S, b, (bp + j) * 4, LE);
                    vb.fma(va, vc).intoMemorySegment(c, (ci + j) * 4, LE);
                }
                for (; j < n; j++) {
                    c.setAtIndex(Tensor.FLOAT, ci + j, Math.fma(av, b.getAtIndex(Tensor.FLOAT, bp + j), c.getAtIndex(Tensor.FLOAT, ci + j)));
                }
            }
        } else {
            for (int j = 0; j < n; j++) {
                long bj = bOff + (long) j * ldb;
                float s;
                if (!transA) {
                    long ai = aOff + (long) i * lda;
                    FloatVector acc = FloatVector.zero(S);
                    int upper = S.loopBound(k);
                    int p = 0;
                    for (; p < upper; p += S.length()) {
                        acc = FloatVector.fromMemorySegment(S, a, (ai + p) * 4, LE)
                                .fma(FloatVector.fromMemorySegment(S, b, (bj + p) * 4, LE), acc);
                    }
                    s = acc.reduceLanes(VectorOperators.ADD);
                    for (; p < k; p++) s = Math.fma(a.getAtIndex(Tensor.FLOAT, ai + p), b.getAtIndex(Tensor.FLOAT, bj + p), s);
                } else {
                    s = 0f;
                    for (int p = 0; p < k; p++) {
                        s = Math.fma(a.getAtIndex(Tensor.FLOAT, aOff + (long) p * lda + i), b.getAtIndex(Tensor.FLOAT, bj + p), s);
                    }
                }
                c.setAtIndex(Tensor.FLOAT, ci + j, c.getAtIndex(Tensor.FLOAT, ci + j) + alpha * s);
            }
        }
    }

    /**
     * C = alpha * op(A) op(B) + beta * C on 2-D tensors whose rows are contiguous (a transposed view is passed
     * as the untransposed tensor with the flag set).
     */
    public static void matmul(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, float beta) {
        int m = transA ? a.dim(1) : a.dim(0);
        int k = transA ? a.dim(0) : a.dim(1);
        int kb = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        if (k != kb || c.dim(0) != m || c.dim(1) != n) {
            throw new IllegalArgumentException("Gemm.matmul: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n
                    + ", C " + c.shapeString());
        }
        requireRowContiguous("A", a);
        requireRowContiguous("B", b);
        requireRowContiguous("C", c);
        gemm(transA, transB, m, n, k, alpha, a.segment(), a.offset(), (int) a.stride(0), b.segment(), b.offset(),
                (int) b.stride(0), beta, c.segment(), c.offset(), (int) c.stride(0));
    }

    private static void requireRowContiguous(String name, Tensor t) {
        if (t.rank() != 2 || (t.stride(1) != 1 && t.dim(1) > 1)) {
            throw new IllegalArgumentException("Gemm.matmul: " + name + " must be 2-D with contiguous rows, got " + t.shapeString());
        }
    }
}
