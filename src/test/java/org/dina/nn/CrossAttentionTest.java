package org.dina.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dina.tensor.Tensor;
import org.dina.testing.Golden;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class CrossAttentionTest {
    static final double RTOL = 1e-5, ATOL = 1e-6;

    @Test
    void backwardMatchesFiniteDifferences() {
        var attn = new CrossAttention("cross", 6, 2, 0.37);
        Tensor q = GradCheck.randomLike(new int[] {2, 5, 6}, 1), k = GradCheck.randomLike(new int[] {2, 9, 6}, 2);
        Tensor v = GradCheck.randomLike(new int[] {2, 9, 6}, 3);
        Tensor w = GradCheck.randomLike(new int[] {2, 5, 6}, 4);
        attn.forward(q, k, v);
        CrossAttention.Gradients g = attn.backward(w.copy());
        Tensor dq = g.dq().copy(), dk = g.dk().copy(), dv = g.dv().copy();
        GradCheck check = GradCheck.standard();
        check.compare("CrossAttention dq", q, dq, () -> GradCheck.dot(attn.forward(q, k, v), w), 5);
        check.compare("CrossAttention dk", k, dk, () -> GradCheck.dot(attn.forward(q, k, v), w), 6);
        check.compare("CrossAttention dv", v, dv, () -> GradCheck.dot(attn.forward(q, k, v), w), 7);
    }

    @Test
    void matchesTorchSoftmaxWithCustomScale() {
        Golden g = Golden.load("attention");
        var attn = new CrossAttention("conv->sa", 6, 1, g.scalar("cross.scale"));
        Tensor y = attn.forward(g.tensor("cross.q"), g.tensor("cross.k"), g.tensor("cross.v"));
        Golden.assertClose("cross y", g.tensor("cross.y"), y, RTOL, ATOL);
        CrossAttention.Gradients d = attn.backward(g.tensor("cross.w"));
        Golden.assertClose("cross dq", g.tensor("cross.dq"), d.dq(), RTOL, ATOL);
        Golden.assertClose("cross dk", g.tensor("cross.dk"), d.dk(), RTOL, ATOL);
        Golden.assertClose("cross dv", g.tensor("cross.dv"), d.dv(), RTOL, ATOL);
    }

    @Test
    void gradientsIntoCallerSlicesEqualOwnedGradients() {
        var attn = new CrossAttention("cross", 4, 2, 0.5);
        Tensor q = GradCheck.randomLike(new int[] {1, 3, 4}, 1), kv = GradCheck.randomLike(new int[] {1, 5, 8}, 2);
        Tensor k = kv.slice(2, 0, 4), v = kv.slice(2, 4, 8);
        Tensor dy = GradCheck.randomLike(new int[] {1, 3, 4}, 3);
        attn.forward(q, k, v);
        CrossAttention.Gradients owned = attn.backward(dy);
        Tensor dq = Tensor.zeros(1, 3, 4), dkv = Tensor.zeros(1, 5, 8);
        attn.backward(dy, dq, dkv.slice(2, 0, 4), dkv.slice(2, 4, 8));
        assertArrayEquals(owned.dq().toArray(), dq.toArray());
        assertArrayEquals(owned.dk().toArray(), dkv.slice(2, 0, 4).toArray());
        assertArrayEquals(owned.dv().toArray(), dkv.slice(2, 4, 8).toArray());
    }

    @Test
    void weightsOfOneSampleAreThatSampleOfAllWeights() {
        var attn = new CrossAttention("cross", 6, 3, 0.4);
        attn.forward(GradCheck.randomLike(new int[] {3, 4, 6}, 1), GradCheck.randomLike(new int[] {3, 7, 6}, 2),
                GradCheck.randomLike(new int[] {3, 7, 6}, 3));
        Tensor all = attn.attentionWeights();
        assertArrayEquals(new int[] {3, 3, 4, 7}, all.shape());
        Tensor one = attn.attentionWeights(2);
        assertArrayEquals(all.slice(0, 2, 3).reshape(3, 4, 7).toArray(), one.toArray());
    }

    @Test
    void shapeErrorsNameTheLayer() {
        var attn = new CrossAttention("stage2.cross", 6, 1, 0.4);
        Tensor q = Tensor.zeros(2, 4, 6), k = Tensor.zeros(2, 7, 6);
        var e = assertThrows(IllegalArgumentException.class, () -> attn.forward(q, k, Tensor.zeros(2, 6, 6)));
        assertTrue(e.getMessage().contains("stage2.cross") && e.getMessage().contains("[2, 6, 6]")
                && e.getMessage().contains("[2, 7, 6]"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> attn.forward(q, Tensor.zeros(1, 7, 6), Tensor.zeros(1, 7, 6)));
        assertTrue(e2.getMessage().contains("stage2.cross"), e2.getMessage());
        attn.forward(q, k, k);
        var e3 = assertThrows(IllegalArgumentException.class, () -> attn.backward(Tensor.zeros(2, 7, 6)));
        assertTrue(e3.getMessage().contains("stage2.cross") && e3.getMessage().contains("[2, 4, 6]"), e3.getMessage());
    }
}
