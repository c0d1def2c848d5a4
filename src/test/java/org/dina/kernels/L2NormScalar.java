package org.dina.kernels;

import org.dina.tensor.Tensor;

/** Plain single-threaded reference for {@link L2Norm}, one element at a time, sums in double. */
public final class L2NormScalar {
    private L2NormScalar() {}

    public static void forward(Tensor x, Tensor y, float eps, float[] norms) {
        int rows = x.dim(0);
        long cols = x.numel() / rows;
        for (int r = 0; r < rows; r++) {
            long b = r * cols;
            double ss = 0;
            for (long i = 0; i < cols; i++) ss += (double) x.getFlat(b + i) * x.getFlat(b + i);
            norms[r] = (float) Math.sqrt(ss);
            float denom = Math.max(norms[r], eps);
            for (long i = 0; i < cols; i++) y.setFlat(b + i, x.getFlat(b + i) / denom);
        }
    }

    public static void backward(Tensor y, Tensor dy, Tensor dx, float eps, float[] norms) {
        int rows = y.dim(0);
        long cols = y.numel() / rows;
        for (int r = 0; r < rows; r++) {
            long b = r * cols;
            boolean clamped = norms[r] < eps;
            double dot = 0;
            if (!clamped) for (long i = 0; i < cols; i++) dot += (double) y.getFlat(b + i) * dy.getFlat(b + i);
            double denom = Math.max(norms[r], eps);
            for (long i = 0; i < cols; i++) dx.setFlat(b + i, (float) ((dy.getFlat(b + i) - y.getFlat(b + i) * dot) / denom));
        }
    }
}
