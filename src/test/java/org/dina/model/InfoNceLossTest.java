package org.dina.model;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.dina.testing.Golden;
import org.junit.jupiter.api.Test;

class InfoNceLossTest {
    @Test
    void matchesPyTorchValueAndGradients() {
        Golden g = Golden.load("infonce");
        Tensor a = g.tensor("a"), b = g.tensor("b");
        InfoNceLoss loss = new InfoNceLoss();
        double l = loss.forward(a, b, g.scalar("tau"));
        assertEquals(g.scalar("loss"), l, 1e-5 * Math.abs(g.scalar("loss")));
        loss.backward();
        Golden.assertClose("grad_a", g.tensor("grad_a"), loss.gradA(), 1e-4, 1e-6);
        Golden.assertClose("grad_b", g.tensor("grad_b"), loss.gradB(), 1e-4, 1e-6);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor a = GradCheck.randomLike(new int[] {5, 7}, 1), b = GradCheck.randomLike(new int[] {5, 7}, 2);
        InfoNceLoss loss = new InfoNceLoss();
        double tau = 0.5;
        loss.forward(a, b, tau);
        loss.backward();
        Tensor ga = loss.gradA().copy(), gb = loss.gradB().copy();
        double gTau = loss.gradLogTau();
        GradCheck fd = new GradCheck(1e-2, 2e-2, 1e-4, 64);
        fd.compare("InfoNCE a", a, ga, () -> new InfoNceLoss().forward(a, b, tau), 3);
        fd.compare("InfoNCE b", b, gb, () -> new InfoNceLoss().forward(a, b, tau), 4);
        double h = 1e-4;
        double numeric = (new InfoNceLoss().forward(a, b, tau * Math.exp(h)) - new InfoNceLoss().forward(a, b, tau * Math.exp(-h))) / (2 * h);
        assertEquals(numeric, gTau, 1e-3 * Math.max(1, Math.abs(numeric)));
    }

    @Test
    void perfectAlignmentGivesLowLoss() {
        Tensor a = Tensor.of(new float[] {1, 0, 0, 1}, 2, 2);
        assertTrue(new InfoNceLoss().forward(a, a, 0.01) < 1e-6);
        Tensor b = Tensor.of(new float[] {0, 1, 1, 0}, 2, 2);
        assertTrue(new InfoNceLoss().forward(a, b, 0.01) > 50);
        assertThrows(IllegalArgumentException.class, () -> new InfoNceLoss().forward(a, Tensor.zeros(3, 2), 0.01));
    }
}
