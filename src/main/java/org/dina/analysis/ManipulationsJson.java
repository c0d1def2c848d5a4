package org.dina.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manipulations of analysis.json: identification with the candidate images manipulated, DINA beside its matched
 * pixel controls (and beside other DINA runs on the same split, with {@code analyze --beside}), the unmanipulated
 * reference and one curve per manipulation.
 *
 * @param dinaRunsBeside        the other DINA runs among the methods (empty without {@code --beside})
 * @param unmanipulatedByMethod each method's unmanipulated point, by method name (DINA first)
 * @param curves                by manipulation key
 */
public record ManipulationsJson(String description, AnalysisJson.Score unmanipulated, double unmanipulatedRankScore, String rankScore,
                                double chanceTop1, double chanceTop5, int candidates, int queries, Controls controls,
                                List<BesideRuns.Described> dinaRunsBeside, String intervals,
                                Map<String, Point> unmanipulatedByMethod, Map<String, Curve> curves) {

    /** The matched controls: what they are, how they were fitted, which is best on validation, and those skipped. */
    public record Controls(String description, List<Fitted> fitted, List<PixelControls.Skipped> skipped) {}

    /** One fitted control model: its validation top-1, fit time and whether validation chose it. */
    public record Fitted(String name, double validationTop1, double fitSeconds, boolean bestOnValidation) {}

    /** Top-1 and rank score with their 95% intervals (low, high). */
    public record Point(double top1, double[] top1Ci, double rankScore, double[] rankScoreCi) {}

    /**
     * One manipulation swept over its strengths: DINA's scores, then every method's series with intervals.
     *
     * @param patchFractionOfHeight patch shuffling only
     * @param filter                the low- and high-pass filters only
     */
    public record Curve(String strengthAxis, double[] strengths,
                        @JsonInclude(JsonInclude.Include.NON_NULL) double[] patchFractionOfHeight,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String filter, double[] top1, double[] top5, double[] meanRank,
                        double[] margin, double[] rankScore, Map<String, Series> byMethod) {}

    /** One method's top-1 and rank score along a sweep, with the 95% interval's edges. */
    public record Series(double[] top1, double[] top1CiLow, double[] top1CiHigh, double[] rankScore, double[] rankScoreCiLow,
                         double[] rankScoreCiHigh) {}

    static ManipulationsJson of(ManipulationAnalysis.Result r) {
        Map<String, Point> refs = new LinkedHashMap<>();
        for (int j = 0; j < r.methods().size(); j++) refs.put(r.methods().get(j), point(r.reference()[j]));
        Map<String, Curve> curves = new LinkedHashMap<>();
        for (ManipulationAnalysis.Curve c : r.curves()) curves.put(c.manipulation().key(), curve(r, c));
        return new ManipulationsJson("neural->image identification with the candidate images manipulated and the test responses unchanged",
                AnalysisJson.Score.of(r.unmanipulated()),
                ManipulationAnalysis.rankScore(new double[] {r.unmanipulated().retrieval().meanRank()}, r.candidates())[0],
                "1 - (mean rank - 1) / (candidates - 1): 0.5 at chance, 1 when the true image always ranks first",
                r.unmanipulated().retrieval().chanceTop1(), r.unmanipulated().retrieval().chanceTop5(), r.candidates(), r.queries(),
                controls(r), r.beside(), "95% bootstrap over images (" + Resampling.BOOTSTRAPS
                        + " resamples; every method and strength resampled over the same images)", refs, curves);
    }

    private static Curve curve(ManipulationAnalysis.Result r, ManipulationAnalysis.Curve c) {
        Manipulation m = c.manipulation();
        String filter = m == Manipulation.LOW_PASS || m == Manipulation.HIGH_PASS
                ? "Gaussian gain exp(-ln2 (f/cutoff)^2)" + (m == Manipulation.HIGH_PASS ? ", high-pass = 1 - gain with the mean kept" : "")
                : null;
        Map<String, Series> byMethod = new LinkedHashMap<>();
        for (int j = 0; j < r.methods().size(); j++) {
            double[][] top1 = c.series(j, false), score = c.series(j, true);
            byMethod.put(r.methods().get(j), new Series(top1[0], top1[1], top1[2], score[0], score[1], score[2]));
        }
        return new Curve(m.axisLabel(), c.pixelStrengths(), m == Manipulation.PATCH_SHUFFLE ? c.strengths() : null, filter, c.top1(),
                c.top5(), c.meanRank(), c.margin(), ManipulationAnalysis.rankScore(c.meanRank(), r.candidates()), byMethod);
    }

    private static Controls controls(ManipulationAnalysis.Result r) {
        List<Fitted> fitted = r.controls().stream().map(c -> new Fitted(c.name(), c.validationTop1(), c.fitSeconds(), c.best())).toList();
        return new Controls("baselines on pixels fitted once on the run's split as 'dina compare' fits them (single trials, the config's"
                + " seed); the same manipulated candidates, area-averaged from the model's input to " + r.controlPixels()[0] + "x"
                + r.controlPixels()[1] + " pixels, are scored against the same test trials", fitted, r.skippedControls());
    }

    private static Point point(ManipulationAnalysis.Point p) {
        return new Point(p.top1(), new double[] {p.top1Low(), p.top1High()}, p.rankScore(), new double[] {p.rankScoreLow(), p.rankScoreHigh()});
    }
}
