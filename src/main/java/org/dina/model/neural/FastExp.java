package org.dina.model.neural;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp(x) in float32 for softmax inner loops, lane-wise. Its scalar twin, which gives the same bits, is the tests'
 * {@code FastExpScalar} (the constants are package-private for it).
 *
 * <p>Range reduction x = k ln2 + f (Cody–Waite split of ln2, |f| ≤ ln2/2), a degree-7 polynomial for e^f (the
 * Cephes expf coefficients, about one ulp), and 2^k applied by adding k to the exponent bits. Inputs below
 * {@link #MIN_INPUT} return 0 (Math.exp would give a denormal under 1.2e-38); inputs above {@link #MAX_INPUT} are
 * clamped, so the result stays finite. The JDK's {@code lanewise(EXP)} is slower here and differs in the last bit
 * between its vector and scalar forms.
 */
public final class FastExp {
    /** Below this the result is flushed to 0; at it, k = -126 and e^f >= 1, so the bit trick stays normal. */
    public static final float MIN_INPUT = -87.33f;
    /** Inputs above this are clamped (exp(88.7) is close to Float.MAX_VALUE). */
    public static final float MAX_INPUT = 88.7f;

    static final float LOG2E = 1.44269504088896341f;
    static final float ROUND_MAGIC = 12582912f; // 1.5 * 2^23: adding and subtracting rounds to an integer
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f,
            P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    private FastExp() {}

    /** Lane-wise exp of {@code x}; same bits as the scalar twin in every lane. */
    public static FloatVector exp(FloatVector x) {
        VectorSpecies<Float> s = x.species();
        VectorMask<Float> under = x.compare(VectorOperators.LT, MIN_INPUT);
        FloatVector xc = x.max(MIN_INPUT).min(MAX_INPUT);
        FloatVector k = xc.fma(FloatVector.broadcast(s, LOG2E), FloatVector.broadcast(s, ROUND_MAGIC)).sub(ROUND_MAGIC);
        FloatVector f = k.fma(FloatVector.broadcast(s, -LN2_HI), xc);
        f = k.fma(FloatVector.broadcast(s, -LN2_LO), f);
        FloatVector z = f.mul(f);
        FloatVector p = f.fma(FloatVector.broadcast(s, P0), FloatVector.broadcast(s, P1));
        p = p.fma(f, FloatVector.broadcast(s, P2));
        p = p.fma(f, FloatVector.broadcast(s, P3));
        p = p.fma(f, FloatVector.broadcast(s, P4));
        p = p.fma(f, FloatVector.broadcast(s, P5));
        p = p.fma(z, f).add(1f);
        IntVector ki = (IntVector) k.convert(VectorOperators.F2I, 0);
        IntVector bits = ((IntVector) p.reinterpretAsInts()).add(ki.lanewise(VectorOperators.LSHL, 23));
        return bits.reinterpretAsFloats().blend(0f, under);
    }
}
