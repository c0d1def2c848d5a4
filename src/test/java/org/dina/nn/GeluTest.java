package org.dina.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.dina.tensor.Tensor;
import org.dina.testing.Golden;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class GeluTest {
    @Test
    void backwardMatchesFiniteDifferences() {
        Tensor x = GradCheck.randomLike(new int[] {2, 3, 11}, 31);
        org.dina.kernels.Elementwise.scaleInPlace(3f, x);
        GradCheck.standard().check("Gelu", new Gelu("act"), x, null, 32);
    }

    @Test
    void matchesAFloat64ReferenceToOneHundredThousandth() {
        Golden g = Golden.load("gelu");
        Gelu gelu = new Gelu("act");
        // the reference reaches 1e-15 at x = -8; the absolute floor only covers float underflow
        Golden.assertClose("gelu", g.tensor("y_float64"), gelu.forward(g.tensor("x")), 1e-5, 1e-30);
        Golden.assertClose("gelu dx", g.tensor("dx_float64"), gelu.backward(g.tensor("dy")), 1e-5, 1e-30);
    }

    @Test
    void matchesPyTorchFloat32UpToItsRounding() {
        Golden g = Golden.load("gelu");
        Gelu gelu = new Gelu("act");
        Tensor x = g.tensor("x");
        // PyTorch's float32 kernel rounds 1 + erf(x / sqrt 2) to float (about 1e-7 absolute), which the factor
        // x / 2 carries into y: allow 1e-5 relative plus 1e-7 |x| (for dx, whose Phi term it enters, 1e-7 |dy| (1 + |x|))
        assertCloseScaledByX("gelu", g.tensor("y"), gelu.forward(x), x, g.tensor("dy"), false);
        assertCloseScaledByX("gelu dx", g.tensor("dx"), gelu.backward(g.tensor("dy")), x, g.tensor("dy"), true);
    }

    private static void assertCloseScaledByX(String what, Tensor expected, Tensor actual, Tensor x, Tensor dy, boolean grad) {
        for (int i = 0; i < expected.numel(); i++) {
            double e = expected.getFlat(i), a = actual.getFlat(i);
            double noise = 1e-7 * (grad ? Math.abs(dy.getFlat(i)) * (1 + Math.abs(x.getFlat(i))) : Math.abs(x.getFlat(i)));
            double tol = 1e-5 * Math.abs(e) + noise + 1e-7;
            if (!(Math.abs(a - e) <= tol)) fail(what + "[" + i + "] at x=" + x.getFlat(i) + ": " + a + " but PyTorch gives " + e);
        }
    }

    @Test
    void outputAndDerivativeInOnePassGiveTheBitsOfRecomputeAndBackward() {
        Tensor x = GradCheck.randomLike(new int[] {3, 700}, 41), dy = GradCheck.randomLike(new int[] {3, 700}, 42);
        org.dina.kernels.Elementwise.scaleInPlace(3f, x);
        Gelu plain = new Gelu("plain"), fused = new Gelu("fused");
        Tensor expectedOut = plain.forward(x).copy(), expectedDx = plain.backward(dy).copy();
        Tensor input = x.copy();
        Tensor out = fused.forward(input);
        out.fill(0f);  // as if another layer had written over the shared output slot
        fused.recomputeOutputAndDerivative();
        assertArrayEquals(expectedOut.toArray(), out.toArray(), "output written again");
        assertArrayEquals(expectedDx.toArray(), fused.backward(dy).toArray(), "input gradient from the stored derivative");
        // the input now holds the derivative: computing the output from it again would be wrong, so it is refused
        assertThrows(IllegalStateException.class, fused::recomputeOutputAndDerivative);
        // the next forward starts over: its backward evaluates the derivative again
        fused.forward(x);
        assertArrayEquals(expectedDx.toArray(), fused.backward(dy).toArray(), "input gradient after a new forward");
    }

    @Test
    void reusesBuffersAndChecksShapes() {
        Gelu gelu = new Gelu("mlp.act");
        Tensor a = gelu.forward(Tensor.zeros(2, 3));
        assertSame(a, gelu.forward(Tensor.zeros(2, 3)));
        Tensor dx = gelu.backward(Tensor.zeros(2, 3));
        assertSame(dx, gelu.backward(Tensor.zeros(2, 3)));
        var e = assertThrows(IllegalArgumentException.class, () -> gelu.backward(Tensor.zeros(3, 2)));
        assertTrue(e.getMessage().contains("mlp.act") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 2]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new Gelu().backward(Tensor.zeros(1)));
    }
}
