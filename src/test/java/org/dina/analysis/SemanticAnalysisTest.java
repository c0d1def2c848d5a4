package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SemanticAnalysisTest {
    private static final int C = 40, Q = 80;

    private static int[] categories() {
        int[] cat = new int[C];
        for (int i = 0; i < C; i++) cat[i] = i % 4;
        return cat;
    }

    /** Similarities where each query's top match is {@code top[q]}. */
    private static float[][] withTop(int[] top, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] s = new float[Q][C];
        for (int q = 0; q < Q; q++) {
            for (int c = 0; c < C; c++) s[q][c] = (float) r.nextDouble();
            s[q][top[q]] = 2f;
        }
        return s;
    }

    @Test
    void wrongMatchesInTheTrueCategoryAreDetected() {
        int[] cat = categories(), correct = new int[Q], top = new int[Q];
        for (int q = 0; q < Q; q++) {
            correct[q] = q % C;
            // wrong, but always another image of the same category (i and i + 4 share i % 4)
            top[q] = (correct[q] + 4) % C;
        }
        SemanticAnalysis.Result r = SemanticAnalysis.of(withTop(top, 1), correct, cat, List.of("a", "b", "c", "d"), 500, 7);
        assertFalse(r.skipped());
        assertEquals(0.0, r.exemplarTop1());
        assertEquals(1.0, r.categoryTop1());
        assertEquals(0.25, r.categoryChance(), 1e-12);
        assertEquals(1.0, r.wrongInCategory());
        assertEquals(9.0 / 39.0, r.wrongInCategoryExpected(), 1e-12);
        assertTrue(r.pValue() < 0.01, "p = " + r.pValue());
        assertEquals(4, r.categories().size());
        assertEquals("a", r.categories().get(0).name());
    }

    @Test
    void randomWrongMatchesAreNotSignificant() {
        int[] cat = categories(), correct = new int[Q], top = new int[Q];
        SplittableRandom rng = new SplittableRandom(3);
        for (int q = 0; q < Q; q++) {
            correct[q] = q % C;
            top[q] = rng.nextInt(C);
        }
        SemanticAnalysis.Result r = SemanticAnalysis.of(withTop(top, 2), correct, cat, List.of(), 500, 7);
        assertTrue(r.pValue() > 0.05, "p = " + r.pValue());
        assertEquals("category 0", r.categories().get(0).name());
    }

    @Test
    void oneCategoryIsSkippedWithAReason() {
        int[] correct = new int[Q];
        SemanticAnalysis.Result r = SemanticAnalysis.of(withTop(new int[Q], 1), correct, new int[C], List.of(), 10, 7);
        assertTrue(r.skipped());
        assertTrue(r.skippedReason().contains("one category"), r.skippedReason());
    }
}
