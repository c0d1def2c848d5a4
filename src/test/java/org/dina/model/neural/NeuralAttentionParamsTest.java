package org.dina.model.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dina.nn.Parameter;
import org.dina.nn.ParameterSet;
import org.junit.jupiter.api.Test;

/** Fixed names, shapes and PyTorch-default initial ranges of the token block's parameters. */
class NeuralAttentionParamsTest {
    private static double maxAbs(Parameter p) {
        return NeuralAttentionFixtures.maxAbs(p.value());
    }

    @Test
    void namesShapesAndInitialRanges() {
        int n = 30, d = 24;
        ParameterSet ps = new ParameterSet();
        NeuralAttentionParams p = NeuralAttentionParams.declare(ps, new NeuralAttentionConfig(n, d, 2), true);
        ps.allocate(3);
        assertArrayEquals(new int[] {n, d}, ps.get("neural.embed.weight").shape());
        assertArrayEquals(new int[] {n, d}, ps.get("neural.embed.bias").shape());
        assertArrayEquals(new int[] {3 * d, d}, ps.get("neural.attn.in_proj_weight").shape());
        assertArrayEquals(new int[] {3 * d}, ps.get("neural.attn.in_proj_bias").shape());
        assertArrayEquals(new int[] {d, d}, ps.get("neural.attn.out_proj.weight").shape());
        assertArrayEquals(new int[] {d}, ps.get("neural.attn.out_proj.bias").shape());
        assertArrayEquals(new int[] {n, d}, ps.get("neural.readout.weight").shape());
        assertArrayEquals(new int[] {n}, ps.get("neural.readout.bias").shape());
        assertEquals(8, ps.list().size());

        // per-neuron Linear(1→d): U(-1, 1); xavier_uniform on [3d, d]: bound sqrt(6 / 4d); Linear(d→…): 1/sqrt(d)
        assertBound(p.embedWeight, 1.0);
        assertBound(p.embedBias, 1.0);
        assertBound(p.inProjWeight, Math.sqrt(6.0 / (4 * d)));
        assertBound(p.outProjWeight, 1 / Math.sqrt(d));
        assertBound(p.readoutWeight, 1 / Math.sqrt(d));
        assertBound(p.readoutBias, 1 / Math.sqrt(d));
        assertEquals(0.0, maxAbs(p.inProjBias));
        assertEquals(0.0, maxAbs(p.outProjBias));
    }

    @Test
    void theReleaseDrawsTheAttentionAsFourLinearLayers() {
        int n = 30, d = 24;
        ParameterSet ps = new ParameterSet();
        NeuralAttentionParams p = NeuralAttentionParams.declare(ps, new NeuralAttentionConfig(n, d, 2));
        ps.allocate(3);
        // w_q, w_k, w_v and w_concat are nn.Linear(d, d): weights and biases U(-1/sqrt(d), 1/sqrt(d))
        for (Parameter q : new Parameter[] {p.inProjWeight, p.inProjBias, p.outProjWeight, p.outProjBias}) {
            assertBound(q, 1 / Math.sqrt(d));
        }
        assertBound(p.embedWeight, 1.0);
        assertBound(p.readoutBias, 1 / Math.sqrt(d));
    }

    /** All values within the bound, and the largest close to it (the range is really used). */
    private static void assertBound(Parameter p, double bound) {
        double m = maxAbs(p);
        assertTrue(m <= bound && m > 0.8 * bound, p.name() + ": max |value| " + m + " for bound " + bound);
    }
}
