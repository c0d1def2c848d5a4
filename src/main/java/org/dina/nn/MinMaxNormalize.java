package org.dina.nn;

import org.dina.kernels.MinMax;
import org.dina.tensor.Tensor;

/** Per-sample min–max scaling to [0, 1] over all elements of each sample of a [B, ...] tensor; no parameters. */
public final class MinMaxNormalize implements Layer {
    private final String name;
    private final float eps;
    private Tensor input, output, gradInput;
    private int[] argMin = new int[0], argMax = new int[0];

    public MinMaxNormalize() {
        this("minmax", MinMax.DEFAULT_EPS);
    }

    public MinMaxNormalize(float eps) {
        this("minmax", eps);
    }

    public MinMaxNormalize(String name, float eps) {
        if (!(eps >= 0)) throw new IllegalArgumentException("MinMaxNormalize " + name + ": eps must be >= 0, got " + eps);
        this.name = name;
        this.eps = eps;
    }

    public float eps() { return eps; }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2 || x.numel() == 0) {
            throw new IllegalArgumentException("MinMaxNormalize " + name + ": expected a non-empty input [B, ...] but got " + x.shapeString());
        }
        input = x.contiguous();
        int rows = input.dim(0);
        if (argMin.length != rows) {
            argMin = new int[rows];
            argMax = new int[rows];
        }
        output = Buffers.ensure(output, input.shape());
        MinMax.forward(input, output, eps, argMin, argMax);
        return output;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (output == null) throw new IllegalStateException("MinMaxNormalize " + name + ": backward before forward");
        dy.requireShape("MinMaxNormalize " + name + " backward", output.shape());
        gradInput = Buffers.ensure(gradInput, input.shape());
        MinMax.backward(input, output, dy.contiguous(), gradInput, eps, argMin, argMax);
        return gradInput;
    }
}
