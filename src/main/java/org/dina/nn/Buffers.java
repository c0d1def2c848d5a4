package org.dina.nn;

import org.dina.tensor.Tensor;

/** Reuse of layer-owned activation buffers: a new buffer is made only when the shape changes. */
public final class Buffers {
    private Buffers() {}

    /** {@code current} when it already has {@code shape}, else a fresh zero tensor of that shape. */
    public static Tensor ensure(Tensor current, int... shape) {
        if (current != null && current.hasShape(shape)) return current;
        return Tensor.zeros(shape);
    }
}
