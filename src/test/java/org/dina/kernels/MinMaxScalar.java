package org.dina.kernels;

import org.dina.tensor.Tensor;

/** Plain single-threaded reference for {@link MinMax}, one element at a time, sums in double. */
public final class MinMaxScalar {
    private MinMaxScalar() {}

    public static void forward(Tensor x, Tensor y, float eps, int[] argMin, int[] argMax) {
        int rows = x.dim(0);
        long cols = x.numel() / rows;
        for (int r = 0; r < rows; r++) {
            long b = r * cols;
            float mn = x.getFlat(b), mx = mn;
            for (long i = 1; i < cols; i++) {
                mn = Math.min(mn, x.getFlat(b + i));
                mx = Math.max(mx, x.getFlat(b + i));
            }
            argMin[r] = first(x, b, cols, mn);
            argMax[r] = first(x, b, cols, mx);
            float d = (mx - mn) + eps;
            for (long i = 0; i < cols; i++) y.setFlat(b + i, (x.getFlat(b + i) - mn) / d);
        }
    }

    public static void backward(Tensor x, Tensor y, Tensor dy, Tensor dx, float eps, int[] argMin, int[] argMax) {
        int rows = x.dim(0);
        long cols = x.numel() / rows;
        for (int r = 0; r < rows; r++) {
            long b = r * cols;
            float mn = x.getFlat(b + argMin[r]);
            float d = (x.getFlat(b + argMax[r]) - mn) + eps;
            double dMin = 0, dMax = 0;
            for (long i = 0; i < cols; i++) {
                double g = dy.getFlat(b + i), yi = y.getFlat(b + i);
                // dy_i/dmin = (y_i - 1) / d and dy_i/dmax = -y_i / d
                dMin += g * (yi - 1) / d;
                dMax -= g * yi / d;
                dx.setFlat(b + i, dy.getFlat(b + i) / d);
            }
            dx.setFlat(b + argMin[r], (float) (dx.getFlat(b + argMin[r]) + dMin));
            dx.setFlat(b + argMax[r], (float) (dx.getFlat(b + argMax[r]) + dMax));
        }
    }

    private static int first(Tensor x, long b, long n, float v) {
        for (int i = 0; i < n; i++) {
            float xi = x.getFlat(b + i);
            if (xi == v || (v != v && xi != xi)) return i;
        }
        return 0;
    }
}
