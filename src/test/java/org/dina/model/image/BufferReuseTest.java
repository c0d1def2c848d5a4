package org.dina.model.image;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.dina.nn.Layer;
import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;
import org.dina.nn.Init;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Buffer reuse in the image backbone must not change a bit: blocks sharing a stage's buffers compute what
 * independent blocks compute, a step after a step of another batch size computes what fresh layers compute, and a
 * warm step allocates no tensor.
 */
class BufferReuseTest {
    /** Output, input gradient and parameter gradients of one forward and backward, as raw bits. */
    private record Step(int[] out, int[] dx, int[] grads) {
        void assertSame(Step o, String what) {
            assertArrayEquals(o.out, out, what + ": output");
            assertArrayEquals(o.dx, dx, what + ": input gradient");
            assertArrayEquals(o.grads, grads, what + ": parameter gradients");
        }
    }

    private static Step step(Layer layer, ParameterSet ps, Tensor x, long seed) {
        ps.zeroGrad();
        Tensor y = layer.forward(x);
        int[] out = bits(y);
        Tensor dx = layer.backward(GradCheck.randomLike(y.shape(), seed));
        return new Step(out, dx == null ? new int[0] : bits(dx), bits(ps.grads())); // the backbone returns no image gradient
    }

    private static int[] bits(Tensor t) {
        float[] v = t.toArray();
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
        return b;
    }

    /** Three blocks in a row, sharing one stage's buffers or each with its own. */
    private static final class Chain implements Layer {
        final List<MixBlock> blocks = new ArrayList<>();

        Chain(ParameterSet ps, boolean shared, boolean scrambled) {
            StageBuffers stage = shared ? new StageBuffers() : null;
            for (int i = 0; i < 3; i++) {
                Init init = MixBlock.REFERENCE_LINEAR_INIT;
                blocks.add(shared ? new MixBlock(ps, "b" + i, 8, 2, 2, scrambled, init, stage) : new MixBlock(ps, "b" + i, 8, 2, 2, scrambled, init));
            }
        }

        @Override public Tensor forward(Tensor x) {
            for (MixBlock b : blocks) x = b.forward(x);
            return x;
        }

        @Override public Tensor backward(Tensor d) {
            for (int i = blocks.size() - 1; i >= 0; i--) d = blocks.get(i).backward(d);
            return d;
        }
    }

    @ParameterizedTest(name = "scrambled cross-attention: {0}")
    @ValueSource(booleans = {true, false})
    void blocksSharingStageBuffersComputeWhatIndependentBlocksCompute(boolean scrambled) {
        ParameterSet psShared = new ParameterSet(), psOwn = new ParameterSet();
        Chain shared = new Chain(psShared, true, scrambled), own = new Chain(psOwn, false, scrambled);
        psShared.allocate(9);
        psOwn.allocate(9);
        int seed = 0;
        for (int batch : new int[] {3, 2, 3}) {
            Tensor x = GradCheck.randomLike(new int[] {batch, 8, 6, 9}, ++seed);
            step(shared, psShared, x, 100 + seed).assertSame(step(own, psOwn, x, 100 + seed), "batch " + batch);
        }
    }

    @Test
    void backboneStepsAfterOtherBatchSizesMatchFreshLayersAndAllocateNothing() {
        ParameterSet ps = new ParameterSet();
        ImageBackbone warm = new ImageBackbone(ps);
        ps.allocate(4);
        warm.setTraining(true);
        Tensor big = GradCheck.randomLike(new int[] {3, 1, 20, 44}, 1), small = GradCheck.randomLike(new int[] {2, 1, 20, 44}, 2);
        step(warm, ps, big, 11);
        long before = Tensor.allocations();
        Step smallAfterBig = step(warm, ps, small, 12);
        Step bigAgain = step(warm, ps, big, 11);
        // the two dy tensors of the steps are the only tensors made (the gradient seeds above, not the backbone)
        assertEquals(2, Tensor.allocations() - before, "tensors allocated by warm steps of other batch sizes");

        ParameterSet fresh = new ParameterSet();
        ImageBackbone cold = new ImageBackbone(fresh);
        fresh.allocate(4);
        cold.setTraining(true);
        smallAfterBig.assertSame(step(cold, fresh, small, 12), "batch 2 after batch 3");
        ParameterSet fresh2 = new ParameterSet();
        ImageBackbone cold2 = new ImageBackbone(fresh2);
        fresh2.allocate(4);
        cold2.setTraining(true);
        bigAgain.assertSame(step(cold2, fresh2, big, 11), "batch 3 after batch 2");
    }

    /**
     * A backbone that recomputes each block's activations in backward trains exactly like one that keeps them: the
     * same outputs and parameter gradients bit for bit over steps of two batch sizes, the BatchNorms' running
     * estimates moved once per batch (not again by the replayed forward), and warm steps allocate no tensor.
     */
    @ParameterizedTest(name = "scrambled cross-attention: {0}")
    @ValueSource(booleans = {true, false})
    void recomputingActivationsChangesNoBit(boolean scrambled) {
        ParameterSet psKeep = new ParameterSet(), psReplay = new ParameterSet();
        ImageBackbone keep = new ImageBackbone(psKeep, scrambled, MixBlock.REFERENCE_LINEAR_INIT, false);
        ImageBackbone replay = new ImageBackbone(psReplay, scrambled, MixBlock.REFERENCE_LINEAR_INIT, true);
        psKeep.allocate(5);
        psReplay.allocate(5);
        keep.setTraining(true);
        replay.setTraining(true);
        long seed = 20;
        for (int batch : new int[] {3, 2, 3}) {
            Tensor x = GradCheck.randomLike(new int[] {batch, 1, 20, 44}, ++seed);
            long before = Tensor.allocations();
            Step replayed = step(replay, psReplay, x, 100 + seed);
            if (batch == 3 && seed > 21) assertEquals(1, Tensor.allocations() - before, "tensors allocated by a warm recomputing step");
            replayed.assertSame(step(keep, psKeep, x, 100 + seed), "batch " + batch);
        }
        for (int i = 0; i < keep.batchNorms().size(); i++) {
            assertArrayEquals(bits(keep.batchNorms().get(i).runningMean()), bits(replay.batchNorms().get(i).runningMean()), "running mean " + i);
            assertArrayEquals(bits(keep.batchNorms().get(i).runningVar()), bits(replay.batchNorms().get(i).runningVar()), "running variance " + i);
        }
    }
}
