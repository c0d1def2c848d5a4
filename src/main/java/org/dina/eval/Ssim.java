package org.dina.eval;

import org.dina.kernels.MinMax;
import org.dina.model.MapHead;
import org.dina.nn.MeanSsim;
import org.dina.nn.SsimPadding;
import org.dina.tensor.Tensor;

/**
 * Structural similarity between two maps as the DINA reference computes it: 3x3 mean windows (zero padding, every
 * window divided by 9, as the release's {@code F.avg_pool2d(x, 3, 1, 1)}; or reflect padding), C1 = 0.01^2,
 * C2 = 0.03^2, each local value clamped to [0, 1], averaged over the map. The scalar twin of {@link MeanSsim}.
 */
public final class Ssim {
    static final double C1 = 0.01 * 0.01;
    static final double C2 = 0.03 * 0.03;

    private Ssim() {}

    /** Mean SSIM of two h x w maps stored row-major in {@code a} and {@code b} starting at the given offsets. */
    public static double mean(float[] a, int aOff, float[] b, int bOff, int h, int w, SsimPadding padding) {
        boolean zero = padding == SsimPadding.ZERO;
        double total = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = zero ? y + dy : reflect(y + dy, h);
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = zero ? x + dx : reflect(x + dx, w);
                        if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue; // a zero tap (reflected taps are inside)
                        double va = a[aOff + yy * w + xx], vb = b[bOff + yy * w + xx];
                        ma += va; mb += vb; saa += va * va; sbb += vb * vb; sab += va * vb;
                    }
                }
                ma /= 9; mb /= 9; saa = saa / 9 - ma * ma; sbb = sbb / 9 - mb * mb; sab = sab / 9 - ma * mb;
                double s = ((2 * ma * mb + C1) * (2 * sab + C2)) / ((ma * ma + mb * mb + C1) * (saa + sbb + C2));
                total += Math.min(1, Math.max(0, s));
            }
        }
        return total / (h * w);
    }

    /** Mean SSIM over the C 16 x 64 maps of two samples ({@code a.length = C * 1024}), each map in [0, 1]. */
    public static double meanOverMaps(float[] a, float[] b, SsimPadding padding) {
        if (a.length != b.length || a.length % MapHead.MAP_SIZE != 0) {
            throw new IllegalArgumentException("Ssim: maps of " + a.length + " and " + b.length + " values are not whole 16 x 64 maps");
        }
        int maps = a.length / MapHead.MAP_SIZE;
        double total = 0;
        for (int c = 0; c < maps; c++) total += mean(a, c * MapHead.MAP_SIZE, b, c * MapHead.MAP_SIZE, MapHead.MAP_H, MapHead.MAP_W, padding);
        return total / maps;
    }

    /**
     * Copies of samples of C 16 x 64 maps with each map min-max scaled to [0, 1] by the towers' own kernel, for maps
     * that are not in [0, 1] already (z-scored or unscaled): SSIM clamps to [0, 1], so unscaled maps would be cut
     * off rather than compared.
     */
    public static float[][] minMaxScaled(float[][] samples) {
        if (samples.length == 0) return samples;
        int perSample = samples[0].length, mapsPerSample = perSample / MapHead.MAP_SIZE, rows = samples.length * mapsPerSample;
        float[] flat = new float[rows * MapHead.MAP_SIZE];
        for (int i = 0; i < samples.length; i++) System.arraycopy(samples[i], 0, flat, i * perSample, perSample);
        Tensor scaled = Tensor.zeros(rows, MapHead.MAP_SIZE);
        MinMax.forward(Tensor.of(flat, rows, MapHead.MAP_SIZE), scaled, MinMax.DEFAULT_EPS, new int[rows], new int[rows]);
        float[][] out = new float[samples.length][];
        for (int i = 0; i < out.length; i++) out[i] = scaled.slice(0, i * mapsPerSample, (i + 1) * mapsPerSample).toArray();
        return out;
    }

    /** PyTorch ReflectionPad index: -1 maps to 1, n maps to n-2 (a size-1 axis maps everything to 0). */
    static int reflect(int i, int n) {
        if (n == 1) return 0;
        if (i < 0) return -i;
        if (i >= n) return 2 * n - 2 - i;
        return i;
    }
}
