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

    @Test
    void unknownIsNoCategory() {
        // label 0 is "unknown": every wrong match goes from an unknown image to another unknown one, which would be a
        // perfect in-category excess if "unknown" counted as a category
        int[] cat = categories(), correct = new int[Q], top = new int[Q];
        for (int q = 0; q < Q; q++) {
            correct[q] = 4 * (q % 10);
            top[q] = (correct[q] + 4) % C;
        }
        List<String> names = List.of("Unknown", "a", "b", "c");
        SemanticAnalysis.Result r = SemanticAnalysis.of(withTop(top, 4), correct, cat, names, 500, 7);
        assertEquals("Unknown", r.excludedLabel());
        assertEquals(10, r.excludedCandidates());
        assertEquals(0, r.wrongMatches(), "wrong matches between unknown images are not category errors");
        assertTrue(Double.isNaN(r.pValue()));
        assertTrue(Double.isNaN(r.categoryTop1()), "no query has a known category");
        assertEquals(3, r.categories().size(), "no row for 'unknown'");
        // the same matches with the label named: a category like the others, and the excess is significant
        SemanticAnalysis.Result named = SemanticAnalysis.of(withTop(top, 4), correct, cat, List.of("zero", "a", "b", "c"), 500, 7);
        assertNull(named.excludedLabel());
        assertTrue(named.pValue() < 0.01, "p = " + named.pValue());
    }

    @Test
    void unknownLabelsArePermutedAmongKnownCandidatesOnly() {
        // known wrong matches land in the true category at chance, while unknown candidates attract many wrong matches
        int[] cat = categories(), correct = new int[Q], top = new int[Q];
        SplittableRandom rng = new SplittableRandom(5);
        for (int q = 0; q < Q; q++) {
            correct[q] = 1 + 4 * rng.nextInt(10) + rng.nextInt(3);
            top[q] = rng.nextBoolean() ? 4 * rng.nextInt(10) : rng.nextInt(C);
        }
        SemanticAnalysis.Result r = SemanticAnalysis.of(withTop(top, 6), correct, cat, List.of("unknown", "a", "b", "c"), 500, 7);
        int known = 0;
        for (int q = 0; q < Q; q++) if (top[q] != correct[q] && cat[top[q]] != 0) known++;
        assertEquals(known, r.wrongMatches());
        assertEquals(9.0 / 29.0, r.wrongInCategoryExpected(), 1e-12, "(10 - 1) of the 29 other known candidates");
        assertTrue(r.pValue() > 0.05, "p = " + r.pValue());
    }

    /**
     * Queries with wrong top matches that land in the true category with an excess {@code excess} over the
     * size-based chance (each wrong match is moved into the true category with probability excess / (1 - chance)).
     */
    private static SemanticAnalysis.Result planted(double excess, long seed) {
        int[] cat = categories(), correct = new int[Q], top = new int[Q];
        SplittableRandom rng = new SplittableRandom(seed);
        double chance = 9.0 / 39.0, move = excess / (1 - chance);
        for (int q = 0; q < Q; q++) {
            correct[q] = q % C;
            if (rng.nextDouble() < move) {
                top[q] = (correct[q] + 4 * (1 + rng.nextInt(9))) % C; // another image of the true category
            } else {
                int other = rng.nextInt(C - 1);
                top[q] = other >= correct[q] ? other + 1 : other;
            }
        }
        return SemanticAnalysis.of(withTop(top, seed + 1), correct, cat, List.of(), 200, seed + 2);
    }

    @Test
    void thePowerTheTestStatesIsThePowerItHasOnAPlantedExcess() {
        SemanticAnalysis.Power stated = planted(0, 1).power();
        double excess = stated.detectableExcess80();
        assertTrue(excess > 0.05 && excess < 0.4, "80% power at an excess of " + excess + " of " + Q + " wrong matches");
        int found = 0, nullFound = 0, runs = 100;
        for (long s = 0; s < runs; s++) {
            if (planted(excess, 1000 + s).pValue() < Verdict.ALPHA) found++;
            if (planted(0, 2000 + s).pValue() < Verdict.ALPHA) nullFound++;
        }
        // binomial(100, 0.8): 95% of runs fall within 72..88; the shift alternative is an approximation, hence the margin
        assertTrue(found >= 65 && found <= 95, found + " of " + runs + " planted excesses of " + excess + " found; stated power 80%");
        assertTrue(nullFound <= 10, nullFound + " of " + runs + " runs without an excess were significant (alpha 5%)");
        SemanticAnalysis.Result big = planted(0.5, 3);
        assertTrue(big.power().powerAtObservedExcess() > 0.95, "an excess this large is found nearly always: " + big.power());
    }

    /** The natimg2800 class file labels the images it could not classify 0 and names that label "unknown". */
    @Test
    void theRealClassFilesUnknownLabelIsLeftOut() throws Exception {
        java.nio.file.Path file = SharedFolder.require("data/real/stringer2019-natimg2800-classes/stimuli_class_assignment_confident.mat");
        org.dina.data.formats.Categories c = org.dina.data.formats.Categories.read(file);
        int[] cat = java.util.Arrays.copyOf(c.labels(), 200);
        int unknown = 0;
        for (int v : cat) if (v == 0) unknown++;
        int[] correct = new int[200], top = new int[200];
        SplittableRandom rng = new SplittableRandom(9);
        for (int q = 0; q < 200; q++) {
            correct[q] = q;
            top[q] = rng.nextInt(200);
        }
        float[][] sim = new float[200][200];
        for (int q = 0; q < 200; q++) {
            for (int k = 0; k < 200; k++) sim[q][k] = (float) rng.nextDouble();
            sim[q][top[q]] = 2f;
        }
        SemanticAnalysis.Result r = SemanticAnalysis.of(sim, correct, cat, c.names(), 200, 1);
        assertTrue(unknown > 0, "the first 200 images include unknown ones");
        assertEquals("unknown", r.excludedLabel());
        assertEquals(unknown, r.excludedCandidates());
        assertTrue(r.categories().stream().noneMatch(row -> row.name().equals("unknown")));
    }
}
