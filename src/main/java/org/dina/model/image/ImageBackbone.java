package org.dina.model.image;

import java.util.ArrayList;
import java.util.List;
import org.dina.nn.BatchNorm2d;
import org.dina.nn.Conv2dLayer;
import org.dina.nn.Init;
import org.dina.nn.Layer;
import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;

/**
 * DS-Net-small up to the alignment tap and no further: patch embedding (4x4, stride 4) to 64 channels, three
 * MixBlocks, patch embedding (2x2, stride 2) to 128 channels, four MixBlocks. The reference computes stages 3-4 and
 * throws them away; here they do not exist. A 68 x 270 image gives a 128 x 8 x 33 feature map.
 */
public final class ImageBackbone implements Layer {
    public static final int CHANNELS = 128;
    private final Conv2dLayer patch1, patch2;
    private final List<MixBlock> stage1 = new ArrayList<>(), stage2 = new ArrayList<>();

    /** The release's backbone (see {@link MixBlock#MixBlock(ParameterSet, String, int, int, int)}). */
    public ImageBackbone(ParameterSet ps) {
        this(ps, true, MixBlock.REFERENCE_LINEAR_INIT);
    }

    /** See {@link MixBlock#MixBlock(ParameterSet, String, int, int, int, boolean, Init)} for the two options. */
    public ImageBackbone(ParameterSet ps, boolean scrambledCrossAttention, Init linearInit) {
        this(ps, scrambledCrossAttention, linearInit, recomputeByDefault());
    }

    /**
     * @param recompute keep only each block's output through the forward pass and run a block's forward again just
     *     before its backward: the same gradients bit for bit, a quarter to a third more time for a joint training
     *     step, and the activation memory of one block per stage instead of all of them (matters only when the
     *     backbone learns, in joint mode)
     */
    public ImageBackbone(ParameterSet ps, boolean scrambledCrossAttention, Init linearInit, boolean recompute) {
        // the input is images (data): nothing reads their gradient. Computing it (a GEMM with k 64, then a strided
        // scalar col2im per sample) is half of patch1's conv2d_backward, which ran at 0.02 of peak at batch 32
        // (bench kernels, issue 10); the parameter gradients are unchanged bit for bit
        patch1 = new Conv2dLayer(ps, "image.patch1", 1, 64, 4, 4, 4, 0, 1, true).withoutInputGradient();
        StageBuffers shared = new StageBuffers(recompute);
        for (int i = 0; i < 3; i++) {
            stage1.add(new MixBlock(ps, "image.stage1." + i, 64, 1, 8, scrambledCrossAttention, linearInit, shared));
        }
        patch2 = new Conv2dLayer(ps, "image.patch2", 64, CHANNELS, 2, 2, 2, 0, 1, true);
        for (int i = 0; i < 4; i++) {
            stage2.add(new MixBlock(ps, "image.stage2." + i, CHANNELS, 2, 4, scrambledCrossAttention, linearInit, shared));
        }
    }

    /** System property (or, without it, environment variable {@link #RECOMPUTE_ENV}) that turns recomputation on. */
    public static final String RECOMPUTE_PROPERTY = "dina.recompute";
    public static final String RECOMPUTE_ENV = "DINA_RECOMPUTE";

    /**
     * Whether backbones recompute their blocks' activations unless told otherwise: like the thread count, a setting
     * of the machine a run happens on (it changes memory and time, never results), so it is not in the config.
     */
    public static boolean recomputeByDefault() {
        String v = System.getProperty(RECOMPUTE_PROPERTY, System.getenv(RECOMPUTE_ENV));
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
    }

    /** Feature-map size for an input of {@code h} x {@code w}: {h', w'}. */
    public static int[] outputSize(int h, int w) {
        int h1 = (h - 4) / 4 + 1, w1 = (w - 4) / 4 + 1;
        return new int[] {(h1 - 2) / 2 + 1, (w1 - 2) / 2 + 1};
    }

    public void setTraining(boolean training) {
        for (MixBlock b : blocks()) b.setTraining(training);
    }

    /** Every BatchNorm of the backbone in a fixed order (their running statistics belong in checkpoints). */
    public List<BatchNorm2d> batchNorms() {
        List<BatchNorm2d> all = new ArrayList<>();
        for (MixBlock b : blocks()) all.addAll(List.of(b.batchNorms()));
        return all;
    }

    private List<MixBlock> blocks() {
        List<MixBlock> all = new ArrayList<>(stage1);
        all.addAll(stage2);
        return all;
    }

    @Override
    public Tensor forward(Tensor images) {
        if (images.rank() != 4 || images.dim(1) != 1 || images.dim(2) < 8 || images.dim(3) < 8) {
            throw new IllegalArgumentException("ImageBackbone: expected grayscale images [B, 1, H>=8, W>=8] but got " + images.shapeString());
        }
        Tensor x = patch1.forward(images);
        for (MixBlock b : stage1) x = b.forward(x);
        x = patch2.forward(x);
        for (MixBlock b : stage2) x = b.forward(x);
        return x;
    }

    /** Accumulates the parameter gradients; returns null, since the gradient of the input images is not computed. */
    @Override
    public Tensor backward(Tensor d) {
        for (int i = stage2.size() - 1; i >= 0; i--) d = stage2.get(i).backward(d);
        d = patch2.backward(d);
        for (int i = stage1.size() - 1; i >= 0; i--) d = stage1.get(i).backward(d);
        return patch1.backward(d);
    }
}
