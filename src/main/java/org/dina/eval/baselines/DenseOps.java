package org.dina.eval.baselines;

import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * Double-precision matrix products for the baselines, parallel over output rows: every output element is summed in
 * one fixed order (ascending inner index), so the bits do not depend on the thread count. EJML's own products are
 * single-threaded; these are the ones the baselines spend their time in.
 */
final class DenseOps {
    private DenseOps() {}

    /** C = A B^T, A [m, k], B [n, k]. */
    static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numCols != b.numCols) {
            throw new IllegalArgumentException("DenseOps.multTransB: A " + dims(a) + " and B " + dims(b) + " differ in columns");
        }
        int m = a.numRows, n = b.numRows, k = a.numCols;
        DMatrixRMaj c = new DMatrixRMaj(m, n);
        double[] ad = a.data, bd = b.data, cd = c.data;
        Parallel.forRange(m, grain(n, k), (from, to) -> {
            for (int i = from; i < to; i++) {
                int ai = i * k;
                for (int j = 0; j < n; j++) {
                    int bj = j * k;
                    double s = 0;
                    for (int p = 0; p < k; p++) s += ad[ai + p] * bd[bj + p];
                    cd[i * n + j] = s;
                }
            }
        });
        return c;
    }

    /** C = A B, A [m, k], B [k, n]. */
    static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numCols != b.numRows) {
            throw new IllegalArgumentException("DenseOps.mult: A " + dims(a) + " times B " + dims(b) + " do not conform");
        }
        return rowsTimes(a.data, a.numCols, 1, a.numRows, a.numCols, b);
    }

    /** C = A^T B, A [k, m], B [k, n]. */
    static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows) {
            throw new IllegalArgumentException("DenseOps.multTransA: A " + dims(a) + " and B " + dims(b) + " differ in rows");
        }
        return rowsTimes(a.data, 1, a.numCols, a.numCols, a.numRows, b);
    }

    /**
     * C = L B for the m x k matrix L whose element (i, p) is {@code l[i * rowStride + p * colStride]}: row i of C
     * adds up rows of B scaled by row i of L (zero elements of L are skipped).
     */
    private static DMatrixRMaj rowsTimes(double[] l, int rowStride, int colStride, int m, int k, DMatrixRMaj b) {
        int n = b.numCols;
        DMatrixRMaj c = new DMatrixRMaj(m, n);
        double[] bd = b.data, cd = c.data;
        Parallel.forRange(m, grain(n, k), (from, to) -> {
            for (int i = from; i < to; i++) {
                int ci = i * n;
                for (int p = 0; p < k; p++) {
                    double s = l[i * rowStride + p * colStride];
                    if (s == 0) continue;
                    int bp = p * n;
                    for (int j = 0; j < n; j++) cd[ci + j] += s * bd[bp + j];
                }
            }
        });
        return c;
    }

    /** The given rows of {@code m}, in the given order. */
    static DMatrixRMaj rows(DMatrixRMaj m, int[] rows) {
        int c = m.numCols;
        DMatrixRMaj out = new DMatrixRMaj(rows.length, c);
        for (int i = 0; i < rows.length; i++) System.arraycopy(m.data, rows[i] * c, out.data, i * c, c);
        return out;
    }

    /** Column means of {@code m}. */
    static double[] columnMeans(DMatrixRMaj m) {
        int c = m.numCols;
        double[] mean = new double[c];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < c; j++) mean[j] += m.data[i * c + j];
        }
        for (int j = 0; j < c; j++) mean[j] /= Math.max(1, m.numRows);
        return mean;
    }

    /** A copy of {@code m} with {@code mean} subtracted from every row. */
    static DMatrixRMaj minusRow(DMatrixRMaj m, double[] mean) {
        DMatrixRMaj out = m.copy();
        int c = m.numCols;
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < c; j++) out.data[i * c + j] -= mean[j];
        }
        return out;
    }

    /** A [rows, cols] tensor as a double matrix (flattening any trailing dimensions into columns). */
    static DMatrixRMaj fromTensor(Tensor t) {
        Tensor c = t.contiguous();
        int rows = c.dim(0);
        int cols = Math.toIntExact(c.numel() / Math.max(1, rows));
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        float[] v = c.toArray();
        for (int i = 0; i < v.length; i++) out.data[i] = v[i];
        return out;
    }

    /** A double matrix as a float32 tensor. */
    static Tensor toTensor(DMatrixRMaj m) {
        Tensor out = Tensor.zeros(m.numRows, m.numCols);
        float[] v = new float[m.numRows * m.numCols];
        for (int i = 0; i < v.length; i++) v[i] = (float) m.data[i];
        return out.copyFrom(v);
    }

    static String dims(DMatrixRMaj m) { return "[" + m.numRows + ", " + m.numCols + "]"; }

    // rows per task: enough multiply-adds per task (~64k) that handing it out is cheap by comparison
    private static int grain(int n, int k) {
        long perRow = Math.max(1L, (long) n * k);
        return (int) Math.max(1, Math.min(1 << 20, 65536 / perRow));
    }
}
