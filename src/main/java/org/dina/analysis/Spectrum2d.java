package org.dina.analysis;

import org.dina.data.Fft;

/**
 * The 2-D spectrum of one h x w image, computed on a power-of-two canvas (the radix-2 {@link Fft} needs one) onto
 * which the image is mirrored at its right and bottom edges, so the periodic transform sees no artificial step at
 * the border. Filters and phase changes act on the canvas; {@link #image} crops the h x w image back out.
 * Not thread-safe: one instance per image (or per worker).
 */
final class Spectrum2d {
    final int h, w, ph, pw;
    final double[] re, im;
    private final Fft rowFft, colFft;
    private final double[] colRe, colIm;

    Spectrum2d(int h, int w) {
        this.h = h;
        this.w = w;
        this.ph = Fft.nextPowerOfTwo(h);
        this.pw = Fft.nextPowerOfTwo(w);
        re = new double[ph * pw];
        im = new double[ph * pw];
        rowFft = new Fft(pw);
        colFft = new Fft(ph);
        colRe = new double[ph];
        colIm = new double[ph];
    }

    /** Mirror index: the canvas is less than twice the image, so one reflection always lands inside. */
    private static int mirror(int i, int n) {
        return i < n ? i : Math.max(0, 2 * n - 1 - i);
    }

    /** Loads the image (row-major h x w) and transforms it. */
    void forward(float[] image) {
        if (image.length != h * w) throw new IllegalArgumentException("Spectrum2d: expected " + h + "x" + w + " pixels, got " + image.length);
        for (int y = 0; y < ph; y++) {
            int sy = mirror(y, h);
            for (int x = 0; x < pw; x++) {
                re[y * pw + x] = image[sy * w + mirror(x, w)];
                im[y * pw + x] = 0;
            }
        }
        transform(false);
    }

    /** Inverse-transforms and writes the cropped real part into {@code out} (h x w). */
    void inverse(float[] out) {
        transform(true);
        double norm = 1.0 / ((double) ph * pw);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) out[y * w + x] = (float) (re[y * pw + x] * norm);
        }
    }

    private void transform(boolean inverse) {
        for (int y = 0; y < ph; y++) rowFft.transform(re, im, y * pw, inverse);
        for (int x = 0; x < pw; x++) {
            for (int y = 0; y < ph; y++) {
                colRe[y] = re[y * pw + x];
                colIm[y] = im[y * pw + x];
            }
            colFft.transform(colRe, colIm, 0, inverse);
            for (int y = 0; y < ph; y++) {
                re[y * pw + x] = colRe[y];
                im[y * pw + x] = colIm[y];
            }
        }
    }

    /** Signed frequency index of bin {@code k} of an {@code n}-point transform. */
    static int signedIndex(int k, int n) {
        return k <= n / 2 ? k : k - n;
    }

    /** Radial frequency of bin (ky, kx) in cycles per pixel. */
    double radialFrequency(int ky, int kx) {
        double fy = (double) signedIndex(ky, ph) / ph, fx = (double) signedIndex(kx, pw) / pw;
        return Math.sqrt(fy * fy + fx * fx);
    }

    /** Whether bin (ky, kx) is its own mirror (DC and Nyquist rows/columns): its phase must stay 0 or pi. */
    boolean selfConjugate(int ky, int kx) {
        return (ky == 0 || 2 * ky == ph) && (kx == 0 || 2 * kx == pw);
    }
}
