package org.dina.nn;

import org.dina.kernels.Activations;
import org.dina.kernels.Elementwise;
import org.dina.tensor.Tensor;

/** GELU activation in its exact form x * Phi(x) (PyTorch's default {@code nn.GELU()}), on tensors of any shape. */
public final class Gelu implements Layer {
    private final String name;
    private Tensor input, output, gradInput;
    // set by recomputeOutputAndDerivative: input then holds gelu'(input), which the next backward multiplies by dy
    private boolean inputHoldsDerivative;
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
        inputHoldsDerivative = false;
        output = outputBuffer.ensure(x.shape());
        Activations.gelu(input, output);
        return output;
    }

    /**
     * Writes the last forward's output again (the same bits), for an output buffer that other layers shared and
     * overwrote since, and replaces the forward's input by GELU's derivative there, from the same evaluation of
     * Phi; the next {@link #backward} then only multiplies. For a backward that needs both (the next layer's weight
     * gradient reads the output), when nothing else reads the input afterwards: a convolution's output, say, which
     * the convolution's own backward does not read. The bits are those of the forward and of backward without it.
     * Until the next forward the input is gone, so a second call is refused.
     */
    public void recomputeOutputAndDerivative() {
        requireForwardInput();
        Activations.geluOutputAndDerivative(input, output);
        inputHoldsDerivative = true;
    }

    @Override
    public Tensor backward(Tensor dy) {
        requireInput("backward");
        dy.requireShape("Gelu " + name + " backward", input.shape());
        gradInput = gradInputBuffer.ensure(input.shape());
        if (inputHoldsDerivative) {
            Elementwise.mul(input, dy.contiguous(), gradInput);
        } else {
            Activations.geluBackward(input, dy.contiguous(), gradInput);
        }
        return gradInput;
    }

    private void requireInput(String what) {
        if (input == null) throw new IllegalStateException("Gelu " + name + ": " + what + " before forward");
    }

    /** The forward's input as it was, which recomputing reads (not yet replaced by the derivative). */
    private void requireForwardInput() {
        requireInput("recompute");
        if (inputHoldsDerivative) {
            throw new IllegalStateException("Gelu " + name + ": recompute after the input was replaced by the derivative; run forward again");
        }
    }
}
