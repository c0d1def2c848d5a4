package org.dina.model.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FastExpTest {
    private static final int V = FloatVector.SPECIES_PREFERRED.length();

    private static float[] vectorExp(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i += V) {
            float[] lane = new float[V];
            System.arraycopy(x, i, lane, 0, Math.min(V, x.length - i));
            float[] e = new float[V];
            FastExp.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, lane, 0)).intoArray(e, 0);
            System.arraycopy(e, 0, out, i, Math.min(V, x.length - i));
        }
        return out;
    }

    @Property(tries = 200)
    void vectorAndScalarGiveTheSameBits(@ForAll @FloatRange(min = -120f, max = 100f) float x0,
                                        @ForAll @IntRange(min = 1, max = 40) int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = x0 - 0.731f * i;
        float[] v = vectorExp(x);
        for (int i = 0; i < len; i++) {
            assertEquals(Float.floatToRawIntBits(FastExpScalar.scalar(x[i])), Float.floatToRawIntBits(v[i]), "exp(" + x[i] + ")");
        }
    }

    @Test
    void withinOneUlpOfMathExpOverTheNormalRange() {
        double worst = 0;
        for (float x = FastExp.MIN_INPUT; x <= FastExp.MAX_INPUT; x += 0.00731f) {
            float got = FastExpScalar.scalar(x);
            double want = Math.exp(x);
            worst = Math.max(worst, Math.abs(got - want) / Math.ulp((float) want));
        }
        assertTrue(worst <= 1.0, "worst error " + worst + " ulp");
        assertEquals(1f, FastExpScalar.scalar(0f));
    }

    @Test
    void flushesBelowTheNormalRangeAndStaysFiniteAbove() {
        assertEquals(0f, FastExpScalar.scalar(-88f));
        assertEquals(0f, FastExpScalar.scalar(Float.NEGATIVE_INFINITY));
        assertEquals(0f, vectorExp(new float[] {Float.NEGATIVE_INFINITY})[0]);
        assertTrue(Float.isFinite(FastExpScalar.scalar(1000f)));
        assertTrue(FastExpScalar.scalar(FastExp.MIN_INPUT) > 0f);
    }
}
