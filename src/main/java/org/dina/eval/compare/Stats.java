package org.dina.eval.compare;

/** Mean and sample standard deviation of a metric over folds and seeds, with the per-fold values. */
public record Stats(double mean, double sd, double[] values) {
    public static Stats of(double[] v) {
        double m = 0;
        for (double x : v) m += x;
        m /= v.length;
        double ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        return new Stats(m, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN, v.clone());
    }

    /** Whether there is a spread to report (two or more values). */
    public boolean hasSd() { return values.length > 1; }
}
