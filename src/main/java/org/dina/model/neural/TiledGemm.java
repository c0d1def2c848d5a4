package org.dina.model.neural;

import java.lang.foreign.MemorySegment;
import org.dina.kernels.Gemm;

/**
 * The shortcut's GEMM entry point: {@link Gemm#gemm}, minus the one form whose bits are not stable.
 *
 * <p>It used to cut C into 1,024-column panels and the inner dimension into 256-deep blocks around Gemm's own
 * blocking; measured on the shortcut's shapes (N up to 10,000, d 512), that cost CPU time instead of saving it:
 * the key-side gradient products (k = rows of a gradient block) re-read and re-wrote C [N, d_h] once per extra
 * k block, and Gemm already blocks for the caches itself. Gemm sums every element of C in an order fixed by k
 * alone, so results still do not depend on the thread count.
 *
 * <p>op(B) transposed with op(A) plain is refused: Gemm computes that case with lane reductions whose order
 * changes when the JIT compiles them, so results would depend on timing; callers transpose B instead
 * ({@link Transpose}).
 */
final class TiledGemm {
    private TiledGemm() {}

    /** C = alpha op(A) op(B) + beta C, same contract as {@link Gemm#gemm}. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     MemorySegment a, long aOff, int lda, MemorySegment b, long bOff, int ldb,
                     float beta, MemorySegment c, long cOff, int ldc) {
        if (transB && !transA) {
            throw new IllegalArgumentException("TiledGemm: A·Bᵀ is not bit-stable in Gemm; pass Bᵀ explicitly");
        }
        Gemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
}
