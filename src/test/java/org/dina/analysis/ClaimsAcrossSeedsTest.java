package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The combination of claim tests over training seeds ({@code analyze --seeds K}), on planted per-seed effects: a
 * planted effect is supported over seeds; where the mean effect over seeds is zero but each trained model has its own
 * offset (which a single run's interval over images cannot see), single runs are often "supported" while the
 * combination keeps its false-positive rate below alpha.
 */
class ClaimsAcrossSeedsTest {
    /** Claim 2 of one trained model whose low-minus-high difference is {@code effect} (ClaimStatisticsTest's queries). */
    private static Claim claimOfOneSeed(double effect, long seed) {
        return Claims.claim2(ClaimStatisticsTest.coarse(effect, seed), SemanticAnalysis.Result.skipped("no labels in this test"));
    }

    /** K seeds whose model-level effects are drawn around {@code mean} with spread {@code seedSd}. */
    private static ClaimsAcrossSeeds seeds(int k, double mean, double seedSd, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ClaimsAcrossSeeds.SeedRun> runs = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            Claim c = claimOfOneSeed(mean + seedSd * rng.nextGaussian(), seed * 100 + s);
            runs.add(new ClaimsAcrossSeeds.SeedRun(s, s == 0 ? "." : "seeds/seed-" + s, 0.5, List.of(c)));
        }
        return ClaimsAcrossSeeds.of(runs);
    }

    private static ClaimsAcrossSeeds.TestSummary coarseTest(ClaimsAcrossSeeds c) {
        return c.claims().getFirst().tests().getFirst();
    }

    @Test
    void aPlantedEffectIsSupportedOverSeeds() {
        ClaimsAcrossSeeds c = seeds(5, 0.1, 0.02, 1);
        ClaimsAcrossSeeds.TestSummary t = coarseTest(c);
        assertEquals("coarse_over_fine", t.name());
        assertEquals(Verdict.SUPPORTED, t.verdict(), t.toString());
        assertEquals(Verdict.SUPPORTED, c.claims().getFirst().verdict());
        assertEquals(0.1, t.mean(), 0.03);
        assertTrue(t.ciLow() > 0 && t.ciHigh() > t.ciLow());
        assertEquals(5, t.supported());
        assertEquals(Verdict.NOT_SUPPORTED, coarseTest(seeds(5, -0.1, 0.02, 2)).verdict(), "a reversed effect");
    }

    @Test
    void seedToSeedOffsetsDoNotMakeAClaim() {
        int singleSupported = 0, combinedSupported = 0, reps = 200;
        for (long r = 0; r < reps; r++) {
            ClaimsAcrossSeeds c = seeds(3, 0, 0.05, 1000 + r);
            if (coarseTest(c).verdict() == Verdict.SUPPORTED) combinedSupported++;
            if (c.claims().getFirst().seedVerdicts()[0] == Verdict.SUPPORTED) singleSupported++;
        }
        // each model's own offset of sd 0.05 is several times the interval over images: the single run is fooled often
        assertTrue(singleSupported >= 40, "single runs supported in only " + singleSupported + " of " + reps);
        // the interval's lower end passes 0 in 2.5% of null repetitions (5 of 200), the majority of seeds makes it rarer;
        // 12 or more would be p < 0.01 under a correct interval
        assertTrue(combinedSupported <= 11, combinedSupported + " of " + reps + " null repetitions supported over 3 seeds");
    }

    @Test
    void intervalIsTheStudentTIntervalOfTheMean() {
        ClaimTest[] perSeed = new ClaimTest[4];
        double[] e = {0.1, 0.2, 0.3, Double.NaN};
        for (int s = 0; s < 3; s++) perSeed[s] = new ClaimTest("t", "m", e[s], e[s] - 0.01, e[s] + 0.01, 0, 0.001, 99);
        ClaimsAcrossSeeds.TestSummary t = ClaimsAcrossSeeds.test("t", perSeed);
        assertEquals(0.2, t.mean(), 1e-12);
        assertEquals(0.1, t.sd(), 1e-12);
        double half = 4.303 * 0.1 / Math.sqrt(3);
        assertEquals(0.2 - half, t.ciLow(), 1e-12);
        assertEquals(0.2 + half, t.ciHigh(), 1e-12);
        assertTrue(Double.isNaN(t.effects()[3]) && t.verdicts()[3] == null, "the fourth seed did not run the test");
        // every seed that ran it is supported, but with 3 seeds this spread puts the mean's interval across 0
        assertEquals(3, t.supported());
        assertTrue(t.ciLow() < 0);
        assertEquals(Verdict.INCONCLUSIVE, t.verdict());
    }

    /**
     * A count (claim 3's regions) can come out the same in every seed while each run's own interval is wide: the
     * interval of the mean keeps at least the runs' own standard error instead of collapsing to a point.
     */
    @Test
    void identicalCountsKeepTheRunsOwnUncertainty() {
        ClaimTest[] perSeed = new ClaimTest[3];
        for (int s = 0; s < 3; s++) perSeed[s] = new ClaimTest("distributed_regions", "m", 1, 1, 3, 1, 1.0, 200);
        ClaimsAcrossSeeds.TestSummary t = ClaimsAcrossSeeds.test("distributed_regions", perSeed);
        assertEquals(0, t.sd());
        assertEquals(2 / 3.919927969080108, t.withinSd(), 1e-12);
        double half = 1.959963984540054 * t.withinSd() / Math.sqrt(3);
        assertEquals(1 - half, t.ciLow(), 1e-12);
        assertEquals(1 + half, t.ciHigh(), 1e-12);
        assertEquals(Verdict.INCONCLUSIVE, t.verdict(), "three runs of one region each, each unsure, do not rule out more");
    }

    @Test
    void combinationRules() {
        assertEquals(Verdict.SUPPORTED, Verdict.acrossSeeds(0.1, 0.3, 0, 2, 0, 3));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.acrossSeeds(0.1, 0.3, 0, 1, 0, 3), "one seed of three is not a majority");
        assertEquals(Verdict.INCONCLUSIVE, Verdict.acrossSeeds(-0.1, 0.3, 0, 3, 0, 3), "the mean's interval reaches the null");
        assertEquals(Verdict.NOT_SUPPORTED, Verdict.acrossSeeds(-0.3, 0, 0, 0, 0, 3));
        assertEquals(Verdict.NOT_SUPPORTED, Verdict.acrossSeeds(-0.1, 0.3, 0, 0, 2, 3), "a majority of seeds not supported");
        assertEquals(Verdict.INCONCLUSIVE, Verdict.acrossSeeds(Double.NaN, Double.NaN, 0, 1, 0, 3));
    }

    @Test
    void studentQuantiles() {
        assertEquals(12.706, Stats.studentT975(1), 1e-9);
        assertEquals(2.042, Stats.studentT975(30), 1e-9);
        // the expansion beyond the table: t(0.975) with 31, 60 and 120 degrees of freedom is 2.0395, 2.0003 and 1.9799
        assertEquals(2.0395, Stats.studentT975(31), 2e-4);
        assertEquals(2.0003, Stats.studentT975(60), 2e-4);
        assertEquals(1.9799, Stats.studentT975(120), 2e-4);
        assertThrows(IllegalArgumentException.class, () -> Stats.studentT975(0));
    }
}
