package org.dina.model;

import org.dina.model.image.ImageBackbone;
import org.dina.model.image.MixBlock;
import org.dina.nn.Conv2dLayer;
import org.dina.nn.Gelu;
import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;

/**
 * The image side of DINA: DS-Net backbone to the stage-2 tap, a 1x1 convolution to the maps (one in the release;
 * optionally after a hidden 1x1 convolution with GELU), and the shared {@link MapHead}. In {@code frozen} mode (what
 * the released code does, by accident) the backbone keeps its random initialisation, runs with BatchNorm in eval
 * mode and its features are computed once per image, so the tower's input is the cached feature map and only the
 * head trains. In {@code joint} mode the input is the image and
 * everything trains.
 */
public final class ImageTower implements Tower {
    private final ParameterSet params = new ParameterSet();
    private final ImageBackbone backbone;
    private final Conv2dLayer headConv;
    private final Conv2dLayer hiddenConv;
    private final Gelu hiddenGelu;
    private final MapHead head;
    private final boolean joint;
    private final long headOffset;

    /** The release's tower: one map channel, min-max scaled. */
    public ImageTower(boolean joint, long seed) {
        this(joint, MapNormalisation.MINMAX, 1, 0, seed);
    }

    /** The tower a config's model section describes. */
    public ImageTower(DinaConfig.Model m, long seed) {
        this(m.jointImageTower(), m.mapNormalisation(), m.mapChannels(), m.imageHeadHidden(), m.crossAttention(), m.initialisation(), seed);
    }

    /** The release's backbone with these maps and head. */
    public ImageTower(boolean joint, MapNormalisation normalisation, int mapChannels, int headHidden, long seed) {
        this(joint, normalisation, mapChannels, headHidden, CrossAttention.REFERENCE, Initialisation.REFERENCE, seed);
    }

    /**
     * @param headHidden 0 for the release's head (one 1x1 convolution from the 128 backbone channels to the maps);
     *                   otherwise the width of a hidden 1x1 convolution with GELU before it
     */
    public ImageTower(boolean joint, MapNormalisation normalisation, int mapChannels, int headHidden, CrossAttention crossAttention,
                      Initialisation initialisation, long seed) {
        this.joint = joint;
        this.head = new MapHead("image.head", normalisation, mapChannels);
        backbone = new ImageBackbone(params, crossAttention == CrossAttention.REFERENCE,
                initialisation == Initialisation.REFERENCE ? MixBlock.REFERENCE_LINEAR_INIT : MixBlock.TWO_SIGMA_LINEAR_INIT);
        long before = params.size();
        int headIn = ImageBackbone.CHANNELS;
        if (headHidden > 0) {
            hiddenConv = new Conv2dLayer(params, "image.head.hidden", headIn, headHidden, 1, 1, 1, 0, 1, true);
            hiddenGelu = new Gelu("image.head.gelu");
            headIn = headHidden;
        } else {
            hiddenConv = null;
            hiddenGelu = null;
        }
        headConv = new Conv2dLayer(params, "image.head.conv", headIn, mapChannels, 1, 1, 1, 0, 1, true);
        headOffset = before;
        params.allocate(seed);
        backbone.setTraining(joint);
    }

    public boolean joint() { return joint; }

    public ImageBackbone backbone() { return backbone; }

    @Override public ParameterSet parameters() { return params; }

    /** Frozen mode trains only the head: the tail of the parameter buffer. */
    @Override
    public Tensor trainableValues() {
        return joint ? params.values() : params.values().slice(0, (int) headOffset, (int) params.size());
    }

    @Override
    public Tensor trainableGrads() {
        return joint ? params.grads() : params.grads().slice(0, (int) headOffset, (int) params.size());
    }

    /**
     * Estimates every backbone BatchNorm's running statistics on {@code images} (training images only) as the plain
     * average of per-batch statistics, then leaves the backbone in evaluation mode. The released code runs its frozen
     * backbone with batch statistics; calibrated running statistics keep that normalisation but make each image's
     * features independent of its batch, so they can be cached.
     */
    public void calibrate(Tensor images, int batch) {
        java.util.List<org.dina.nn.BatchNorm2d> bns = backbone.batchNorms();
        double[] saved = new double[bns.size()];
        for (int i = 0; i < saved.length; i++) saved[i] = bns.get(i).momentum();
        backbone.setTraining(true);
        int k = 0;
        for (int from = 0; from < images.dim(0); from += batch, k++) {
            int to = Math.min(images.dim(0), from + batch);
            if (to - from < 2) break;
            for (org.dina.nn.BatchNorm2d bn : bns) bn.setMomentum(1.0 / (k + 1));
            backbone.forward(images.slice(0, from, to));
        }
        for (int i = 0; i < saved.length; i++) bns.get(i).setMomentum(saved[i]);
        backbone.setTraining(joint);
    }

    /** Backbone features [B, 128, h, w] of images [B, 1, H, W] (eval-mode BatchNorm in frozen mode). */
    public Tensor features(Tensor images) {
        return backbone.forward(images);
    }

    /** Input is cached features in frozen mode and images in joint mode. */
    @Override
    public Tensor forward(Tensor input) {
        Tensor features = joint ? backbone.forward(input) : input;
        if (features.rank() != 4 || features.dim(1) != ImageBackbone.CHANNELS) {
            throw new IllegalArgumentException("ImageTower head: expected features [B, 128, h, w] but got " + features.shapeString());
        }
        Tensor x = hiddenConv == null ? features : hiddenGelu.forward(hiddenConv.forward(features));
        return head.forward(headConv.forward(x));
    }

    @Override
    public Tensor backward(Tensor dEmbedding, Tensor dMap) {
        Tensor dFeatures = headConv.backward(head.backward(dEmbedding, dMap));
        if (hiddenConv != null) dFeatures = hiddenConv.backward(hiddenGelu.backward(dFeatures));
        return joint ? backbone.backward(dFeatures) : dFeatures;
    }

    @Override public Tensor maps() { return head.maps(); }

    public void setTraining(boolean training) {
        backbone.setTraining(joint && training);
    }
}
