package org.dina.analysis;

import java.util.ArrayList;
import java.util.List;
import org.dina.eval.RetrievalResult;
import org.dina.kernels.Parallel;
import org.dina.progress.Progress;
import org.dina.tensor.Tensor;

/**
 * Claim 2 (coarse, low-level structure): identification of the shown image from the unchanged test responses when
 * the candidate images are low-pass or high-pass filtered, phase-scrambled, patch-shuffled or reduced in contrast,
 * over a sweep of strengths. The neural queries stay as recorded; only the images the model compares them with
 * change, so a curve shows how much of what the model matches survives each manipulation.
 *
 * <p>Every sweep has matched controls ({@link PixelControls}): baselines on pixels, fitted once on the same split,
 * score the same manipulated candidates against the same trials. A robustness the architecture builds in (the
 * frozen random backbone, the per-map normalisation) shows as a gap between DINA's curve and theirs; one the images
 * and the recording impose shows in both. Other trained DINA runs on the same split ({@link BesideRuns}, e.g. DINA
 * joint beside DINA frozen) can be scored on the same candidates too, after the controls. Every score has a 95%
 * bootstrap interval over images.
 */
public final class ManipulationAnalysis {
    /** Name of DINA's own series beside the controls'. */
    public static final String DINA = "DINA";

    private ManipulationAnalysis() {}

    /**
     * Top-1 and rank score (1 - (rank - 1) / (candidates - 1): 0.5 at chance, 1 when the true image ranks first) of
     * one method on one set of candidates, each with a 95% bootstrap interval that resamples images.
     */
    public record Point(double top1, double top1Low, double top1High, double rankScore, double rankScoreLow, double rankScoreHigh) {
        /** From the rank of each query's true image among {@code candidates}; {@code images} groups queries by image. */
        static Point of(int[] ranks, int candidates, int[][] images, long seed) {
            double[] hit = new double[ranks.length], score = new double[ranks.length];
            for (int i = 0; i < ranks.length; i++) {
                hit[i] = ranks[i] == 1 ? 1 : 0;
                score[i] = 1.0 - (ranks[i] - 1.0) / (candidates - 1.0);
            }
            // the same seed for every method and strength: all series are resampled over the same sets of images
            double[] top1 = Resampling.clusterMeanInterval(hit, images, seed);
            double[] rank = Resampling.clusterMeanInterval(score, images, seed);
            return new Point(Resampling.mean(hit), top1[0], top1[1], Resampling.mean(score), rank[0], rank[1]);
        }
    }

    /**
     * One manipulation's sweep: DINA's scores per strength, and {@code points[method][strength]} for DINA (method 0)
     * and each control, with intervals.
     */
    public record Curve(Manipulation manipulation, double[] strengths, double[] pixelStrengths, double[] top1,
                        double[] top5, double[] meanRank, double[] margin, Point[][] points) {
        /** One method's top-1 (or rank score) along the sweep, with the interval's edges. */
        public double[][] series(int method, boolean rankScore) {
            int n = points[method].length;
            double[][] out = new double[3][n];
            for (int k = 0; k < n; k++) {
                Point p = points[method][k];
                out[0][k] = rankScore ? p.rankScore() : p.top1();
                out[1][k] = rankScore ? p.rankScoreLow() : p.top1Low();
                out[2][k] = rankScore ? p.rankScoreHigh() : p.top1High();
            }
            return out;
        }
    }

    /** A fitted control: its name, validation top-1, fitting time and whether it is the best on validation. */
    public record Control(String name, double validationTop1, double fitSeconds, boolean best) {}

    /**
     * All sweeps, the unmanipulated reference, one example image under each manipulation at each strength, the
     * methods in series order (DINA, then the controls, then the other DINA runs), each method's unmanipulated point,
     * the controls and those skipped, the controls' pixel size, and the other DINA runs scored beside this one.
     */
    public record Result(List<Curve> curves, RetrievalProbe.Score unmanipulated, int candidates, int queries,
                         int exampleCandidate, List<float[][]> examples, List<String> exampleTitles, List<String> methods,
                         Point[] reference, List<Control> controls, List<PixelControls.Skipped> skippedControls, int[] controlPixels,
                         List<BesideRuns.Described> beside) {}

    /** The sweeps with the pixel baselines fitted here as controls. */
    public static Result run(RetrievalProbe probe, AnalysisOptions options) {
        return run(probe, options, PixelControls.fit(probe));
    }

    /** The sweeps, each scored by DINA and by every fitted control on the same manipulated candidates. */
    public static Result run(RetrievalProbe probe, AnalysisOptions options, PixelControls controls) {
        return run(probe, options, controls, BesideRuns.none());
    }

    /**
     * The sweeps, each scored by DINA, by every fitted control and by every other DINA run of {@code beside} on the
     * same manipulated candidates.
     */
    public static Result run(RetrievalProbe probe, AnalysisOptions options, PixelControls controls, BesideRuns beside) {
        int c = probe.candidateCount(), h = probe.imageHeight(), w = probe.imageWidth();
        int total = 0;
        for (Manipulation m : options.manipulations()) total += options.strengths().get(m).length;
        int example = exampleCandidate(probe);
        int[][] images = Resampling.clusters(probe.correct());
        long bootSeed = options.seed() + 301;
        int methods = 1 + controls.models().size() + beside.described().size();
        List<String> names = new ArrayList<>();
        names.add(DINA);
        for (var m : controls.models()) names.add(m.name());
        for (var r : beside.described()) names.add(r.name());
        Point[] reference = new Point[methods];
        List<RetrievalResult> unmanipulated = new ArrayList<>(List.of(probe.baseline().retrieval()));
        unmanipulated.addAll(controls.score(probe.candidateImages()));
        unmanipulated.addAll(beside.unmanipulated());
        for (int j = 0; j < methods; j++) reference[j] = Point.of(unmanipulated.get(j).ranks(), c, images, bootSeed);

        List<Curve> curves = new ArrayList<>();
        List<float[][]> examples = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        examples.add(plane(probe.candidateImages(), example, h, w));
        titles.add("original");
        Tensor work = Tensor.zeros(c, 1, h, w);
        try (Progress.Task bar = Progress.start("manipulate", (long) total * c)) {
            for (Manipulation m : options.manipulations()) {
                double[] s = options.strengths().get(m);
                double[] px = new double[s.length], top1 = new double[s.length], top5 = new double[s.length];
                double[] rank = new double[s.length], margin = new double[s.length];
                Point[][] points = new Point[methods][s.length];
                for (int k = 0; k < s.length; k++) {
                    double strength = m == Manipulation.PATCH_SHUFFLE ? Math.max(1, Math.round(s[k] * h)) : s[k];
                    px[k] = strength;
                    manipulate(probe.candidateImages(), work, m, strength, options.seed());
                    RetrievalProbe.Score score = probe.score(probe.neuralVectors(), probe.embedImages(work));
                    top1[k] = score.top1();
                    top5[k] = score.top5();
                    rank[k] = score.retrieval().meanRank();
                    margin[k] = score.margin();
                    points[0][k] = Point.of(score.retrieval().ranks(), c, images, bootSeed);
                    List<RetrievalResult> others = new ArrayList<>(controls.score(work));
                    others.addAll(beside.score(work));
                    for (int j = 1; j < methods; j++) points[j][k] = Point.of(others.get(j - 1).ranks(), c, images, bootSeed);
                    if (k == s.length / 2 || k == s.length - 1) {
                        examples.add(plane(work, example, h, w));
                        titles.add(m.title() + " " + fmt(strength));
                    }
                    bar.step(c, m.key() + " " + fmt(strength) + ": top-1 " + fmt(top1[k]));
                }
                curves.add(new Curve(m, s.clone(), px, top1, top5, rank, margin, points));
            }
        }
        List<Control> fitted = new ArrayList<>();
        int best = controls.best();
        for (int j = 0; j < controls.models().size(); j++) {
            var model = controls.models().get(j);
            fitted.add(new Control(model.name(), model.validationTop1(), model.fitSeconds(), j == best));
        }
        return new Result(curves, probe.baseline(), c, probe.trialCount(), example, examples, titles, names, reference, fitted,
                controls.skipped(), controls.pixelSize(), beside.described());
    }

    /** The candidate shown in the example figures: the one whose queries the model ranks best. */
    static int exampleCandidate(RetrievalProbe probe) {
        int[] ranks = probe.baseline().retrieval().ranks();
        int[] correct = probe.correct();
        int best = correct[0], bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < ranks.length; i++) {
            if (ranks[i] < bestRank) {
                bestRank = ranks[i];
                best = correct[i];
            }
        }
        return best;
    }

    /** Applies {@code m} at {@code strength} to every image of {@code src} [C, 1, H, W] into {@code dst}; parallel over images. */
    public static void manipulate(Tensor src, Tensor dst, Manipulation m, double strength, long seed) {
        int c = src.dim(0), h = src.dim(2), w = src.dim(3);
        int plane = h * w;
        Parallel.forRange(c, 1, (from, to) -> {
            Spectrum2d scratch = new Spectrum2d(h, w);
            float[] in = new float[plane], out = new float[plane];
            for (int i = from; i < to; i++) {
                Tensor one = src.slice(0, i, i + 1);
                for (int p = 0; p < plane; p++) in[p] = one.getFlat(p);
                // the seed depends on the image only, so every strength of a sweep uses the same noise and patch order
                m.apply(in, out, h, w, strength, seed * 1_000_003L + i, scratch);
                Tensor target = dst.slice(0, i, i + 1);
                for (int p = 0; p < plane; p++) target.setFlat(p, out[p]);
            }
        });
    }

    static float[][] plane(Tensor images, int i, int h, int w) {
        Tensor one = images.slice(0, i, i + 1);
        float[][] out = new float[h][w];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) out[y][x] = one.getFlat((long) y * w + x);
        return out;
    }

    /** A strength or percentile as a label: whole numbers without decimals, others to 3 significant digits (the report uses it too). */
    public static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.3g", v);
    }

    /** 1 - (mean rank - 1) / (candidates - 1): 1 when the true image always ranks first, 0.5 at chance. */
    static double[] rankScore(double[] meanRank, int candidates) {
        double[] out = new double[meanRank.length];
        for (int i = 0; i < out.length; i++) out[i] = candidates > 1 ? 1 - (meanRank[i] - 1) / (candidates - 1) : Double.NaN;
        return out;
    }
}
