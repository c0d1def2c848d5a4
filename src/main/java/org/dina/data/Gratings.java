package org.dina.data;

import org.dina.tensor.Tensor;

/**
 * Sinusoidal grating stimuli in [0, 1], in the same convention as the simulated receptive fields
 * ({@link NeuronTruth}): value = 0.5 + 0.5·contrast·window·cos(2π·sf·x' + phase), with
 * x' = (x - cx)·cos(orientation) + (y - cy)·sin(orientation), x = column, y = row.
 */
public final class Gratings {
    private Gratings() {}

    /** A full-field grating [H, W] (phase measured at the image origin). */
    public static Tensor fullField(int height, int width, double sf, double orientation, double phase, double contrast) {
        Tensor t = Tensor.zeros(1, height, width);
        draw(t, 0, sf, orientation, phase, contrast, 0, 0, Double.POSITIVE_INFINITY);
        return t.reshape(height, width);
    }

    /**
     * Draws a grating into image {@code k} of a contiguous [K, H, W] tensor, under a Gaussian window of standard
     * deviation {@code windowSigma} pixels centred at (cx, cy) (infinite: full field); the phase is measured at
     * (cx, cy).
     */
    public static void draw(Tensor images, int k, double sf, double orientation, double phase, double contrast,
                            double cx, double cy, double windowSigma) {
        if (images.rank() != 3 || !images.isContiguous()) {
            throw new IllegalArgumentException("Gratings.draw: need a contiguous [K, H, W] tensor, got " + images.shapeString());
        }
        int h = images.dim(1), w = images.dim(2);
        double kx = 2 * Math.PI * sf * StrictMath.cos(orientation), ky = 2 * Math.PI * sf * StrictMath.sin(orientation);
        boolean windowed = Double.isFinite(windowSigma);
        double inv2s2 = windowed ? 1.0 / (2 * windowSigma * windowSigma) : 0;
        long base = (long) k * h * w;
        for (int y = 0; y < h; y++) {
            double dy = y - cy;
            for (int x = 0; x < w; x++) {
                double dx = x - cx;
                double win = windowed ? StrictMath.exp(-(dx * dx + dy * dy) * inv2s2) : 1.0;
                double v = 0.5 + 0.5 * contrast * win * StrictMath.cos(kx * dx + ky * dy + phase);
                images.setFlat(base + (long) y * w + x, (float) Math.min(1.0, Math.max(0.0, v)));
            }
        }
    }
}
