package org.dina.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.dina.nn.Layer;
import org.dina.nn.Parameter;
import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;

/**
 * Finite-difference checks of a layer's backward pass.
 *
 * <p>The scalar probe is L = sum(w * forward(x)) with fixed random w, summed in double precision; the numeric
 * gradient is the central difference (L(x+h) - L(x-h)) / 2h. Each checked element must agree within
 * {@code atol + rtol * max(|analytic|, |numeric|)}.
 */
public final class GradCheck {
    private final double h;
    private final double rtol;
    private final double atol;
    private final int maxElements;

    public GradCheck(double h, double rtol, double atol, int maxElements) {
        this.h = h;
        this.rtol = rtol;
        this.atol = atol;
        this.maxElements = maxElements;
    }

    /** Defaults that suit float32 layers of moderate size: h = 1e-2, 2% relative, 2e-3 absolute, up to 64 entries per tensor. */
    public static GradCheck standard() {
        return new GradCheck(1e-2, 2e-2, 2e-3, 64);
    }

    /** Checks dL/dinput and dL/dparam for every parameter in {@code params} (may be null). */
    public void check(String name, Layer layer, Tensor input, ParameterSet params, long seed) {
        Tensor out = layer.forward(input);
        Tensor w = randomLike(out.shape(), seed);
        if (params != null) params.zeroGrad();
        Tensor gIn = layer.backward(w.copy()).copy();
        Supplier<Double> loss = () -> dot(layer.forward(input), w);
        compare(name + " input", input, gIn, loss, seed);
        if (params != null) {
            Tensor gAll = params.grads().copy();
            for (Parameter p : params.list()) {
                Tensor analytic = gAll.slice(0, (int) p.offset(), (int) (p.offset() + p.numel())).reshape(p.shape());
                compare(name + " param " + p.name(), p.value(), analytic, loss, seed + p.offset());
            }
        }
    }

    /** Compares the analytic gradient of {@code loss} with respect to {@code x} against central differences. */
    public void compare(String what, Tensor x, Tensor analytic, Supplier<Double> loss, long seed) {
        long n = x.numel();
        SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        int checks = (int) Math.min(n, maxElements);
        Tensor flat = x.reshape(-1);
        Tensor aflat = analytic.contiguous().reshape(-1);
        for (int c = 0; c < checks; c++) {
            long i = n <= maxElements ? c : r.nextLong(n);
            float orig = flat.getFlat(i);
            flat.setFlat(i, (float) (orig + h));
            double lp = loss.get();
            flat.setFlat(i, (float) (orig - h));
            double lm = loss.get();
            flat.setFlat(i, orig);
            double numeric = (lp - lm) / (2 * h);
            double a = aflat.getFlat(i);
            double tol = atol + rtol * Math.max(Math.abs(a), Math.abs(numeric));
            if (!(Math.abs(a - numeric) <= tol)) {
                fail(what + "[" + i + "]: analytic " + a + " vs numeric " + numeric + " (tolerance " + tol + ")");
            }
        }
    }

    public static double dot(Tensor a, Tensor b) {
        Tensor ac = a.contiguous(), bc = b.contiguous();
        double s = 0;
        long n = ac.numel();
        for (long i = 0; i < n; i++) s += (double) ac.getFlat(i) * bc.getFlat(i);
        return s;
    }

    /** A tensor of U(-1, 1) values from {@code seed}. */
    public static Tensor randomLike(int[] shape, long seed) {
        Tensor t = Tensor.zeros(shape);
        SplittableRandom r = new SplittableRandom(seed);
        long n = t.numel();
        for (long i = 0; i < n; i++) t.setFlat(i, (float) (r.nextDouble() * 2 - 1));
        return t;
    }
}
