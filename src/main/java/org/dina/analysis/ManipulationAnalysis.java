package org.dina.analysis;

import java.util.ArrayList;
import java.util.List;
import org.dina.kernels.Parallel;
import org.dina.progress.Progress;
import org.dina.tensor.Tensor;

/**
 * Claim 2 (coarse, low-level structure): identification of the shown image from the unchanged test responses when
 * the candidate images are low-pass or high-pass filtered, phase-scrambled, patch-shuffled or reduced in contrast,
 * over a sweep of strengths. The neural queries stay as recorded; only the images the model compares them with
 * change, so a curve shows how much of what the model matches survives each manipulation.
 */
public final class ManipulationAnalysis {
    private ManipulationAnalysis() {}

    /** One manipulation's sweep: a score per strength, beside the unmanipulated score and chance. */
    public record Curve(Manipulation manipulation, double[] strengths, double[] pixelStrengths, double[] top1,
                        double[] top5, double[] meanRank, double[] margin) {}

    /** All sweeps, the unmanipulated reference and one example image under each manipulation at each strength. */
    public record Result(List<Curve> curves, RetrievalProbe.Score unmanipulated, int candidates, int queries,
                         int exampleCandidate, List<float[][]> examples, List<String> exampleTitles) {}

    public static Result run(RetrievalProbe probe, AnalysisOptions options) {
        int c = probe.candidateCount(), h = probe.imageHeight(), w = probe.imageWidth();
        int total = 0;
        for (Manipulation m : options.manipulations()) total += options.strengths().get(m).length;
        int example = exampleCandidate(probe);
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
                for (int k = 0; k < s.length; k++) {
                    double strength = m == Manipulation.PATCH_SHUFFLE ? Math.max(1, Math.round(s[k] * h)) : s[k];
                    px[k] = strength;
                    manipulate(probe.candidateImages(), work, m, strength, options.seed());
                    RetrievalProbe.Score score = probe.score(probe.neuralVectors(), probe.embedImages(work));
                    top1[k] = score.top1();
                    top5[k] = score.top5();
                    rank[k] = score.retrieval().meanRank();
                    margin[k] = score.margin();
                    if (k == s.length / 2 || k == s.length - 1) {
                        examples.add(plane(work, example, h, w));
                        titles.add(m.title() + " " + fmt(strength));
                    }
                    bar.step(c, m.key() + " " + fmt(strength) + ": top-1 " + fmt(top1[k]));
                }
                curves.add(new Curve(m, s.clone(), px, top1, top5, rank, margin));
            }
        }
        return new Result(curves, probe.baseline(), c, probe.trialCount(), example, examples, titles);
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

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
