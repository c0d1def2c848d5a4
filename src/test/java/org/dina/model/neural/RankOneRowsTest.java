package org.dina.model.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;

/** The vector row kernels against their scalar twins, on key counts that are not multiples of the vector length. */
class RankOneRowsTest {
    private static final int V = RankOneRows.V;

    /** Random tables for `rows` rows of n keys (padded as the real tables are) and a random panel. */
    private record Case(int n, int np, int batch, RankOneTableSet t, MemorySegment panel, float[] ri) {}

    private static MemorySegment seg(long floats) {
        return Tensor.zeros((int) floats).segment();
    }

    private static Case randomCase(int n, int batch, long seed) {
        int np = RankOneRows.paddedWidth(n);
        SplittableRandom r = new SplittableRandom(seed);
        MemorySegment[] tab = new MemorySegment[6];
        for (int k = 0; k < 6; k++) {
            tab[k] = seg(2L * np);
            for (int row = 0; row < 2; row++) {
                for (int j = 0; j < np; j++) {
                    float v = j < n ? (float) (r.nextDouble() * 4 - 2) : (k == 3 ? Float.NEGATIVE_INFINITY : 0f);
                    tab[k].setAtIndex(Tensor.FLOAT, (long) row * np + j, v);
                }
            }
        }
        MemorySegment panel = seg((long) np * batch);
        float[] ri = new float[batch];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < n; j++) panel.setAtIndex(Tensor.FLOAT, RankOneRows.panelIndex(batch, b, j), (float) r.nextDouble() * 2 - 0.5f);
            ri[b] = (float) r.nextDouble();
        }
        return new Case(n, np, batch, new RankOneTableSet(tab[0], tab[1], tab[2], tab[3], tab[4], tab[5]), panel, ri);
    }

    private static void close(String what, float expected, float actual, float scale) {
        float tol = 2e-6f * Math.max(scale, Math.abs(expected)) + 1e-7f;
        assertTrue(Math.abs(expected - actual) <= tol, what + ": vector " + actual + " vs scalar " + expected);
    }

    @Property(tries = 120)
    void forwardKernelsMatchScalar(@ForAll @IntRange(min = 1, max = 70) int n, @ForAll @IntRange(min = 1, max = 6) int batch,
                                   @ForAll @IntRange(min = 0, max = 1) int row, @ForAll long seed) {
        Case c = randomCase(n, batch, seed);
        long rowOff = (long) row * c.np;
        float[] mv = new float[batch], ms = new float[batch];
        RankOneRows.rowMax(c.t, rowOff, c.np / V, batch, c.panel, c.ri, new float[batch * V], mv);
        RankOneRowsScalar.rowMax(c.t, rowOff, n, batch, c.panel, c.ri, ms);
        for (int b = 0; b < batch; b++) assertEquals(ms[b], mv[b], "max of sample " + b);
        float[] lv = new float[batch], nv = new float[batch], ls = new float[batch], ns = new float[batch];
        RankOneRows.rowSums(c.t, rowOff, c.np / V, batch, c.panel, c.ri, ms, new float[batch * V], new float[batch * V], lv, nv);
        RankOneRowsScalar.rowSums(c.t, rowOff, n, batch, c.panel, c.ri, ms, ls, ns);
        for (int b = 0; b < batch; b++) {
            close("sum " + b, ls[b], lv[b], ls[b]);
            close("numerator " + b, ns[b], nv[b], ls[b] * 4);
        }
        float[] invL = new float[batch];
        for (int b = 0; b < batch; b++) invL[b] = 1f / ls[b];
        MemorySegment pv = seg(c.np + 3), ps = seg(c.np + 3);
        RankOneRows.rowProbabilitySum(c.t, rowOff, c.np / V, batch, c.panel, c.ri, ms, invL, pv, 0);
        RankOneRowsScalar.rowProbabilitySum(c.t, rowOff, n, batch, c.panel, c.ri, ms, invL, ps, 0);
        for (int j = 0; j < c.np; j++) {
            close("probability sum " + j, ps.getAtIndex(Tensor.FLOAT, j), pv.getAtIndex(Tensor.FLOAT, j), 1f);
        }
    }

    @Property(tries = 120)
    void backwardKernelMatchesScalar(@ForAll @IntRange(min = 1, max = 70) int n, @ForAll @IntRange(min = 1, max = 6) int batch,
                                     @ForAll @IntRange(min = 0, max = 1) int row, @ForAll long seed) {
        Case c = randomCase(n, batch, seed);
        long rowOff = (long) row * c.np;
        float[] m = new float[batch], l = new float[batch], num = new float[batch];
        RankOneRowsScalar.rowMax(c.t, rowOff, n, batch, c.panel, c.ri, m);
        RankOneRowsScalar.rowSums(c.t, rowOff, n, batch, c.panel, c.ri, m, l, num);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        float[] w = new float[batch], o = new float[batch];
        for (int b = 0; b < batch; b++) {
            w[b] = (float) (r.nextDouble() * 2 - 1) / l[b];
            o[b] = num[b] / l[b];
        }
        RankOneTableSet gv = randomCase(n, 1, 1).t, gs = randomCase(n, 1, 2).t;   // garbage that must be overwritten
        MemorySegment drv = seg((long) c.np * batch), drs = seg((long) c.np * batch);
        for (long k = 0; k < (long) c.np * batch; k++) {
            float init = (float) r.nextDouble();
            drv.setAtIndex(Tensor.FLOAT, k, init);
            drs.setAtIndex(Tensor.FLOAT, k, init);
        }
        float[] rowv = new float[batch], rows = new float[batch];
        RankOneRows.rowBackward(c.t, rowOff, c.np / V, batch, c.panel, c.ri, m, w, o, gv, c.np, drv, new float[batch * V], rowv);
        RankOneRowsScalar.rowBackward(c.t, rowOff, n, batch, c.panel, c.ri, m, w, o, gs, c.np, drs, rows);
        for (int b = 0; b < batch; b++) close("query-side dr " + b, rows[b], rowv[b], 8f);
        MemorySegment[] sv = {gv.a(), gv.b(), gv.c(), gv.d(), gv.h(), gv.hPrime()};
        MemorySegment[] ss = {gs.a(), gs.b(), gs.c(), gs.d(), gs.h(), gs.hPrime()};
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < n; j++) {
                close("table gradient " + k + " key " + j, ss[k].getAtIndex(Tensor.FLOAT, c.np + j), sv[k].getAtIndex(Tensor.FLOAT, c.np + j), 2f);
            }
            for (int j = n; j < c.np; j++) assertEquals(0f, sv[k].getAtIndex(Tensor.FLOAT, c.np + j), "padding gradient");
        }
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < n; j++) {
                long pi = RankOneRows.panelIndex(batch, b, j);
                close("key-side dr " + b + "," + j, drs.getAtIndex(Tensor.FLOAT, pi), drv.getAtIndex(Tensor.FLOAT, pi), 4f);
            }
        }
    }

    @Property(tries = 100)
    void backwardOverKeyTilesMatchesWholeRow(@ForAll @IntRange(min = 1, max = 90) int n, @ForAll @IntRange(min = 1, max = 5) int batch,
                                             @ForAll @IntRange(min = 1, max = 4) int tileBlocks, @ForAll long seed) {
        Case c = randomCase(n, batch, seed);
        int blocks = c.np / V;
        float[] m = new float[batch], l = new float[batch], num = new float[batch];
        RankOneRowsScalar.rowMax(c.t, 0, n, batch, c.panel, c.ri, m);
        RankOneRowsScalar.rowSums(c.t, 0, n, batch, c.panel, c.ri, m, l, num);
        SplittableRandom r = new SplittableRandom(seed + 17);
        float[] w = new float[batch], o = new float[batch];
        for (int b = 0; b < batch; b++) {
            w[b] = (float) (r.nextDouble() * 2 - 1) / l[b];
            o[b] = num[b] / l[b];
        }
        RankOneTableSet whole = randomCase(n, 1, 3).t, tiled = randomCase(n, 1, 4).t;
        MemorySegment drWhole = seg((long) c.np * batch), drTiled = seg((long) c.np * batch);
        float[] rowWhole = new float[batch];
        RankOneRows.rowBackward(c.t, 0, blocks, batch, c.panel, c.ri, m, w, o, whole, 0, drWhole, new float[batch * V], rowWhole);
        // the tiled form with its inputs at offsets, as ShortcutNeuralAttention calls it
        int off = 3;
        float[] ri = shifted(c.ri, off), ms = shifted(m, off), ws = shifted(w, off), os = shifted(o, off);
        float[] rowTiled = new float[batch + 2 * off];
        for (int q0 = 0; q0 < blocks; q0 += tileBlocks) {
            RankOneRows.rowBackward(c.t, 0, q0, Math.min(blocks, q0 + tileBlocks), batch, c.panel, ri, off, ms, ws, os, off,
                    tiled, 0, drTiled, new float[batch * V], rowTiled, 2 * off);
        }
        MemorySegment[] sw = {whole.a(), whole.b(), whole.c(), whole.d(), whole.h(), whole.hPrime()};
        MemorySegment[] st = {tiled.a(), tiled.b(), tiled.c(), tiled.d(), tiled.h(), tiled.hPrime()};
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < c.np; j++) {
                assertEquals(sw[k].getAtIndex(Tensor.FLOAT, j), st[k].getAtIndex(Tensor.FLOAT, j), "table gradient " + k + " key " + j);
            }
        }
        assertEquals(-1, drWhole.mismatch(drTiled), "key-side dr must not depend on the tiling");
        for (int b = 0; b < batch; b++) close("query-side dr " + b, rowWhole[b], rowTiled[2 * off + b], 8f);
    }

    private static float[] shifted(float[] v, int off) {
        float[] out = new float[v.length + off];
        System.arraycopy(v, 0, out, off, v.length);
        return out;
    }
}
