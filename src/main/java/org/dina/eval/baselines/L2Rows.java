package org.dina.eval.baselines;

import org.dina.kernels.Parallel;
import org.dina.nn.Buffers;
import org.dina.nn.Layer;
import org.dina.tensor.Tensor;

/**
 * Scales every row of a [B, D] tensor to unit Euclidean length (y = x / max(|x|, eps)); backward is
 * dx = (dy - y (y . dy)) / |x|. Parallel over rows.
 */
final class L2Rows implements Layer {
    private static final float EPS = 1e-12f;
    private final String name;
    private Tensor output, gradInput;
    private float[] norms = new float[0];

    L2Rows(String name) { this.name = name; }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 2) throw new IllegalArgumentException("L2Rows " + name + ": expected [B, D], got " + x.shapeString());
        Tensor in = x.contiguous();
        int b = in.dim(0), d = in.dim(1);
        output = Buffers.ensure(output, b, d);
        if (norms.length != b) norms = new float[b];
        Tensor out = output;
        float[] nr = norms;
        Parallel.forRange(b, 16, (from, to) -> {
            for (int r = from; r < to; r++) {
                long o = (long) r * d;
                double ss = 0;
                for (int j = 0; j < d; j++) {
                    float v = in.getFlat(o + j);
                    ss += (double) v * v;
                }
                float norm = Math.max((float) Math.sqrt(ss), EPS);
                nr[r] = norm;
                for (int j = 0; j < d; j++) out.setFlat(o + j, in.getFlat(o + j) / norm);
            }
        });
        return output;
    }

    @Override
    public Tensor backward(Tensor dy) {
        dy.requireShape("L2Rows " + name + " backward", output.shape());
        Tensor g = dy.contiguous();
        int b = output.dim(0), d = output.dim(1);
        gradInput = Buffers.ensure(gradInput, b, d);
        Tensor y = output, gi = gradInput;
        float[] nr = norms;
        Parallel.forRange(b, 16, (from, to) -> {
            for (int r = from; r < to; r++) {
                long o = (long) r * d;
                double dot = 0;
                for (int j = 0; j < d; j++) dot += (double) y.getFlat(o + j) * g.getFlat(o + j);
                float fdot = (float) dot;
                for (int j = 0; j < d; j++) gi.setFlat(o + j, (g.getFlat(o + j) - y.getFlat(o + j) * fdot) / nr[r]);
            }
        });
        return gradInput;
    }
}
