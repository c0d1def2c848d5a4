package org.dina.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RmsPropTest {
    private static final RmsProp.Config DINA = RmsProp.Config.DEFAULTS.withLr(5e-5).withAlpha(0.9);
    private static final RmsProp.Config CENTERED_MOMENTUM = new RmsProp.Config(1e-3, 0.9, 1e-6, 1e-2, 0.9, true);
    private static final RmsProp.Config MOMENTUM = RmsProp.Config.DEFAULTS.withLr(1e-3).withAlpha(0.95).withMomentum(0.5);

    /** PyTorch's trajectory within 1e-5 relative, and in fact bit for bit (see AdamWTest). */
    @Test
    void matchesPyTorchGoldens() {
        assertEquals(0, OptimizerChecks.matchesGolden("rmsprop", "dina", (p, g) -> new RmsProp(p, g, DINA), 1e-5), "dina: ulps");
        assertEquals(0, OptimizerChecks.matchesGolden("rmsprop", "defaults",
                (p, g) -> new RmsProp(p, g, RmsProp.Config.DEFAULTS), 1e-5), "defaults: ulps");
        assertEquals(0, OptimizerChecks.matchesGolden("rmsprop", "centered_momentum",
                (p, g) -> new RmsProp(p, g, CENTERED_MOMENTUM), 1e-5), "centered+momentum: ulps");
        assertEquals(0, OptimizerChecks.matchesGolden("rmsprop", "momentum",
                (p, g) -> new RmsProp(p, g, MOMENTUM), 1e-5), "momentum: ulps");
    }

    @Property(tries = 100)
    void vectorKernelMatchesScalarTwin(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll long seed,
                                       @ForAll boolean centered, @ForAll boolean momentum, @ForAll boolean decay) {
        RmsProp.Config c = new RmsProp.Config(1e-3, 0.9, 1e-8, decay ? 0.01 : 0, momentum ? 0.9 : 0, centered);
        OptimizerChecks.vectorMatchesScalar((p, g) -> new RmsProp(p, g, c), n, seed);
    }

    @Test
    void sameBitsWithOneOrTwoThreads() {
        OptimizerChecks.sameBitsWithOneOrTwoThreads((p, g) -> new RmsProp(p, g, DINA));
        OptimizerChecks.sameBitsWithOneOrTwoThreads((p, g) -> new RmsProp(p, g, CENTERED_MOMENTUM));
    }

    @Test
    void resumesFromSavedStateBitExactly() {
        OptimizerChecks.resumesBitExactly((p, g) -> new RmsProp(p, g, DINA));
        OptimizerChecks.resumesBitExactly((p, g) -> new RmsProp(p, g, CENTERED_MOMENTUM));
    }

    @Test
    void stateNamesFollowPyTorch() {
        Tensor p = Tensor.zeros(4), g = Tensor.zeros(4);
        assertEquals(List.of("square_avg"), List.copyOf(new RmsProp(p, g, DINA).state().keySet()));
        assertEquals(List.of("square_avg", "grad_avg", "momentum_buffer"),
                List.copyOf(new RmsProp(p, g, CENTERED_MOMENTUM).state().keySet()));
    }
}
