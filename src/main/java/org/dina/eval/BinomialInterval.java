package org.dina.eval;

/** Confidence intervals for a proportion. */
public final class BinomialInterval {
    private static final double Z95 = 1.959963984540054;

    private BinomialInterval() {}

    /** Wilson score 95% interval for {@code hits} successes out of {@code n}; well behaved at 0 and n. */
    public static double[] wilson(int hits, int n) {
        if (n <= 0) return new double[] {0, 1};
        double p = (double) hits / n;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
