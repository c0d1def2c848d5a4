package org.dina.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;
import org.dina.testing.Golden;
import org.dina.testing.GradCheck;
import org.junit.jupiter.api.Test;

class MultiHeadSelfAttentionTest {
    /** Golden tolerance: 1e-5 relative, plus an absolute floor far below the values' scale for entries near zero. */
    static final double RTOL = 1e-5, ATOL = 1e-6;

    @Test
    void torchStyleBackwardMatchesFiniteDifferences() {
        ParameterSet ps = new ParameterSet();
        var attn = new MultiHeadSelfAttention(ps, "mha", 8, 2, MultiHeadSelfAttention.Options.torchMultihead());
        ps.allocate(3);
        randomiseBiases(ps, 11);
        GradCheck.standard().check("MultiHeadSelfAttention torch-style", attn, GradCheck.randomLike(new int[] {2, 5, 8}, 4), ps, 5);
    }

    @Test
    void fusedWithoutProjectionBackwardMatchesFiniteDifferences() {
        ParameterSet ps = new ParameterSet();
        var attn = new MultiHeadSelfAttention(ps, "sa", 6, 2, MultiHeadSelfAttention.Options.fusedWithoutProjection(0.3)
                .withScale(0.3));
        ps.allocate(6);
        scaleAll(ps, 20f); // N(0, 0.02^2) weights would make the attention almost uniform and its gradient tiny
        randomiseBiases(ps, 12);
        GradCheck.standard().check("MultiHeadSelfAttention fused", attn, GradCheck.randomLike(new int[] {2, 7, 6}, 7), ps, 8);
    }

    @Test
    void fusedWithProjectionAndNoBiasBackwardMatchesFiniteDifferences() {
        ParameterSet ps = new ParameterSet();
        var opts = MultiHeadSelfAttention.Options.torchMultihead().withFusedQkv(true).withBias(false);
        var attn = new MultiHeadSelfAttention(ps, "sa", 6, 3, opts);
        ps.allocate(9);
        assertEquals(4 * 6 * 6, ps.size());
        GradCheck.standard().check("MultiHeadSelfAttention fused+out", attn, GradCheck.randomLike(new int[] {1, 4, 6}, 10), ps, 11);
    }

    @Test
    void matchesTorchMultiheadAttention() {
        Golden g = Golden.load("attention");
        ParameterSet ps = new ParameterSet();
        var attn = new MultiHeadSelfAttention(ps, "mha", 8, 2, MultiHeadSelfAttention.Options.torchMultihead());
        ps.allocate(1);
        Tensor inW = g.tensor("mha.in_proj_weight"), inB = g.tensor("mha.in_proj_bias");
        String[] proj = {"q", "k", "v"};
        for (int p = 0; p < 3; p++) {
            inW.slice(0, 8 * p, 8 * p + 8).copyTo(ps.get("mha." + proj[p] + ".weight").value());
            inB.slice(0, 8 * p, 8 * p + 8).copyTo(ps.get("mha." + proj[p] + ".bias").value());
        }
        g.tensor("mha.out_proj_weight").copyTo(ps.get("mha.out.weight").value());
        g.tensor("mha.out_proj_bias").copyTo(ps.get("mha.out.bias").value());

        Tensor y = attn.forward(g.tensor("mha.x"));
        Golden.assertClose("mha y", g.tensor("mha.y"), y, RTOL, ATOL);
        Golden.assertClose("mha weights", g.tensor("mha.probs"), attn.attentionWeights(), RTOL, ATOL);
        ps.zeroGrad();
        Tensor dx = attn.backward(g.tensor("mha.w"));
        Golden.assertClose("mha dx", g.tensor("mha.dx"), dx, RTOL, ATOL);
        Tensor dInW = g.tensor("mha.d_in_proj_weight"), dInB = g.tensor("mha.d_in_proj_bias");
        for (int p = 0; p < 3; p++) {
            Golden.assertClose("mha d " + proj[p] + ".weight", dInW.slice(0, 8 * p, 8 * p + 8).contiguous(),
                    ps.get("mha." + proj[p] + ".weight").grad(), RTOL, ATOL);
            Golden.assertClose("mha d " + proj[p] + ".bias", dInB.slice(0, 8 * p, 8 * p + 8).contiguous(),
                    ps.get("mha." + proj[p] + ".bias").grad(), RTOL, ATOL);
        }
        Golden.assertClose("mha d out.weight", g.tensor("mha.d_out_proj_weight"), ps.get("mha.out.weight").grad(), RTOL, ATOL);
        Golden.assertClose("mha d out.bias", g.tensor("mha.d_out_proj_bias"), ps.get("mha.out.bias").grad(), RTOL, ATOL);
    }

    @Test
    void matchesTorchFusedQkvWithCustomScale() {
        Golden g = Golden.load("attention");
        ParameterSet ps = new ParameterSet();
        var attn = new MultiHeadSelfAttention(ps, "sa", 8, 2,
                MultiHeadSelfAttention.Options.fusedWithoutProjection(g.scalar("fused.scale")));
        ps.allocate(1);
        g.tensor("fused.weight").copyTo(ps.get("sa.qkv.weight").value());
        g.tensor("fused.bias").copyTo(ps.get("sa.qkv.bias").value());
        Golden.assertClose("fused y", g.tensor("fused.y"), attn.forward(g.tensor("fused.x")), RTOL, ATOL);
        ps.zeroGrad();
        Golden.assertClose("fused dx", g.tensor("fused.dx"), attn.backward(g.tensor("fused.w")), RTOL, ATOL);
        Golden.assertClose("fused dweight", g.tensor("fused.dweight"), ps.get("sa.qkv.weight").grad(), RTOL, ATOL);
        Golden.assertClose("fused dbias", g.tensor("fused.dbias"), ps.get("sa.qkv.bias").grad(), RTOL, ATOL);
    }

    /**
     * Width 12 stays below one AVX-512 vector in Gemm's dot-product path, whose lane reduction order can change when
     * the JIT recompiles it (reported to Gemm's owner); a discarded first run lets the rest reach compiled code.
     */
    @Test
    void sameBitsWithOneAndTwoThreads() {
        int before = Parallel.threads();
        try {
            run(2);
            float[][] one = run(1), two = run(2);
            for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], two[i], "output " + i + " differs between 1 and 2 threads");
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static float[][] run(int threads) {
        Parallel.setThreads(threads);
        ParameterSet ps = new ParameterSet();
        var attn = new MultiHeadSelfAttention(ps, "mha", 12, 3, MultiHeadSelfAttention.Options.torchMultihead());
        ps.allocate(21);
        Tensor y = attn.forward(GradCheck.randomLike(new int[] {2, 90, 12}, 22));
        Tensor dx = attn.backward(GradCheck.randomLike(new int[] {2, 90, 12}, 23));
        return new float[][] {y.toArray(), dx.toArray(), ps.grads().toArray()};
    }

    @Test
    void reusesItsBuffersAndAccumulatesParameterGradients() {
        ParameterSet ps = new ParameterSet();
        var attn = new MultiHeadSelfAttention(ps, "sa", 4, 1, MultiHeadSelfAttention.Options.fusedWithoutProjection(0.5));
        ps.allocate(2);
        Tensor x = GradCheck.randomLike(new int[] {1, 3, 4}, 1), dy = GradCheck.randomLike(new int[] {1, 3, 4}, 2);
        Tensor y1 = attn.forward(x);
        attn.backward(dy);
        float[] once = ps.grads().toArray();
        Tensor y2 = attn.forward(x);
        attn.backward(dy);
        assertTrue(y1 == y2, "the output buffer is reused");
        float[] twice = ps.grads().toArray();
        for (int i = 0; i < once.length; i++) assertEquals(2 * once[i], twice[i], 1e-6 + 1e-5 * Math.abs(once[i]));
    }

    @Test
    void shapeErrorsNameTheLayer() {
        ParameterSet ps = new ParameterSet();
        var attn = new MultiHeadSelfAttention(ps, "neural.attn", 8, 2, MultiHeadSelfAttention.Options.torchMultihead());
        ps.allocate(1);
        var e = assertThrows(IllegalArgumentException.class, () -> attn.forward(Tensor.zeros(2, 5, 7)));
        assertTrue(e.getMessage().contains("neural.attn") && e.getMessage().contains("[2, 5, 7]"), e.getMessage());
        attn.forward(Tensor.zeros(2, 5, 8));
        var e2 = assertThrows(IllegalArgumentException.class, () -> attn.backward(Tensor.zeros(2, 4, 8)));
        assertTrue(e2.getMessage().contains("neural.attn") && e2.getMessage().contains("[2, 4, 8]")
                && e2.getMessage().contains("[2, 5, 8]"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadSelfAttention(new ParameterSet(), "x", 8, 3,
                MultiHeadSelfAttention.Options.torchMultihead()));
    }

    static void randomiseBiases(ParameterSet ps, long seed) {
        for (Parameter p : ps.list()) {
            if (p.name().endsWith(".bias")) GradCheck.randomLike(p.shape(), seed++).copyTo(p.value());
        }
    }

    static void scaleAll(ParameterSet ps, float f) {
        Tensor v = ps.values();
        for (long i = 0; i < v.numel(); i++) v.setFlat(i, v.getFlat(i) * f);
    }
}
