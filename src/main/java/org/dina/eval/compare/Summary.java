package org.dina.eval.compare;

import java.util.List;
import org.dina.eval.RetrievalResult;

/**
 * One method under one condition and mode, over every fold and seed: mean, spread and per-fold values of top-1,
 * top-5 and mean rank, with their chance levels, and (for controls) the test against chance.
 *
 * @param reason  why it was not run, when no fold was applicable; null otherwise
 * @param verdict the pooled chance test, for controls only (null for real data or when not applicable)
 */
public record Summary(String method, Condition condition, Mode mode, List<Score> runs, String reason, Stats top1,
                      Stats top5, Stats meanRank, double chanceTop1, double chanceTop5, double chanceMeanRank,
                      ChanceTest.Verdict verdict) {

    /** Aggregates the applicable runs; a summary with no applicable run carries the first reason. */
    static Summary of(String method, Condition c, Mode m, List<Score> runs) {
        List<Score> ok = runs.stream().filter(Score::applicable).toList();
        if (ok.isEmpty()) {
            String why = runs.isEmpty() ? "not run" : runs.get(0).notApplicable();
            return new Summary(method, c, m, List.copyOf(runs), why, null, null, null, Double.NaN, Double.NaN, Double.NaN, null);
        }
        int n = ok.size();
        double[] t1 = new double[n], t5 = new double[n], mr = new double[n];
        double c1 = 0, c5 = 0, cr = 0;
        for (int i = 0; i < n; i++) {
            RetrievalResult r = ok.get(i).result();
            t1[i] = r.top1();
            t5[i] = r.top5();
            mr[i] = r.meanRank();
            c1 += r.chanceTop1() / n;
            c5 += r.chanceTop5() / n;
            cr += (r.candidates() + 1) / 2.0 / n;
        }
        return new Summary(method, c, m, List.copyOf(runs), null, Stats.of(t1), Stats.of(t5), Stats.of(mr), c1, c5, cr, null);
    }

    public boolean applicable() { return reason == null; }

    Summary withVerdict(ChanceTest.Verdict v) {
        return new Summary(method, condition, mode, runs, reason, top1, top5, meanRank, chanceTop1, chanceTop5, chanceMeanRank, v);
    }

    /** The per-fold hit counts for the chance test. */
    List<ChanceTest.Counts> counts() {
        return runs.stream().filter(Score::applicable)
                .map(s -> new ChanceTest.Counts(s.hits(), s.result().queries(), s.result().chanceTop1())).toList();
    }

    /** Candidate counts of the applicable runs (equal across methods on one fold when they share the candidates). */
    int[] candidates() {
        return runs.stream().filter(Score::applicable).mapToInt(s -> s.result().candidates()).toArray();
    }
}
