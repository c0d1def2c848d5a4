package org.dina.nn;

import org.dina.kernels.L2Norm;
import org.dina.tensor.Tensor;

/** Scales each sample of a [B, ...] tensor (flattened) to unit L2 norm, like {@code F.normalize}; no parameters. */
public final class L2Normalize implements Layer {
    private final String name;
    private final float eps;
    private Tensor output, gradInput;
    private float[] norms = new float[0];

    public L2Normalize() {
        this("l2norm", L2Norm.DEFAULT_EPS);
    }

    public L2Normalize(float eps) {
        this("l2norm", eps);
    }

    public L2Normalize(String name, float eps) {
        if (!(eps > 0)) throw new IllegalArgumentException("L2Normalize " + name + ": eps must be > 0, got " + eps);
        this.name = name;
        this.eps = eps;
    }

    public float eps() { return eps; }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2 || x.numel() == 0) {
            throw new IllegalArgumentException("L2Normalize " + name + ": expected a non-empty input [B, ...] but got " + x.shapeString());
        }
        Tensor in = x.contiguous();
        if (norms.length != in.dim(0)) norms = new float[in.dim(0)];
        output = Buffers.ensure(output, in.shape());
        L2Norm.forward(in, output, eps, norms);
        return output;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (output == null) throw new IllegalStateException("L2Normalize " + name + ": backward before forward");
        dy.requireShape("L2Normalize " + name + " backward", output.shape());
        gradInput = Buffers.ensure(gradInput, output.shape());
        L2Norm.backward(output, dy.contiguous(), gradInput, eps, norms);
        return gradInput;
    }
}
