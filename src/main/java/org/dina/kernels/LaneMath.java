package org.dina.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lane reductions and exponentials whose bits do not depend on the JIT.
 *
 * <p>Why: {@code reduceLanes(ADD)} leaves the order of its additions unspecified, and {@code lanewise(EXP)} is
 * computed by a different routine in compiled code (a vector math library) than in the interpreter's fallback
 * (one {@code Math.exp} per lane). Both were seen to change the last bit of a result when a loop moved from one
 * tier to another mid-run, which breaks bit-for-bit determinism. Everything here uses only IEEE-exact operations
 * (add, multiply, fused multiply-add, conversions, bit shifts, lane permutations), so interpreted, compiled, vector
 * and scalar evaluations agree bit for bit; each vector method has a scalar twin with the same operations.
 *
 * <p>exp: x = k ln2 + r with k = round(x / ln2) and |r| ≤ ln2 / 2 (ln2 split in a high and a low part so that r is
 * exact to well below an ulp); exp(r) by its Taylor polynomial (degree 7 in float: truncation below 6e-9 relative;
 * degree 12 in double: below 2e-16); then scaled by 2^k through the exponent bits. Float results below 3e-38 are
 * flushed to 0 (no subnormals), double results below 1e-304 likewise.
 */
public final class LaneMath {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Shuffles moving lane i + w to lane i, for w = len/2, len/4, ..., 1: a fixed pairwise summation tree. */
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Float>[] HALVES = halves();

    private static final float LOG2E_F = (float) 1.4426950408889634;
    private static final float LN2_HI_F = (float) 0.6931471805599453;
    private static final float LN2_LO_F = (float) (0.6931471805599453 - LN2_HI_F);
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer held in the low mantissa bits. */
    private static final float ROUND_F = 12582912f;
    private static final int ROUND_F_BITS = Float.floatToRawIntBits(ROUND_F);
    private static final float EXP_MAX_F = 88.72283f;  // exp of anything larger overflows float
    private static final float EXP_MIN_F = -86.5f;     // keeps 2^(k-1) a normal float
    private static final float[] TAYLOR_F = taylor(7); // the vector exp spells out these 8 terms

    // the fused multiply-adds make x - k * LN2_HI exact before its one rounding, so the high part need not have
    // spare low bits: it is ln 2 rounded to double, and the low part is what that rounding left out
    // (ln 2 = 0.693147180559945309417232121458..., its double is 0.693147180559945286226763982995...)
    private static final double LN2_HI = 0.6931471805599453;
    private static final double LN2_LO = 2.3190468138462996e-17;
    private static final double LOG2E_D = 1.4426950408889634;
    private static final double ROUND_D = 6755399441055744.0; // 1.5 * 2^52
    private static final long ROUND_D_BITS = Double.doubleToRawLongBits(ROUND_D);
    private static final double EXP_LIMIT_D = 700;
    private static final double[] TAYLOR_D = taylorDouble(12);

    private LaneMath() {}

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] halves() {
        int n = Integer.numberOfTrailingZeros(S.length());
        VectorShuffle<Float>[] out = new VectorShuffle[n];
        for (int i = 0, w = S.length() / 2; w >= 1; i++, w /= 2) out[i] = VectorShuffle.iota(S, w, 1, true);
        return out;
    }

    private static float[] taylor(int degree) {
        float[] c = new float[degree + 1];
        double f = 1;
        for (int n = 0; n <= degree; n++) {
            if (n > 0) f *= n;
            c[n] = (float) (1 / f);
        }
        return c;
    }

    private static double[] taylorDouble(int degree) {
        double[] c = new double[degree + 1];
        double f = 1;
        for (int n = 0; n <= degree; n++) {
            if (n > 0) f *= n;
            c[n] = 1 / f;
        }
        return c;
    }

    // ---------------------------------------------------------------- sums

    /** Sum of the lanes of v by a fixed pairwise tree (lane 0 ends up holding it). */
    public static float sum(FloatVector v) {
        for (VectorShuffle<Float> sh : HALVES) v = v.add(v.rearrange(sh));
        return v.lane(0);
    }

    /** Scalar twin of {@link #sum(FloatVector)}: the same tree over an array of {@code S.length()} values. */
    public static float sum(float[] lanes) {
        float[] t = lanes.clone();
        for (int w = t.length / 2; w >= 1; w /= 2) {
            for (int i = 0; i < w; i++) t[i] = t[i] + t[i + w];
        }
        return t[0];
    }

    // ---------------------------------------------------------------- float exp

    /** e^x in float lanes of the preferred species (within 2 ulp; below 3e-38 gives 0; NaN stays NaN). */
    public static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN_F).min(EXP_MAX_F);
        FloatVector t = xc.fma(LOG2E_F, ROUND_F);
        FloatVector k = t.sub(ROUND_F);
        FloatVector r = k.neg().fma(FloatVector.broadcast(S, LN2_HI_F), xc);
        r = k.neg().fma(FloatVector.broadcast(S, LN2_LO_F), r);
        // Horner's rule written out: a vector carried through a loop here is sometimes boxed by C2 once this method is
        // inlined into a big kernel (measured: 17-36 GB of garbage per joint training step, 1.6x the step time)
        float[] c = TAYLOR_F;
        FloatVector p = FloatVector.broadcast(S, c[7]).fma(r, FloatVector.broadcast(S, c[6]))
                .fma(r, FloatVector.broadcast(S, c[5])).fma(r, FloatVector.broadcast(S, c[4]))
                .fma(r, FloatVector.broadcast(S, c[3])).fma(r, FloatVector.broadcast(S, c[2]))
                .fma(r, FloatVector.broadcast(S, c[1])).fma(r, FloatVector.broadcast(S, c[0]));
        FloatVector halfScale = t.reinterpretAsInts().sub(ROUND_F_BITS - 126)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector y = p.mul(halfScale).mul(2f);
        VectorMask<Float> over = x.compare(VectorOperators.GT, EXP_MAX_F);
        VectorMask<Float> under = x.compare(VectorOperators.LT, EXP_MIN_F);
        return y.blend(Float.POSITIVE_INFINITY, over).blend(0f, under);
    }

    /** Scalar twin of {@link #exp(FloatVector)}, bit for bit. */
    public static float exp(float x) {
        if (x > EXP_MAX_F) return Float.POSITIVE_INFINITY;
        if (x < EXP_MIN_F) return 0f;
        float xc = Math.min(Math.max(x, EXP_MIN_F), EXP_MAX_F);
        float t = Math.fma(xc, LOG2E_F, ROUND_F);
        float k = t - ROUND_F;
        float r = Math.fma(-k, LN2_HI_F, xc);
        r = Math.fma(-k, LN2_LO_F, r);
        float p = TAYLOR_F[TAYLOR_F.length - 1];
        for (int n = TAYLOR_F.length - 2; n >= 0; n--) p = Math.fma(p, r, TAYLOR_F[n]);
        float halfScale = Float.intBitsToFloat((Float.floatToRawIntBits(t) - (ROUND_F_BITS - 126)) << 23);
        return p * halfScale * 2f;
    }

    // ---------------------------------------------------------------- double exp

    /** e^x in double lanes of the preferred species (relative error about 3e-16; below 1e-304 gives 0; above 700 clamps to e^700). */
    public static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(-EXP_LIMIT_D).min(EXP_LIMIT_D);
        DoubleVector t = xc.fma(LOG2E_D, ROUND_D);
        DoubleVector k = t.sub(ROUND_D);
        DoubleVector r = k.neg().fma(DoubleVector.broadcast(D, LN2_HI), xc);
        r = k.neg().fma(DoubleVector.broadcast(D, LN2_LO), r);
        DoubleVector p = DoubleVector.broadcast(D, TAYLOR_D[TAYLOR_D.length - 1]);
        for (int n = TAYLOR_D.length - 2; n >= 0; n--) p = p.fma(r, DoubleVector.broadcast(D, TAYLOR_D[n]));
        DoubleVector scale = t.reinterpretAsLongs().sub(ROUND_D_BITS - 1023)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(scale).blend(0.0, x.compare(VectorOperators.LT, -EXP_LIMIT_D));
    }

    /** Scalar twin of {@link #exp(DoubleVector)}, bit for bit. */
    public static double exp(double x) {
        if (x < -EXP_LIMIT_D) return 0.0;
        double xc = Math.min(Math.max(x, -EXP_LIMIT_D), EXP_LIMIT_D);
        double t = Math.fma(xc, LOG2E_D, ROUND_D);
        double k = t - ROUND_D;
        double r = Math.fma(-k, LN2_HI, xc);
        r = Math.fma(-k, LN2_LO, r);
        double p = TAYLOR_D[TAYLOR_D.length - 1];
        for (int n = TAYLOR_D.length - 2; n >= 0; n--) p = Math.fma(p, r, TAYLOR_D[n]);
        return p * Double.longBitsToDouble((Double.doubleToRawLongBits(t) - (ROUND_D_BITS - 1023)) << 52);
    }
}
