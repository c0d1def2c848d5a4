package org.dina.eval.baselines;

import java.util.function.DoubleFunction;
import org.dina.eval.RetrievalResult;

/**
 * Picks a ridge penalty on the validation side: the highest top-1, ties broken by the lower mean rank, then by the
 * larger penalty (the simpler model).
 */
final class LambdaSearch {
    /** 1e-3 .. 1e5, two steps per decade. */
    static final double[] DEFAULT_GRID = logGrid(1e-3, 1e5, 2);

    /** The grid, the validation score at each point and the chosen index. */
    record Outcome(double[] lambdas, RetrievalResult[] scores, int best) {
        double lambda() { return lambdas[best]; }
        RetrievalResult score() { return scores[best]; }
    }

    private LambdaSearch() {}

    static Outcome choose(double[] grid, DoubleFunction<RetrievalResult> validationScore) {
        if (grid.length == 0) throw new IllegalArgumentException("LambdaSearch: empty grid");
        RetrievalResult[] scores = new RetrievalResult[grid.length];
        int best = 0;
        for (int i = 0; i < grid.length; i++) {
            scores[i] = validationScore.apply(grid[i]);
            if (i > 0 && !worse(scores[i], grid[i], scores[best], grid[best])) best = i;
        }
        return new Outcome(grid.clone(), scores, best);
    }

    /** Whether (a at lambda la) loses to (b at lambda lb) under the selection rule. */
    static boolean worse(RetrievalResult a, double la, RetrievalResult b, double lb) {
        if (a.top1() != b.top1()) return a.top1() < b.top1();
        if (a.meanRank() != b.meanRank()) return a.meanRank() > b.meanRank();
        return la < lb;
    }

    static double[] logGrid(double from, double to, int perDecade) {
        int steps = (int) Math.round(Math.log10(to / from) * perDecade);
        double[] g = new double[steps + 1];
        for (int i = 0; i <= steps; i++) g[i] = from * Math.pow(10, (double) i / perDecade);
        g[steps] = to;
        return g;
    }
}
