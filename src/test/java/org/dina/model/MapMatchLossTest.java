package org.dina.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.function.Supplier;
import org.dina.data.SplitProtocol;
import org.dina.nn.SsimPadding;
import org.dina.tensor.Tensor;
import org.dina.testing.Golden;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class MapMatchLossTest {
    @Test
    void matchesPyTorch() {
        Golden g = Golden.load("map_match");
        for (String prefix : new String[] {"zero_", "zero_tiny_", "reflect_", "reflect_tiny_"}) {
            MapMatchLoss loss = new MapMatchLoss(g.scalar("rmse_weight"), g.scalar("ssim_weight"),
                    prefix.startsWith("zero") ? SsimPadding.ZERO : SsimPadding.REFLECT);
            double value = loss.forward(g.tensor(prefix + "a"), g.tensor(prefix + "b"));
            assertEquals(g.scalar(prefix + "rmse"), loss.lastRmse(), 2e-6, prefix + "rmse");
            assertEquals(g.scalar(prefix + "ssim"), loss.lastSsim(), 2e-6, prefix + "ssim");
            assertEquals(g.scalar(prefix + "loss"), value, 5e-6, prefix + "loss");
            loss.backward();
            Golden.assertClose(prefix + "grad a", g.tensor(prefix + "grad_a"), loss.gradImage(), 1e-3, 1e-7);
            Golden.assertClose(prefix + "grad b", g.tensor(prefix + "grad_b"), loss.gradNeural(), 1e-3, 1e-7);
        }
    }

    @Test
    void zeroWeightsMakeTheLossInactiveAndIdenticalMapsGiveNoNaN() {
        assertFalse(new MapMatchLoss(0, 0).active());
        assertTrue(new MapMatchLoss(0.1, 0).active());
        assertThrows(IllegalArgumentException.class, () -> new MapMatchLoss(-1, 0));
        Tensor a = GradCheck.randomLike(new int[] {2, 1, 16, 64}, 1);
        MapMatchLoss rmse = new MapMatchLoss(1, 0);
        assertEquals(0, rmse.forward(a, a.copy()), 0);
        rmse.backward();
        for (float v : rmse.gradImage().toArray()) assertEquals(0f, v);
        assertTrue(Double.isNaN(rmse.lastSsim()), "the SSIM term is not computed at weight 0");
    }

    /** The whole model, InfoNCE plus both terms: every parameter's gradient against finite differences of the loss. */
    @Test
    void modelGradientsWithMapTermsMatchFiniteDifferences() {
        DinaConfig cfg = new DinaConfig("fd", 3,
                new DinaConfig.Data(new DinaConfig.Simulation(10, 6, 1, 0, 0.1), SplitProtocol.IMAGES, TrialMode.SINGLE, 0.2, 0.2, 36, 136),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 2, List.of(32, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.5, false, 0.8, 1.5),
                new DinaConfig.Train(4, 1, 1, 1e-3, 0, 1e-3, 0.9, 0.5, 5));
        DinaModel model = new DinaModel(cfg, 6);
        Tensor features = GradCheck.randomLike(new int[] {3, 128, 4, 17}, 5);
        Tensor responses = GradCheck.randomLike(new int[] {3, 6}, 6);
        model.zeroGrad();
        model.trainStep(features, responses);
        assertTrue(model.mapMatch().lastRmse() > 0 && model.mapMatch().lastSsim() > 0);
        Tensor neuralGrads = model.neural().parameters().grads().copy(), imageGrads = model.image().trainableGrads().copy();
        Supplier<Double> loss = () -> {
            model.neural().weightsChanged();
            return model.evaluate(features, responses);
        };
        GradCheck fd = new GradCheck(1e-3, 5e-2, 2e-3, 40);
        fd.compare("neural tower", model.neural().parameters().values(), neuralGrads, loss, 7);
        fd.compare("image head", model.image().trainableValues(), imageGrads, loss, 8);
    }
}
