package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import org.dina.tensor.Tensor;

/**
 * Plain triple-loop reference for {@link Gemm#gemm}: same signature and meaning, no SIMD, no blocking, no threads.
 * Tests compare the fast kernel against it.
 */
public final class GemmScalar {
    private GemmScalar() {}

    /** C = alpha * op(A) op(B) + beta * C, row-major, offsets and leading dimensions in elements. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            MemorySegment a, long aOff, int lda, MemorySegment b, long bOff, int ldb,
                            float beta, MemorySegment c, long cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    float av = a.getAtIndex(Tensor.FLOAT, transA ? aOff + (long) p * lda + i : aOff + (long) i * lda + p);
                    float bv = b.getAtIndex(Tensor.FLOAT, transB ? bOff + (long) j * ldb + p : bOff + (long) p * ldb + j);
                    s += av * bv;
                }
                long ci = cOff + (long) i * ldc + j;
                // beta == 0 means "overwrite": C may hold NaN or garbage, as in BLAS
                float old = beta == 0f ? 0f : beta * c.getAtIndex(Tensor.FLOAT, ci);
                c.setAtIndex(Tensor.FLOAT, ci, alpha * s + old);
            }
        }
    }
}
