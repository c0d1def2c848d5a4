package org.dina.train;

import java.lang.foreign.MemorySegment;
import org.dina.tensor.Tensor;

/** Copies selected rows (first-dimension slices) of a tensor into a batch buffer. */
public final class Rows {
    private Rows() {}

    /** dst[i] = src[rows[i]] for every i; both contiguous, dst's first dimension equal to rows.length. */
    public static void gather(Tensor src, int[] rows, Tensor dst) {
        if (!src.isContiguous() || !dst.isContiguous() || dst.dim(0) != rows.length || src.numel() / src.dim(0) != dst.numel() / dst.dim(0)) {
            throw new IllegalArgumentException("Rows.gather: " + rows.length + " rows of " + src.shapeString() + " into " + dst.shapeString());
        }
        long width = src.numel() / src.dim(0);
        for (int i = 0; i < rows.length; i++) {
            MemorySegment.copy(src.segment(), (src.offset() + rows[i] * width) * Float.BYTES,
                    dst.segment(), (dst.offset() + i * width) * Float.BYTES, width * Float.BYTES);
        }
    }

    /** A batch buffer: {@code rows} rows shaped like one row of {@code like}. */
    public static int[] batchShape(Tensor like, int rows) {
        int[] s = like.shape();
        s[0] = rows;
        return s;
    }
}
