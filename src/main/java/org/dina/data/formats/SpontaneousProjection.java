package org.dina.data.formats;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.dina.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Removes what stimulus responses share with spontaneous activity, the way Stringer, Pachitariu et al. prepare
 * natimg2800 responses before decoding: every neuron is z-scored with the mean and standard deviation of its
 * spontaneous activity ({@code stim.spont}, recorded in front of a gray screen), and the top K principal directions of
 * the z-scored spontaneous activity are projected out of each trial: {@code z <- z - V (V^T z)}.
 *
 * <p>The directions are fitted on spontaneous samples only, never on stimulus trials, so applying the same projection
 * to every trial (train, validation and test alike) leaks nothing between them. Responses come out in units of
 * spontaneous standard deviations; the trainer's own normalisation, fitted on training trials, follows as usual.
 */
final class SpontaneousProjection {
    private final double[] mean, sd;
    private final DMatrixRMaj directions; // [neurons, K], orthonormal columns

    private SpontaneousProjection(double[] mean, double[] sd, DMatrixRMaj directions) {
        this.mean = mean;
        this.sd = sd;
        this.directions = directions;
    }

    /** Fits K directions on {@code spont} [samples, neurons] (storage by its strides). */
    static SpontaneousProjection fit(NdArray spont, int neurons, int k) throws DataFormatException {
        Readers.require(spont, "stim.spont", 2);
        if (spont.dim(1) != neurons) {
            throw new DataFormatException(spont.file(), spont.name() + ": spontaneous activity " + Arrays.toString(spont.shape())
                    + " must be [samples, " + neurons + " neurons], like stim.resp");
        }
        int t = spont.dim(0);
        if (k >= Math.min(t, neurons)) {
            throw new DataFormatException(spont.file(), "--spont-pcs " + k + " needs fewer components than the " + t
                    + " spontaneous samples and " + neurons + " neurons");
        }
        long[] st = spont.strides();
        double[] mean = new double[neurons], sd = new double[neurons];
        DMatrixRMaj z = new DMatrixRMaj(t, neurons);
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < neurons; j++) {
                double v = spont.getDouble(i * st[0] + j * st[1]);
                if (!Double.isFinite(v)) {
                    throw new DataFormatException(spont.file(), spont.name() + ": sample " + i + ", neuron " + j + " is " + v);
                }
                z.unsafe_set(i, j, v);
                mean[j] += v / t;
            }
        }
        for (int i = 0; i < t; i++) for (int j = 0; j < neurons; j++) sd[j] += Math.pow(z.unsafe_get(i, j) - mean[j], 2) / t;
        for (int j = 0; j < neurons; j++) sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1.0; // a silent neuron keeps its scale
        for (int i = 0; i < t; i++) for (int j = 0; j < neurons; j++) z.unsafe_set(i, j, (z.unsafe_get(i, j) - mean[j]) / sd[j]);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(t, neurons, false, true, true);
        if (!svd.decompose(z)) throw new DataFormatException(spont.file(), spont.name() + ": principal components did not converge");
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(null, false, svd.getSingularValues(), svd.numberOfSingularValues(), v, false);
        DMatrixRMaj top = new DMatrixRMaj(neurons, k);
        for (int j = 0; j < neurons; j++) for (int c = 0; c < k; c++) top.unsafe_set(j, c, v.unsafe_get(j, c));
        return new SpontaneousProjection(mean, sd, top);
    }

    /** Applies the projection to every row of {@code responses} [trials, neurons], in place. */
    void apply(Tensor responses) {
        int trials = responses.dim(0), n = responses.dim(1), k = directions.numCols;
        MemorySegment seg = responses.segment();
        double[] z = new double[n];
        for (int r = 0; r < trials; r++) {
            long base = (long) r * n;
            for (int j = 0; j < n; j++) z[j] = (seg.getAtIndex(Tensor.FLOAT, base + j) - mean[j]) / sd[j];
            for (int c = 0; c < k; c++) {
                double dot = 0;
                for (int j = 0; j < n; j++) dot += directions.unsafe_get(j, c) * z[j];
                for (int j = 0; j < n; j++) z[j] -= dot * directions.unsafe_get(j, c);
            }
            for (int j = 0; j < n; j++) seg.setAtIndex(Tensor.FLOAT, base + j, (float) z[j]);
        }
    }
}
