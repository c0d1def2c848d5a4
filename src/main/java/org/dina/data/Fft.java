package org.dina.data;

/**
 * An in-place iterative radix-2 complex FFT over separate real and imaginary double arrays, for one power-of-two
 * length. Unnormalised in both directions (the inverse of the forward transform is {@code n} times the input).
 * Twiddles come from StrictMath, so results are the same on every platform.
 */
public final class Fft {
    private final int n;
    private final int[] bitReverse;
    private final double[] cos, sin;

    public Fft(int n) {
        if (n < 1 || Integer.bitCount(n) != 1) throw new IllegalArgumentException("Fft: length must be a power of two, got " + n);
        this.n = n;
        int bits = Integer.numberOfTrailingZeros(n);
        bitReverse = new int[n];
        for (int i = 0; i < n; i++) bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        cos = new double[Math.max(1, n / 2)];
        sin = new double[Math.max(1, n / 2)];
        for (int k = 0; k < n / 2; k++) {
            double a = -2.0 * Math.PI * k / n;
            cos[k] = StrictMath.cos(a);
            sin[k] = StrictMath.sin(a);
        }
    }

    public int length() { return n; }

    /** The smallest power of two that is at least {@code m}. */
    public static int nextPowerOfTwo(int m) {
        if (m <= 1) return 1;
        return Integer.highestOneBit(m - 1) << 1;
    }

    /**
     * Transforms {@code re[off..off+n)} and {@code im[off..off+n)} in place: forward uses e^{-2πi jk/n},
     * inverse e^{+2πi jk/n}.
     */
    public void transform(double[] re, double[] im, int off, boolean inverse) {
        for (int i = 0; i < n; i++) {
            int j = bitReverse[i];
            if (j > i) {
                double t = re[off + i]; re[off + i] = re[off + j]; re[off + j] = t;
                t = im[off + i]; im[off + i] = im[off + j]; im[off + j] = t;
            }
        }
        double sign = inverse ? -1.0 : 1.0;
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >>> 1, step = n / len;
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step], wi = sign * sin[k * step];
                    int a = off + start + k, b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
