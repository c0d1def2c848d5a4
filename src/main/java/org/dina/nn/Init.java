package org.dina.nn;

import java.util.SplittableRandom;
import org.dina.tensor.Tensor;

/** How a parameter is initialised; every initialiser draws from the deterministic generator it is given. */
@FunctionalInterface
public interface Init {
    void fill(Tensor value, SplittableRandom rng);

    static Init zeros() { return (t, r) -> t.zero(); }

    static Init constant(float c) { return (t, r) -> t.fill(c); }

    /** U(-bound, bound): PyTorch's default for Linear and Conv weights and biases uses bound = 1/sqrt(fan_in). */
    static Init uniform(double bound) {
        return (t, r) -> {
            long n = t.numel();
            for (long i = 0; i < n; i++) t.setFlat(i, (float) ((r.nextDouble() * 2 - 1) * bound));
        };
    }

    /** N(0, std^2) truncated at +-2 std (the reference's trunc_normal_ for Linear weights). */
    static Init truncatedNormal(double std) {
        return (t, r) -> {
            long n = t.numel();
            for (long i = 0; i < n; i++) {
                double g;
                do {
                    g = gaussian(r);
                } while (Math.abs(g) > 2);
                t.setFlat(i, (float) (g * std));
            }
        };
    }

    /**
     * N(0, std^2) with draws outside [-bound, bound] (absolute, not in standard deviations) drawn again: timm's
     * {@code trunc_normal_(std=std, a=-bound, b=bound)}, which the release calls with its default bounds of ±2.
     */
    static Init truncatedNormalWithin(double std, double bound) {
        return (t, r) -> {
            long n = t.numel();
            for (long i = 0; i < n; i++) {
                double v;
                do {
                    v = gaussian(r) * std;
                } while (Math.abs(v) > bound);
                t.setFlat(i, (float) v);
            }
        };
    }

    /** A standard normal draw (Marsaglia polar method) that depends only on the generator's state. */
    static double gaussian(SplittableRandom r) {
        double u, v, s;
        do {
            u = r.nextDouble() * 2 - 1;
            v = r.nextDouble() * 2 - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
