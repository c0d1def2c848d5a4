package org.dina.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AdamWTest {
    private static final AdamW.Config DINA = AdamW.Config.DEFAULTS.withLr(3e-4).withWeightDecay(5e-5);
    private static final AdamW.Config AMSGRAD = new AdamW.Config(1e-2, 0.8, 0.99, 1e-6, 0.1, true);

    /**
     * PyTorch's trajectory within 1e-5 relative, and in fact bit for bit: the goldens come from a GCC-built PyTorch
     * whose kernels fuse {@code a + b * c}, and AdamW fuses the same operations.
     */
    @Test
    void matchesPyTorchGoldens() {
        assertEquals(0, OptimizerChecks.matchesGolden("adamw", "dina", (p, g) -> new AdamW(p, g, DINA), 1e-5), "dina: ulps");
        assertEquals(0, OptimizerChecks.matchesGolden("adamw", "defaults",
                (p, g) -> new AdamW(p, g, AdamW.Config.DEFAULTS), 1e-5), "defaults: ulps");
        assertEquals(0, OptimizerChecks.matchesGolden("adamw", "amsgrad", (p, g) -> new AdamW(p, g, AMSGRAD), 1e-5), "amsgrad: ulps");
    }

    @Property(tries = 100)
    void vectorKernelMatchesScalarTwin(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll long seed,
                                       @ForAll boolean amsgrad, @ForAll boolean decay) {
        AdamW.Config c = AdamW.Config.DEFAULTS.withLr(1e-2).withWeightDecay(decay ? 0.1 : 0).withAmsgrad(amsgrad);
        OptimizerChecks.vectorMatchesScalar((p, g) -> new AdamW(p, g, c), n, seed);
    }

    @Test
    void sameBitsWithOneOrTwoThreads() {
        OptimizerChecks.sameBitsWithOneOrTwoThreads((p, g) -> new AdamW(p, g, DINA));
        OptimizerChecks.sameBitsWithOneOrTwoThreads((p, g) -> new AdamW(p, g, AMSGRAD));
    }

    @Test
    void resumesFromSavedStateBitExactly() {
        OptimizerChecks.resumesBitExactly((p, g) -> new AdamW(p, g, DINA));
        OptimizerChecks.resumesBitExactly((p, g) -> new AdamW(p, g, AMSGRAD));
    }

    @Test
    void updatesASliceOfALargerBufferOnly() {
        Tensor all = Tensor.of(new float[] {1, 2, 3, 4, 5}, 5), grads = Tensor.of(new float[] {1, 1, 1, 1, 1}, 5);
        AdamW opt = new AdamW(all.slice(0, 1, 4), grads.slice(0, 1, 4), DINA);
        opt.step();
        assertEquals(1f, all.getFlat(0));
        assertEquals(5f, all.getFlat(4));
        assertTrue(all.getFlat(2) < 3f);
    }

    @Test
    void stateNamesFollowPyTorch() {
        Tensor p = Tensor.zeros(4), g = Tensor.zeros(4);
        assertEquals(List.of("exp_avg", "exp_avg_sq"), List.copyOf(new AdamW(p, g, DINA).state().keySet()));
        assertEquals(List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq"), List.copyOf(new AdamW(p, g, AMSGRAD).state().keySet()));
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        var e = assertThrows(IllegalArgumentException.class, () -> new AdamW(Tensor.zeros(3), Tensor.zeros(4), DINA));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AdamW(Tensor.zeros(2, 3).transpose(0, 1), Tensor.zeros(3, 2), DINA));
        AdamW opt = new AdamW(Tensor.zeros(4), Tensor.zeros(4), DINA);
        e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(Map.of("exp_avg", Tensor.zeros(4)), 1, 1e-3));
        assertTrue(e.getMessage().contains("exp_avg_sq"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> opt.loadState(Map.of("exp_avg", Tensor.zeros(4), "exp_avg_sq", Tensor.zeros(5)), 1, 1e-3));
        assertTrue(e.getMessage().contains("exp_avg_sq") && e.getMessage().contains("[5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> opt.setLr(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> DINA.withBetas(1.0, 0.999));
    }
}
