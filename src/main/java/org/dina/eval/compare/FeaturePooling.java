package org.dina.eval.compare;

import java.lang.foreign.MemorySegment;
import org.dina.tensor.Tensor;

/**
 * Area-averages frozen image-tower feature maps [K, C, H, W] to at most a budget of features per image, keeping every
 * channel and the map's aspect ratio, so that the feature baselines stay affordable (the full maps of a 68x270 image
 * are 128x8x33 = 33,792 numbers).
 */
public final class FeaturePooling {
    /** Default budget of features per image. */
    public static final int DEFAULT_MAX_FEATURES = 4096;

    private FeaturePooling() {}

    /** Pooled grid {h, w} for a C x H x W map under {@code maxFeatures}. */
    public static int[] grid(int c, int h, int w, int maxFeatures) {
        if (maxFeatures < c) throw new IllegalArgumentException("FeaturePooling: a budget of " + maxFeatures + " features is below the " + c + " channels");
        int cells = maxFeatures / c;
        if (h * w <= cells) return new int[] {h, w};
        double s = Math.sqrt((double) cells / ((double) h * w));
        int ph = Math.max(1, Math.min(h, (int) Math.floor(h * s)));
        int pw = Math.max(1, Math.min(w, (int) Math.floor(w * s)));
        while (ph * pw > cells) {
            if (pw >= ph && pw > 1) pw--; else ph--;
        }
        // use spare budget on the longer side
        while (pw < w && ph * (pw + 1) <= cells && pw * h <= ph * w) pw++;
        while (ph < h && (ph + 1) * pw <= cells && ph * w <= pw * h) ph++;
        return new int[] {ph, pw};
    }

    /** [K, C*h*w] means over near-equal areas of each channel; {@code features} is [K, C, H, W]. */
    public static Tensor pool(Tensor features, int maxFeatures) {
        if (features.rank() != 4) throw new IllegalArgumentException("FeaturePooling: expected features [K, C, H, W], got " + features.shapeString());
        Tensor x = features.contiguous();
        int k = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int[] g = grid(c, h, w, maxFeatures);
        int ph = g[0], pw = g[1];
        Tensor out = Tensor.zeros(k, c * ph * pw);
        MemorySegment in = x.segment(), o = out.segment();
        long base = x.offset();
        for (int img = 0; img < k; img++) {
            for (int ch = 0; ch < c; ch++) {
                long plane = base + ((long) img * c + ch) * h * w;
                for (int i = 0; i < ph; i++) {
                    int r0 = i * h / ph, r1 = (i + 1) * h / ph;
                    for (int j = 0; j < pw; j++) {
                        int c0 = j * w / pw, c1 = (j + 1) * w / pw;
                        double sum = 0;
                        for (int r = r0; r < r1; r++) for (int q = c0; q < c1; q++) sum += in.getAtIndex(Tensor.FLOAT, plane + (long) r * w + q);
                        long at = out.offset() + (long) img * c * ph * pw + ((long) ch * ph + i) * pw + j;
                        o.setAtIndex(Tensor.FLOAT, at, (float) (sum / ((r1 - r0) * (c1 - c0))));
                    }
                }
            }
        }
        return out;
    }
}
