package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.dina.data.Dataset;
import org.dina.data.ResponseNormalizer;
import org.dina.model.DinaModel;
import org.dina.model.ImageTowerMode;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NeuronAnalysisTest {
    private static Untrained u;

    @BeforeAll
    static void model() {
        u = Untrained.of(40, 12, ImageTowerMode.FROZEN);
    }

    /** With one trial and a baseline one below the input, the attribution is the gradient itself: check it numerically. */
    @Test
    void attributionIsTheGradientOfTheTargetSimilarity() {
        DinaModel m = u.model();
        int n = 12, dim = 1024;
        SplittableRandom rng = new SplittableRandom(5);
        float[] rv = new float[n];
        for (int j = 0; j < n; j++) rv[j] = (float) rng.nextDouble();
        Tensor r = Tensor.of(rv, 1, n);
        float[][] target = new float[1][dim];
        // large enough that the gradient stands well above GradCheck's absolute tolerance
        for (int l = 0; l < dim; l++) target[0][l] = (float) (1000 * rng.nextGaussian());
        double[] baseline = new double[n];
        for (int j = 0; j < n; j++) baseline[j] = rv[j] - 1.0;
        double[][] a = NeuronAnalysis.gradientTimesInput(m, r, target, baseline, null);
        float[] g = new float[n];
        for (int j = 0; j < n; j++) g[j] = (float) a[0][j];
        for (int j = 0; j < n; j++) assertEquals(Math.abs(a[0][j]), a[1][j], 0, "one trial: the magnitude is |signed|");
        GradCheck.standard().compare("neural tower dL/dr", r, Tensor.of(g, 1, n), () -> {
            Tensor z = m.neural().forward(r);
            double s = 0;
            for (int l = 0; l < dim; l++) s += (double) target[0][l] * z.getFlat(l);
            return s;
        }, 7);
    }

    @Test
    void zeroGradientsAreLeftBehind() {
        Tensor r = u.data().normalizer().apply(u.data().dataset(), new int[] {0, 1, 2});
        float[][] t = new float[3][1024];
        for (float[] row : t) java.util.Arrays.fill(row, 0.03f);
        NeuronAnalysis.gradientTimesInput(u.model(), r, t, new double[12], null);
        Tensor grads = u.model().neural().parameters().grads();
        for (long i = 0; i < grads.numel(); i++) assertEquals(0f, grads.getFlat(i));
    }

    @Test
    void replacedSetsOnlyTheFlaggedColumns() {
        Tensor r = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor out = NeuronAnalysis.replaced(r, new boolean[] {false, true, false}, new double[] {9, 8, 7}, Tensor.zeros(2, 3));
        assertArrayEquals(new float[] {1, 8, 3, 4, 8, 6}, out.toArray());
    }

    @Test
    void reliabilityIsOneForIdenticalRepeatsAndNaNForConstantNeurons() {
        // 4 images x 2 repeats, neuron 0 repeats exactly, neuron 1 is constant, neuron 2 is pure trial noise
        int[] ids = {0, 1, 2, 3, 0, 1, 2, 3};
        float[] resp = {
            1, 5, 0.9f, 2, 5, 0.1f, 3, 5, 0.5f, 4, 5, 0.3f,
            1, 5, 0.2f, 2, 5, 0.8f, 3, 5, 0.4f, 4, 5, 0.6f};
        Dataset d = Dataset.of("reliability", Tensor.zeros(4, 4, 4), Tensor.of(resp, 8, 3), ids);
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7};
        NeuronAnalysis.TrainingStats s = NeuronAnalysis.TrainingStats.of(d, ResponseNormalizer.fit(d, all), all);
        assertEquals(1.0, s.reliability()[0], 1e-9);
        assertTrue(Double.isNaN(s.reliability()[1]));
        assertTrue(s.reliability()[2] < 0, "this noise happens to anti-correlate: " + s.reliability()[2]);
        assertEquals(2.5, s.meanRaw()[0], 1e-9);
        assertEquals(0.5, s.meanNormalised()[0], 1e-6);
    }
}
