package org.dina.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claim tests of several trained runs of one config that differ only in their seed ({@code dina analyze --seeds K}),
 * combined. A single run's intervals are over images within one trained model; a training seed changes the weights,
 * the split and the batch order, so only the spread over seeds says whether an effect belongs to the method or to one
 * model. Per test: the mean effect over seeds with a 95% Student-t interval, every seed's verdict and a combined
 * verdict ({@link Verdict#acrossSeeds}); per claim: the seeds' claim verdicts and the combination of its tests'
 * combined verdicts by the single-run rule ({@link Verdict#combine}).
 *
 * @param runs   the runs combined, the analysed run first
 * @param claims one entry per claim, in the order the runs list them
 */
public record ClaimsAcrossSeeds(List<SeedRun> runs, List<ClaimSummary> claims) {
    /** The normal distribution's 97.5th percentile: a 95% interval is about 2 x 1.96 standard errors wide. */
    private static final double Z975 = 1.959963984540054;

    public ClaimsAcrossSeeds {
        runs = List.copyOf(runs);
        claims = List.copyOf(claims);
    }

    /**
     * One trained run's claims.
     *
     * @param run  its folder relative to the analysed run ({@code .} for the analysed run itself)
     * @param top1 its neural-to-image top-1 on the analysed task
     */
    public record SeedRun(long seed, String run, double top1, List<Claim> claims) {}

    /**
     * One test over the seeds.
     *
     * @param effects      each seed's effect, in run order; NaN where the seed did not run the test
     * @param verdicts     each seed's verdict, in run order; null where the seed did not run the test
     * @param mean         mean of the finite effects
     * @param sd           their standard deviation over seeds
     * @param withinSd     the runs' own standard error, root mean square of (CI high - CI low) / 3.92 over the runs
     * @param ciLow        lower end of the 95% interval of the mean: mean - max(t(0.975, n - 1) sd, 1.96 withinSd) / sqrt(n)
     *                     (NaN with fewer than 2 finite effects)
     * @param supported    seeds whose own verdict is supported
     * @param notSupported seeds whose own verdict is not supported
     */
    public record TestSummary(String name, double nullValue, double[] effects, Verdict[] verdicts, double mean, double sd,
                              double withinSd, double ciLow, double ciHigh, int supported, int notSupported, Verdict verdict) {}

    /** One claim over the seeds: each seed's claim verdict and the tests combined. */
    public record ClaimSummary(int number, String statement, Verdict[] seedVerdicts, List<TestSummary> tests, Verdict verdict) {}

    /** Combines the runs; every run must list the same claims in the same order. */
    public static ClaimsAcrossSeeds of(List<SeedRun> runs) {
        if (runs.size() < 2) throw new IllegalArgumentException("ClaimsAcrossSeeds: need at least 2 runs, got " + runs.size());
        int claimCount = runs.getFirst().claims().size();
        for (SeedRun r : runs) {
            if (r.claims().size() != claimCount) {
                throw new IllegalArgumentException("ClaimsAcrossSeeds: run " + r.run() + " has " + r.claims().size() + " claims, the first " + claimCount);
            }
        }
        List<ClaimSummary> claims = new ArrayList<>();
        for (int c = 0; c < claimCount; c++) claims.add(claim(runs, c));
        return new ClaimsAcrossSeeds(runs, claims);
    }

    private static ClaimSummary claim(List<SeedRun> runs, int index) {
        int k = runs.size();
        Claim first = runs.getFirst().claims().get(index);
        Verdict[] seedVerdicts = new Verdict[k];
        // tests in the order they first appear: a test one seed adds (no_category_excess) joins at its place
        Map<String, ClaimTest[]> byName = new LinkedHashMap<>();
        for (int s = 0; s < k; s++) {
            Claim c = runs.get(s).claims().get(index);
            if (c.number() != first.number()) {
                throw new IllegalArgumentException("ClaimsAcrossSeeds: claim " + index + " is claim " + c.number() + " in run "
                        + runs.get(s).run() + " but claim " + first.number() + " in the first");
            }
            seedVerdicts[s] = c.verdict();
            for (ClaimTest t : c.tests()) byName.computeIfAbsent(t.name(), n -> new ClaimTest[k])[s] = t;
        }
        List<TestSummary> tests = new ArrayList<>();
        byName.forEach((name, perSeed) -> tests.add(test(name, perSeed)));
        Verdict combined = Verdict.combine(tests.stream().map(TestSummary::verdict).toList());
        return new ClaimSummary(first.number(), first.statement(), seedVerdicts, tests, combined);
    }

    static TestSummary test(String name, ClaimTest[] perSeed) {
        int k = perSeed.length, supported = 0, notSupported = 0, withInterval = 0;
        double[] effects = new double[k];
        Verdict[] verdicts = new Verdict[k];
        double nullValue = Double.NaN, withinVariance = 0;
        for (int s = 0; s < k; s++) {
            ClaimTest t = perSeed[s];
            effects[s] = t == null ? Double.NaN : t.effect();
            if (t == null) continue;
            nullValue = t.nullValue();
            verdicts[s] = t.verdict();
            if (verdicts[s] == Verdict.SUPPORTED) supported++;
            if (verdicts[s] == Verdict.NOT_SUPPORTED) notSupported++;
            if (Double.isFinite(t.ciLow()) && Double.isFinite(t.ciHigh())) {
                double se = (t.ciHigh() - t.ciLow()) / (2 * Z975);
                withinVariance += se * se;
                withInterval++;
            }
        }
        double withinSd = withInterval == 0 ? 0 : Math.sqrt(withinVariance / withInterval);
        org.dina.eval.compare.Stats spread = org.dina.eval.compare.Stats.of(Arrays.stream(effects).filter(Double::isFinite).toArray());
        int finite = spread.values().length;
        double mean = spread.mean(), sd = spread.sd(), lo = Double.NaN, hi = Double.NaN;
        if (finite >= 2) {
            // the seeds' spread estimates the between-seed variance plus each run's own sampling error; a count (the
            // regions) can come out the same in every seed although each run's interval is wide, so the interval is
            // never narrower than the runs' own standard errors give (known from their bootstraps: a normal quantile)
            double half = Math.max(Stats.studentT975(finite - 1) * sd, Z975 * withinSd) / Math.sqrt(finite);
            lo = mean - half;
            hi = mean + half;
        }
        return new TestSummary(name, nullValue, effects, verdicts, mean, sd, withinSd, lo, hi, supported, notSupported,
                Verdict.acrossSeeds(lo, hi, nullValue, supported, notSupported, k));
    }
}
