package org.dina.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.dina.model.image.ImageBackbone;
import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class TowersTest {
    static DinaConfig.Model small(NeuralAttentionMode attention) {
        return new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 2, List.of(32, 256), attention);
    }

    @Test
    void imageTowerMapsImagesToUnitEmbeddingsAndTrainsOnlyTheHeadWhenFrozen() {
        assertArrayEquals(new int[] {8, 33}, ImageBackbone.outputSize(68, 270));
        ImageTower frozen = new ImageTower(false, 1);
        assertEquals(129, frozen.trainableValues().numel());
        ImageTower joint = new ImageTower(true, 1);
        assertEquals(joint.parameters().size(), joint.trainableValues().numel());
        Tensor images = GradCheck.randomLike(new int[] {2, 1, 36, 136}, 2);
        Tensor emb = joint.forward(images);
        assertArrayEquals(new int[] {2, 1024}, emb.shape());
        assertArrayEquals(new int[] {2, 1, 16, 64}, joint.maps().shape());
        for (int b = 0; b < 2; b++) {
            double n = 0;
            for (int i = 0; i < 1024; i++) n += emb.get(b, i) * emb.get(b, i);
            assertEquals(1.0, n, 1e-4);
        }
        Tensor features = frozen.features(images);
        assertArrayEquals(new int[] {2, 128, 4, 17}, features.shape());
        assertArrayEquals(new int[] {2, 1024}, frozen.forward(features).shape());
    }

    @Test
    void neuralTowerGradientsMatchFiniteDifferences() {
        for (NeuralAttentionMode attention : NeuralAttentionMode.values()) {
            NeuralTower t = new NeuralTower(6, small(attention), 3);
            Tensor r = GradCheck.randomLike(new int[] {3, 6}, 4);
            GradCheck fd = new GradCheck(1e-2, 3e-2, 2e-3, 24);
            Tensor out = t.forward(r);
            Tensor w = GradCheck.randomLike(out.shape(), 5);
            t.parameters().zeroGrad();
            Tensor dr = t.backward(w.copy()).copy();
            Tensor grads = t.parameters().grads().copy();
            java.util.function.Supplier<Double> loss = () -> {
                t.weightsChanged();
                return GradCheck.dot(t.forward(r), w);
            };
            fd.compare("NeuralTower(" + attention + ") input", r, dr, loss, 6);
            fd.compare("NeuralTower(" + attention + ") params", t.parameters().values(), grads, loss, 7);
        }
    }

    @Test
    void shortcutAndDirectTowersAgree() {
        NeuralTower a = new NeuralTower(10, small(NeuralAttentionMode.SHORTCUT), 9), b = new NeuralTower(10, small(NeuralAttentionMode.DIRECT), 9);
        Tensor r = GradCheck.randomLike(new int[] {4, 10}, 1);
        float[] ya = a.forward(r).toArray(), yb = b.forward(r).toArray();
        for (int i = 0; i < ya.length; i++) assertEquals(yb[i], ya[i], 1e-5);
    }

    @Test
    void severalZscoredMapsTrainThroughBothTowers() {
        var e = assertThrows(IllegalArgumentException.class, () -> small(NeuralAttentionMode.SHORTCUT).withMaps(MapNormalisation.ZSCORE, 2));
        assertTrue(e.getMessage().contains("model.neuralMlp must end in 256 x model.mapChannels = 512"), e.getMessage());
        DinaConfig.Model cfg = new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 2, List.of(512), NeuralAttentionMode.SHORTCUT, MapNormalisation.ZSCORE, 2, false, 0);
        NeuralTower t = new NeuralTower(5, cfg, 3);
        Tensor r = GradCheck.randomLike(new int[] {3, 5}, 4);
        assertArrayEquals(new int[] {3, 2048}, t.forward(r).shape());
        assertArrayEquals(new int[] {3, 2, 16, 64}, t.maps().shape());
        Tensor w = GradCheck.randomLike(new int[] {3, 2048}, 5);
        t.parameters().zeroGrad();
        Tensor dr = t.backward(w.copy()).copy();
        java.util.function.Supplier<Double> loss = () -> {
            t.weightsChanged();
            return GradCheck.dot(t.forward(r), w);
        };
        new GradCheck(1e-2, 3e-2, 2e-3, 15).compare("NeuralTower 2 z-scored maps input", r, dr, loss, 6);
        NeuralTower res = new NeuralTower(5, new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 2, List.of(512), NeuralAttentionMode.SHORTCUT, MapNormalisation.ZSCORE, 2, true, 0), 3);
        res.parameters().zeroGrad();
        res.forward(r);
        Tensor dRes = res.backward(w.copy()).copy();
        Tensor gRes = res.parameters().grads().copy();
        java.util.function.Supplier<Double> resLoss = () -> {
            res.weightsChanged();
            return GradCheck.dot(res.forward(r), w);
        };
        new GradCheck(1e-2, 3e-2, 2e-3, 15).compare("NeuralTower residual input", r, dRes, resLoss, 8);
        new GradCheck(1e-2, 3e-2, 2e-3, 40).compare("NeuralTower residual params", res.parameters().values(), gRes, resLoss, 9);

        ImageTower image = new ImageTower(false, MapNormalisation.ZSCORE, 2, 0, 1);
        assertEquals(2 * 128 + 2, image.trainableValues().numel(), "frozen: only the 1x1 head to 2 maps trains");
        Tensor features = image.features(GradCheck.randomLike(new int[] {2, 1, 36, 136}, 2));
        assertArrayEquals(new int[] {2, 2048}, image.forward(features).shape());
    }

    @Test
    void aHiddenImageHeadTrainsOnFrozenFeatures() {
        ImageTower t = new ImageTower(false, MapNormalisation.ZSCORE, 2, 6, 1);
        assertEquals(128 * 6 + 6 + 6 * 2 + 2, t.trainableValues().numel(), "frozen: both head convolutions train, nothing else");
        Tensor features = GradCheck.randomLike(new int[] {2, 128, 3, 5}, 4);
        Tensor out = t.forward(features);
        Tensor w = GradCheck.randomLike(out.shape(), 5);
        t.parameters().zeroGrad();
        Tensor dFeatures = t.backward(w.copy()).copy();
        Tensor grads = t.trainableGrads().copy();
        java.util.function.Supplier<Double> loss = () -> GradCheck.dot(t.forward(features), w);
        GradCheck fd = new GradCheck(1e-2, 3e-2, 2e-3, 40);
        fd.compare("ImageTower hidden head features", features, dFeatures, loss, 6);
        fd.compare("ImageTower hidden head params", t.trainableValues(), grads, loss, 7);
    }
}
