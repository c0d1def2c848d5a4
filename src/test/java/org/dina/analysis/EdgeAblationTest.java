package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.dina.model.ImageTowerMode;
import org.dina.kernels.Parallel;
import org.dina.model.neural.NeuralAttention;
import org.dina.model.neural.NeuralAttentionParams;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The explicit attention path of the edge ablation against the model's own attention block (2 heads), masked rows
 * against probabilities renormalised by hand, uniform attention against a block whose queries are zero, and the
 * random edge draw's weight matching.
 */
class EdgeAblationTest {
    private static final int DEFAULT_THREADS = Parallel.threads();
    private static final int N = 24;

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(DEFAULT_THREADS);
    }

    private static Tensor responses(int rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor r = Tensor.zeros(rows, N);
        for (int i = 0; i < rows * N; i++) r.setFlat(i, (float) rng.nextGaussian());
        return r;
    }

    /** v_j = W_v (r_j E_j + Bt_j) + b_v, the plain formula. */
    private static double[][] values(NeuralAttentionParams p, Tensor r, int row) {
        int d = p.config().dim();
        double[][] v = new double[N][d];
        for (int j = 0; j < N; j++) {
            for (int o = 0; o < d; o++) {
                double s = p.inProjBias.value().getFlat(2L * d + o);
                for (int c = 0; c < d; c++) {
                    double x = r.getFlat((long) row * N + j) * p.embedWeight.value().getFlat((long) j * d + c) + p.embedBias.value().getFlat((long) j * d + c);
                    s += p.inProjWeight.value().getFlat((long) (2 * d + o) * d + c) * x;
                }
                v[j][o] = s;
            }
        }
        return v;
    }

    /** y_i from a head-concatenated attention output o. */
    private static double readout(NeuralAttentionParams p, int i, double[] o) {
        int d = o.length;
        double y = p.readoutBias.value().getFlat(i);
        for (int r = 0; r < d; r++) {
            double z = p.outProjBias.value().getFlat(r);
            for (int c = 0; c < d; c++) z += p.outProjWeight.value().getFlat((long) r * d + c) * o[c];
            y += p.readoutWeight.value().getFlat((long) i * d + r) * z;
        }
        return y;
    }

    @Test
    void theExplicitPathIsTheModelsAttentionAndMasksRenormalise() {
        Untrained u = Untrained.of(60, N, ImageTowerMode.FROZEN);
        NeuralAttention block = u.model().neural().attention();
        NeuralAttentionParams p = block.params();
        int d = p.config().dim(), heads = p.config().heads(), dh = d / heads;
        assertEquals(2, heads);
        Tensor r = responses(3, 7);
        Tensor own = block.forward(r).copy();
        ExplicitAttention.Sample s = new ExplicitAttention(p).new Sample();
        int[] keys = {0, 5, 6, 19};
        for (int b = 0; b < 3; b++) {
            s.load(r, b);
            Tensor probs = block.attentionWeights(r.slice(0, b, b + 1).reshape(N).contiguous());
            double[][] v = values(p, r, b);
            for (int row = 0; row < N; row++) {
                final int i = row;
                s.row(i);
                assertEquals(own.getFlat((long) b * N + i), s.masked(i, null, 0, 0), 2e-5, "intact row " + i);
                // by hand: the row's probabilities without the masked keys, renormalised per head
                double[] o = new double[d];
                double removed = 0;
                for (int h = 0; h < heads; h++) {
                    double cut = 0;
                    for (int j : keys) if (j != i) cut += probs.getFlat(((long) h * N + i) * N + j);
                    removed += cut / heads;
                    for (int j = 0; j < N; j++) {
                        if (j != i && java.util.Arrays.binarySearch(keys, j) >= 0) continue;
                        double w = probs.getFlat(((long) h * N + i) * N + j) / (1 - cut);
                        for (int c = 0; c < dh; c++) o[h * dh + c] += w * v[j][h * dh + c];
                    }
                }
                int[] masked = java.util.Arrays.stream(keys).filter(j -> j != i).toArray();
                assertEquals(readout(p, i, o), s.masked(i, masked, 0, masked.length), 2e-5, "masked row " + i);
                assertEquals(removed, s.removedMass(), 1e-6);
            }
        }
    }

    @Test
    void uniformAttentionIsTheBlockWithZeroQueries() {
        Untrained u = Untrained.of(60, N, ImageTowerMode.FROZEN);
        NeuralAttention block = u.model().neural().attention();
        NeuralAttentionParams p = block.params();
        int d = p.config().dim();
        Tensor r = responses(2, 9);
        ExplicitAttention.Sample s = new ExplicitAttention(p).new Sample();
        float[][] uniform = new float[2][N];
        for (int b = 0; b < 2; b++) {
            s.load(r, b);
            s.uniform(uniform[b]);
        }
        // zero queries give every score 0, so every query row is uniform
        for (int o = 0; o < d; o++) {
            p.inProjBias.value().setFlat(o, 0f);
            for (int c = 0; c < d; c++) p.inProjWeight.value().setFlat((long) o * d + c, 0f);
        }
        u.model().neural().weightsChanged();
        Tensor y = block.forward(r);
        for (int b = 0; b < 2; b++) for (int i = 0; i < N; i++) assertEquals(y.getFlat((long) b * N + i), uniform[b][i], 2e-5);
    }

    @Test
    void randomEdgesMatchTheGraphEdgesWeightAndAvoidThem() {
        int m = 30;
        SplittableRandom rng = new SplittableRandom(3);
        float[] a = new float[m * m];
        for (int i = 0; i < a.length; i++) a[i] = (float) rng.nextDouble() / m;
        int[] nodes = new int[m];
        for (int i = 0; i < m; i++) nodes[i] = 2 * i + 1;
        double threshold = 0.95 / m;
        EdgeAblation.Mask top = EdgeAblation.topEdges(nodes, a, threshold);
        EdgeAblation.Mask random = EdgeAblation.randomEdges(nodes, a, threshold, top.weight(), new SplittableRandom(4));
        assertTrue(top.edges() > 0);
        assertTrue(random.weight() >= top.weight() && random.weight() < top.weight() + threshold, random.weight() + " vs " + top.weight());
        assertTrue(random.edges() > top.edges(), "lighter edges, so more of them");
        for (int q = 0; q < random.rows().length; q++) {
            int i = (random.rows()[q] - 1) / 2;
            for (int k = random.start()[q]; k < random.start()[q + 1]; k++) {
                int j = (random.keys()[k] - 1) / 2;
                assertNotEquals(i, j);
                assertTrue(a[i * m + j] <= threshold, "not a graph edge");
            }
        }
    }

    @Test
    void sameResultWithOneAndTwoThreads() {
        Untrained u = Untrained.of(60, N, ImageTowerMode.FROZEN);
        AnalysisOptions o = AnalysisOptions.defaults().quick();
        RetrievalProbe probe = RetrievalProbe.of(u.model(), u.data(), o);
        double[] ones = new double[N];
        java.util.Arrays.fill(ones, 1);
        Parallel.setThreads(1);
        EdgeAblation.Result a = InteractionAnalysis.run(probe, o, ones, ones, new double[N]).edgeAblation();
        Parallel.setThreads(2);
        EdgeAblation.Result b = InteractionAnalysis.run(probe, o, ones, ones, new double[N]).edgeAblation();
        assertArrayEquals(a.randomTop1(), b.randomTop1(), 0);
        assertArrayEquals(a.randomMargin(), b.randomMargin(), 0);
        assertEquals(a.edgesRemoved().margin(), b.edgesRemoved().margin(), 0);
        assertEquals(a.uniform().margin(), b.uniform().margin(), 0);
        assertEquals(a.topRemovedMass(), b.topRemovedMass(), 0);
        assertTrue(a.topEdges() > 0 && a.samples() > 0);
    }
}
