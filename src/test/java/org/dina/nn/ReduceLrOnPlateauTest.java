package org.dina.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.dina.nn.ReduceLrOnPlateau.Mode;
import org.dina.nn.ReduceLrOnPlateau.ThresholdMode;
import org.dina.tensor.Tensor;
import org.dina.testing.Golden;
import org.junit.jupiter.api.Test;

class ReduceLrOnPlateauTest {
    private static final ReduceLrOnPlateau.Config D = ReduceLrOnPlateau.Config.DEFAULTS;
    private static final Golden GOLD = Golden.load("plateau");
    private static final int N = (int) GOLD.scalar("n");

    private static Optimizer optimizer(double lr) {
        return new AdamW(Tensor.zeros(1), Tensor.zeros(1), AdamW.Config.DEFAULTS.withLr(lr));
    }

    private static double loss(int i) { return GOLD.scalar(String.format("loss.%02d", i)); }

    /** Runs the golden loss sequence through a scheduler and demands PyTorch's lr and bad-epoch count, exactly. */
    private static void matches(String name, ReduceLrOnPlateau.Config config) {
        Optimizer opt = optimizer(GOLD.scalar(name + ".lr0"));
        ReduceLrOnPlateau sched = new ReduceLrOnPlateau(opt, config);
        for (int i = 0; i < N; i++) {
            sched.step(config.mode() == Mode.MAX ? -loss(i) : loss(i));
            assertEquals(GOLD.scalar(String.format("%s.lr.%02d", name, i)), opt.lr(), 0.0, name + " lr after step " + (i + 1));
            assertEquals((int) GOLD.scalar(String.format("%s.bad.%02d", name, i)), sched.numBadEpochs(),
                    name + " bad epochs after step " + (i + 1));
        }
    }

    @Test
    void patience3MatchesPyTorch() { matches("patience3", D.withFactor(0.5).withPatience(3)); }

    @Test
    void cooldownMatchesPyTorch() { matches("cooldown1", D.withFactor(0.5).withPatience(3).withCooldown(1)); }

    @Test
    void minLrMatchesPyTorch() { matches("min_lr", D.withFactor(0.5).withPatience(2).withMinLr(2e-4)); }

    @Test
    void cutsSmallerThanEpsAreSkippedAsInPyTorch() { matches("tiny_lr", D.withFactor(0.5).withPatience(1)); }

    @Test
    void maxModeWithAbsoluteThresholdMatchesPyTorch() {
        matches("max_abs", D.withMode(Mode.MAX).withFactor(0.1).withPatience(2).withThreshold(0.05, ThresholdMode.ABS).withCooldown(2));
    }

    @Test
    void defaultsMatchPyTorch() { matches("defaults", D); }

    @Test
    void resumesFromSavedStateExactly() {
        ReduceLrOnPlateau.Config c = D.withFactor(0.5).withPatience(3).withCooldown(1);
        Optimizer straightOpt = optimizer(1e-3);
        ReduceLrOnPlateau straight = new ReduceLrOnPlateau(straightOpt, c);
        for (int i = 0; i < N; i++) straight.step(loss(i));

        Optimizer firstOpt = optimizer(1e-3);
        ReduceLrOnPlateau first = new ReduceLrOnPlateau(firstOpt, c);
        int cut = 38; // inside a cooldown-sensitive stretch of the golden sequence
        for (int i = 0; i < cut; i++) first.step(loss(i));
        Map<String, String> saved = first.state().toStrings();
        Map<String, String> savedOpt = firstOpt.scalarState();

        Optimizer secondOpt = optimizer(1.0);
        secondOpt.loadState(firstOpt.state(), savedOpt);
        ReduceLrOnPlateau second = new ReduceLrOnPlateau(secondOpt, c);
        second.loadState(ReduceLrOnPlateau.State.fromStrings(saved));
        for (int i = cut; i < N; i++) second.step(loss(i));
        assertEquals(straightOpt.lr(), secondOpt.lr(), 0.0);
        assertEquals(straight.state(), second.state());
    }

    @Test
    void infiniteBestSurvivesTheTextState() {
        ReduceLrOnPlateau s = new ReduceLrOnPlateau(optimizer(1e-3), D);
        assertEquals(Double.POSITIVE_INFINITY, ReduceLrOnPlateau.State.fromStrings(s.state().toStrings()).best());
    }

    @Test
    void rejectsAFactorOfOneOrMore() {
        assertThrows(IllegalArgumentException.class, () -> D.withFactor(1.0));
    }
}
