package org.dina.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dina.tensor.Tensor;
import org.dina.testing.Golden;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class BatchNorm2dTest {
    private static final double RTOL = 1e-5, ATOL = 1e-6;

    private static BatchNorm2d layer(ParameterSet ps, int channels) {
        BatchNorm2d bn = new BatchNorm2d(ps, "bn", channels);
        ps.allocate(1);
        return bn;
    }

    @Test
    void initialisesLikePyTorch() {
        BatchNorm2d bn = layer(new ParameterSet(), 3);
        assertTrue(bn.isTraining());
        for (int c = 0; c < 3; c++) {
            assertEquals(1f, bn.weight().value().getFlat(c));
            assertEquals(0f, bn.bias().value().getFlat(c));
            assertEquals(0f, bn.runningMean().getFlat(c));
            assertEquals(1f, bn.runningVar().getFlat(c));
        }
        assertEquals(0.1, bn.momentum());
        assertEquals(1e-5f, bn.eps());
    }

    @Test
    void trainingBackwardMatchesFiniteDifferences() {
        ParameterSet ps = new ParameterSet();
        BatchNorm2d bn = layer(ps, 3);
        GradCheck.randomLike(new int[] {3}, 61).copyTo(bn.weight().value());
        GradCheck.randomLike(new int[] {3}, 62).copyTo(bn.bias().value());
        Tensor x = GradCheck.randomLike(new int[] {2, 3, 4, 5}, 63); // 20 positions: one full vector plus a scalar tail
        GradCheck.standard().check("BatchNorm2d train", bn, x, ps, 64);
    }

    @Test
    void evalBackwardMatchesFiniteDifferences() {
        ParameterSet ps = new ParameterSet();
        BatchNorm2d bn = layer(ps, 3);
        GradCheck.randomLike(new int[] {3}, 71).copyTo(bn.weight().value());
        GradCheck.randomLike(new int[] {3}, 72).copyTo(bn.bias().value());
        bn.runningMean().copyFrom(new float[] {0.3f, -0.2f, 0.1f});
        bn.runningVar().copyFrom(new float[] {0.5f, 2f, 1.3f});
        bn.setTraining(false);
        Tensor x = GradCheck.randomLike(new int[] {2, 3, 4, 5}, 73);
        GradCheck.standard().check("BatchNorm2d eval", bn, x, ps, 74);
        assertEquals(0.3f, bn.runningMean().getFlat(0), "evaluation leaves the running statistics alone");
    }

    @Test
    void matchesPyTorchInTrainingForTwoStepsThenInEvaluation() {
        Golden g = Golden.load("batchnorm2d");
        ParameterSet ps = new ParameterSet();
        BatchNorm2d bn = layer(ps, 3);
        g.tensor("weight").copyTo(bn.weight().value());
        g.tensor("bias").copyTo(bn.bias().value());
        for (String step : new String[] {"train1", "train2"}) {
            ps.zeroGrad();
            Golden.assertClose(step + " y", g.tensor(step + "_y"), bn.forward(g.tensor(step + "_x")), RTOL, ATOL);
            Golden.assertClose(step + " dx", g.tensor(step + "_dx"), bn.backward(g.tensor(step + "_dy")), RTOL, ATOL);
            Golden.assertClose(step + " dweight", g.tensor(step + "_dweight"), bn.weight().grad(), RTOL, ATOL);
            Golden.assertClose(step + " dbias", g.tensor(step + "_dbias"), bn.bias().grad(), RTOL, ATOL);
            Golden.assertClose(step + " running_mean", g.tensor(step + "_running_mean"), bn.runningMean(), RTOL, ATOL);
            Golden.assertClose(step + " running_var", g.tensor(step + "_running_var"), bn.runningVar(), RTOL, ATOL);
        }
        bn.setTraining(false);
        assertFalse(bn.isTraining());
        Tensor meanBefore = bn.runningMean().copy(), varBefore = bn.runningVar().copy();
        ps.zeroGrad();
        Golden.assertClose("eval y", g.tensor("eval_y"), bn.forward(g.tensor("eval_x")), RTOL, ATOL);
        Golden.assertClose("eval dx", g.tensor("eval_dx"), bn.backward(g.tensor("eval_dy")), RTOL, ATOL);
        Golden.assertClose("eval dweight", g.tensor("eval_dweight"), bn.weight().grad(), RTOL, ATOL);
        Golden.assertClose("eval dbias", g.tensor("eval_dbias"), bn.bias().grad(), RTOL, ATOL);
        Golden.assertClose("running_mean unchanged by eval", meanBefore, bn.runningMean(), 0, 0);
        Golden.assertClose("running_var unchanged by eval", varBefore, bn.runningVar(), 0, 0);
    }

    @Test
    void checksShapesNamingTheLayer() {
        BatchNorm2d bn = new BatchNorm2d(new ParameterSet(), "stage1.block0.norm1", 4);
        var e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(2, 3, 5, 5)));
        assertTrue(e.getMessage().contains("stage1.block0.norm1") && e.getMessage().contains("[2, 3, 5, 5]"), e.getMessage());
        var one = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(1, 4, 1, 1)));
        assertTrue(one.getMessage().contains("more than one value"), one.getMessage());
    }

    @Test
    void evalAcceptsASingleValuePerChannel() {
        ParameterSet ps = new ParameterSet();
        BatchNorm2d bn = layer(ps, 2);
        bn.setTraining(false);
        Tensor y = bn.forward(Tensor.of(new float[] {2f, -4f}, 1, 2, 1, 1));
        assertEquals(2f / Math.sqrt(1 + 1e-5), y.getFlat(0), 1e-6);
        assertEquals(-4f / Math.sqrt(1 + 1e-5), y.getFlat(1), 1e-6);
    }
}
