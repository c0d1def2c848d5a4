package org.dina.nn;

import org.dina.tensor.Tensor;

/**
 * A differentiable step as an explicit forward/backward pair (no autograd).
 *
 * <p>{@code forward} keeps whatever {@code backward} needs. Both return tensors the layer owns and reuses across
 * calls with the same input shape, so a training step allocates nothing once warm; a returned tensor stays valid
 * until the next call of the same method. {@code backward} <em>accumulates</em> into the parameter gradients
 * and returns the gradient with respect to the input of the last {@code forward}.
 */
public interface Layer {
    Tensor forward(Tensor input);

    Tensor backward(Tensor gradOutput);
}
