package org.dina.analysis;

import org.dina.model.MapHead;
import org.dina.progress.Progress;
import org.dina.tensor.Tensor;

/**
 * Claim 3 (alignable maps come from several distributed regions): where on the 16 x 64 alignment map matched
 * image and neural embeddings agree, what identification loses when a region of the image (re-embedded) or of
 * the neural map (zeroed before scoring) is removed, and how many separate regions carry the signal.
 *
 * <p>Alignability of location l: the mean over test pairs of z_img[l] * z_neu[l] (the matched pair's cosine is the
 * sum over l), and its specific part, matched minus the mean over all mismatched pairs, which is zero where the
 * neural map does not follow the image shown.
 */
public final class SpatialAnalysis {
    public static final int H = MapHead.MAP_H, W = MapHead.MAP_W;
    /** Regions are counted above this fraction of a map's maximum. */
    public static final double REGION_FRACTION = 0.5;

    private SpatialAnalysis() {}

    /** Drops of identification when one grid cell is removed, [rows][cols]. */
    public record Occlusion(int rows, int cols, double[][] top1Drop, double[][] top5Drop, double[][] marginDrop,
                            double[][] meanRankIncrease, ConnectedComponents.Regions regions) {}

    /**
     * {@code fillValue}: the grey that replaces occluded image cells (the mean pixel of the candidate images).
     * {@code exampleCandidate}: the candidate drawn in the figures; {@code exampleQuery}: one of its test trials.
     */
    public record Result(double[][] matched, double[][] mismatched, double[][] specific, double matchedCosine,
                         ConnectedComponents.Regions regions, Occlusion imageOcclusion, Occlusion mapOcclusion,
                         double fillValue, int exampleCandidate, int exampleQuery, float[][] exampleImage,
                         float[][] exampleImageMap, float[][] exampleNeuralMap) {}

    public static Result run(RetrievalProbe probe, AnalysisOptions options) {
        double[][][] a = alignability(probe.neuralVectors(), probe.imageVectors(), probe.correct());
        ConnectedComponents.Regions regions = ConnectedComponents.aboveFractionOfMax(a[2], REGION_FRACTION, 2);
        double cosine = 0;
        for (double[] row : a[0]) for (double v : row) cosine += v;
        RetrievalProbe.Score base = probe.baseline();
        int rows = options.occlusionRows(), cols = options.occlusionCols();
        Tensor images = probe.candidateImages();
        double fill = mean(images);
        Occlusion img, map;
        try (Progress.Task bar = Progress.start("occlude", (long) rows * cols * (probe.candidateCount() + 1))) {
            img = imageOcclusion(probe, base, rows, cols, (float) fill, bar);
            map = mapOcclusion(probe, base, rows, cols, bar);
        }
        int ex = ManipulationAnalysis.exampleCandidate(probe);
        int[] correct = probe.correct();
        int q = 0;
        while (correct[q] != ex) q++;
        return new Result(a[0], a[1], a[2], cosine, regions, img, map, fill, ex, q,
                ManipulationAnalysis.plane(images, ex, probe.imageHeight(), probe.imageWidth()),
                toMap(probe.imageMaps()[ex]), toMap(probe.neuralMaps()[q]));
    }

    /**
     * [matched, mismatched, specific] alignability maps, each [16][64]. With several map channels, each position
     * sums its contributions over the channels (the embedding's dot product is the sum over all of them).
     */
    public static double[][][] alignability(float[][] neural, float[][] images, int[] correct) {
        int c = images.length, q = neural.length, d = q == 0 ? H * W : neural[0].length;
        double[] sum = new double[d];
        for (float[] v : images) for (int l = 0; l < d; l++) sum[l] += v[l];
        double[] matched = new double[d], mismatched = new double[d];
        for (int i = 0; i < q; i++) {
            float[] zn = neural[i], zi = images[correct[i]];
            for (int l = 0; l < d; l++) {
                matched[l] += zi[l] * zn[l];
                if (c > 1) mismatched[l] += zn[l] * (sum[l] - zi[l]) / (c - 1);
            }
        }
        double[][][] out = new double[3][H][W];
        for (int l = 0; l < d; l++) {
            int y = (l % (H * W)) / W, x = l % W;
            out[0][y][x] += matched[l] / q;
            out[1][y][x] += mismatched[l] / q;
            out[2][y][x] += (matched[l] - mismatched[l]) / q;
        }
        return out;
    }

    private static Occlusion imageOcclusion(RetrievalProbe probe, RetrievalProbe.Score base, int rows, int cols, float fill, Progress.Task bar) {
        Tensor src = probe.candidateImages();
        int c = src.dim(0), h = src.dim(2), w = src.dim(3);
        Tensor work = Tensor.zeros(c, 1, h, w);
        double[][][] drops = new double[4][rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                src.copyTo(work);
                int y0 = r * h / rows, y1 = (r + 1) * h / rows, x0 = k * w / cols, x1 = (k + 1) * w / cols;
                for (int i = 0; i < c; i++) {
                    Tensor one = work.slice(0, i, i + 1);
                    for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) one.setFlat((long) y * w + x, fill);
                }
                record(drops, r, k, base, probe.score(probe.neuralVectors(), probe.embedImages(work)));
                bar.step(c, "image cell " + r + "," + k);
            }
        }
        return occlusion(rows, cols, drops);
    }

    private static Occlusion mapOcclusion(RetrievalProbe probe, RetrievalProbe.Score base, int rows, int cols, Progress.Task bar) {
        float[][] neural = probe.neuralVectors();
        double[][][] drops = new double[4][rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                int y0 = r * H / rows, y1 = (r + 1) * H / rows, x0 = k * W / cols, x1 = (k + 1) * W / cols;
                float[][] masked = new float[neural.length][];
                for (int i = 0; i < neural.length; i++) {
                    float[] v = neural[i].clone();
                    // the cell is cut out of every map channel
                    for (int m = 0; m < v.length; m += H * W) {
                        for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) v[m + y * W + x] = 0f;
                    }
                    normalise(v);
                    masked[i] = v;
                }
                record(drops, r, k, base, probe.score(masked, probe.imageVectors()));
                bar.step(1, "map cell " + r + "," + k);
            }
        }
        return occlusion(rows, cols, drops);
    }

    private static void record(double[][][] drops, int r, int k, RetrievalProbe.Score base, RetrievalProbe.Score s) {
        drops[0][r][k] = base.top1() - s.top1();
        drops[1][r][k] = base.top5() - s.top5();
        drops[2][r][k] = base.margin() - s.margin();
        drops[3][r][k] = s.retrieval().meanRank() - base.retrieval().meanRank();
    }

    /** Regions of the occlusion grid are counted on the margin drop, the least noisy of the four measures. */
    private static Occlusion occlusion(int rows, int cols, double[][][] d) {
        return new Occlusion(rows, cols, d[0], d[1], d[2], d[3], ConnectedComponents.aboveFractionOfMax(d[2], REGION_FRACTION, 1));
    }

    static void normalise(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        if (s <= 0) return;
        float inv = (float) (1.0 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) v[i] *= inv;
    }

    static double mean(Tensor t) {
        double s = 0;
        long n = t.numel();
        Tensor c = t.contiguous();
        for (long i = 0; i < n; i++) s += c.getFlat(i);
        return s / n;
    }

    /** The first 16 x 64 map of a sample (its only one in the release); the report draws maps with it. */
    public static float[][] toMap(float[] flat) {
        float[][] m = new float[H][W];
        for (int l = 0; l < H * W; l++) m[l / W][l % W] = flat[l];
        return m;
    }
}
