package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
    @Test
    void separateBlobsAreCountedLargestFirst() {
        double[][] m = new double[6][10];
        for (int y = 1; y < 3; y++) for (int x = 1; x < 3; x++) m[y][x] = 1;     // 4 cells
        for (int y = 3; y < 6; y++) for (int x = 6; x < 9; x++) m[y][x] = 0.9;   // 9 cells
        m[0][9] = 0.8;                                                            // 1 cell
        ConnectedComponents.Regions r = ConnectedComponents.aboveFractionOfMax(m, 0.5, 1);
        assertEquals(3, r.count());
        assertArrayEquals(new int[] {9, 4, 1}, r.sizes());
        assertEquals(0, r.labels()[4][7]);
        assertEquals(1, r.labels()[1][1]);
        assertEquals(-1, r.labels()[0][0]);
        assertEquals(2, ConnectedComponents.aboveFractionOfMax(m, 0.5, 2).count(), "a minimum size drops the single cell");
    }

    @Test
    void diagonalNeighboursAreSeparate() {
        double[][] m = {{1, 0}, {0, 1}};
        assertEquals(2, ConnectedComponents.above(m, 0.5, 1).count());
    }

    @Test
    void nothingPositiveMeansNoRegion() {
        double[][] m = {{-1, -2}, {0, -0.5}};
        assertEquals(0, ConnectedComponents.aboveFractionOfMax(m, 0.5, 1).count());
    }
}
