package org.dina.analysis;

import java.util.SplittableRandom;

/**
 * Image manipulations that remove fine or coarse structure while keeping the rest, each with a strength axis.
 * All act on one grayscale image (row-major h x w floats) and keep its mean luminance; values are not clipped.
 */
public enum Manipulation {
    /** Gaussian low-pass: gain exp(-ln2 (f / cutoff)^2), half power at the cutoff (cycles per image width). */
    LOW_PASS("low_pass", "low-pass filter", "cutoff (cycles per image width)", true),
    /** The complement of the low-pass (1 - gain), with the mean luminance kept. */
    HIGH_PASS("high_pass", "high-pass filter", "cutoff (cycles per image width)", true),
    /** Phase plus strength x a random phase field (from white noise, so the image stays real); amplitudes kept. */
    PHASE_SCRAMBLE("phase_scramble", "phase scrambling", "scrambled fraction of the phase", false),
    /** The image cut into square patches (side in pixels, grid centred) that are randomly permuted. */
    PATCH_SHUFFLE("patch_shuffle", "patch shuffling", "patch size (pixels)", true),
    /** mean + factor x (pixel - mean). */
    CONTRAST("contrast", "contrast reduction", "contrast factor", true);

    private final String key, title, axis;
    private final boolean logAxis;

    Manipulation(String key, String title, String axis, boolean logAxis) {
        this.key = key;
        this.title = title;
        this.axis = axis;
        this.logAxis = logAxis;
    }

    /** Key in analysis.json. */
    public String key() { return key; }

    public String title() { return title; }

    /** Label of the strength axis, with its unit. */
    public String axisLabel() { return axis; }

    public boolean logAxis() { return logAxis; }

    /**
     * Writes the manipulated {@code src} into {@code dst}. {@code seed} fixes the random parts (phase field, patch
     * order); use the same seed for every strength of one image so a sweep changes only the strength.
     */
    public void apply(float[] src, float[] dst, int h, int w, double strength, long seed) {
        apply(src, dst, h, w, strength, seed, new Spectrum2d(h, w));
    }

    /** As {@link #apply(float[], float[], int, int, double, long)} with a reusable FFT canvas of the image's size. */
    void apply(float[] src, float[] dst, int h, int w, double strength, long seed, Spectrum2d scratch) {
        if (src.length != h * w || dst.length != h * w) {
            throw new IllegalArgumentException(key + ": image of " + src.length + " pixels, output of " + dst.length + ", expected " + h + "x" + w);
        }
        switch (this) {
            case LOW_PASS -> filter(src, dst, strength / w, false, scratch);
            case HIGH_PASS -> filter(src, dst, strength / w, true, scratch);
            case PHASE_SCRAMBLE -> phaseScramble(src, dst, strength, seed, scratch);
            case PATCH_SHUFFLE -> patchShuffle(src, dst, h, w, (int) Math.round(strength), seed);
            case CONTRAST -> contrast(src, dst, strength);
        }
    }

    static double mean(float[] x) {
        double s = 0;
        for (float v : x) s += v;
        return s / x.length;
    }

    private static void filter(float[] src, float[] dst, double cutoffCyclesPerPixel, boolean high, Spectrum2d s) {
        if (!(cutoffCyclesPerPixel > 0)) throw new IllegalArgumentException("filter cutoff must be > 0, got " + cutoffCyclesPerPixel);
        s.forward(src);
        double k = Math.log(2) / (cutoffCyclesPerPixel * cutoffCyclesPerPixel);
        for (int ky = 0; ky < s.ph; ky++) {
            for (int kx = 0; kx < s.pw; kx++) {
                double f = s.radialFrequency(ky, kx);
                double low = Math.exp(-k * f * f);
                // the high-pass keeps the DC term: mean luminance stays, as for every other manipulation
                double gain = high ? (ky == 0 && kx == 0 ? 1.0 : 1.0 - low) : low;
                s.re[ky * s.pw + kx] *= gain;
                s.im[ky * s.pw + kx] *= gain;
            }
        }
        s.inverse(dst);
    }

    private static void phaseScramble(float[] src, float[] dst, double strength, long seed, Spectrum2d s) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] noise = new float[src.length];
        for (int i = 0; i < noise.length; i++) noise[i] = (float) rng.nextDouble();
        s.forward(noise);
        double[] theta = new double[s.re.length];
        for (int ky = 0; ky < s.ph; ky++) {
            for (int kx = 0; kx < s.pw; kx++) {
                int i = ky * s.pw + kx;
                theta[i] = s.selfConjugate(ky, kx) ? 0.0 : Math.atan2(s.im[i], s.re[i]);
            }
        }
        s.forward(src);
        // adding strength x theta to the phase is a rotation of each coefficient: the amplitude is untouched
        for (int i = 0; i < theta.length; i++) {
            double c = Math.cos(strength * theta[i]), si = Math.sin(strength * theta[i]);
            double re = s.re[i], im = s.im[i];
            s.re[i] = re * c - im * si;
            s.im[i] = re * si + im * c;
        }
        s.inverse(dst);
    }

    private static void patchShuffle(float[] src, float[] dst, int h, int w, int p, long seed) {
        System.arraycopy(src, 0, dst, 0, src.length);
        if (p < 1) throw new IllegalArgumentException("patch size must be >= 1, got " + p);
        int rows = h / p, cols = w / p, n = rows * cols;
        if (n < 2) return;
        int oy = (h - rows * p) / 2, ox = (w - cols * p) / 2;
        int[] perm = permutation(n, new SplittableRandom(seed));
        for (int t = 0; t < n; t++) {
            int from = perm[t];
            int ty = oy + (t / cols) * p, tx = ox + (t % cols) * p;
            int fy = oy + (from / cols) * p, fx = ox + (from % cols) * p;
            for (int y = 0; y < p; y++) System.arraycopy(src, (fy + y) * w + fx, dst, (ty + y) * w + tx, p);
        }
    }

    private static void contrast(float[] src, float[] dst, double factor) {
        float m = (float) mean(src);
        for (int i = 0; i < src.length; i++) dst[i] = m + (float) factor * (src[i] - m);
    }

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }
}
