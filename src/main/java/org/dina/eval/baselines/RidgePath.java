package org.dina.eval.baselines;

import org.ejml.data.DMatrixRMaj;

/**
 * Multi-output ridge regression y = x W + b for a whole path of penalties from one decomposition: with the centred
 * inputs X = U diag(s) V^T, W(lambda) = V diag(s / (s^2 + lambda)) U^T Y, so each further lambda costs one small
 * product instead of a new solve. Intercepts are the training means (not penalised).
 */
final class RidgePath {
    private final double[] xMean, yMean;
    private final ThinSvd svd;
    private final DMatrixRMaj uty; // U^T (Y - mean) [r, m]

    private RidgePath(double[] xMean, double[] yMean, ThinSvd svd, DMatrixRMaj uty) {
        this.xMean = xMean;
        this.yMean = yMean;
        this.svd = svd;
        this.uty = uty;
    }

    /** Fits on inputs {@code x} [n, p] and targets {@code y} [n, m]. */
    static RidgePath fit(DMatrixRMaj x, DMatrixRMaj y) {
        if (x.numRows != y.numRows) {
            throw new IllegalArgumentException("RidgePath: inputs " + DenseOps.dims(x) + " and targets " + DenseOps.dims(y)
                    + " differ in rows");
        }
        if (x.numRows < 2) throw new IllegalArgumentException("RidgePath: need at least 2 training rows, got " + x.numRows);
        double[] xm = DenseOps.columnMeans(x), ym = DenseOps.columnMeans(y);
        ThinSvd svd = ThinSvd.of(DenseOps.minusRow(x, xm));
        DMatrixRMaj uty = DenseOps.multTransA(svd.u, DenseOps.minusRow(y, ym));
        return new RidgePath(xm, ym, svd, uty);
    }

    /** Whether the decomposition was of the trial-by-trial Gram matrix (more inputs than rows: the dual form). */
    boolean dual() { return svd.viaRowGram; }

    int rank() { return svd.rank(); }

    int inputs() { return xMean.length; }

    /** Queries [q, p] in the decomposition's coordinates, (q - mean) V: computed once, reused for every lambda. */
    DMatrixRMaj project(DMatrixRMaj q) {
        if (q.numCols != xMean.length) {
            throw new IllegalArgumentException("RidgePath.project: fitted on " + xMean.length + " inputs, queries are " + DenseOps.dims(q));
        }
        return DenseOps.mult(DenseOps.minusRow(q, xMean), svd.v);
    }

    /** Predictions [q, m] for projected queries at penalty {@code lambda}. */
    DMatrixRMaj predict(DMatrixRMaj projected, double lambda) {
        if (!(lambda >= 0)) throw new IllegalArgumentException("RidgePath: lambda must be >= 0, got " + lambda);
        int r = svd.rank();
        DMatrixRMaj scaled = projected.copy();
        for (int i = 0; i < scaled.numRows; i++) {
            for (int c = 0; c < r; c++) {
                double sc = svd.s[c];
                scaled.data[i * r + c] *= sc / (sc * sc + lambda);
            }
        }
        DMatrixRMaj out = r == 0 ? new DMatrixRMaj(projected.numRows, yMean.length) : DenseOps.mult(scaled, uty);
        int m = yMean.length;
        for (int i = 0; i < out.numRows; i++) {
            for (int j = 0; j < m; j++) out.data[i * m + j] += yMean[j];
        }
        return out;
    }

    /**
     * The weights [p, m] at penalty {@code lambda}, V diag(s / (s^2 + lambda)) U^T (Y - mean): prediction = (x - input
     * mean) W + target mean. Column j is output j's linear filter over the inputs.
     */
    DMatrixRMaj weights(double lambda) {
        if (!(lambda >= 0)) throw new IllegalArgumentException("RidgePath: lambda must be >= 0, got " + lambda);
        int r = svd.rank(), m = yMean.length;
        if (r == 0) return new DMatrixRMaj(xMean.length, m);
        DMatrixRMaj scaled = uty.copy();
        for (int c = 0; c < r; c++) {
            double sc = svd.s[c], f = sc / (sc * sc + lambda);
            for (int j = 0; j < m; j++) scaled.data[c * m + j] *= f;
        }
        return DenseOps.mult(svd.v, scaled);
    }

    /** The training mean of the targets (the prediction as lambda grows without bound). */
    double[] targetMean() { return yMean.clone(); }
}
