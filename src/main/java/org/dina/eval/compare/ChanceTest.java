package org.dina.eval.compare;

import java.util.List;
import org.dina.eval.BinomialInterval;

/**
 * Does a top-1 hit count beat chance? Pools the folds of one method and control: under the null each query hits with
 * its fold's chance 1/candidates, independently, so the total is a sum of binomials; the one-sided p-value is its
 * exact upper tail (beyond {@link #EXACT_LIMIT} queries, Hoeffding's bound, which can only overstate it).
 */
public final class ChanceTest {
    /** Nominal level: a control with p below it is reported; flagged when p is below it after Bonferroni correction. */
    public static final double ALPHA = 0.01;
    static final int EXACT_LIMIT = 50_000;

    private ChanceTest() {}

    /** Hits among the queries of one fold, and that fold's chance hit rate. */
    public record Counts(int hits, int queries, double chance) {
        public Counts {
            if (queries < 0 || hits < 0 || hits > queries) throw new IllegalArgumentException("ChanceTest: need 0 <= hits <= queries, got " + hits + " of " + queries);
            if (!(chance > 0 && chance <= 1)) throw new IllegalArgumentException("ChanceTest: chance must be in (0, 1], got " + chance);
        }
    }

    /**
     * The pooled outcome.
     *
     * @param chance    query-weighted mean chance hit rate
     * @param wilson95  Wilson 95% interval of the pooled top-1
     * @param pValue    P(hits >= observed) under chance
     * @param threshold the p-value below which it is flagged ({@link #ALPHA} / number of control results tested)
     * @param flagged   p below the corrected threshold: the control beats chance
     * @param nominal   p below {@link #ALPHA} before correction
     */
    public record Verdict(int hits, int queries, double top1, double chance, double[] wilson95, double pValue,
                          double threshold, boolean flagged, boolean nominal) {}

    /** Tests the pooled counts against chance, flagging below {@code ALPHA / comparisons}. */
    public static Verdict test(List<Counts> folds, int comparisons) {
        int hits = 0, queries = 0;
        double chanceSum = 0;
        for (Counts c : folds) {
            hits += c.hits();
            queries += c.queries();
            chanceSum += c.chance() * c.queries();
        }
        double chance = queries == 0 ? Double.NaN : chanceSum / queries;
        double p = queries == 0 ? 1.0 : upperTail(folds, hits);
        double threshold = ALPHA / Math.max(1, comparisons);
        return new Verdict(hits, queries, queries == 0 ? Double.NaN : (double) hits / queries, chance,
                BinomialInterval.wilson(hits, queries), p, threshold, p < threshold, p < ALPHA);
    }

    /** P(sum of Binomial(queries_f, chance_f) >= hits). */
    static double upperTail(List<Counts> folds, int hits) {
        int total = folds.stream().mapToInt(Counts::queries).sum();
        if (hits <= 0) return 1.0;
        if (hits > total) return 0.0;
        if (total > EXACT_LIMIT) return hoeffdingUpperTail(folds, hits);
        double[] dist = {1.0};
        for (Counts c : folds) dist = convolve(dist, binomialPmf(c.queries(), c.chance()));
        double tail = 0;
        for (int h = dist.length - 1; h >= hits; h--) tail += dist[h]; // small terms first
        return Math.min(1.0, tail);
    }

    /** Binomial(n, p) probabilities of 0..n hits, computed in log space so large n does not underflow the mode. */
    static double[] binomialPmf(int n, double p) {
        double[] pmf = new double[n + 1];
        if (p >= 1.0) { pmf[n] = 1.0; return pmf; }
        double logOdds = Math.log(p) - Math.log1p(-p);
        double log = n * Math.log1p(-p);
        pmf[0] = Math.exp(log);
        for (int k = 1; k <= n; k++) {
            log += Math.log((double) (n - k + 1) / k) + logOdds;
            pmf[k] = Math.exp(log);
        }
        return pmf;
    }

    private static double[] convolve(double[] a, double[] b) {
        double[] out = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0) continue;
            for (int j = 0; j < b.length; j++) out[i + j] += a[i] * b[j];
        }
        return out;
    }

    /** Hoeffding's bound P(X - mean >= t) <= exp(-2 t^2 / n): a conservative p-value for very many queries. */
    private static double hoeffdingUpperTail(List<Counts> folds, int hits) {
        double mean = 0;
        int n = 0;
        for (Counts c : folds) {
            mean += c.queries() * c.chance();
            n += c.queries();
        }
        double t = hits - mean;
        return t <= 0 ? 1.0 : Math.exp(-2 * t * t / n);
    }
}
