package org.dina.model.neural;

import java.lang.foreign.MemorySegment;
import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;

/**
 * Out-of-place transposes, so that every product here runs through Gemm's axpy paths (op(B) untransposed): those
 * give the same bits compiled or interpreted, while its dot-product path (op(B) transposed) reduces lanes in an
 * order that changes once the JIT compiles it.
 */
final class Transpose {
    private Transpose() {}

    /** dst[c, r] = src[r, c] for r < rows, c < cols (leading dimensions in elements), parallel over rows of dst. */
    static void into(MemorySegment src, long srcOff, int rows, int cols, int lds, MemorySegment dst, long dstOff, int ldd) {
        Parallel.forRange(cols, 16, (from, to) -> {
            for (int c = from; c < to; c++) {
                long o = dstOff + (long) c * ldd;
                for (int r = 0; r < rows; r++) {
                    dst.setAtIndex(Tensor.FLOAT, o + r, src.getAtIndex(Tensor.FLOAT, srcOff + (long) r * lds + c));
                }
            }
        });
    }

    /** The transpose [cols, rows] of the contiguous 2-D tensor {@code t}, in {@code reuse} when it has that shape. */
    static Tensor of(Tensor t, Tensor reuse) {
        int rows = t.dim(0), cols = t.dim(1);
        Tensor out = org.dina.nn.Buffers.ensure(reuse, cols, rows);
        into(t.segment(), t.offset(), rows, cols, cols, out.segment(), out.offset(), rows);
        return out;
    }
}
