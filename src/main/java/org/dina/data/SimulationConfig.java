package org.dina.data;

/**
 * Settings of the built-in simulated mouse-V1 recording ({@link SimulatedV1}). Every number that shapes the data is
 * here, so a seed plus a config reproduces a dataset bit for bit.
 *
 * @param seed              master seed of images, neurons and noise
 * @param images            number of distinct images K
 * @param neurons           number of neurons N
 * @param repeats           fewest presentations of each image (>= 1; 2 or more for reliability and repeat splits)
 * @param maxRepeats        most presentations; each image draws its count uniformly in [repeats, maxRepeats]
 * @param height            image height in pixels (68 as in the natimg2800 stimuli)
 * @param width             image width in pixels (270)
 * @param undrivenFraction  fraction of neurons whose response is noise only
 * @param sparseFraction    fraction of all neurons that are strongly responsive and sparse (large gain, high
 *                          threshold); drawn among the driven ones
 * @param sparseGain        how many times larger the gain of a sparse neuron is
 * @param complexFraction   fraction of neurons that are complex cells (energy model); the rest are simple cells
 * @param noise             trial-to-trial noise level: the noise standard deviation is
 *                          {@code noise * sqrt(mean + 0.1)}, so variance grows with the mean (Poisson-like)
 * @param sharedNoise       strength of a per-trial gain fluctuation shared by all neurons (noise correlations)
 * @param sfMin             lowest preferred spatial frequency, cycles per pixel
 * @param sfMax             highest preferred spatial frequency, cycles per pixel (at most 0.5, the Nyquist limit);
 *                          preferences are log-uniform in [sfMin, sfMax]
 * @param spectrumExponent  the images' amplitude spectrum falls as 1/f^spectrumExponent (1 for natural images)
 */
public record SimulationConfig(long seed, int images, int neurons, int repeats, int maxRepeats, int height, int width,
                               double undrivenFraction, double sparseFraction, double sparseGain, double complexFraction,
                               double noise, double sharedNoise, double sfMin, double sfMax, double spectrumExponent) {

    public static final int DEFAULT_IMAGES = 800;
    public static final int DEFAULT_NEURONS = 500;
    public static final int DEFAULT_REPEATS = 2;
    public static final int DEFAULT_HEIGHT = 68;
    public static final int DEFAULT_WIDTH = 270;
    /** Mouse V1 prefers low spatial frequencies: about 0.02–0.1 cycles per degree, one pixel ~ one degree here. */
    public static final double LOW_SF_MIN = 0.02, LOW_SF_MAX = 0.1;
    /** A population tuned to fine detail, for analyses that must tell the two apart. */
    public static final double HIGH_SF_MIN = 0.15, HIGH_SF_MAX = 0.35;

    public SimulationConfig {
        require(images >= 1, "images must be >= 1, got " + images);
        require(neurons >= 1, "neurons must be >= 1, got " + neurons);
        require(repeats >= 1, "repeats must be >= 1, got " + repeats);
        require(maxRepeats >= repeats, "maxRepeats (" + maxRepeats + ") must be >= repeats (" + repeats + ")");
        require(height >= 4 && width >= 4, "image size must be at least 4x4, got " + height + "x" + width);
        require(fraction(undrivenFraction), "undrivenFraction must be in [0, 1], got " + undrivenFraction);
        require(fraction(sparseFraction), "sparseFraction must be in [0, 1], got " + sparseFraction);
        require(undrivenFraction + sparseFraction <= 1.0 + 1e-12,
                "undrivenFraction + sparseFraction must be <= 1 (sparse neurons are driven), got "
                        + undrivenFraction + " + " + sparseFraction);
        require(sparseGain >= 1.0 && Double.isFinite(sparseGain), "sparseGain must be >= 1, got " + sparseGain);
        require(fraction(complexFraction), "complexFraction must be in [0, 1], got " + complexFraction);
        require(noise >= 0 && Double.isFinite(noise), "noise must be >= 0, got " + noise);
        require(sharedNoise >= 0 && Double.isFinite(sharedNoise), "sharedNoise must be >= 0, got " + sharedNoise);
        require(sfMin > 0 && sfMin <= sfMax && sfMax <= 0.5,
                "spatial frequencies must satisfy 0 < sfMin <= sfMax <= 0.5 cycles/pixel, got [" + sfMin + ", " + sfMax + "]");
        require(spectrumExponent >= 0 && spectrumExponent <= 3, "spectrumExponent must be in [0, 3], got " + spectrumExponent);
    }

    private static boolean fraction(double f) { return f >= 0 && f <= 1; }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException("SimulationConfig: " + message);
    }

    /** The default recording: 800 images of 68x270, 500 neurons, 2 repeats, 30% undriven, 10% sparse. */
    public static SimulationConfig defaults() {
        return new SimulationConfig(1234L, DEFAULT_IMAGES, DEFAULT_NEURONS, DEFAULT_REPEATS, DEFAULT_REPEATS,
                DEFAULT_HEIGHT, DEFAULT_WIDTH, 0.30, 0.10, 5.0, 0.5, 0.6, 0.15, LOW_SF_MIN, LOW_SF_MAX, 1.0);
    }

    /** The defaults with another seed and size. */
    public static SimulationConfig of(long seed, int images, int neurons, int repeats) {
        return defaults().withSeed(seed).withSize(images, neurons).withRepeats(repeats, repeats);
    }

    public SimulationConfig withSeed(long s) {
        return new SimulationConfig(s, images, neurons, repeats, maxRepeats, height, width, undrivenFraction,
                sparseFraction, sparseGain, complexFraction, noise, sharedNoise, sfMin, sfMax, spectrumExponent);
    }

    public SimulationConfig withSize(int k, int n) {
        return new SimulationConfig(seed, k, n, repeats, maxRepeats, height, width, undrivenFraction,
                sparseFraction, sparseGain, complexFraction, noise, sharedNoise, sfMin, sfMax, spectrumExponent);
    }

    /** Each image is shown between {@code min} and {@code max} times. */
    public SimulationConfig withRepeats(int min, int max) {
        return new SimulationConfig(seed, images, neurons, min, max, height, width, undrivenFraction,
                sparseFraction, sparseGain, complexFraction, noise, sharedNoise, sfMin, sfMax, spectrumExponent);
    }

    public SimulationConfig withImageSize(int h, int w) {
        return new SimulationConfig(seed, images, neurons, repeats, maxRepeats, h, w, undrivenFraction,
                sparseFraction, sparseGain, complexFraction, noise, sharedNoise, sfMin, sfMax, spectrumExponent);
    }

    /** Fractions of undriven, sparse strongly responsive and complex neurons. */
    public SimulationConfig withPopulation(double undriven, double sparse, double complex) {
        return new SimulationConfig(seed, images, neurons, repeats, maxRepeats, height, width, undriven,
                sparse, sparseGain, complex, noise, sharedNoise, sfMin, sfMax, spectrumExponent);
    }

    public SimulationConfig withSparseGain(double g) {
        return new SimulationConfig(seed, images, neurons, repeats, maxRepeats, height, width, undrivenFraction,
                sparseFraction, g, complexFraction, noise, sharedNoise, sfMin, sfMax, spectrumExponent);
    }

    public SimulationConfig withNoise(double trialNoise, double shared) {
        return new SimulationConfig(seed, images, neurons, repeats, maxRepeats, height, width, undrivenFraction,
                sparseFraction, sparseGain, complexFraction, trialNoise, shared, sfMin, sfMax, spectrumExponent);
    }

    /** Preferred spatial frequencies log-uniform in [min, max] cycles per pixel. */
    public SimulationConfig withSpatialFrequency(double min, double max) {
        return new SimulationConfig(seed, images, neurons, repeats, maxRepeats, height, width, undrivenFraction,
                sparseFraction, sparseGain, complexFraction, noise, sharedNoise, min, max, spectrumExponent);
    }

    /** A population that prefers fine detail ({@link #HIGH_SF_MIN}..{@link #HIGH_SF_MAX} cycles/pixel). */
    public SimulationConfig preferHighSpatialFrequency() {
        return withSpatialFrequency(HIGH_SF_MIN, HIGH_SF_MAX);
    }

    public SimulationConfig withSpectrumExponent(double e) {
        return new SimulationConfig(seed, images, neurons, repeats, maxRepeats, height, width, undrivenFraction,
                sparseFraction, sparseGain, complexFraction, noise, sharedNoise, sfMin, sfMax, e);
    }
}
