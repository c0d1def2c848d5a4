package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * Pointwise activations: exact (erf) GELU and ReLU, forward and backward, plus the error function (Java has none).
 * Vector API kernels here; {@code ActivationsScalar} (in the tests) holds the scalar twins.
 *
 * <p>erf: erfc(z) = t exp(-z^2 + P(t)) with t = 1 / (1 + z/2) for z >= 0 (the form of Numerical Recipes' erfcc);
 * P is a degree-13 polynomial whose coefficients were fitted for this project by {@code bench/golden/erf_fit.py}
 * (least squares at Chebyshev nodes against 40-digit mpmath erfc on z in [0, 10]). Evaluated in double, its
 * relative error on erfc is below 2e-10, so erf's absolute error is below 1e-9 before the final rounding to float.
 * For {@code |x| < 1/2}, erf itself uses its Maclaurin series (11 terms, truncation error below 1e-14 relative), so
 * that small arguments keep their relative accuracy and erf(0) is exactly 0. The vector kernels evaluate the same
 * formulas in double lanes with the same exactly-rounded operations and {@link LaneMath#exp(double)}, so vector and
 * scalar results are bit-identical.
 *
 * <p>GELU: x Phi(x) with Phi(x) = erfc(-x / sqrt 2) / 2, by the same form in float lanes with a degree-9 P fitted
 * for float evaluation (same script, {@code --float}): the fit's own error is 5e-8 relative and float rounding
 * brings Phi to about 3e-7 relative, level with PyTorch's float32 kernel (which rounds 1 + erf(x / sqrt 2) to float)
 * and far inside the golden tests' 1e-5. Why float: the image tower's MLP calls GELU on 180 million elements per
 * joint training step, three times (forward, the recomputation in backward, the derivative); in double lanes that
 * took about 1 s of the step's 4, at half the lanes and with a double division and a degree-13 polynomial.
 */
public final class Activations {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Double lanes for erf; {@link #FH} is the float species with as many lanes, so conversions are one-to-one. */
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Float> FH = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Elements per parallel task; GELU costs two exponentials per element, so the grain is smaller than for adds. */
    static final int GRAIN = 1 << 13;

    /** Coefficients of P(t), lowest degree first (see the class comment for where they come from). */
    static final double[] ERFC_P = {
            -1.265501191555038,
            0.9996282742121814,
            0.3806478910352548,
            0.03261071531451459,
            0.21403464395259114,
            -1.3741522390433172,
            3.4918164523412303,
            -7.4067465145782485,
            10.940733126726176,
            -10.395114714997765,
            6.242751840788532,
            -2.274655247107864,
            0.4485021114143002,
            -0.0345551484218814,
    };
    /** Below this |x|, erf uses the series. */
    static final double SERIES_LIMIT = 0.5;
    /** Maclaurin coefficients of erf(x) / x in powers of x^2: 2/sqrt(pi) (-1)^n / (n! (2n + 1)), n = 0..10. */
    static final double[] ERF_SERIES = new double[11];

    static {
        double factorial = 1;
        for (int n = 0; n < ERF_SERIES.length; n++) {
            if (n > 0) factorial *= n;
            ERF_SERIES[n] = (n % 2 == 0 ? 2 : -2) / Math.sqrt(Math.PI) / (factorial * (2 * n + 1));
        }
    }

    static final double SQRT1_2 = 0.7071067811865476;
    static final double INV_SQRT_2PI = 0.3989422804014327;

    /** Coefficients of the float P(t) for GELU, lowest degree first (bench/golden/erf_fit.py --float); the vector code spells out all 10. */
    static final float[] ERFC_P_FLOAT = {
            -1.265433430671692f,
            0.99834144115448f,
            0.38911715149879456f,
            0.022874142974615097f,
            0.03546786308288574f,
            -0.1441735029220581f,
            -0.6195233464241028f,
            1.0994384288787842f,
            -0.6566158533096313f,
            0.14050713181495667f,
    };
    static final float SQRT1_2_F = (float) SQRT1_2;
    static final float INV_SQRT_2PI_F = (float) INV_SQRT_2PI;

    private Activations() {}

    // ---------------------------------------------------------------- scalar math

    /** P(t) by Horner's rule with fused multiply-adds (the vector kernels do the same operations). */
    static double erfcPoly(double t) {
        double s = ERFC_P[ERFC_P.length - 1];
        for (int k = ERFC_P.length - 2; k >= 0; k--) s = Math.fma(s, t, ERFC_P[k]);
        return s;
    }

    /** erfc(z) for z >= 0. */
    static double erfcNonNegative(double z) {
        double t = 1.0 / Math.fma(z, 0.5, 1.0);
        return t * LaneMath.exp(erfcPoly(t) - z * z);
    }

    /** erf(x) / x by its series in x^2, for small |x|. */
    static double erfSeriesOverX(double x2) {
        double s = ERF_SERIES[ERF_SERIES.length - 1];
        for (int k = ERF_SERIES.length - 2; k >= 0; k--) s = Math.fma(s, x2, ERF_SERIES[k]);
        return s;
    }

    /** The error function, absolute error below 1e-9 (and relative error below 1e-13 for {@code |x| < 1/2}). */
    public static double erf(double x) {
        if (Math.abs(x) < SERIES_LIMIT) return x * erfSeriesOverX(x * x);
        double e = erfcNonNegative(Math.abs(x));
        return x < 0 ? e - 1.0 : 1.0 - e;
    }

    /** The error function in float (absolute error below 1e-9 before rounding to float). */
    public static float erf(float x) {
        return (float) erf((double) x);
    }

    /** The complementary error function 1 - erf(x), accurate relative to its own size for x >= 0. */
    public static double erfc(double x) {
        double e = erfcNonNegative(Math.abs(x));
        return x < 0 ? 2.0 - e : e;
    }

    /**
     * Phi(x) in float, for GELU: t = 1 / (1 + z/2) with z = |x| / sqrt 2, half = t exp(P(t) - x^2/2) / 2, then half
     * or 1 - half by the sign of x. x^2/2 enters through one fused multiply-add with P(t), so it is rounded once.
     */
    static float normalCdfFloat(float x) {
        float t = 1f / Math.fma(Math.abs(x) * SQRT1_2_F, 0.5f, 1f);
        float p = ERFC_P_FLOAT[ERFC_P_FLOAT.length - 1];
        for (int k = ERFC_P_FLOAT.length - 2; k >= 0; k--) p = Math.fma(p, t, ERFC_P_FLOAT[k]);
        float half = t * LaneMath.exp(Math.fma(x * -0.5f, x, p)) * 0.5f;
        return x < 0f ? half : 1f - half;
    }

    /** GELU, exact form: x * Phi(x) (PyTorch's default {@code gelu}), in float (see the class comment). */
    public static float gelu(float x) {
        return x * normalCdfFloat(x);
    }

    /** d gelu / dx = Phi(x) + x * phi(x), with phi the standard normal density, in float. */
    public static float geluDerivative(float x) {
        return Math.fma(x, LaneMath.exp(x * -0.5f * x) * INV_SQRT_2PI_F, normalCdfFloat(x));
    }

    // ---------------------------------------------------------------- vector math (double lanes)

    /** {@link #normalCdfFloat(float)} in float lanes, operation for operation. */
    private static FloatVector normalCdfLanes(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector t = one.div(x.abs().mul(SQRT1_2_F).fma(FloatVector.broadcast(S, 0.5f), one));
        // Horner's rule written out, for the reason given in LaneMath.exp(FloatVector)
        float[] c = ERFC_P_FLOAT;
        FloatVector p = FloatVector.broadcast(S, c[9]).fma(t, FloatVector.broadcast(S, c[8]))
                .fma(t, FloatVector.broadcast(S, c[7])).fma(t, FloatVector.broadcast(S, c[6]))
                .fma(t, FloatVector.broadcast(S, c[5])).fma(t, FloatVector.broadcast(S, c[4]))
                .fma(t, FloatVector.broadcast(S, c[3])).fma(t, FloatVector.broadcast(S, c[2]))
                .fma(t, FloatVector.broadcast(S, c[1])).fma(t, FloatVector.broadcast(S, c[0]));
        FloatVector half = t.mul(LaneMath.exp(x.mul(-0.5f).fma(x, p))).mul(0.5f);
        return one.sub(half).blend(half, x.compare(VectorOperators.LT, 0f));
    }

    private static DoubleVector erfcPolyLanes(DoubleVector t) {
        DoubleVector s = DoubleVector.broadcast(D, ERFC_P[ERFC_P.length - 1]);
        for (int k = ERFC_P.length - 2; k >= 0; k--) s = s.fma(t, DoubleVector.broadcast(D, ERFC_P[k]));
        return s;
    }

    private static DoubleVector erfLanes(DoubleVector x) {
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        DoubleVector z = x.abs();
        DoubleVector t = one.div(z.fma(DoubleVector.broadcast(D, 0.5), one));
        DoubleVector e = t.mul(LaneMath.exp(erfcPolyLanes(t).sub(z.mul(z))));
        VectorMask<Double> negative = x.compare(VectorOperators.LT, 0.0);
        DoubleVector large = one.sub(e).blend(e.sub(one), negative);
        VectorMask<Double> small = z.compare(VectorOperators.LT, SERIES_LIMIT);
        if (!small.anyTrue()) return large;
        DoubleVector x2 = x.mul(x), s = DoubleVector.broadcast(D, ERF_SERIES[ERF_SERIES.length - 1]);
        for (int k = ERF_SERIES.length - 2; k >= 0; k--) s = s.fma(x2, DoubleVector.broadcast(D, ERF_SERIES[k]));
        return large.blend(x.mul(s), small);
    }

    private static DoubleVector loadWide(MemorySegment s, long element) {
        return (DoubleVector) FloatVector.fromMemorySegment(FH, s, element * 4, LE).convertShape(VectorOperators.F2D, D, 0);
    }

    private static void storeNarrow(DoubleVector v, MemorySegment s, long element) {
        ((FloatVector) v.convertShape(VectorOperators.D2F, FH, 0)).intoMemorySegment(s, element * 4, LE);
    }

    // ---------------------------------------------------------------- kernels

    /** out = erf(x), element by element. */
    public static void erf(MemorySegment x, long xOff, MemorySegment out, long outOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> {
            int i = from;
            for (int upper = from + FH.loopBound(to - from); i < upper; i += FH.length()) {
                storeNarrow(erfLanes(loadWide(x, xOff + i)), out, outOff + i);
            }
            for (; i < to; i++) put(out, outOff + i, erf(get(x, xOff + i)));
        });
    }

    /** y = gelu(x). */
    public static void gelu(MemorySegment x, long xOff, MemorySegment y, long yOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> {
            int i = from;
            for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
                FloatVector xv = FloatVector.fromMemorySegment(S, x, (xOff + i) * 4, LE);
                xv.mul(normalCdfLanes(xv)).intoMemorySegment(y, (yOff + i) * 4, LE);
            }
            for (; i < to; i++) put(y, yOff + i, gelu(get(x, xOff + i)));
        });
    }

    /** dx = dy * gelu'(x), where x is the forward input. */
    public static void geluBackward(MemorySegment x, long xOff, MemorySegment dy, long dyOff,
                                    MemorySegment dx, long dxOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> {
            int upper = inCdfBlocks(x, xOff, from, to,
                    (b, cdf, count) -> derivativeTimesDy(x, xOff + b, cdf, dy, dyOff + b, dx, dxOff + b, count));
            for (int i = upper; i < to; i++) put(dx, dxOff + i, geluDerivative(get(x, xOff + i)) * get(dy, dyOff + i));
        });
    }

    /**
     * y = gelu(x), then x = gelu'(x) in place: the output and the derivative from one evaluation of Phi, for a
     * backward pass that needs the output again (the next layer's weight gradient) and then the derivative. Each is
     * bit for bit what {@link #gelu} and {@link #geluBackward} compute; the derivative times dy is then a plain
     * product. x must not overlap y.
     */
    public static void geluOutputAndDerivative(MemorySegment x, long xOff, MemorySegment y, long yOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> {
            int upper = inCdfBlocks(x, xOff, from, to, (b, cdf, count) -> outputAndDerivative(x, xOff + b, cdf, y, yOff + b, count));
            for (int i = upper; i < to; i++) {
                float xi = get(x, xOff + i);
                put(y, yOff + i, gelu(xi));
                put(x, xOff + i, geluDerivative(xi));
            }
        });
    }

    /** y[i] = x[i] cdf[i] and x[i] = cdf[i] + x[i] phi(x[i]) for i below count, a whole number of vectors. */
    private static void outputAndDerivative(MemorySegment x, long xOff, float[] cdf, MemorySegment y, long yOff, int count) {
        for (int i = 0; i < count; i += S.length()) {
            FloatVector xv = FloatVector.fromMemorySegment(S, x, (xOff + i) * 4, LE);
            FloatVector c = FloatVector.fromArray(S, cdf, i);
            xv.mul(c).intoMemorySegment(y, (yOff + i) * 4, LE);
            FloatVector density = LaneMath.exp(xv.mul(-0.5f).mul(xv)).mul(INV_SQRT_2PI_F);
            xv.fma(density, c).intoMemorySegment(x, (xOff + i) * 4, LE);
        }
    }

    /*
     * GELU's backward in two passes over blocks that stay in L1, each with one exponential. In one loop body the two
     * inlined exponentials and the CDF's polynomial passed C2's inlining node cutoff: one exponential became a call,
     * its vectors were boxed, and a joint training step made 2.2 GB of garbage (measured with JFR). The bits are those
     * of the one-pass loop: the same operations in the same order. The CDF goes to a per-thread block, not to dx, so
     * that dx may still be dy's own buffer.
     */
    private static final int BACKWARD_BLOCK = 1024;
    private static final ThreadLocal<float[]> CDF_BLOCK = ThreadLocal.withInitial(() -> new float[BACKWARD_BLOCK]);

    /** The pass after Phi over one block of whole vectors: elements [start, start + count), Phi of x in cdf. */
    @FunctionalInterface
    private interface CdfBlockPass {
        void run(int start, float[] cdf, int count);
    }

    /**
     * Phi(x) for the whole vectors of [from, to), a block at a time into the thread's CDF block, each block then
     * handed to {@code pass}; returns where the scalar tail begins.
     */
    private static int inCdfBlocks(MemorySegment x, long xOff, int from, int to, CdfBlockPass pass) {
        int upper = from + S.loopBound(to - from);
        float[] cdf = CDF_BLOCK.get();
        for (int b = from; b < upper; b += BACKWARD_BLOCK) {
            int e = Math.min(upper, b + BACKWARD_BLOCK);
            normalCdfInto(x, xOff + b, cdf, e - b);
            pass.run(b, cdf, e - b);
        }
        return upper;
    }

    /** cdf[i] = Phi(x[i]) for i below count, a whole number of vectors. */
    private static void normalCdfInto(MemorySegment x, long xOff, float[] cdf, int count) {
        for (int i = 0; i < count; i += S.length()) {
            normalCdfLanes(FloatVector.fromMemorySegment(S, x, (xOff + i) * 4, LE)).intoArray(cdf, i);
        }
    }

    /** dx[i] = (cdf[i] + x[i] phi(x[i])) * dy[i] for i below count, a whole number of vectors. */
    private static void derivativeTimesDy(MemorySegment x, long xOff, float[] cdf, MemorySegment dy, long dyOff,
                                          MemorySegment dx, long dxOff, int count) {
        for (int i = 0; i < count; i += S.length()) {
            FloatVector xv = FloatVector.fromMemorySegment(S, x, (xOff + i) * 4, LE);
            FloatVector density = LaneMath.exp(xv.mul(-0.5f).mul(xv)).mul(INV_SQRT_2PI_F);
            FloatVector derivative = xv.fma(density, FloatVector.fromArray(S, cdf, i));
            derivative.mul(FloatVector.fromMemorySegment(S, dy, (dyOff + i) * 4, LE)).intoMemorySegment(dx, (dxOff + i) * 4, LE);
        }
    }

    /** y = max(x, 0) (NaN stays NaN). */
    public static void relu(MemorySegment x, long xOff, MemorySegment y, long yOff, int n) {
        Parallel.forRange(n, Elementwise.GRAIN, (from, to) -> {
            FloatVector zero = FloatVector.zero(S);
            int i = from;
            for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
                FloatVector.fromMemorySegment(S, x, (xOff + i) * 4, LE).max(zero).intoMemorySegment(y, (yOff + i) * 4, LE);
            }
            for (; i < to; i++) put(y, yOff + i, Math.max(get(x, xOff + i), 0f));
        });
    }

    /** dx = dy where the forward output y was positive, else 0 (PyTorch's rule: the gradient at 0 is 0). */
    public static void reluBackward(MemorySegment y, long yOff, MemorySegment dy, long dyOff,
                                    MemorySegment dx, long dxOff, int n) {
        Parallel.forRange(n, Elementwise.GRAIN, (from, to) -> {
            FloatVector zero = FloatVector.zero(S);
            int i = from;
            for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
                VectorMask<Float> positive = FloatVector.fromMemorySegment(S, y, (yOff + i) * 4, LE).compare(VectorOperators.GT, 0f);
                zero.blend(FloatVector.fromMemorySegment(S, dy, (dyOff + i) * 4, LE), positive)
                        .intoMemorySegment(dx, (dxOff + i) * 4, LE);
            }
            for (; i < to; i++) put(dx, dxOff + i, get(y, yOff + i) > 0f ? get(dy, dyOff + i) : 0f);
        });
    }

    // ---------------------------------------------------------------- tensor conveniences

    /** y = gelu(x); y may be x. */
    public static void gelu(Tensor x, Tensor y) {
        int n = check("gelu", x, x, y);
        gelu(x.segment(), x.offset(), y.segment(), y.offset(), n);
    }

    /** dx = dy * gelu'(x); dx may be dy. */
    public static void geluBackward(Tensor x, Tensor dy, Tensor dx) {
        int n = check("geluBackward", x, dy, dx);
        geluBackward(x.segment(), x.offset(), dy.segment(), dy.offset(), dx.segment(), dx.offset(), n);
    }

    /** y = gelu(x), then x = gelu'(x) in place (see the segment form); y must not overlap x. */
    public static void geluOutputAndDerivative(Tensor x, Tensor y) {
        int n = check("geluOutputAndDerivative", x, x, y);
        geluOutputAndDerivative(x.segment(), x.offset(), y.segment(), y.offset(), n);
    }

    /** y = relu(x); y may be x. */
    public static void relu(Tensor x, Tensor y) {
        int n = check("relu", x, x, y);
        relu(x.segment(), x.offset(), y.segment(), y.offset(), n);
    }

    /** dx = dy * [y > 0] given the forward output y; dx may be dy. */
    public static void reluBackward(Tensor y, Tensor dy, Tensor dx) {
        int n = check("reluBackward", y, dy, dx);
        reluBackward(y.segment(), y.offset(), dy.segment(), dy.offset(), dx.segment(), dx.offset(), n);
    }

    private static int check(String op, Tensor a, Tensor b, Tensor out) {
        if (a.numel() != b.numel() || a.numel() != out.numel()) {
            throw new IllegalArgumentException("Activations." + op + ": shapes " + a.shapeString() + ", "
                    + b.shapeString() + " -> " + out.shapeString());
        }
        if (!a.isContiguous() || !b.isContiguous() || !out.isContiguous()) {
            throw new IllegalArgumentException("Activations." + op + " needs contiguous tensors");
        }
        return Math.toIntExact(a.numel());
    }

    private static float get(MemorySegment s, long element) { return s.getAtIndex(Tensor.FLOAT, element); }

    private static void put(MemorySegment s, long element, float v) { s.setAtIndex(Tensor.FLOAT, element, v); }
}
