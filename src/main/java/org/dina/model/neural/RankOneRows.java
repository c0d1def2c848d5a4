package org.dina.model.neural;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector kernels of the rank-1 shortcut: one query row i of one head, for every sample of the batch, in O(N) per
 * sample with no per-sample N×N matrix. Scalar twins with the same arguments: {@code RankOneRowsScalar} (in the tests).
 *
 * <p>Layouts. A table row starts at element {@code rowOff} and is padded to {@code blocks * V} columns; padding
 * columns hold 0 except in table d, where they hold -inf, so padded keys get probability exactly 0 and contribute
 * nothing, and the loops need no masks. The responses come as a panel: element (b, j) of r [B, N] lives at
 * ((j / V) * B + b) * V + j % V, so for one block of V keys the whole batch is one contiguous run (loops go over
 * key blocks outside and samples inside, keeping the six table vectors and six gradient accumulators in
 * registers). Per-sample scalars of row i (r_i, row max, ...) come in float arrays indexed by sample.
 *
 * <p>The softmax streams each row twice (max, then sums) instead of once with running rescaling: the max pass
 * costs about a fifth of the sum pass, while rescaling would need a second exp per element.
 */
final class RankOneRows {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector, the panel width. */
    static final int V = S.length();
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final long VB = (long) V * Float.BYTES;

    private RankOneRows() {}

    /**
     * The V lanes stored at {@code off}, added in lane order. Not reduceLanes(ADD): its order is unspecified, and
     * the compiled and interpreted forms differ in the last bit, which would make results depend on JIT timing.
     */
    static float sumLanes(float[] buf, int off) {
        float s = 0f;
        for (int k = 0; k < V; k++) s += buf[off + k];
        return s;
    }

    /** Columns of a padded row for {@code n} keys. */
    static int paddedWidth(int n) {
        return (n + V - 1) / V * V;
    }

    /** Element offset of r[b, j] in a panel of {@code batch} samples. */
    static long panelIndex(int batch, int b, int j) {
        return ((long) (j / V) * batch + b) * V + j % V;
    }

    /** m[b] = max_j s_bij for b < batch. {@code vmax} is scratch of batch * V floats. */
    static void rowMax(RankOneTableSet t, long rowOff, int blocks, int batch, MemorySegment panel,
                       float[] ri, float[] vmax, float[] m) {
        MemorySegment ta = t.a(), tb = t.b(), tc = t.c(), td = t.d();
        FloatVector ninf = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int b = 0; b < batch; b++) ninf.intoArray(vmax, b * V);
        for (int q = 0; q < blocks; q++) {
            long to = (rowOff + (long) q * V) * Float.BYTES;
            FloatVector a = FloatVector.fromMemorySegment(S, ta, to, LE);
            FloatVector bb = FloatVector.fromMemorySegment(S, tb, to, LE);
            FloatVector c = FloatVector.fromMemorySegment(S, tc, to, LE);
            FloatVector d = FloatVector.fromMemorySegment(S, td, to, LE);
            long ro = (long) q * batch * VB;
            for (int b = 0; b < batch; b++, ro += VB) {
                FloatVector r = FloatVector.fromMemorySegment(S, panel, ro, LE);
                FloatVector s = r.fma(a, bb).fma(FloatVector.broadcast(S, ri[b]), r.fma(c, d));
                FloatVector.fromArray(S, vmax, b * V).max(s).intoArray(vmax, b * V);
            }
        }
        for (int b = 0; b < batch; b++) m[b] = FloatVector.fromArray(S, vmax, b * V).reduceLanes(VectorOperators.MAX);
    }

    /**
     * Softmax sums of row i: l[b] = Σ_j exp(s_bij - m[b]) and num[b] = Σ_j exp(s_bij - m[b]) v_bij.
     * {@code vsum} and {@code vnum} are scratch of batch * V floats.
     */
    static void rowSums(RankOneTableSet t, long rowOff, int blocks, int batch, MemorySegment panel,
                        float[] ri, float[] m, float[] vsum, float[] vnum, float[] l, float[] num) {
        MemorySegment ta = t.a(), tb = t.b(), tc = t.c(), td = t.d(), th = t.h(), th2 = t.hPrime();
        FloatVector zero = FloatVector.zero(S);
        for (int b = 0; b < batch; b++) {
            zero.intoArray(vsum, b * V);
            zero.intoArray(vnum, b * V);
        }
        for (int q = 0; q < blocks; q++) {
            long to = (rowOff + (long) q * V) * Float.BYTES;
            FloatVector a = FloatVector.fromMemorySegment(S, ta, to, LE);
            FloatVector bb = FloatVector.fromMemorySegment(S, tb, to, LE);
            FloatVector c = FloatVector.fromMemorySegment(S, tc, to, LE);
            FloatVector d = FloatVector.fromMemorySegment(S, td, to, LE);
            FloatVector h = FloatVector.fromMemorySegment(S, th, to, LE);
            FloatVector h2 = FloatVector.fromMemorySegment(S, th2, to, LE);
            long ro = (long) q * batch * VB;
            for (int b = 0; b < batch; b++, ro += VB) {
                FloatVector r = FloatVector.fromMemorySegment(S, panel, ro, LE);
                FloatVector s = r.fma(a, bb).fma(FloatVector.broadcast(S, ri[b]), r.fma(c, d));
                FloatVector e = FastExp.exp(s.sub(m[b]));
                FloatVector v = r.fma(h, h2);
                int o = b * V;
                FloatVector.fromArray(S, vsum, o).add(e).intoArray(vsum, o);
                e.fma(v, FloatVector.fromArray(S, vnum, o)).intoArray(vnum, o);
            }
        }
        for (int b = 0; b < batch; b++) {
            l[b] = sumLanes(vsum, b * V);
            num[b] = sumLanes(vnum, b * V);
        }
    }

    /**
     * Backward of row i given dL/dy_bi folded into w[b] = dL/dy_bi / l[b], the row max m[b] and the head output
     * o[b]. Writes the row's table gradients summed over the batch into {@code g} at {@code gRowOff} (overwrites),
     * adds the key-side dL/dr_bj into {@code drPanel} (panel layout) and writes the query-side dL/dr_bi into
     * {@code drRow[b]}. {@code vrow} is scratch of batch * V floats.
     */
    static void rowBackward(RankOneTableSet t, long rowOff, int blocks, int batch, MemorySegment panel,
                            float[] ri, float[] m, float[] w, float[] o,
                            RankOneTableSet g, long gRowOff, MemorySegment drPanel, float[] vrow, float[] drRow) {
        java.util.Arrays.fill(drRow, 0, batch, 0f);
        rowBackward(t, rowOff, 0, blocks, batch, panel, ri, 0, m, w, o, 0, g, gRowOff, drPanel, vrow, drRow, 0);
    }

    /**
     * {@link #rowBackward(RankOneTableSet, long, int, int, MemorySegment, float[], float[], float[], float[],
     * RankOneTableSet, long, MemorySegment, float[], float[]) rowBackward} restricted to the key blocks
     * [q0, q1), so that a caller can run many rows over one column tile while its slices of the panel and of
     * {@code drPanel} stay in cache. Per-sample inputs are read at an offset (r_i at {@code ri[riOff + b]}; m, w
     * and o at {@code statOff + b}); the query-side dL/dr_bi of these blocks is <em>added</em> to
     * {@code drRow[drOff + b]}. Table gradients of the range are overwritten, {@code drPanel} is added to, as in
     * the whole-row form; so covering a row's blocks in several ranges gives the same table gradients and key-side
     * sums bit for bit, and the query-side sum to rounding (its partial sums are added per range).
     */
    static void rowBackward(RankOneTableSet t, long rowOff, int q0, int q1, int batch, MemorySegment panel,
                            float[] ri, int riOff, float[] m, float[] w, float[] o, int statOff,
                            RankOneTableSet g, long gRowOff, MemorySegment drPanel, float[] vrow, float[] drRow, int drOff) {
        FloatVector zero = FloatVector.zero(S);
        for (int b = 0; b < batch; b++) zero.intoArray(vrow, b * V);
        for (int q = q0; q < q1; q++) {
            blockBackward(t, (rowOff + (long) q * V) * Float.BYTES, (long) q * batch * VB, batch, panel, ri, riOff, m, w, o,
                    statOff, g, (gRowOff + (long) q * V) * Float.BYTES, drPanel, vrow);
        }
        for (int b = 0; b < batch; b++) drRow[drOff + b] += sumLanes(vrow, b * V);
    }

    /**
     * One key block of {@link #rowBackward}: table vectors at byte {@code to}, the block's panel run at byte
     * {@code ro}, its six table gradients written at byte {@code go}. A method of its own (called once per block,
     * with no vector live across the call) so that C2 compiles it as one small unit: as part of rowBackward's loop
     * over blocks it was one of the methods that allocated boxed vectors in the joint step (JFR allocation samples,
     * issue 10).
     */
    private static void blockBackward(RankOneTableSet t, long to, long ro, int batch, MemorySegment panel,
                                      float[] ri, int riOff, float[] m, float[] w, float[] o, int statOff,
                                      RankOneTableSet g, long go, MemorySegment drPanel, float[] vrow) {
        FloatVector a = FloatVector.fromMemorySegment(S, t.a(), to, LE);
        FloatVector bb = FloatVector.fromMemorySegment(S, t.b(), to, LE);
        FloatVector c = FloatVector.fromMemorySegment(S, t.c(), to, LE);
        FloatVector d = FloatVector.fromMemorySegment(S, t.d(), to, LE);
        FloatVector h = FloatVector.fromMemorySegment(S, t.h(), to, LE);
        FloatVector h2 = FloatVector.fromMemorySegment(S, t.hPrime(), to, LE);
        FloatVector zero = FloatVector.zero(S);
        FloatVector accA = zero, accB = zero, accC = zero, accD = zero, accH = zero, accH2 = zero;
        for (int b = 0; b < batch; b++, ro += VB) {
            FloatVector r = FloatVector.fromMemorySegment(S, panel, ro, LE);
            FloatVector rib = FloatVector.broadcast(S, ri[riOff + b]);
            FloatVector x = r.fma(a, bb);                  // ds/dr_i
            FloatVector s = x.fma(rib, r.fma(c, d));
            FloatVector tw = FastExp.exp(s.sub(m[statOff + b])).mul(w[statOff + b]);   // dL/dy_bi * p_ij
            FloatVector v = r.fma(h, h2);
            FloatVector gs = tw.mul(v.sub(o[statOff + b]));                            // dL/ds_ij
            accH = tw.fma(r, accH);
            accH2 = accH2.add(tw);
            FloatVector gr = gs.mul(r);
            accA = gr.fma(rib, accA);
            accB = gs.fma(rib, accB);
            accC = accC.add(gr);
            accD = accD.add(gs);
            int vo = b * V;
            gs.fma(x, FloatVector.fromArray(S, vrow, vo)).intoArray(vrow, vo);
            FloatVector z = a.fma(rib, c);                 // ds/dr_j
            FloatVector dr = FloatVector.fromMemorySegment(S, drPanel, ro, LE);
            gs.fma(z, tw.fma(h, dr)).intoMemorySegment(drPanel, ro, LE);
        }
        accA.intoMemorySegment(g.a(), go, LE);
        accB.intoMemorySegment(g.b(), go, LE);
        accC.intoMemorySegment(g.c(), go, LE);
        accD.intoMemorySegment(g.d(), go, LE);
        accH.intoMemorySegment(g.h(), go, LE);
        accH2.intoMemorySegment(g.hPrime(), go, LE);
    }

    /**
     * Adds Σ_b p_bij * weight[b] to dest[destOff + j] for every (padded) column j, where p_bij = exp(s_bij - m[b])
     * * invL[b] are the attention probabilities of row i.
     */
    static void rowProbabilitySum(RankOneTableSet t, long rowOff, int blocks, int batch, MemorySegment panel,
                                  float[] ri, float[] m, float[] invL, MemorySegment dest, long destOff) {
        MemorySegment ta = t.a(), tb = t.b(), tc = t.c(), td = t.d();
        for (int q = 0; q < blocks; q++) {
            long to = (rowOff + (long) q * V) * Float.BYTES;
            FloatVector a = FloatVector.fromMemorySegment(S, ta, to, LE);
            FloatVector bb = FloatVector.fromMemorySegment(S, tb, to, LE);
            FloatVector c = FloatVector.fromMemorySegment(S, tc, to, LE);
            FloatVector d = FloatVector.fromMemorySegment(S, td, to, LE);
            FloatVector acc = FloatVector.zero(S);
            long ro = (long) q * batch * VB;
            for (int b = 0; b < batch; b++, ro += VB) {
                FloatVector r = FloatVector.fromMemorySegment(S, panel, ro, LE);
                FloatVector s = r.fma(a, bb).fma(FloatVector.broadcast(S, ri[b]), r.fma(c, d));
                acc = FastExp.exp(s.sub(m[b])).fma(FloatVector.broadcast(S, invL[b]), acc);
            }
            long dOff = (destOff + (long) q * V) * Float.BYTES;
            FloatVector.fromMemorySegment(S, dest, dOff, LE).add(acc).intoMemorySegment(dest, dOff, LE);
        }
    }
}
