package org.dina.nn;

import org.dina.kernels.Activations;
import org.dina.tensor.Tensor;

/** ReLU activation max(x, 0) on tensors of any shape; the gradient at 0 is 0, as in PyTorch. */
public final class Relu implements Layer {
    private final String name;
    private Tensor output, gradInput;

    public Relu() { this("relu"); }

    public Relu(String name) { this.name = name; }

    @Override
    public Tensor forward(Tensor x) {
        output = Buffers.ensure(output, x.shape());
        Activations.relu(x.contiguous(), output);
        return output;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (output == null) throw new IllegalStateException("Relu " + name + ": backward before forward");
        dy.requireShape("Relu " + name + " backward", output.shape());
        gradInput = Buffers.ensure(gradInput, output.shape());
        // the mask comes from the output, which this layer owns, so the caller may reuse its input buffer
        Activations.reluBackward(output, dy.contiguous(), gradInput);
        return gradInput;
    }
}
