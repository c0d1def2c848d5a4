package org.dina.model.neural;

import java.lang.foreign.MemorySegment;
import org.dina.tensor.Tensor;

/**
 * Scalar twins of {@link RankOneRows}: the same arguments and layouts plus the true key count {@code n}, plain
 * loops over the n real keys (padding ignored), one element at a time, sums in key order. The reference the
 * vector kernels are tested against: scores and maxima agree to the bit, sums to rounding.
 */
final class RankOneRowsScalar {
    private RankOneRowsScalar() {}

    private static float at(MemorySegment s, long i) {
        return s.getAtIndex(Tensor.FLOAT, i);
    }

    private static float score(RankOneTableSet t, long rowOff, int j, float ri, float rj) {
        long e = rowOff + j;
        // fused exactly as the vector kernels are, so scores (and row maxima) agree to the bit
        return Math.fma(Math.fma(rj, at(t.a(), e), at(t.b(), e)), ri, Math.fma(rj, at(t.c(), e), at(t.d(), e)));
    }

    static void rowMax(RankOneTableSet t, long rowOff, int n, int batch, MemorySegment panel, float[] ri, float[] m) {
        for (int b = 0; b < batch; b++) {
            float mx = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                mx = Math.max(mx, score(t, rowOff, j, ri[b], at(panel, RankOneRows.panelIndex(batch, b, j))));
            }
            m[b] = mx;
        }
    }

    static void rowSums(RankOneTableSet t, long rowOff, int n, int batch, MemorySegment panel,
                        float[] ri, float[] m, float[] l, float[] num) {
        for (int b = 0; b < batch; b++) {
            float sl = 0f, sn = 0f;
            for (int j = 0; j < n; j++) {
                float rj = at(panel, RankOneRows.panelIndex(batch, b, j));
                float e = FastExpScalar.scalar(score(t, rowOff, j, ri[b], rj) - m[b]);
                sl += e;
                sn += e * (rj * at(t.h(), rowOff + j) + at(t.hPrime(), rowOff + j));
            }
            l[b] = sl;
            num[b] = sn;
        }
    }

    static void rowBackward(RankOneTableSet t, long rowOff, int n, int batch, MemorySegment panel,
                            float[] ri, float[] m, float[] w, float[] o,
                            RankOneTableSet g, long gRowOff, MemorySegment drPanel, float[] drRow) {
        for (int j = 0; j < n; j++) {
            long e = rowOff + j;
            float a = at(t.a(), e), bb = at(t.b(), e), c = at(t.c(), e), h = at(t.h(), e), h2 = at(t.hPrime(), e);
            float ga = 0f, gb = 0f, gc = 0f, gd = 0f, gh = 0f, gh2 = 0f;
            for (int b = 0; b < batch; b++) {
                long pi = RankOneRows.panelIndex(batch, b, j);
                float rj = at(panel, pi);
                float p = FastExpScalar.scalar(score(t, rowOff, j, ri[b], rj) - m[b]);
                float tw = p * w[b];
                float gs = tw * ((rj * h + h2) - o[b]);
                ga += gs * rj * ri[b];
                gb += gs * ri[b];
                gc += gs * rj;
                gd += gs;
                gh += tw * rj;
                gh2 += tw;
                drPanel.setAtIndex(Tensor.FLOAT, pi, at(drPanel, pi) + gs * (ri[b] * a + c) + tw * h);
            }
            long go = gRowOff + j;
            g.a().setAtIndex(Tensor.FLOAT, go, ga);
            g.b().setAtIndex(Tensor.FLOAT, go, gb);
            g.c().setAtIndex(Tensor.FLOAT, go, gc);
            g.d().setAtIndex(Tensor.FLOAT, go, gd);
            g.h().setAtIndex(Tensor.FLOAT, go, gh);
            g.hPrime().setAtIndex(Tensor.FLOAT, go, gh2);
        }
        for (int b = 0; b < batch; b++) {
            float s = 0f;
            for (int j = 0; j < n; j++) {
                float rj = at(panel, RankOneRows.panelIndex(batch, b, j));
                float p = FastExpScalar.scalar(score(t, rowOff, j, ri[b], rj) - m[b]);
                float tw = p * w[b];
                float gs = tw * ((rj * at(t.h(), rowOff + j) + at(t.hPrime(), rowOff + j)) - o[b]);
                s += gs * (rj * at(t.a(), rowOff + j) + at(t.b(), rowOff + j));
            }
            drRow[b] = s;
        }
    }

    static void rowProbabilitySum(RankOneTableSet t, long rowOff, int n, int batch, MemorySegment panel,
                                  float[] ri, float[] m, float[] invL, MemorySegment dest, long destOff) {
        for (int j = 0; j < n; j++) {
            float s = 0f;
            for (int b = 0; b < batch; b++) {
                float rj = at(panel, RankOneRows.panelIndex(batch, b, j));
                s += FastExpScalar.scalar(score(t, rowOff, j, ri[b], rj) - m[b]) * invL[b];
            }
            dest.setAtIndex(Tensor.FLOAT, destOff + j, at(dest, destOff + j) + s);
        }
    }
}
