package org.dina.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dina.tensor.Tensor;
import org.dina.testing.Golden;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class LayerNormTest {
    @Test
    void initialisesLikePyTorch() {
        ParameterSet ps = new ParameterSet();
        LayerNorm ln = new LayerNorm(ps, "norm", 5);
        ps.allocate(1);
        for (int i = 0; i < 5; i++) {
            assertEquals(1f, ln.weight().value().getFlat(i));
            assertEquals(0f, ln.bias().value().getFlat(i));
        }
        assertEquals("norm.weight", ps.list().get(0).name());
        assertEquals("norm.bias", ps.list().get(1).name());
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        ParameterSet ps = new ParameterSet();
        LayerNorm ln = new LayerNorm(ps, "norm", 37); // two full vectors plus a scalar tail
        ps.allocate(1);
        // non-trivial affine parameters, so that gamma enters dx
        GradCheck.randomLike(new int[] {37}, 51).copyTo(ln.weight().value());
        GradCheck.randomLike(new int[] {37}, 52).copyTo(ln.bias().value());
        Tensor x = GradCheck.randomLike(new int[] {2, 3, 37}, 53);
        GradCheck.standard().check("LayerNorm", ln, x, ps, 54);
    }

    @Test
    void matchesPyTorchAndAccumulatesGrads() {
        Golden g = Golden.load("layernorm");
        ParameterSet ps = new ParameterSet();
        LayerNorm ln = new LayerNorm(ps, "norm", 24);
        ps.allocate(1);
        g.tensor("weight").copyTo(ln.weight().value());
        g.tensor("bias").copyTo(ln.bias().value());
        Golden.assertClose("y", g.tensor("y"), ln.forward(g.tensor("x")), 1e-5, 1e-6);
        Tensor dx = ln.backward(g.tensor("dy"));
        Golden.assertClose("dx", g.tensor("dx"), dx, 1e-5, 1e-6);
        Golden.assertClose("dweight", g.tensor("dweight"), ln.weight().grad(), 1e-5, 1e-6);
        Golden.assertClose("dbias", g.tensor("dbias"), ln.bias().grad(), 1e-5, 1e-6);
        ln.backward(g.tensor("dy"));
        Tensor twice = g.tensor("dweight");
        org.dina.kernels.Elementwise.scaleInPlace(2f, twice);
        Golden.assertClose("dweight accumulated over two backward passes", twice, ln.weight().grad(), 1e-5, 1e-6);
    }

    @Test
    void checksShapesNamingTheLayer() {
        ParameterSet ps = new ParameterSet();
        LayerNorm ln = new LayerNorm(ps, "tower.norm1", 8);
        ps.allocate(1);
        var e = assertThrows(IllegalArgumentException.class, () -> ln.forward(Tensor.zeros(2, 7)));
        assertTrue(e.getMessage().contains("tower.norm1") && e.getMessage().contains("8") && e.getMessage().contains("[2, 7]"), e.getMessage());
        ln.forward(Tensor.zeros(2, 8));
        var b = assertThrows(IllegalArgumentException.class, () -> ln.backward(Tensor.zeros(3, 8)));
        assertTrue(b.getMessage().contains("tower.norm1"), b.getMessage());
    }
}
