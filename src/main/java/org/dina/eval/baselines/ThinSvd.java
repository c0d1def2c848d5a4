package org.dina.eval.baselines;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Thin singular value decomposition X = U diag(s) V^T of an [n, p] matrix, found by EJML's symmetric eigen
 * decomposition of the smaller Gram matrix (X^T X when n >= p, X X^T otherwise): the cost is set by min(n, p), so
 * many neurons and few trials (or the reverse) are both cheap. Components with s^2 below 1e-10 of the largest are
 * dropped; singular values come in decreasing order.
 */
final class ThinSvd {
    private static final double RELATIVE_CUTOFF = 1e-10;

    final double[] s;     // [r], decreasing, > 0
    final DMatrixRMaj u;  // [n, r]
    final DMatrixRMaj v;  // [p, r]
    final boolean viaRowGram; // true when X X^T (the "dual" side) was decomposed

    private ThinSvd(double[] s, DMatrixRMaj u, DMatrixRMaj v, boolean viaRowGram) {
        this.s = s;
        this.u = u;
        this.v = v;
        this.viaRowGram = viaRowGram;
    }

    int rank() { return s.length; }

    static ThinSvd of(DMatrixRMaj x) {
        int n = x.numRows, p = x.numCols;
        boolean rowGram = n < p;
        DMatrixRMaj gram = rowGram ? DenseOps.multTransB(x, x) : DenseOps.multTransA(x, x);
        int size = gram.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(size, true, true);
        if (!eig.decompose(gram)) throw new IllegalStateException("ThinSvd: eigen decomposition of a " + size + "x" + size + " Gram matrix failed");
        int m = eig.getNumberOfEigenvalues();
        double[] values = new double[m];
        Integer[] order = new Integer[m];
        double max = 0;
        for (int i = 0; i < m; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
            order[i] = i;
            max = Math.max(max, values[i]);
        }
        Arrays.sort(order, (a, b) -> values[a] != values[b] ? Double.compare(values[b], values[a]) : Integer.compare(a, b));
        int r = 0;
        while (r < m && values[order[r]] > RELATIVE_CUTOFF * max && max > 0) r++;
        double[] s = new double[r];
        DMatrixRMaj vecs = new DMatrixRMaj(size, r);
        for (int c = 0; c < r; c++) {
            s[c] = Math.sqrt(values[order[c]]);
            DMatrixRMaj e = eig.getEigenVector(order[c]);
            // fix the sign (largest entry positive) so a component means the same thing run to run and side to side
            int arg = 0;
            for (int i = 1; i < size; i++) if (Math.abs(e.get(i, 0)) > Math.abs(e.get(arg, 0))) arg = i;
            double sign = e.get(arg, 0) < 0 ? -1 : 1;
            for (int i = 0; i < size; i++) vecs.set(i, c, sign * e.get(i, 0));
        }
        // the other side's vectors: U = X V / s, or V = X^T U / s
        DMatrixRMaj other = rowGram ? DenseOps.multTransA(x, vecs) : DenseOps.mult(x, vecs);
        for (int i = 0; i < other.numRows; i++) {
            for (int c = 0; c < r; c++) other.set(i, c, other.get(i, c) / s[c]);
        }
        return rowGram ? new ThinSvd(s, vecs, other, true) : new ThinSvd(s, other, vecs, false);
    }
}
