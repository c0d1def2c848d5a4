package org.dina.data;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;

/**
 * The receptive fields of a simulated population, each stored only on the crop around its centre (out to
 * {@value #RADIUS_SIGMAS} envelope sigmas, clipped to the image): one zero-mean, unit-norm Gabor filter per neuron,
 * plus its quadrature partner for complex cells. Computes every neuron's drive to a stack of images.
 */
final class GaborBank {
    /** Crop half-width in envelope sigmas: the envelope is below 1.2% of its peak beyond it. */
    static final double RADIUS_SIGMAS = 3.0;
    /** Images per block: the block stays in cache while every neuron reads it. */
    private static final int IMAGE_BLOCK = 32;

    private final int height, width, count;
    private final int[] x0, y0, rows, cols;
    private final long[] offset;      // element offset of the first filter of neuron n; the quadrature one follows
    private final boolean[] active, complex;
    private final MemorySegment weights;

    private GaborBank(List<NeuronTruth> neurons, int height, int width) {
        this.height = height;
        this.width = width;
        this.count = neurons.size();
        x0 = new int[count];
        y0 = new int[count];
        rows = new int[count];
        cols = new int[count];
        offset = new long[count];
        active = new boolean[count];
        complex = new boolean[count];
        long total = 0;
        for (int n = 0; n < count; n++) {
            NeuronTruth t = neurons.get(n);
            active[n] = t.driven();
            complex[n] = t.complex();
            double r = RADIUS_SIGMAS * t.rfSigma();
            x0[n] = Math.max(0, (int) Math.floor(t.rfX() - r));
            y0[n] = Math.max(0, (int) Math.floor(t.rfY() - r));
            int x1 = Math.min(width - 1, (int) Math.ceil(t.rfX() + r));
            int y1 = Math.min(height - 1, (int) Math.ceil(t.rfY() + r));
            cols[n] = Math.max(0, x1 - x0[n] + 1);
            rows[n] = Math.max(0, y1 - y0[n] + 1);
            offset[n] = total;
            if (active[n]) total += (long) rows[n] * cols[n] * (complex[n] ? 2 : 1);
        }
        weights = Arena.ofAuto().allocate(Math.max(1, total) * Float.BYTES, Tensor.ALIGNMENT);
        Parallel.forRange(count, 8, (from, to) -> {
            for (int n = from; n < to; n++) if (active[n]) fill(n, neurons.get(n));
        });
    }

    /** Filters for every driven neuron of {@code neurons}, for images of height x width. */
    static GaborBank build(List<NeuronTruth> neurons, int height, int width) {
        return new GaborBank(neurons, height, width);
    }

    private void fill(int n, NeuronTruth t) {
        int r = rows[n], c = cols[n], size = r * c;
        double[] env = new double[size], even = new double[size], odd = new double[size];
        double kx = 2 * Math.PI * t.sfCyclesPerPixel() * StrictMath.cos(t.orientation());
        double ky = 2 * Math.PI * t.sfCyclesPerPixel() * StrictMath.sin(t.orientation());
        double inv2s2 = 1.0 / (2 * t.rfSigma() * t.rfSigma());
        for (int i = 0; i < r; i++) {
            double dy = y0[n] + i - t.rfY();
            for (int j = 0; j < c; j++) {
                double dx = x0[n] + j - t.rfX();
                double e = StrictMath.exp(-(dx * dx + dy * dy) * inv2s2);
                double arg = kx * dx + ky * dy + t.phase();
                env[i * c + j] = e;
                even[i * c + j] = e * StrictMath.cos(arg);
                odd[i * c + j] = e * StrictMath.sin(arg);
            }
        }
        store(n, 0, env, even);
        if (complex[n]) store(n, size, env, odd);
    }

    /** Removes the filter's response to uniform light (its DC) and scales it to unit norm, then stores it. */
    private void store(int n, int at, double[] env, double[] f) {
        double sf = 0, se = 0;
        for (int i = 0; i < f.length; i++) {
            sf += f[i];
            se += env[i];
        }
        double dc = se > 0 ? sf / se : 0;
        double norm = 0;
        for (int i = 0; i < f.length; i++) {
            f[i] -= dc * env[i];
            norm += f[i] * f[i];
        }
        double inv = norm > 0 ? 1.0 / Math.sqrt(norm) : 0;
        for (int i = 0; i < f.length; i++) weights.setAtIndex(Tensor.FLOAT, offset[n] + at + i, (float) (f[i] * inv));
    }

    /**
     * Drive of every neuron to every image: out[n * K + k] = filter·crop (simple) or the quadrature energy's square
     * root (complex); 0 for undriven neurons. Each output is computed by one task in a fixed order.
     */
    float[] drives(Tensor images) {
        images.requireShape("GaborBank.drives (images)", images.dim(0), height, width);
        Tensor img = images.contiguous();
        int k = img.dim(0);
        float[] out = new float[count * k];
        MemorySegment seg = img.segment();
        long base = img.offset();
        long plane = (long) height * width;
        for (int b0 = 0; b0 < k; b0 += IMAGE_BLOCK) {
            int from0 = b0, to0 = Math.min(k, b0 + IMAGE_BLOCK);
            Parallel.forRange(count, 4, (from, to) -> {
                float[] lanes = new float[PatchDot.lanes()];
                for (int n = from; n < to; n++) {
                    if (!active[n] || rows[n] == 0 || cols[n] == 0) continue;
                    long crop = (long) y0[n] * width + x0[n];
                    long w1 = offset[n], w2 = offset[n] + (long) rows[n] * cols[n];
                    for (int i = from0; i < to0; i++) {
                        long at = base + i * plane + crop;
                        float d = PatchDot.dot(seg, at, width, weights, w1, cols[n], rows[n], cols[n], lanes);
                        if (complex[n]) {
                            float q = PatchDot.dot(seg, at, width, weights, w2, cols[n], rows[n], cols[n], lanes);
                            d = (float) Math.sqrt((double) d * d + (double) q * q);
                        }
                        out[n * k + i] = d;
                    }
                }
            });
        }
        return out;
    }
}
