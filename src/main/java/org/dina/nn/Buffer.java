package org.dina.nn;

import org.dina.tensor.Tensor;

/**
 * A slot for one activation or gradient buffer that several layers can hold: layers whose buffers are never needed
 * at the same time (the same role in consecutive blocks of a stage, whose transients die before the next block
 * runs) share one allocation instead of keeping one each.
 */
public final class Buffer {
    private Tensor tensor;

    /** The slot's tensor with {@code shape}, reusing its memory (see {@link Buffers#ensure}). */
    public Tensor ensure(int... shape) {
        tensor = Buffers.ensure(tensor, shape);
        return tensor;
    }
}
