package org.dina.nn;

import org.dina.kernels.Activations;
import org.dina.tensor.Tensor;

/** GELU activation in its exact form x * Phi(x) (PyTorch's default {@code nn.GELU()}), on tensors of any shape. */
public final class Gelu implements Layer {
    private final String name;
    private Tensor input, output, gradInput;

    public Gelu() { this("gelu"); }

    public Gelu(String name) { this.name = name; }

    @Override
    public Tensor forward(Tensor x) {
        input = x.contiguous();
        output = Buffers.ensure(output, x.shape());
        Activations.gelu(input, output);
        return output;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (input == null) throw new IllegalStateException("Gelu " + name + ": backward before forward");
        dy.requireShape("Gelu " + name + " backward", input.shape());
        gradInput = Buffers.ensure(gradInput, input.shape());
        Activations.geluBackward(input, dy.contiguous(), gradInput);
        return gradInput;
    }
}
