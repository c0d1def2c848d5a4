package org.dina.nn;

import org.dina.tensor.Tensor;

/** One named trainable array: a view into its set's flat value buffer and the same view into the flat gradient buffer. */
public final class Parameter {
    private final String name;
    private final int[] shape;
    private final Init init;
    private long offset = -1;
    private Tensor value;
    private Tensor grad;

    Parameter(String name, int[] shape, Init init) {
        this.name = name;
        this.shape = shape.clone();
        this.init = init;
    }

    void bind(Tensor flatValues, Tensor flatGrads, long offset) {
        this.offset = offset;
        int n = Math.toIntExact(Tensor.count(shape));
        this.value = flatValues.slice(0, (int) offset, (int) offset + n).reshape(shape);
        this.grad = flatGrads.slice(0, (int) offset, (int) offset + n).reshape(shape);
    }

    public String name() { return name; }
    public int[] shape() { return shape.clone(); }
    public long numel() { return Tensor.count(shape); }
    public Init init() { return init; }
    /** Element offset of this parameter inside its set's flat buffers. */
    public long offset() { return offset; }

    public Tensor value() {
        if (value == null) throw new IllegalStateException("parameter " + name + " used before its ParameterSet was allocated");
        return value;
    }

    public Tensor grad() {
        if (grad == null) throw new IllegalStateException("parameter " + name + " used before its ParameterSet was allocated");
        return grad;
    }
}
