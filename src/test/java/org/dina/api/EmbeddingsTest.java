package org.dina.api;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmbeddingsTest {
    private static float[][] unitRows(int rows, int d, SplittableRandom r) {
        float[][] out = new float[rows][d];
        for (float[] row : out) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                row[k] = (float) r.nextGaussian();
                norm += row[k] * row[k];
            }
            for (int k = 0; k < d; k++) row[k] /= (float) Math.sqrt(norm);
        }
        return out;
    }

    @Test
    void similarityIsTheDotProductOfEveryPairToFloatRounding() {
        SplittableRandom r = new SplittableRandom(7);
        // one query, one candidate, and shapes that leave partial GEMM tiles on both sides
        for (int[] shape : new int[][] {{1, 9}, {9, 1}, {37, 23}, {130, 70}}) {
            float[][] q = unitRows(shape[0], 1024, r), c = unitRows(shape[1], 1024, r);
            float[][] s = Embeddings.similarity(q, c);
            assertEquals(shape[0], s.length);
            for (int i = 0; i < q.length; i++) {
                assertEquals(shape[1], s[i].length);
                for (int j = 0; j < c.length; j++) {
                    double dot = 0;
                    for (int k = 0; k < 1024; k++) dot += (double) q[i][k] * c[j][k];
                    assertEquals(dot, s[i][j], 1e-6, shape[0] + "x" + shape[1] + " at " + i + "," + j);
                }
            }
        }
        assertEquals(0, Embeddings.similarity(new float[0][], unitRows(3, 8, r)).length);
    }

    @Test
    void rowsOfAnotherLengthAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Embeddings.similarity(new float[][] {new float[4]}, new float[][] {new float[4], new float[3]}));
        assertTrue(e.getMessage().contains("candidate 1"), e.getMessage());
    }
}
