package org.dina.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dina.eval.RetrievalResult;
import org.dina.tensor.Tensor;

/**
 * Claim 2's test: does identification rely more on the coarse than on the fine half of the image? The candidate
 * images are split at one cutoff into a low-pass and a high-pass version whose gains add up to one (the filters
 * of {@link Manipulation}), so the two versions together hold the whole image and neither is favoured by how much
 * of it is kept. Each query is scored against both sets of candidates; the effect is the mean over queries of
 * rank score (low-pass) - rank score (high-pass), rank score = 1 - (rank - 1) / (candidates - 1).
 *
 * <p>Why this test: a single cutoff declared in advance avoids choosing the comparison after seeing the curves,
 * and a paired, within-query difference removes how hard each query is. The null (the two halves are
 * interchangeable) is tested by flipping the sign of whole images' differences; the interval resamples images.
 */
public final class CoarseVsFine {
    /** The split, in cycles per image width (0.06 cycles per pixel on a 136-pixel-wide input). */
    public static final double SPLIT_CYCLES = 8;

    private CoarseVsFine() {}

    /**
     * Per-query rank scores under each half, the effect (mean difference), its interval and p-value; {@code controls}
     * holds the same test for each matched control (pixel baselines on the same filtered candidates), by name, and
     * {@code beside} for each other DINA run scored beside this one ({@link BesideRuns}), by series name.
     */
    public record Result(double split, double lowPassRankScore, double highPassRankScore, double unmanipulatedRankScore,
                         double effect, double ciLow, double ciHigh, double p, int flips, Map<String, Result> controls,
                         Map<String, Result> beside) {
        public Result {
            controls = Collections.unmodifiableMap(new LinkedHashMap<>(controls));
            beside = Collections.unmodifiableMap(new LinkedHashMap<>(beside));
        }

        Result withOthers(Map<String, Result> c, Map<String, Result> b) {
            return new Result(split, lowPassRankScore, highPassRankScore, unmanipulatedRankScore, effect, ciLow, ciHigh, p, flips, c, b);
        }
    }

    /** DINA's test alone. */
    public static Result run(RetrievalProbe probe, AnalysisOptions options) {
        return run(probe, options, null);
    }

    /** DINA's test, and the same test for every control of {@code controls} (null: none) on the same candidates. */
    public static Result run(RetrievalProbe probe, AnalysisOptions options, PixelControls controls) {
        return run(probe, options, controls, BesideRuns.none());
    }

    /** As {@link #run(RetrievalProbe, AnalysisOptions, PixelControls)}, plus the same test for every run of {@code beside}. */
    public static Result run(RetrievalProbe probe, AnalysisOptions options, PixelControls controls, BesideRuns beside) {
        Tensor work = Tensor.zeros(probe.candidateImages().shape());
        int c = probe.candidateCount();
        ManipulationAnalysis.manipulate(probe.candidateImages(), work, Manipulation.LOW_PASS, SPLIT_CYCLES, options.seed());
        double[] low = rankScores(probe.score(probe.neuralVectors(), probe.embedImages(work)).retrieval(), c);
        List<RetrievalResult> controlLow = controls == null ? List.of() : controls.score(work);
        List<RetrievalResult> besideLow = beside.score(work);
        ManipulationAnalysis.manipulate(probe.candidateImages(), work, Manipulation.HIGH_PASS, SPLIT_CYCLES, options.seed());
        double[] high = rankScores(probe.score(probe.neuralVectors(), probe.embedImages(work)).retrieval(), c);
        List<RetrievalResult> controlHigh = controls == null ? List.of() : controls.score(work);
        List<RetrievalResult> besideHigh = beside.score(work);
        double[] base = rankScores(probe.baseline().retrieval(), c);
        Map<String, Result> byControl = new LinkedHashMap<>();
        if (controls != null) {
            List<RetrievalResult> controlBase = controls.score(probe.candidateImages());
            for (int j = 0; j < controlLow.size(); j++) {
                byControl.put(controls.models().get(j).name(), of(controlLow.get(j), controlHigh.get(j), controlBase.get(j), probe, options));
            }
        }
        Map<String, Result> byRun = new LinkedHashMap<>();
        List<RetrievalResult> besideBase = beside.unmanipulated();
        for (int j = 0; j < besideLow.size(); j++) {
            byRun.put(beside.described().get(j).name(), of(besideLow.get(j), besideHigh.get(j), besideBase.get(j), probe, options));
        }
        return of(low, high, base, probe.correct(), options).withOthers(byControl, byRun);
    }

    private static Result of(RetrievalResult low, RetrievalResult high, RetrievalResult base, RetrievalProbe probe, AnalysisOptions options) {
        int c = probe.candidateCount();
        return of(rankScores(low, c), rankScores(high, c), rankScores(base, c), probe.correct(), options);
    }

    /** The test on per-query rank scores (exposed for tests with planted scores). */
    public static Result of(double[] low, double[] high, double[] base, int[] correct, AnalysisOptions options) {
        int q = low.length;
        double[] diff = new double[q];
        for (int i = 0; i < q; i++) diff[i] = low[i] - high[i];
        int[][] images = Resampling.clusters(correct);
        double[] ci = Resampling.clusterMeanInterval(diff, images, options.seed() + 201);
        double p = Resampling.signFlipP(diff, images, options.nullDraws(), options.seed() + 202);
        return new Result(SPLIT_CYCLES, Resampling.mean(low), Resampling.mean(high), Resampling.mean(base),
                Resampling.mean(diff), ci[0], ci[1], p, options.nullDraws(), Map.of(), Map.of());
    }

    static double[] rankScores(RetrievalResult r, int candidates) {
        int[] ranks = r.ranks();
        double[] out = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) out[i] = candidates > 1 ? 1 - (ranks[i] - 1.0) / (candidates - 1.0) : 1;
        return out;
    }

}
