package org.dina.model.neural;

import java.lang.foreign.MemorySegment;
import org.dina.kernels.Gemm;

/**
 * {@link Gemm#gemm} called on cache-sized panels: columns of C in blocks of {@link #NC}, the inner dimension in
 * blocks of {@link #KC}, so the panel of B in use stays in L2 even when the operands are tens of megabytes (the
 * tables of a 10,000-neuron tower). Each element of C still sums its k-blocks in one fixed order, so the result
 * does not depend on the thread count.
 *
 * <p>op(B) transposed with op(A) plain is refused: Gemm computes that case with lane reductions whose order
 * changes when the JIT compiles them, so results would depend on timing; callers transpose B instead
 * ({@link Transpose}).
 */
final class TiledGemm {
    static final int NC = 1024;
    static final int KC = 256;

    private TiledGemm() {}

    /** C = alpha op(A) op(B) + beta C, same contract as {@link Gemm#gemm}. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     MemorySegment a, long aOff, int lda, MemorySegment b, long bOff, int ldb,
                     float beta, MemorySegment c, long cOff, int ldc) {
        if (transB && !transA) {
            throw new IllegalArgumentException("TiledGemm: A·Bᵀ is not bit-stable in Gemm; pass Bᵀ explicitly");
        }
        if (m == 0 || n == 0) return;
        for (int nc = 0; nc < n; nc += NC) {
            int nw = Math.min(NC, n - nc);
            if (k == 0) {
                Gemm.gemm(transA, transB, m, nw, 0, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff + nc, ldc);
                continue;
            }
            for (int kc = 0; kc < k; kc += KC) {
                int kw = Math.min(KC, k - kc);
                long aPanel = aOff + (transA ? (long) kc * lda : kc);
                long bPanel = bOff + (transB ? (long) nc * ldb + kc : (long) kc * ldb + nc);
                Gemm.gemm(transA, transB, m, nw, kw, alpha, a, aPanel, lda, b, bPanel, ldb,
                        kc == 0 ? beta : 1f, c, cOff + nc, ldc);
            }
        }
    }
}
