package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The alignability computation on planted embeddings whose neural side copies the image side in known places. */
class SpatialAnalysisTest {
    private static final int D = SpatialAnalysis.H * SpatialAnalysis.W;

    private static float[] random(SplittableRandom r) {
        float[] v = new float[D];
        for (int i = 0; i < D; i++) v[i] = (float) r.nextDouble();
        SpatialAnalysis.normalise(v);
        return v;
    }

    /** Neural vector = the image vector inside the planted columns, an unrelated random map elsewhere. */
    private static float[][][] planted(boolean[] columns, int candidates, int queries) {
        SplittableRandom r = new SplittableRandom(9);
        float[][] images = new float[candidates][];
        for (int c = 0; c < candidates; c++) images[c] = random(r);
        float[][] neural = new float[queries][];
        for (int q = 0; q < queries; q++) {
            float[] img = images[q % candidates], other = random(r);
            float[] v = new float[D];
            for (int l = 0; l < D; l++) v[l] = columns[l % SpatialAnalysis.W] ? img[l] : other[l];
            SpatialAnalysis.normalise(v);
            neural[q] = v;
        }
        return new float[][][] {images, neural};
    }

    @Test
    void specificAlignabilityLiesWhereTheNeuralMapFollowsTheImage() {
        boolean[] cols = new boolean[SpatialAnalysis.W];
        for (int x = 5; x < 15; x++) cols[x] = true;
        for (int x = 40; x < 50; x++) cols[x] = true;
        float[][][] p = planted(cols, 20, 60);
        int[] correct = new int[60];
        for (int q = 0; q < 60; q++) correct[q] = q % 20;
        double[][][] a = SpatialAnalysis.alignability(p[1], p[0], correct);
        double inside = 0, outside = 0;
        for (int y = 0; y < SpatialAnalysis.H; y++) {
            for (int x = 0; x < SpatialAnalysis.W; x++) {
                if (cols[x]) inside += a[2][y][x] / 20; else outside += a[2][y][x] / 44;
            }
        }
        assertTrue(inside > 20 * Math.abs(outside), "inside " + inside + " outside " + outside);
        ConnectedComponents.Regions regions = ConnectedComponents.aboveFractionOfMax(a[2], SpatialAnalysis.REGION_FRACTION, 2);
        assertEquals(2, regions.count(), "two planted bands");
        // the matched map sums to the mean matched cosine
        double sum = 0, cos = 0;
        for (double[] row : a[0]) for (double v : row) sum += v;
        for (int q = 0; q < 60; q++) for (int l = 0; l < D; l++) cos += p[1][q][l] * p[0][correct[q]][l] / 60.0;
        assertEquals(cos, sum, 1e-5);
    }

    @Test
    void unrelatedMapsHaveNoSpecificAlignability() {
        float[][][] p = planted(new boolean[SpatialAnalysis.W], 20, 60);
        int[] correct = new int[60];
        for (int q = 0; q < 60; q++) correct[q] = q % 20;
        double[][][] a = SpatialAnalysis.alignability(p[1], p[0], correct);
        double total = 0, matched = 0;
        for (int y = 0; y < SpatialAnalysis.H; y++) {
            for (int x = 0; x < SpatialAnalysis.W; x++) {
                total += a[2][y][x];
                matched += a[0][y][x];
            }
        }
        assertTrue(Math.abs(total) < 0.02 * matched, "specific " + total + " vs matched " + matched);
    }
}
