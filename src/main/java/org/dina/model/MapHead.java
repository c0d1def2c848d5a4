package org.dina.model;

import org.dina.kernels.Elementwise;
import org.dina.kernels.Resize;
import org.dina.nn.L2Normalize;
import org.dina.nn.Layer;
import org.dina.nn.MinMaxNormalize;
import org.dina.nn.ResizeLayer;
import org.dina.nn.Standardize;
import org.dina.tensor.Tensor;

/**
 * The last steps both towers share: C maps [B, C, h, w] are resized (bilinear) to 16 x 64 alignment maps, each
 * map is scaled as {@link MapNormalisation} says (min-max to [0, 1] per map in the release, which has C = 1), and
 * the flattened C x 16 x 64 maps are L2-normalised into the embedding the loss compares.
 */
public final class MapHead implements Layer {
    public static final int MAP_H = 16, MAP_W = 64, MAP_SIZE = MAP_H * MAP_W;
    private final ResizeLayer resize;
    private final MapNormalisation normalisation;
    private final int channels;
    private final MinMaxNormalize minMax = new MinMaxNormalize();
    private final Standardize standardize;
    private final L2Normalize l2 = new L2Normalize();
    private final String name;
    private Tensor map;
    private int[] inputShape;

    /** The release's head: one map, min-max scaled. */
    public MapHead(String name) {
        this(name, MapNormalisation.MINMAX, 1);
    }

    public MapHead(String name, MapNormalisation normalisation, int channels) {
        if (channels < 1) throw new IllegalArgumentException(name + ": needs at least one map channel, got " + channels);
        this.name = name;
        this.normalisation = normalisation;
        this.channels = channels;
        this.resize = new ResizeLayer(name + ".resize", Resize.Mode.BILINEAR, MAP_H, MAP_W);
        this.standardize = new Standardize(name + ".zscore", MAP_SIZE);
    }

    /** Length of the embedding: channels x 16 x 64. */
    public int embeddingDim() { return channels * MAP_SIZE; }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != channels) {
            throw new IllegalArgumentException(name + ": expected " + channels + " map channel(s) [B, " + channels
                    + ", h, w] but got " + x.shapeString());
        }
        inputShape = x.shape();
        int b = x.dim(0);
        Tensor resized = resize.forward(x);
        // each 16 x 64 map is one row of [B * C, 1024]: min-max and z-score act per map, not across a sample's maps
        Tensor rows = resized.reshape(b * channels, MAP_SIZE);
        map = switch (normalisation) {
            case MINMAX -> minMax.forward(rows);
            case ZSCORE -> standardize.forward(rows);
            case NONE -> rows;
        };
        map = map.reshape(b, channels, MAP_H, MAP_W);
        return l2.forward(map.reshape(b, embeddingDim()));
    }

    /** The scaled 16 x 64 maps of the last forward, [B, C, 16, 64] (what SSIM, the map loss terms and the figures use). */
    public Tensor maps() { return map; }

    @Override
    public Tensor backward(Tensor dEmbedding) {
        return backward(dEmbedding, null);
    }

    /**
     * Backward from the embedding's gradient plus, when {@code dMap} is not null, a gradient [B, C, 16, 64] that
     * reaches the scaled maps directly (the map-matching loss terms compare maps before L2 normalisation).
     */
    public Tensor backward(Tensor dEmbedding, Tensor dMap) {
        int b = inputShape[0];
        // the L2 layer's gradient buffer is scratch until its next backward, so the map gradient is added into it
        Tensor dScaled = l2.backward(dEmbedding).reshape(b, channels, MAP_H, MAP_W);
        if (dMap != null) Elementwise.addInPlace(dScaled, dMap);
        Tensor dRows = dScaled.reshape(b * channels, MAP_SIZE);
        Tensor dResized = switch (normalisation) {
            case MINMAX -> minMax.backward(dRows);
            case ZSCORE -> standardize.backward(dRows);
            case NONE -> dRows;
        };
        return resize.backward(dResized.reshape(b, channels, MAP_H, MAP_W));
    }
}
