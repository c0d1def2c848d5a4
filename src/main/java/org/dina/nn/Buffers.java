package org.dina.nn;

import org.dina.tensor.Tensor;

/**
 * Reuse of layer-owned activation buffers: memory is allocated only when a shape needs more than the buffer has
 * ever held, so steps of different batch sizes (the last batch of an epoch, validation) share one allocation.
 */
public final class Buffers {
    private Buffers() {}

    /**
     * {@code current} when it already has {@code shape}; else a zero tensor of that shape, viewing {@code current}'s
     * memory when it is large enough (so {@code current} must be a buffer this method returned, never a view of
     * someone else's), and fresh memory otherwise.
     */
    public static Tensor ensure(Tensor current, int... shape) {
        return ensure(current, true, shape);
    }

    /**
     * As {@link #ensure(Tensor, int...)} but a reshaped view keeps whatever its memory held: for buffers whose every
     * user writes all of them before reading.
     */
    public static Tensor reuse(Tensor current, int... shape) {
        return ensure(current, false, shape);
    }

    private static Tensor ensure(Tensor current, boolean zero, int... shape) {
        if (current != null && current.hasShape(shape)) return current;
        long bytes = Tensor.count(shape) * Float.BYTES;
        if (current == null || current.offset() != 0 || current.segment().byteSize() < bytes) return Tensor.zeros(shape);
        Tensor view = Tensor.wrap(current.segment(), 0, shape);
        // a fresh buffer is all zeros; keep that true of a reshaped one, as some callers fill only part of it
        if (zero) view.zero();
        return view;
    }
}
