package org.dina.nn;

import org.dina.kernels.LayerNormKernel;
import org.dina.tensor.Tensor;

/**
 * Layer normalisation over the last dimension with a learnt per-feature scale and shift, PyTorch semantics
 * ({@code nn.LayerNorm(dim)}: biased variance, eps 1e-5, weight initialised to 1 and bias to 0). Any leading
 * dimensions are treated as rows.
 */
public final class LayerNorm implements Layer {
    public static final float DEFAULT_EPS = 1e-5f;

    private final String name;
    private final int dim;
    private final float eps;
    private final Parameter weight, bias;
    private Tensor input, output, mean, rstd, gradInput;
    private Buffer outputBuffer = new Buffer(), gradInputBuffer = new Buffer();

    public LayerNorm(ParameterSet params, String name, int dim) {
        this(params, name, dim, DEFAULT_EPS);
    }

    public LayerNorm(ParameterSet params, String name, int dim, float eps) {
        this.name = name;
        this.dim = dim;
        this.eps = eps;
        this.weight = params.add(name + ".weight", Init.constant(1f), dim);
        this.bias = params.add(name + ".bias", Init.zeros(), dim);
    }

    public Parameter weight() { return weight; }
    public Parameter bias() { return bias; }
    public int dim() { return dim; }
    public float eps() { return eps; }

    /**
     * Keeps the output and the input gradient in slots shared with other layers (null keeps this layer's own), for
     * layers whose buffers are never live at the same time; see {@link Buffer}.
     */
    public LayerNorm shareBuffers(Buffer output, Buffer gradInput) {
        if (output != null) outputBuffer = output;
        if (gradInput != null) gradInputBuffer = gradInput;
        return this;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1 || x.dim(-1) != dim) {
            throw new IllegalArgumentException("LayerNorm " + name + ": expected last dimension " + dim + " but input is " + x.shapeString());
        }
        input = x.contiguous();
        int rows = Math.toIntExact(x.numel() / dim);
        output = outputBuffer.ensure(x.shape());
        mean = Buffers.ensure(mean, rows);
        rstd = Buffers.ensure(rstd, rows);
        LayerNormKernel.forward(input, weight.value(), bias.value(), output, mean, rstd, eps);
        return output;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (input == null) throw new IllegalStateException("LayerNorm " + name + ": backward before forward");
        dy.requireShape("LayerNorm " + name + " backward", input.shape());
        gradInput = gradInputBuffer.ensure(input.shape());
        LayerNormKernel.backward(input, weight.value(), mean, rstd, dy.contiguous(), gradInput, weight.grad(), bias.grad());
        return gradInput;
    }
}
