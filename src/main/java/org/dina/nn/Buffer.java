package org.dina.nn;

import org.dina.tensor.Tensor;

/**
 * A slot for one activation or gradient buffer that several layers can hold: layers whose buffers are never needed
 * at the same time (the same role in consecutive blocks of a stage, whose transients die before the next block
 * runs) share one allocation instead of keeping one each.
 */
public final class Buffer {
    private final boolean overwritten;
    private Tensor tensor;

    /** A slot whose tensor starts at zero whenever its shape changes. */
    public Buffer() {
        this(false);
    }

    /**
     * @param overwritten every holder writes all of the tensor before it reads any of it, so a change of shape
     *     (holders of different shapes taking turns) need not zero the memory
     */
    public Buffer(boolean overwritten) {
        this.overwritten = overwritten;
    }

    /** The slot's tensor with {@code shape}, reusing its memory (see {@link Buffers#ensure}, {@link Buffers#reuse}). */
    public Tensor ensure(int... shape) {
        tensor = overwritten ? Buffers.reuse(tensor, shape) : Buffers.ensure(tensor, shape);
        return tensor;
    }
}
