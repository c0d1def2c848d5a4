package org.dina.eval.baselines;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.kernels.Parallel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

class DenseOpsTest {
    @Property(tries = 60)
    void productsAgreeWithEjml(@ForAll @IntRange(min = 1, max = 13) int m, @ForAll @IntRange(min = 1, max = 11) int n,
                               @ForAll @IntRange(min = 1, max = 17) int k, @ForAll @IntRange(min = 0, max = 999) int seed) {
        Random r = new Random(seed);
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(m, k, -1, 1, r), b = RandomMatrices_DDRM.rectangle(k, n, -1, 1, r);
        DMatrixRMaj bt = RandomMatrices_DDRM.rectangle(n, k, -1, 1, r), at = RandomMatrices_DDRM.rectangle(k, m, -1, 1, r);
        DMatrixRMaj expected = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(a, b, expected);
        assertArrayEquals(expected.data, DenseOps.mult(a, b).data, 1e-12);
        CommonOps_DDRM.multTransB(a, bt, expected);
        assertArrayEquals(expected.data, DenseOps.multTransB(a, bt).data, 1e-12);
        CommonOps_DDRM.multTransA(at, b, expected);
        assertArrayEquals(expected.data, DenseOps.multTransA(at, b).data, 1e-12);
    }

    @Test
    void sameBitsOnOneOrTwoThreads() {
        Random r = new Random(3);
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(257, 129, -1, 1, r), b = RandomMatrices_DDRM.rectangle(129, 65, -1, 1, r);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            double[] m1 = DenseOps.mult(a, b).data, t1 = DenseOps.multTransB(a, a).data, ta1 = DenseOps.multTransA(a, a).data;
            Parallel.setThreads(2);
            assertArrayEquals(m1, DenseOps.mult(a, b).data);
            assertArrayEquals(t1, DenseOps.multTransB(a, a).data);
            assertArrayEquals(ta1, DenseOps.multTransA(a, a).data);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void mismatchedShapesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenseOps.mult(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 2)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 2]"), e.getMessage());
    }

    @Test
    void pearsonMatchesTheDefinition() {
        DMatrixRMaj q = new DMatrixRMaj(new double[][] {{1, 2, 3, 4}, {4, 3, 2, 1}, {1, 1, 1, 1}});
        DMatrixRMaj c = new DMatrixRMaj(new double[][] {{2, 4, 6, 8.5}, {0, 1, 0, 1}});
        float[][] s = Correlation.pearson(q, c);
        assertEquals(pearson(q, 0, c, 0), s[0][0], 1e-6);
        assertEquals(pearson(q, 1, c, 1), s[1][1], 1e-6);
        assertEquals(-s[0][1], s[1][1], 1e-6, "a reversed row flips the sign");
        assertEquals(0f, s[2][0], "a constant row correlates 0, not NaN");
    }

    private static double pearson(DMatrixRMaj a, int i, DMatrixRMaj b, int j) {
        int n = a.numCols;
        double ma = 0, mb = 0;
        for (int k = 0; k < n; k++) { ma += a.get(i, k) / n; mb += b.get(j, k) / n; }
        double sab = 0, saa = 0, sbb = 0;
        for (int k = 0; k < n; k++) {
            double x = a.get(i, k) - ma, y = b.get(j, k) - mb;
            sab += x * y; saa += x * x; sbb += y * y;
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
