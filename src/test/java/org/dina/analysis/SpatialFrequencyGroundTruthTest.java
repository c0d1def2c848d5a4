package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.train.TrainingRun;
import org.junit.jupiter.api.Test;

/**
 * Claim 2 against ground truth: a population tuned to low spatial frequencies keeps its decoding under low-pass
 * filtering; one tuned to high frequencies loses it. Measured by the rank score (0.5 = chance), retained share =
 * (score after low-pass - 0.5) / (score unmanipulated - 0.5).
 */
class SpatialFrequencyGroundTruthTest {
    private static final double CUTOFF = 8; // cycles per image width: 0.06 cycles/pixel at 136 pixels

    private static double[] retained(boolean high) {
        TrainedRuns.Trained t = TrainedRuns.spatialFrequency(high);
        TrainingRun.Outcome o = t.outcome();
        AnalysisOptions opt = AnalysisOptions.defaults().quick();
        for (Manipulation m : Manipulation.values()) opt = opt.withStrengths(m);
        opt = opt.withStrengths(Manipulation.LOW_PASS, 32, CUTOFF, 2);
        RetrievalProbe probe = RetrievalProbe.of(o.model(), o.data(), opt);
        ManipulationAnalysis.Result r = ManipulationAnalysis.run(probe, opt);
        int c = r.candidates();
        double base = ManipulationAnalysis.rankScore(new double[] {r.unmanipulated().retrieval().meanRank()}, c)[0];
        double[] after = ManipulationAnalysis.rankScore(r.curves().get(0).meanRank(), c);
        double[] out = new double[after.length + 1];
        out[0] = base;
        for (int i = 0; i < after.length; i++) out[i + 1] = (after[i] - 0.5) / (base - 0.5);
        System.out.printf("SpatialFrequencyGroundTruthTest %s: rank score %.3f, retained at cutoffs 32/%.0f/2: %.2f %.2f %.2f%n",
                high ? "high-SF" : "low-SF", base, CUTOFF, out[1], out[2], out[3]);
        return out;
    }

    @Test
    void lowPassFilteringHurtsAHighFrequencyPopulationMore() {
        double[] low = retained(false), high = retained(true);
        assertTrue(low[0] > 0.6 && high[0] > 0.55, "both models must decode above chance: rank scores " + low[0] + ", " + high[0]);
        assertTrue(low[2] > 0.8, "low-SF population keeps its decoding at cutoff " + CUTOFF + ": " + low[2]);
        assertTrue(high[2] < 0.5, "high-SF population loses it: " + high[2]);
        assertTrue(low[2] > high[2] + 0.4);
    }

    /**
     * Claim 2's verdict test on the same planted pair: the low-frequency population is found to rely on the coarse
     * half of the image; for the high-frequency one, where nothing coarse is planted, the test must not say so.
     */
    @Test
    void coarseOverFineIsSupportedOnlyWhereCoarseTuningIsPlanted() {
        AnalysisOptions opt = AnalysisOptions.defaults().quick();
        CoarseVsFine.Result[] r = new CoarseVsFine.Result[2];
        for (int k = 0; k < 2; k++) {
            TrainingRun.Outcome o = TrainedRuns.spatialFrequency(k == 1).outcome();
            r[k] = CoarseVsFine.run(RetrievalProbe.of(o.model(), o.data(), opt), opt);
            System.out.println("SpatialFrequencyGroundTruthTest coarse-vs-fine " + (k == 1 ? "high-SF" : "low-SF") + ": " + r[k]);
        }
        assertEquals(Verdict.SUPPORTED, Verdict.of(r[0].ciLow(), r[0].ciHigh(), r[0].p(), 0), "low-SF: " + r[0]);
        assertNotEquals(Verdict.SUPPORTED, Verdict.of(r[1].ciLow(), r[1].ciHigh(), r[1].p(), 0), "high-SF: " + r[1]);
    }
}
