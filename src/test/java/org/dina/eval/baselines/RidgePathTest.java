package org.dina.eval.baselines;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.data.Dataset;
import org.dina.data.SimulatedV1;
import org.dina.data.SimulationConfig;
import org.dina.data.Splits;
import org.dina.eval.RetrievalResult;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

class RidgePathTest {
    /** Ridge with an unpenalised intercept, solved directly: centre, then W = (X^T X + lambda I)^-1 X^T Y. */
    private static DMatrixRMaj directSolve(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj q, double lambda) {
        double[] xm = DenseOps.columnMeans(x), ym = DenseOps.columnMeans(y);
        DMatrixRMaj xc = DenseOps.minusRow(x, xm), yc = DenseOps.minusRow(y, ym);
        int p = x.numCols;
        DMatrixRMaj g = new DMatrixRMaj(p, p), xty = new DMatrixRMaj(p, y.numCols), w = new DMatrixRMaj(p, y.numCols);
        CommonOps_DDRM.multTransA(xc, xc, g);
        for (int i = 0; i < p; i++) g.add(i, i, lambda);
        CommonOps_DDRM.multTransA(xc, yc, xty);
        assertTrue(CommonOps_DDRM.solve(g, xty, w));
        DMatrixRMaj out = new DMatrixRMaj(q.numRows, y.numCols);
        CommonOps_DDRM.mult(DenseOps.minusRow(q, xm), w, out);
        for (int i = 0; i < out.numRows; i++) for (int j = 0; j < out.numCols; j++) out.add(i, j, ym[j]);
        return out;
    }

    @Property(tries = 60)
    void pathMatchesADirectSolveInPrimalAndDualForm(@ForAll @IntRange(min = 2, max = 30) int n, @ForAll @IntRange(min = 1, max = 30) int p,
                                                   @ForAll @IntRange(min = 1, max = 5) int m, @ForAll @IntRange(min = 0, max = 999) int seed) {
        Random r = new Random(seed);
        DMatrixRMaj x = RandomMatrices_DDRM.rectangle(n, p, -1, 1, r), y = RandomMatrices_DDRM.rectangle(n, m, -2, 2, r);
        DMatrixRMaj q = RandomMatrices_DDRM.rectangle(4, p, -1, 1, r);
        RidgePath path = RidgePath.fit(x, y);
        assertEquals(n < p, path.dual(), "the smaller Gram matrix is decomposed");
        DMatrixRMaj projected = path.project(q);
        for (double lambda : new double[] {1e-2, 1, 100}) {
            DMatrixRMaj expected = directSolve(x, y, q, lambda), got = path.predict(projected, lambda);
            for (int i = 0; i < expected.data.length; i++) {
                assertEquals(expected.data[i], got.data[i], 1e-8 * (1 + Math.abs(expected.data[i])), "n=" + n + " p=" + p + " lambda=" + lambda);
            }
            // the explicit weights (the receptive fields of analyze) make the same predictions: (q - mean x) W + mean y
            DMatrixRMaj w = path.weights(lambda), viaWeights = new DMatrixRMaj(q.numRows, m);
            CommonOps_DDRM.mult(DenseOps.minusRow(q, DenseOps.columnMeans(x)), w, viaWeights);
            double[] ym = DenseOps.columnMeans(y);
            for (int i = 0; i < viaWeights.numRows; i++) {
                for (int j = 0; j < m; j++) {
                    assertEquals(got.get(i, j), viaWeights.get(i, j) + ym[j], 1e-8 * (1 + Math.abs(got.get(i, j))), "weights, lambda=" + lambda);
                }
            }
        }
    }

    @Test
    void thinSvdReconstructsTheMatrixWithOrthonormalFactors() {
        Random r = new Random(9);
        for (int[] shape : new int[][] {{12, 5}, {5, 12}, {7, 7}, {1, 3}}) {
            DMatrixRMaj x = RandomMatrices_DDRM.rectangle(shape[0], shape[1], -1, 1, r);
            ThinSvd svd = ThinSvd.of(x);
            assertEquals(Math.min(shape[0], shape[1]), svd.rank());
            for (int i = 1; i < svd.rank(); i++) assertTrue(svd.s[i - 1] >= svd.s[i], "decreasing singular values");
            DMatrixRMaj us = svd.u.copy();
            for (int i = 0; i < us.numRows; i++) for (int c = 0; c < svd.rank(); c++) us.set(i, c, us.get(i, c) * svd.s[c]);
            DMatrixRMaj back = DenseOps.multTransB(us, svd.v);
            for (int i = 0; i < x.data.length; i++) assertEquals(x.data[i], back.data[i], 1e-10);
            DMatrixRMaj utu = DenseOps.multTransA(svd.u, svd.u), vtv = DenseOps.multTransA(svd.v, svd.v);
            for (int i = 0; i < svd.rank(); i++) {
                for (int j = 0; j < svd.rank(); j++) {
                    assertEquals(i == j ? 1 : 0, utu.get(i, j), 1e-9);
                    assertEquals(i == j ? 1 : 0, vtv.get(i, j), 1e-9);
                }
            }
        }
    }

    @Test
    void rankDeficientInputsDropEmptyDirections() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2, 3}, {2, 4, 6}, {3, 6, 9}, {0, 0, 0}});
        assertEquals(1, ThinSvd.of(x).rank());
        assertEquals(0, ThinSvd.of(new DMatrixRMaj(3, 4)).rank(), "an all-zero matrix has no components");
    }

    @Test
    void lambdaSearchPrefersTop1ThenMeanRankThenTheLargerPenalty() {
        double[] grid = LambdaSearch.logGrid(1e-3, 1e5, 2);
        assertEquals(17, grid.length);
        assertEquals(1e-3, grid[0]);
        assertEquals(1e5, grid[16]);
        assertEquals(1.0, grid[6], 1e-12);
        RetrievalResult good = RetrievalResult.fromSimilarities(new float[][] {{1, 0}, {0, 1}}, new int[] {0, 1});
        RetrievalResult bad = RetrievalResult.fromSimilarities(new float[][] {{0, 1}, {1, 0}}, new int[] {0, 1});
        RetrievalResult half = RetrievalResult.fromSimilarities(new float[][] {{1, 0}, {1, 0}}, new int[] {0, 1});
        LambdaSearch.Outcome o = LambdaSearch.choose(new double[] {1, 2, 3}, l -> l == 2 ? good : bad);
        assertEquals(2, o.lambda());
        o = LambdaSearch.choose(new double[] {1, 2, 3}, l -> l == 1 ? half : bad);
        assertEquals(1, o.lambda());
        o = LambdaSearch.choose(new double[] {1, 2, 3}, l -> good);
        assertEquals(3, o.lambda(), "an exact tie goes to the larger penalty");
    }

    @Test
    void decoderGivesTheSameNumbersTwiceOnASmallRecording() {
        Dataset d = SimulatedV1.generate(SimulationConfig.of(4, 60, 40, 3).withImageSize(16, 32)).dataset();
        var split = Splits.split(d, Splits.Config.repeats(2));
        BaselineInput in = BaselineInput.of(d, split, EvaluationMode.SINGLE_TRIALS);
        BaselineResult a = new RidgeDecoder(ImageRepresentation.PIXELS).fitAndEvaluate(in);
        BaselineResult b = new RidgeDecoder(ImageRepresentation.PIXELS).fitAndEvaluate(in);
        assertEquals(a.hyperParameters(), b.hyperParameters());
        assertArrayEquals(a.neuralToImage().ranks(), b.neuralToImage().ranks());
    }
}
