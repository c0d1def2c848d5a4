package org.dina.nn;

import org.dina.kernels.LayerNormKernel;
import org.dina.tensor.Tensor;

/**
 * Per-row standardisation of a [rows, dim] tensor: y = (x - mean) / sqrt(var + eps), a LayerNorm without the affine
 * part (its scale fixed at 1 and shift at 0); no parameters.
 */
public final class Standardize implements Layer {
    private final String name;
    private final int dim;
    private final float eps;
    private final Tensor ones, zeros, unusedGradScale, unusedGradShift;
    private Tensor input, output, mean, rstd, gradInput;

    public Standardize(String name, int dim) {
        this(name, dim, LayerNorm.DEFAULT_EPS);
    }

    public Standardize(String name, int dim, float eps) {
        if (dim < 2 || !(eps > 0)) throw new IllegalArgumentException("Standardize " + name + ": needs dim >= 2 and eps > 0");
        this.name = name;
        this.dim = dim;
        this.eps = eps;
        ones = Tensor.zeros(dim);
        ones.fill(1f);
        zeros = Tensor.zeros(dim);
        unusedGradScale = Tensor.zeros(dim);
        unusedGradShift = Tensor.zeros(dim);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 2 || x.dim(1) != dim) {
            throw new IllegalArgumentException("Standardize " + name + ": expected [rows, " + dim + "] but got " + x.shapeString());
        }
        input = x.contiguous();
        output = Buffers.ensure(output, input.shape());
        mean = Buffers.ensure(mean, input.dim(0));
        rstd = Buffers.ensure(rstd, input.dim(0));
        LayerNormKernel.forward(input, ones, zeros, output, mean, rstd, eps);
        return output;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (input == null) throw new IllegalStateException("Standardize " + name + ": backward before forward");
        dy.requireShape("Standardize " + name + " backward", input.shape());
        gradInput = Buffers.ensure(gradInput, input.shape());
        // the kernel also accumulates gradients of the fixed scale and shift; they are thrown away, zeroed so they stay finite
        unusedGradScale.zero();
        unusedGradShift.zero();
        LayerNormKernel.backward(input, ones, mean, rstd, dy.contiguous(), gradInput, unusedGradScale, unusedGradShift);
        return gradInput;
    }
}
