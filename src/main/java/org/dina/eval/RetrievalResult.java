package org.dina.eval;

/**
 * Identification accuracy of one query set against one candidate set: top-k hit rates with their chance levels and
 * 95% intervals, and the rank of the correct candidate (1 = best).
 */
public record RetrievalResult(int queries, int candidates, double top1, double top5, double chanceTop1,
                              double chanceTop5, double[] top1Interval95, double[] top5Interval95,
                              double meanRank, double medianRank, int[] ranks) {

    /** Scores each query's correct candidate by its rank among all candidates (ties count against it). */
    public static RetrievalResult fromSimilarities(float[][] similarity, int[] correct) {
        int q = similarity.length;
        if (q == 0) throw new IllegalArgumentException("retrieval over zero queries");
        int c = similarity[0].length;
        int[] ranks = new int[q];
        for (int i = 0; i < q; i++) {
            float[] row = similarity[i];
            if (row.length != c) throw new IllegalArgumentException("ragged similarity matrix at row " + i);
            float target = row[correct[i]];
            int better = 0;
            for (int j = 0; j < c; j++) {
                // a NaN similarity or a tie is never resolved in the query's favour
                if (j != correct[i] && !(row[j] < target)) better++;
            }
            ranks[i] = better + 1;
        }
        return fromRanks(ranks, c);
    }

    /** Summarises the ranks (1 = best) of the correct candidate among {@code c} candidates. */
    public static RetrievalResult fromRanks(int[] ranks, int c) {
        int q = ranks.length;
        if (q == 0) throw new IllegalArgumentException("retrieval over zero queries");
        int hit1 = 0, hit5 = 0;
        for (int r : ranks) {
            if (r <= 1) hit1++;
            if (r <= 5) hit5++;
        }
        double meanRank = 0;
        for (int r : ranks) meanRank += r;
        meanRank /= q;
        int[] sorted = ranks.clone();
        java.util.Arrays.sort(sorted);
        double median = q % 2 == 1 ? sorted[q / 2] : 0.5 * (sorted[q / 2 - 1] + sorted[q / 2]);
        return new RetrievalResult(q, c, (double) hit1 / q, (double) hit5 / q, 1.0 / c, Math.min(1.0, 5.0 / c),
                BinomialInterval.wilson(hit1, q), BinomialInterval.wilson(hit5, q), meanRank, median, ranks);
    }
}
