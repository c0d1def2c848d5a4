package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.kernels.Parallel;
import org.dina.model.ImageTowerMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InteractionAnalysisTest {
    private static final int DEFAULT_THREADS = Parallel.threads();
    private static final int N = 24;
    private static Untrained u;
    private static RetrievalProbe probe;
    private static double[] attribution, fill;

    @BeforeAll
    static void setUp() {
        u = Untrained.of(60, N, ImageTowerMode.FROZEN);
        probe = RetrievalProbe.of(u.model(), u.data(), AnalysisOptions.defaults());
        attribution = new double[N];
        fill = new double[N];
        for (int j = 0; j < N; j++) {
            attribution[j] = (j * 7) % N;
            fill[j] = 0.2;
        }
    }

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(DEFAULT_THREADS);
    }

    private static AnalysisOptions options() {
        return AnalysisOptions.defaults().quick();
    }

    @Test
    void attentionRowsAreProbabilities() {
        InteractionAnalysis.Result r = InteractionAnalysis.run(probe, options(), attribution, fill, fill);
        assertNull(r.restriction());
        assertEquals(N, r.nodes().length);
        // every row of the averaged attention sums to 1: off-diagonal mass + self-attention = N rows
        double off = 0;
        for (double v : r.weightedInDegree()) off += v;
        assertEquals(N, off + N * r.meanSelfAttention(), 1e-3);
        assertTrue(r.edges() >= 1 && r.edges() <= 0.02 * N * (N - 1) + 1, "edges " + r.edges());
        assertEquals(r.weightedInDegree()[indexOf(r.nodes(), r.hubs()[0])], r.maxWeightedInDegree(), 1e-12);
        assertEquals(options().hubFractions().length, r.knockouts().size());
        for (InteractionAnalysis.Knockout k : r.knockouts()) assertTrue(k.count() >= 1 && k.count() <= N);
    }

    @Test
    void largePopulationsKeepOnlyTheTopAttributedNeurons() {
        InteractionAnalysis.Result r = InteractionAnalysis.run(probe, options().withGraphLimit(10, 6), attribution, fill, fill);
        assertNotNull(r.restriction());
        assertTrue(r.restriction().contains("6 neurons with the largest attribution on validation trials"), r.restriction());
        int[] top = java.util.Arrays.copyOf(Stats.descendingOrder(attribution), 6);
        java.util.Arrays.sort(top);
        assertArrayEquals(top, r.nodes());
        assertEquals(6, r.hubMatrix().length);
    }

    @Test
    void sameBitsWithOneAndTwoThreads() {
        Parallel.setThreads(1);
        InteractionAnalysis.Result a = InteractionAnalysis.run(probe, options(), attribution, fill, fill);
        Parallel.setThreads(2);
        InteractionAnalysis.Result b = InteractionAnalysis.run(probe, options(), attribution, fill, fill);
        assertArrayEquals(a.weightedInDegree(), b.weightedInDegree(), 0);
        assertArrayEquals(a.inDegree(), b.inDegree());
        assertEquals(a.knockouts().size(), b.knockouts().size());
        for (int i = 0; i < a.knockouts().size(); i++) {
            assertEquals(a.knockouts().get(i).hubMargin(), b.knockouts().get(i).hubMargin(), 0);
            assertArrayEquals(a.knockouts().get(i).randomMargins(), b.knockouts().get(i).randomMargins(), 0);
            assertArrayEquals(a.knockouts().get(i).queryExtraDrop(), b.knockouts().get(i).queryExtraDrop(), 0);
        }
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        throw new AssertionError(v + " not found");
    }
}
