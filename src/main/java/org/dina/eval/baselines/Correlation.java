package org.dina.eval.baselines;

import org.ejml.data.DMatrixRMaj;

/** Pearson correlation between rows of two matrices, as the similarity every correlation-based baseline ranks by. */
final class Correlation {
    private Correlation() {}

    /**
     * A copy of {@code m} whose rows have mean 0 and Euclidean norm 1, so a dot product of two rows is their Pearson
     * correlation. A constant row stays all zero: it correlates 0 with everything (a tie, which the retrieval
     * metric counts against the query).
     */
    static DMatrixRMaj standardisedRows(DMatrixRMaj m) {
        DMatrixRMaj out = m.copy();
        int c = m.numCols;
        double[] d = out.data;
        for (int i = 0; i < m.numRows; i++) {
            int o = i * c;
            double mean = 0;
            for (int j = 0; j < c; j++) mean += d[o + j];
            mean /= c;
            for (int j = 0; j < c; j++) d[o + j] -= mean;
        }
        scaleRowsToUnitNorm(out);
        return out;
    }

    /** Rows scaled to unit Euclidean norm (no centring): dot products are cosine similarities. */
    static DMatrixRMaj unitRows(DMatrixRMaj m) {
        DMatrixRMaj out = m.copy();
        scaleRowsToUnitNorm(out);
        return out;
    }

    /** Scales every row of {@code m} in place to Euclidean norm 1; an all-zero row stays zero. */
    private static void scaleRowsToUnitNorm(DMatrixRMaj m) {
        int c = m.numCols;
        double[] d = m.data;
        for (int i = 0; i < m.numRows; i++) {
            int o = i * c;
            double ss = 0;
            for (int j = 0; j < c; j++) ss += d[o + j] * d[o + j];
            double inv = ss > 0 ? 1.0 / Math.sqrt(ss) : 0.0;
            for (int j = 0; j < c; j++) d[o + j] *= inv;
        }
    }

    /** sim[i][j] = Pearson correlation of row i of {@code queries} with row j of {@code candidates}. */
    static float[][] pearson(DMatrixRMaj queries, DMatrixRMaj candidates) {
        return toFloat(DenseOps.multTransB(standardisedRows(queries), standardisedRows(candidates)));
    }

    /** sim[i][j] = Pearson correlation, with candidates already standardised by {@link #standardisedRows}. */
    static float[][] pearsonWithStandardised(DMatrixRMaj queries, DMatrixRMaj standardisedCandidates) {
        return toFloat(DenseOps.multTransB(standardisedRows(queries), standardisedCandidates));
    }

    static float[][] toFloat(DMatrixRMaj m) {
        float[][] out = new float[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            float[] row = out[i];
            int o = i * m.numCols;
            for (int j = 0; j < m.numCols; j++) row[j] = (float) m.data[o + j];
        }
        return out;
    }
}
