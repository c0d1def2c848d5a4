package org.dina.model;

import org.dina.kernels.Elementwise;
import org.dina.kernels.Resize;
import org.dina.nn.L2Normalize;
import org.dina.nn.Layer;
import org.dina.nn.MinMaxNormalize;
import org.dina.nn.ResizeLayer;
import org.dina.tensor.Tensor;

/**
 * The last steps both towers share: a one-channel map [B, 1, h, w] is resized (bilinear) to the 16 x 64 alignment
 * map, min-max scaled per sample to [0, 1], flattened and L2-normalised into the 1,024-d embedding the loss compares.
 */
public final class MapHead implements Layer {
    public static final int MAP_H = 16, MAP_W = 64;
    private final ResizeLayer resize;
    private final MinMaxNormalize minMax = new MinMaxNormalize();
    private final L2Normalize l2 = new L2Normalize();
    private final String name;
    private Tensor map;
    private int[] inputShape;

    public MapHead(String name) {
        this.name = name;
        this.resize = new ResizeLayer(name + ".resize", Resize.Mode.BILINEAR, MAP_H, MAP_W);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != 1) {
            throw new IllegalArgumentException(name + ": expected a one-channel map [B, 1, h, w] but got " + x.shapeString());
        }
        inputShape = x.shape();
        map = minMax.forward(resize.forward(x));
        return l2.forward(map.reshape(x.dim(0), MAP_H * MAP_W));
    }

    /** The min-max scaled 16 x 64 maps of the last forward, [B, 1, 16, 64] (what SSIM and the figures use). */
    public Tensor maps() { return map; }

    @Override
    public Tensor backward(Tensor dEmbedding) {
        return backward(dEmbedding, null);
    }

    /**
     * Backward from the embedding's gradient plus, when {@code dMap} is not null, a gradient [B, 1, 16, 64] that
     * reaches the min-max maps directly (the map-matching loss terms compare maps before L2 normalisation).
     */
    public Tensor backward(Tensor dEmbedding, Tensor dMap) {
        // the L2 layer's gradient buffer is scratch until its next backward, so the map gradient is added into it
        Tensor dMinMaxOut = l2.backward(dEmbedding).reshape(inputShape[0], 1, MAP_H, MAP_W);
        if (dMap != null) Elementwise.addInPlace(dMinMaxOut, dMap);
        return resize.backward(minMax.backward(dMinMaxOut));
    }
}
