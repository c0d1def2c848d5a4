package org.dina.nn;

import org.dina.kernels.Activations;
import org.dina.tensor.Tensor;

/** GELU activation in its exact form x * Phi(x) (PyTorch's default {@code nn.GELU()}), on tensors of any shape. */
public final class Gelu implements Layer {
    private final String name;
    private Tensor input, output, gradInput;
    private Buffer outputBuffer = new Buffer(), gradInputBuffer = new Buffer();

    public Gelu() { this("gelu"); }

    public Gelu(String name) { this.name = name; }

    /**
     * Keeps the output and the input gradient in slots shared with other layers (null keeps this layer's own), for
     * layers whose buffers are never live at the same time; see {@link Buffer}.
     */
    public Gelu shareBuffers(Buffer output, Buffer gradInput) {
        if (output != null) outputBuffer = output;
        if (gradInput != null) gradInputBuffer = gradInput;
        return this;
    }

    @Override
    public Tensor forward(Tensor x) {
        input = x.contiguous();
        output = outputBuffer.ensure(x.shape());
        Activations.gelu(input, output);
        return output;
    }

    /**
     * Writes the last forward's output again (the same bits), for an output buffer that other layers shared and
     * overwrote since: the next layer's backward reads it as its input.
     */
    public void recomputeOutput() {
        if (input == null) throw new IllegalStateException("Gelu " + name + ": recompute before forward");
        Activations.gelu(input, output);
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (input == null) throw new IllegalStateException("Gelu " + name + ": backward before forward");
        dy.requireShape("Gelu " + name + " backward", input.shape());
        gradInput = gradInputBuffer.ensure(input.shape());
        Activations.geluBackward(input, dy.contiguous(), gradInput);
        return gradInput;
    }
}
