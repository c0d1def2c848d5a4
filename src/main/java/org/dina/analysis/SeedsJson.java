package org.dina.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code seeds} section of analysis.json ({@code dina analyze --seeds K}): the runs combined, then per claim the
 * seeds' verdicts and per test the mean effect over seeds with its 95% interval, each seed's effect and verdict, and
 * the combined verdict.
 *
 * @param rule     how the seeds' tests are combined into one verdict, in words
 * @param interval how the interval of the mean is made
 */
public record SeedsJson(int seeds, String rule, String interval, List<Run> runs, List<ClaimAcross> claims) {

    /** One trained run: its seed, its folder relative to the analysed run and its top-1 on the analysed task. */
    public record Run(long seed, String run, double top1) {}

    /**
     * One claim across the runs: its combined verdict, each run's verdict and its tests.
     *
     * @param seedVerdicts the claim's verdict in each run, in run order
     */
    public record ClaimAcross(int claim, String statement, String verdict, List<String> seedVerdicts, List<Test> tests) {}

    /**
     * One test of a claim across the runs: the mean effect with its 95% t-interval and the per-run verdicts.
     *
     * @param withinSd     the runs' own standard error (from their intervals), the floor of the spread the interval uses
     * @param effects      each run's effect (null where the run did not have the test)
     * @param seedVerdicts each run's verdict (null where the run did not have the test)
     */
    public record Test(String test, double nullValue, double mean, double sd, double withinSd, double[] ci95, double[] effects,
                       List<String> seedVerdicts, int supported, int notSupported, String verdict) {}

    static SeedsJson of(ClaimsAcrossSeeds s) {
        List<Run> runs = s.runs().stream().map(r -> new Run(r.seed(), r.run(), r.top1())).toList();
        List<ClaimAcross> claims = s.claims().stream().map(c -> new ClaimAcross(c.number(), c.statement(), c.verdict().label(),
                labels(c.seedVerdicts()), c.tests().stream().map(SeedsJson::test).toList())).toList();
        return new SeedsJson(runs.size(), "per test: supported when the 95% interval of the mean effect over seeds lies above the null "
                + "value and more than half of the seeds are supported on their own; not supported when that interval lies at or below "
                + "the null value or more than half of the seeds are not supported; otherwise inconclusive. Per claim: supported when "
                + "every test is, not supported when any test is", "mean +- max(t(0.975, n - 1) sd, 1.96 within_sd) / sqrt(n) over the n seeds with the test; within_sd: the runs' own "
                + "standard error, (CI high - CI low) / 3.92 from their 95% intervals, root mean square over the runs",
                runs, claims);
    }

    private static Test test(ClaimsAcrossSeeds.TestSummary t) {
        return new Test(t.name(), t.nullValue(), t.mean(), t.sd(), t.withinSd(), new double[] {t.ciLow(), t.ciHigh()}, t.effects(), labels(t.verdicts()),
                t.supported(), t.notSupported(), t.verdict().label());
    }

    /** Verdict labels in order, null kept (Arrays.asList allows it where List.of does not). */
    private static List<String> labels(Verdict[] verdicts) {
        return Arrays.asList(Arrays.stream(verdicts).map(v -> v == null ? null : v.label()).toArray(String[]::new));
    }
}
