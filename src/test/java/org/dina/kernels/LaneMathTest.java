package org.dina.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LaneMathTest {
    static final int N = FloatVector.SPECIES_PREFERRED.length(), ND = DoubleVector.SPECIES_PREFERRED.length();

    static float anyFloat(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> Float.NaN;
            case 1 -> Float.POSITIVE_INFINITY;
            case 2 -> Float.NEGATIVE_INFINITY;
            case 3 -> (float) ((r.nextDouble() * 2 - 1) * 1e-6);
            case 4 -> (float) ((r.nextDouble() * 2 - 1) * 120);
            default -> (float) ((r.nextDouble() * 2 - 1) * 90);
        };
    }

    @Property(tries = 200)
    void vectorAndScalarAgreeBitForBit(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] xs = new float[N];
        for (int i = 0; i < N; i++) xs[i] = anyFloat(r);
        FloatVector v = FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, xs, 0);
        float[] e = LaneMath.exp(v).toArray();
        for (int i = 0; i < N; i++) {
            assertEquals(Float.floatToIntBits(LaneMath.exp(xs[i])), Float.floatToIntBits(e[i]), "float exp(" + xs[i] + ")");
        }
        float[] finite = new float[N];
        for (int i = 0; i < N; i++) finite[i] = (float) ((r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(6)));
        assertEquals(Float.floatToIntBits(LaneMath.sum(finite)),
                Float.floatToIntBits(LaneMath.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, finite, 0))), "sum");
        double[] xd = new double[ND];
        for (int i = 0; i < ND; i++) xd[i] = r.nextInt(10) == 0 ? Double.NaN : (r.nextDouble() * 2 - 1) * 800;
        double[] ed = LaneMath.exp(DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, xd, 0)).toArray();
        for (int i = 0; i < ND; i++) {
            assertEquals(Double.doubleToLongBits(LaneMath.exp(xd[i])), Double.doubleToLongBits(ed[i]), "double exp(" + xd[i] + ")");
        }
    }

    @Test
    void floatExpIsWithinTwoUlps() {
        int worst = 0;
        for (float x = -86.5f; x <= 88.72f; x += 0.000731f) {
            float exact = (float) Math.exp(x), got = LaneMath.exp(x);
            int ulps = Math.abs(Float.floatToIntBits(got) - Float.floatToIntBits(exact));
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 2, "worst float exp error " + worst + " ulps");
        assertEquals(1f, LaneMath.exp(0f));
        assertEquals(0f, LaneMath.exp(-100f));
        assertEquals(Float.POSITIVE_INFINITY, LaneMath.exp(89f));
        assertTrue(Float.isNaN(LaneMath.exp(Float.NaN)));
    }

    @Test
    void doubleExpIsAccurate() {
        double worst = 0;
        for (double x = -700; x <= 700; x += 0.0137) {
            worst = Math.max(worst, Math.abs(LaneMath.exp(x) / StrictMath.exp(x) - 1));
        }
        if (worst > 1e-15) fail("double exp relative error " + worst);
        assertEquals(1.0, LaneMath.exp(0.0));
        assertEquals(0.0, LaneMath.exp(-800.0));
    }
}
