package org.dina.data;

/**
 * A small deterministic random source (SplitMix64). Its stream depends only on its seed, never on the JDK version,
 * the platform or the thread that draws from it, which is what bit-identical simulations need.
 */
final class SplitMix {
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    SplitMix(long seed) {
        this.state = seed;
    }

    /** An independent stream for ({@code purpose}, {@code index}) under a master {@code seed}. */
    static SplitMix stream(long seed, long purpose, long index) {
        return new SplitMix(mix(mix(seed + GOLDEN * (purpose + 1)) ^ mix(index * GOLDEN + 0x632be59bd9b4e019L)));
    }

    /** The SplitMix64 finaliser: a bijective 64-bit mixer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Log-uniform in [lo, hi] (both positive). */
    double logUniform(double lo, double hi) {
        return lo * StrictMath.exp(nextDouble() * StrictMath.log(hi / lo));
    }

    /** Uniform integer in [0, bound). */
    int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Standard normal by Box–Muller with StrictMath, so the values are the same on every platform. */
    double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double a = 2.0 * Math.PI * u2;
        spareGaussian = r * StrictMath.sin(a);
        hasSpare = true;
        return r * StrictMath.cos(a);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p);
        return p;
    }

    void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
