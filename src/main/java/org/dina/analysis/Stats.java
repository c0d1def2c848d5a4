package org.dina.analysis;

import java.util.Arrays;

/** Small statistics the analyses share: correlations, ranks, AUC, Gini, concentration of a distribution. */
public final class Stats {
    private Stats() {}

    public static double mean(double[] x) {
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Pearson correlation over the pairs where both values are finite; NaN when either side has no spread. */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("pearson: " + x.length + " vs " + y.length + " values");
        double sx = 0, sy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                sx += x[i];
                sy += y[i];
                n++;
            }
        }
        if (n < 3) return Double.NaN;
        double mx = sx / n, my = sy / n, sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                double a = x[i] - mx, b = y[i] - my;
                sxy += a * b;
                sxx += a * a;
                syy += b * b;
            }
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }

    /** Spearman rank correlation (average ranks for ties) over the pairs where both values are finite. */
    public static double spearman(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("spearman: " + x.length + " vs " + y.length + " values");
        int n = 0;
        for (int i = 0; i < x.length; i++) if (Double.isFinite(x[i]) && Double.isFinite(y[i])) n++;
        double[] a = new double[n], b = new double[n];
        for (int i = 0, k = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                a[k] = x[i];
                b[k++] = y[i];
            }
        }
        return pearson(ranks(a), ranks(b));
    }

    /** Ranks 1..n of the values (ascending), ties sharing their average rank. */
    public static double[] ranks(double[] x) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) order[i] = i;
        Arrays.sort(order, (p, q) -> Double.compare(x[p], x[q]));
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; ) {
            int j = i;
            while (j + 1 < x.length && Double.compare(x[order[j + 1]], x[order[i]]) == 0) j++;
            double avg = 0.5 * (i + j) + 1;
            for (int k = i; k <= j; k++) r[order[k]] = avg;
            i = j + 1;
        }
        return r;
    }

    /** Indices of the values from largest to smallest (ties by index, so the order is deterministic). */
    public static int[] descendingOrder(double[] x) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) order[i] = i;
        Arrays.sort(order, (p, q) -> {
            int c = Double.compare(x[q], x[p]);
            return c != 0 ? c : Integer.compare(p, q);
        });
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) out[i] = order[i];
        return out;
    }

    /**
     * Area under the ROC curve of {@code score} for telling {@code positive} from the rest: the chance that a random
     * positive scores above a random negative (ties count half). NaN when either class is empty.
     */
    public static double auc(double[] score, boolean[] positive) {
        if (score.length != positive.length) throw new IllegalArgumentException("auc: " + score.length + " scores, " + positive.length + " labels");
        double[] r = ranks(score);
        double sumPos = 0;
        long pos = 0;
        for (int i = 0; i < r.length; i++) {
            if (positive[i]) {
                sumPos += r[i];
                pos++;
            }
        }
        long neg = r.length - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (sumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Gini coefficient of non-negative values: 0 when all are equal, towards 1 when one holds everything. */
    public static double gini(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        double total = 0, weighted = 0;
        int n = s.length;
        for (int i = 0; i < n; i++) {
            if (s[i] < 0) throw new IllegalArgumentException("gini: negative value " + s[i]);
            total += s[i];
            weighted += (i + 1) * s[i];
        }
        if (n == 0 || total == 0) return 0;
        return (2 * weighted) / (n * total) - (n + 1.0) / n;
    }

    /** Smallest share of the items (largest first) whose values add up to at least {@code share} of the total. */
    public static double shareHolding(double[] x, double share) {
        double[] s = x.clone();
        Arrays.sort(s);
        double total = 0;
        for (double v : s) total += v;
        if (total <= 0) return Double.NaN;
        double acc = 0;
        for (int i = s.length - 1, k = 1; i >= 0; i--, k++) {
            acc += s[i];
            if (acc >= share * total - 1e-12 * total) return (double) k / s.length;
        }
        return 1.0;
    }

    /** The q-quantile (0..1) by linear interpolation between order statistics. */
    public static double quantile(double[] x, double q) {
        double[] s = Arrays.stream(x).filter(Double::isFinite).sorted().toArray();
        if (s.length == 0) return Double.NaN;
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /**
     * Two-sided 95% quantile of Student's t with {@code df} degrees of freedom (the 97.5th percentile), for the
     * interval of a mean over a few values (training seeds). Tabulated to three decimals up to 30 degrees of freedom;
     * above, the Cornish-Fisher expansion around the normal quantile, which is within 0.001 there.
     */
    public static double studentT975(int df) {
        if (df < 1) throw new IllegalArgumentException("studentT975: degrees of freedom must be >= 1, got " + df);
        if (df <= T975.length) return T975[df - 1];
        double z = 1.959963984540054, z3 = z * z * z, z5 = z3 * z * z;
        return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df);
    }

    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
            2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    public static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }
}
