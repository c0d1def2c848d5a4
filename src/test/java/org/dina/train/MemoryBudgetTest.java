package org.dina.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.dina.data.Dataset;
import org.dina.data.SplitProtocol;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTowerMode;
import org.dina.model.NeuralAttentionMode;
import org.dina.model.TrialMode;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    static DinaConfig config(ImageTowerMode tower, int h, int w) {
        return new DinaConfig("m", 1, new DinaConfig.Data(new DinaConfig.Simulation(10, 4, 2, 0.3, 0.3), SplitProtocol.IMAGES, TrialMode.SINGLE, 0.2, 0.2, h, w),
                new DinaConfig.Model(tower, 8, 1, List.of(256), NeuralAttentionMode.SHORTCUT), new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(8, 1, 5, 1e-2, 5e-5, 1e-3, 0.9, 0.5, 3));
    }

    static Dataset images(int k, int h, int w) {
        return Dataset.of("mem", Tensor.zeros(k, h, w), Tensor.zeros(k, 3), new int[k]);
    }

    @Test
    void countsResizedImagesAndCachedFeatures() {
        Dataset d = images(10, 8, 8);
        // 68x270 -> backbone 16x66 after the 4x4/4 and 2x2/2 patch embeddings
        assertArrayEquals(new int[] {8, 33}, org.dina.model.image.ImageBackbone.outputSize(68, 270));
        assertEquals(10L * 68 * 270 * 4 + 10L * 128 * 8 * 33 * 4, MemoryBudget.upfrontBytes(config(ImageTowerMode.FROZEN, 68, 270), d));
        assertEquals(10L * 68 * 270 * 4, MemoryBudget.upfrontBytes(config(ImageTowerMode.JOINT, 68, 270), d), "joint caches no features");
        assertEquals(10L * 128 * 1 * 1 * 4, MemoryBudget.upfrontBytes(config(ImageTowerMode.FROZEN, 8, 8), d), "same size: a view, no copy");
    }

    @Test
    void refusesWithTheNumbersAndTheFlagWhenItCannotFit() {
        DinaConfig cfg = config(ImageTowerMode.FROZEN, 68, 270);
        Dataset d = images(10, 8, 8);
        long need = MemoryBudget.upfrontBytes(cfg, d);
        MemoryBudget.check(cfg, d, need);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryBudget.check(cfg, d, need - 1));
        assertTrue(e.getMessage().startsWith("mem: the run needs at least") && e.getMessage().contains("-XX:MaxDirectMemorySize=")
                && e.getMessage().contains("10 images resized to 68x270"), e.getMessage());
    }

    @Test
    void offHeapTensorsCountAgainstTheDirectMemoryLimit() {
        long before = MemoryBudget.directMemoryUsed();
        Tensor t = Tensor.zeros(1 << 20);
        assertTrue(MemoryBudget.directMemoryUsed() - before >= 4L << 20, "tensors must be counted where the limit is enforced");
        assertTrue(MemoryBudget.directMemoryLimit() > 0);
        t.zero();
    }
}
