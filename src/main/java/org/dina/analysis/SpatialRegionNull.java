package org.dina.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Claim 3's test: how many separate places on the 16 x 64 alignment map carry image-specific alignment, with a
 * null for "a region is real" and an interval for the count.
 *
 * <p><b>Null.</b> The specific alignability map (matched minus mismatched, {@link SpatialAnalysis#alignability}) is
 * recomputed with the images' labels permuted, so each image's queries are paired with another image: the map
 * then holds only what any response shares with any image. Each cell is standardised by its own mean and standard
 * deviation over the permutations (cells differ in variance: where the maps are strong, chance products are large
 * too), and a cell is significant when its standardised value exceeds the 95th percentile of the permuted maps'
 * <em>maximum</em> standardised value over all cells (the studentised max-statistic permutation test), which keeps
 * the chance of any false cell at 5% without assuming independent cells.
 *
 * <p><b>Effect.</b> The number of 4-connected regions of at least {@link #MIN_CELLS} significant cells; its interval
 * resamples images (with all their queries) and recounts with the same threshold. A region whose cells are only
 * weakly above the noise can pass the threshold in pieces and count as several; the bootstrap interval shows how
 * stable the count is, and the threshold sweep how much it depends on where the line is drawn. Known bias: a
 * resampled map carries the sampling noise twice (once in the data, once in the resampling) while the threshold
 * allows for it once, so the interval leans towards more regions, most visibly on maps with no signal. The verdict
 * therefore also needs the permutation p-value, which has no such bias. The claim is "more than one
 * region", so the null value is 1 and the p-value is the permutation p of the second-strongest region's peak.
 *
 * <p><b>Threshold sensitivity.</b> Beside it, the region count above fractions of the map's maximum (the old single
 * 0.5 x max rule) for a sweep of fractions, each with its bootstrap interval.
 */
public final class SpatialRegionNull {
    public static final int MIN_CELLS = 2;
    public static final double[] FRACTIONS = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};

    private SpatialRegionNull() {}

    /**
     * {@code threshold}: on the standardised map; {@code significantCells}: cells above it; {@code regionPeaks}: peak of each
     * significant region, strongest first; {@code countsByFraction}: observed regions above each fraction of the
     * maximum, with {@code countsLow}/{@code countsHigh} their bootstrap intervals.
     */
    public record Result(double threshold, int significantCells, double leftHalfShare, int regions, double[] regionPeaks,
                         double ciLow, double ciHigh, double p, int permutations, double[] fractions, int[] countsByFraction,
                         double[] countsLow, double[] countsHigh, int[][] labels) {}

    public static Result run(RetrievalProbe probe, AnalysisOptions options) {
        return of(probe.neuralVectors(), probe.imageVectors(), probe.correct(), options.nullDraws(), options.seed());
    }

    public static Result of(float[][] neural, float[][] images, int[] correct, int draws, long seed) {
        int c = images.length;
        double[][] raw = SpatialAnalysis.alignability(neural, images, correct)[2];
        int h = raw.length, w = raw[0].length;
        SplittableRandom rng = new SplittableRandom(seed + 301);
        double[][][] nullMaps = new double[draws][][];
        int[] permuted = new int[correct.length];
        for (int d = 0; d < draws; d++) {
            int[] perm = Manipulation.permutation(c, rng);
            for (int i = 0; i < correct.length; i++) permuted[i] = perm[correct[i]];
            nullMaps[d] = SpatialAnalysis.alignability(neural, images, permuted)[2];
        }
        double[][] mean = new double[h][w], sd = new double[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s1 = 0, s2 = 0;
                for (double[][] m : nullMaps) {
                    s1 += m[y][x];
                    s2 += m[y][x] * m[y][x];
                }
                mean[y][x] = s1 / draws;
                sd[y][x] = Math.sqrt(Math.max(1e-30, s2 / draws - mean[y][x] * mean[y][x]));
            }
        }
        double[] nullMax = new double[draws];
        for (int d = 0; d < draws; d++) nullMax[d] = max(standardised(nullMaps[d], mean, sd));
        double[][] observed = standardised(raw, mean, sd);
        double threshold = Stats.quantile(nullMax, 0.95);
        ConnectedComponents.Regions regions = ConnectedComponents.above(observed, threshold, MIN_CELLS);
        double[] peaks = peaks(observed, regions);
        double p = peaks.length < 2 ? 1.0 : Resampling.pAtLeast(peaks[1], nullMax);

        int[][] images2 = Resampling.clusters(correct);
        double[] boot = new double[Resampling.BOOTSTRAPS];
        double[][] bootByFraction = new double[FRACTIONS.length][Resampling.BOOTSTRAPS];
        SplittableRandom brng = new SplittableRandom(seed + 302);
        for (int b = 0; b < Resampling.BOOTSTRAPS; b++) {
            int total = 0;
            int[] picks = new int[images2.length];
            for (int k = 0; k < picks.length; k++) {
                picks[k] = brng.nextInt(images2.length);
                total += images2[picks[k]].length;
            }
            float[][] q = new float[total][];
            int[] truth = new int[total];
            for (int k = 0, i = 0; k < picks.length; k++) {
                for (int t : images2[picks[k]]) {
                    q[i] = neural[t];
                    truth[i++] = correct[t];
                }
            }
            double[][] map = SpatialAnalysis.alignability(q, images, truth)[2];
            boot[b] = ConnectedComponents.above(standardised(map, mean, sd), threshold, MIN_CELLS).count();
            for (int f = 0; f < FRACTIONS.length; f++) {
                bootByFraction[f][b] = ConnectedComponents.aboveFractionOfMax(map, FRACTIONS[f], MIN_CELLS).count();
            }
        }
        double[] ci = Resampling.interval(boot);
        int[] counts = new int[FRACTIONS.length];
        double[] lo = new double[FRACTIONS.length], hi = new double[FRACTIONS.length];
        for (int f = 0; f < FRACTIONS.length; f++) {
            counts[f] = ConnectedComponents.aboveFractionOfMax(raw, FRACTIONS[f], MIN_CELLS).count();
            double[] fi = Resampling.interval(bootByFraction[f]);
            lo[f] = fi[0];
            hi[f] = fi[1];
        }
        int cells = 0, left = 0;
        for (int y = 0; y < observed.length; y++) {
            for (int x = 0; x < observed[0].length; x++) {
                if (observed[y][x] > threshold) {
                    cells++;
                    if (x < observed[0].length / 2) left++;
                }
            }
        }
        return new Result(threshold, cells, cells == 0 ? Double.NaN : (double) left / cells, regions.count(), peaks, ci[0], ci[1], p,
                draws, FRACTIONS.clone(), counts, lo, hi, regions.labels());
    }

    /** (map - null mean) / null standard deviation, cell by cell. */
    static double[][] standardised(double[][] map, double[][] mean, double[][] sd) {
        double[][] out = new double[map.length][map[0].length];
        for (int y = 0; y < map.length; y++) for (int x = 0; x < map[0].length; x++) out[y][x] = (map[y][x] - mean[y][x]) / sd[y][x];
        return out;
    }

    /** Peak value of each region, largest first. */
    static double[] peaks(double[][] map, ConnectedComponents.Regions regions) {
        double[] peak = new double[regions.count()];
        Arrays.fill(peak, Double.NEGATIVE_INFINITY);
        int[][] labels = regions.labels();
        for (int y = 0; y < map.length; y++) {
            for (int x = 0; x < map[0].length; x++) if (labels[y][x] >= 0) peak[labels[y][x]] = Math.max(peak[labels[y][x]], map[y][x]);
        }
        Arrays.sort(peak);
        for (int i = 0, j = peak.length - 1; i < j; i++, j--) {
            double t = peak[i];
            peak[i] = peak[j];
            peak[j] = t;
        }
        return peak;
    }

    static double max(double[][] m) {
        double best = Double.NEGATIVE_INFINITY;
        for (double[] row : m) for (double v : row) best = Math.max(best, v);
        return best;
    }
}
