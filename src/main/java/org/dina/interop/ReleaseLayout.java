package org.dina.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTower;
import org.dina.model.MapNormalisation;
import org.dina.model.NeuralTower;
import org.dina.model.neural.NeuralAttentionParams;
import org.dina.nn.BatchNorm2d;
import org.dina.nn.Parameter;
import org.dina.tensor.Tensor;

/**
 * Where each tensor of the release's state dicts lives in our towers. The image tower's parameters map one to one
 * (same shapes, other names); the neural tower's stacked per-neuron layers and fused q/k/v projection split into the
 * release's per-neuron {@code nn.Linear}s and its four {@code w_*} layers, each a contiguous piece of our parameter.
 * Names are the release's state-dict keys (docs/reference.md lists what each module is); the correspondence of our blocks' layer
 * names to DS-Net's is by role in the block (see MixBlock): our {@code proj_conv}/{@code proj_sa} project the
 * cross-attention outputs (DS-Net's {@code fuse_channel_conv}/{@code fuse_channel_sa}) and our {@code fuse} is the
 * 1x1 convolution over the concatenated streams (DS-Net's {@code conv2}).
 */
public final class ReleaseLayout {
    /** Our MixBlock layer name -> the release's. */
    private static final Map<String, String> BLOCK_LAYERS = Map.ofEntries(
            Map.entry("pos", "pos_embed"), Map.entry("norm1", "norm1"), Map.entry("conv1", "conv1"),
            Map.entry("norm_conv", "norm_conv1"), Map.entry("conv", "conv"), Map.entry("norm_sa", "norm_sa1"),
            Map.entry("attn.qkv", "channel_up"), Map.entry("norm_cross_conv", "norm_conv2"),
            Map.entry("cross_conv_qkv", "cross_channel_up_conv"), Map.entry("norm_cross_sa", "norm_sa2"),
            Map.entry("cross_sa_qkv", "cross_channel_up_sa"), Map.entry("proj_conv", "fuse_channel_conv"),
            Map.entry("proj_sa", "fuse_channel_sa"), Map.entry("fuse", "conv2"), Map.entry("norm2", "norm2"),
            Map.entry("mlp.fc1", "mlp.fc1"), Map.entry("mlp.fc2", "mlp.fc2"));
    /** The release's names of a MixBlock's BatchNorms, in the order of {@code MixBlock.batchNorms()}. */
    private static final String[] BLOCK_NORMS = {"norm1", "norm_conv1", "norm_conv2", "norm2"};
    private static final int[] BLOCKS_PER_STAGE = {3, 4};

    private ReleaseLayout() {}

    /**
     * Why the release's modules cannot express a model with these settings (empty when they can). Cross-attention
     * {@code clean} is expressible as weights but computes something else in the release's code; see
     * {@link #crossAttentionNote(DinaConfig.Model)}.
     */
    public static List<String> inexpressible(DinaConfig.Model m) {
        List<String> why = new ArrayList<>();
        if (m.mapChannels() != 1) why.add("model.mapChannels is " + m.mapChannels() + " (the release has 1 map)");
        if (m.imageHeadHidden() != 0) why.add("model.imageHeadHidden is " + m.imageHeadHidden() + " (the release's head is one 1x1 conv)");
        if (m.neuralResidual()) why.add("model.neuralResidual is true (the release's neural tower has no residual)");
        if (m.mapNormalisation() != MapNormalisation.MINMAX) {
            why.add("model.mapNormalisation is " + m.mapNormalisation().name().toLowerCase() + " (the release min-max scales its maps)");
        }
        if (!m.neuralMlp().equals(List.of(2048, 512, 256))) {
            why.add("model.neuralMlp is " + m.neuralMlp() + " (the release's MLP is N -> 2048 -> 512 -> 256)");
        }
        return why;
    }

    /** A warning when the weights load into the release but its code computes another cross-attention, else null. */
    public static String crossAttentionNote(DinaConfig.Model m) {
        return m.crossAttention() == org.dina.model.CrossAttention.CLEAN
                ? "model.crossAttention is clean: the release's code scrambles the cross-attention output (reference), so its "
                        + "maps will differ from this run's; build release_model.py's towers with clean=True to reproduce them"
                : null;
    }

    /** The release's {@code DSNetSingleStage(stage=2, block=4)} entries for stages 1-2 and the head. */
    public static List<ReleaseTensor> imageTower(ImageTower tower) {
        List<ReleaseTensor> out = new ArrayList<>();
        for (Parameter p : tower.parameters().list()) {
            out.add(new ReleaseTensor(imageKey(p.name()), p.value(), p.grad()));
        }
        List<BatchNorm2d> bns = tower.backbone().batchNorms();
        for (int i = 0; i < bns.size(); i++) {
            String prefix = normPrefix(i);
            out.add(new ReleaseTensor(prefix + ".running_mean", bns.get(i).runningMean(), null));
            out.add(new ReleaseTensor(prefix + ".running_var", bns.get(i).runningVar(), null));
        }
        return out;
    }

    /** The release keys of the image tower's {@code num_batches_tracked} counters (int64 in PyTorch; absent here). */
    public static List<String> batchCounters(ImageTower tower) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tower.backbone().batchNorms().size(); i++) out.add(normPrefix(i) + ".num_batches_tracked");
        return out;
    }

    /** The release's {@code AttentionWithNoDeconvPos} entries. */
    public static List<ReleaseTensor> neuralTower(NeuralTower tower) {
        List<ReleaseTensor> out = new ArrayList<>();
        int n = tower.neurons();
        for (Parameter p : tower.parameters().list()) {
            String name = p.name();
            int d = p.shape()[p.shape().length - 1];
            switch (name) {
                case NeuralAttentionParams.EMBED_WEIGHT -> perNeuron(out, p, n, "embedding.embedding_layers.%d.weight", d, 1);
                case NeuralAttentionParams.EMBED_BIAS -> perNeuron(out, p, n, "embedding.embedding_layers.%d.bias", d);
                case NeuralAttentionParams.READOUT_WEIGHT -> perNeuron(out, p, n, "ff.embedding_layers.%d.weight", 1, d);
                case NeuralAttentionParams.READOUT_BIAS -> perNeuron(out, p, n, "ff.embedding_layers.%d.bias", 1);
                case NeuralAttentionParams.IN_PROJ_WEIGHT, NeuralAttentionParams.IN_PROJ_BIAS -> {
                    int dim = p.shape()[0] / 3;
                    String leaf = name.equals(NeuralAttentionParams.IN_PROJ_WEIGHT) ? "weight" : "bias";
                    String[] which = {"w_q", "w_k", "w_v"};
                    int[] shape = leaf.equals("weight") ? new int[] {dim, dim} : new int[] {dim};
                    int size = Math.toIntExact(p.numel() / 3);
                    for (int k = 0; k < 3; k++) {
                        out.add(new ReleaseTensor("attention." + which[k] + "." + leaf, elements(p.value(), k * size, size).reshape(shape),
                                elements(p.grad(), k * size, size).reshape(shape)));
                    }
                }
                case NeuralAttentionParams.OUT_PROJ_WEIGHT -> out.add(new ReleaseTensor("attention.w_concat.weight", p.value(), p.grad()));
                case NeuralAttentionParams.OUT_PROJ_BIAS -> out.add(new ReleaseTensor("attention.w_concat.bias", p.value(), p.grad()));
                default -> {
                    if (!name.startsWith("neural.mlp.")) throw new IllegalStateException("no release name for neural parameter " + name);
                    out.add(new ReleaseTensor("ff1." + name.substring("neural.mlp.".length()), p.value(), p.grad()));
                }
            }
        }
        return out;
    }

    /** Our image-tower parameter name -> the release's key. */
    static String imageKey(String ours) {
        if (ours.startsWith("image.patch1.")) return "base.patch_embed1.proj." + ours.substring("image.patch1.".length());
        if (ours.startsWith("image.patch2.")) return "base.patch_embed2.proj." + ours.substring("image.patch2.".length());
        if (ours.startsWith("image.head.conv.")) return "my_conv." + ours.substring("image.head.conv.".length());
        if (ours.startsWith("image.stage")) {
            // image.stage<S>.<i>.<layer>.<weight|bias>
            String[] parts = ours.split("\\.", 4);
            String rest = parts[3];
            int dot = rest.lastIndexOf('.');
            String layer = BLOCK_LAYERS.get(rest.substring(0, dot));
            if (layer != null) {
                return "base.blocks" + parts[1].substring("stage".length()) + "." + parts[2] + "." + layer + rest.substring(dot);
            }
        }
        throw new IllegalArgumentException("the release has no counterpart of image parameter " + ours);
    }

    /** The release's prefix of the backbone's i-th BatchNorm (blocks of stage 1, then stage 2; four per block). */
    private static String normPrefix(int i) {
        int block = i / BLOCK_NORMS.length;
        int stage = block < BLOCKS_PER_STAGE[0] ? 1 : 2;
        int inStage = stage == 1 ? block : block - BLOCKS_PER_STAGE[0];
        return "base.blocks" + stage + "." + inStage + "." + BLOCK_NORMS[i % BLOCK_NORMS.length];
    }

    /** Neuron j's row of a stacked per-neuron parameter [N, ...], shaped as the release's own layer. */
    private static void perNeuron(List<ReleaseTensor> out, Parameter p, int n, String pattern, int... shape) {
        int size = Math.toIntExact(p.numel() / n);
        for (int j = 0; j < n; j++) {
            out.add(new ReleaseTensor(String.format(pattern, j), elements(p.value(), j * size, size).reshape(shape),
                    elements(p.grad(), j * size, size).reshape(shape)));
        }
    }

    /** Elements [from, from + count) of a contiguous tensor in row-major order, as a flat view. */
    private static Tensor elements(Tensor t, int from, int count) {
        return t.reshape(-1).slice(0, from, from + count);
    }
}
