package org.dina.analysis;

import org.dina.eval.baselines.FittedImageModel;
import org.dina.eval.baselines.RidgeEncoder;

/**
 * Where on the image the recorded neurons look, on any recording, set against where DINA aligns. The ridge encoder
 * on pixels that the matched controls fit ({@link PixelControls}) predicts each neuron's response as a weighted sum of
 * pixels; a neuron's weights are its receptive field as a linear model sees it. The squared weights (the filter's
 * energy, whatever its sign and phase) give each neuron a centre (their centre of mass) and, summed over neurons, the
 * population's receptive-field map on the 16 x 64 grid of the alignability map: the measured stand-in for the
 * receptive-field density the simulator knows ({@link GroundTruthChecks#rfDensity}).
 *
 * <p>The map is compared with the specific alignability map by Pearson correlation over the grid cells. Both maps are
 * smooth, so cells are not independent; the null keeps each map's own smoothness and breaks only their alignment:
 * every cyclic shift of the receptive-field map over the grid (a torus), 1,023 on 16 x 64. p is the share of shifts
 * whose correlation reaches the observed one. Complex cells (energy models) have little linear receptive field, so
 * the map shows the neurons a linear model can read.
 */
public final class ReceptiveFields {
    private ReceptiveFields() {}

    /**
     * The receptive fields and their comparison with the alignability map, or why there are none.
     *
     * @param pixelSize      the encoder's pixel grid (rows, columns)
     * @param centreX        each neuron's receptive-field centre, as a fraction of the image width (0 left)
     * @param centreY        likewise of the height (0 top)
     * @param energy         each neuron's summed squared weights (how much its prediction draws on pixels)
     * @param map            the population's receptive-field energy on the 16 x 64 grid, peak 1
     * @param correlation    Pearson correlation of {@code map} with the specific alignability map
     * @param p              one-sided p against cyclic shifts of {@code map}
     */
    public record Result(String skippedReason, int[] pixelSize, double[] centreX, double[] centreY, double[] energy, double[][] map,
                         double correlation, double p, int shifts) {
        public boolean skipped() { return skippedReason != null; }

        static Result skipped(String reason) {
            return new Result(reason, new int[0], new double[0], new double[0], new double[0], new double[0][], Double.NaN, Double.NaN, 0);
        }
    }

    /** The correlation of two maps of one shape and its p-value against every cyclic shift of the first. */
    public record ShiftTest(double correlation, double p, int shifts) {}

    /** The receptive fields of the controls' ridge encoder against {@code alignability} [16][64]. */
    public static Result of(PixelControls controls, double[][] alignability) {
        RidgeEncoder.Fitted ridge = null;
        for (FittedImageModel m : controls.models()) if (m instanceof RidgeEncoder.Fitted r) ridge = r;
        if (ridge == null) {
            String why = controls.skipped().isEmpty() ? "no ridge encoder was fitted" : controls.skipped().getFirst().reason();
            return Result.skipped("no ridge encoder on pixels: " + why);
        }
        int[] size = controls.pixelSize();
        double[][] weights = ridge.inputWeights();
        int n = weights.length, h = size[0], w = size[1];
        double[] cx = new double[n], cy = new double[n], energy = new double[n];
        double[][] population = new double[h][w];
        for (int j = 0; j < n; j++) {
            double sx = 0, sy = 0, total = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double e = weights[j][y * w + x] * weights[j][y * w + x];
                    population[y][x] += e;
                    sx += e * (x + 0.5);
                    sy += e * (y + 0.5);
                    total += e;
                }
            }
            energy[j] = total;
            cx[j] = total > 0 ? sx / total / w : Double.NaN;
            cy[j] = total > 0 ? sy / total / h : Double.NaN;
        }
        double[][] map = onMapGrid(population, alignability.length, alignability[0].length);
        ShiftTest t = shiftTest(map, alignability);
        return new Result(null, size.clone(), cx, cy, energy, map, t.correlation(), t.p(), t.shifts());
    }

    /**
     * Pearson correlation of {@code a} and {@code b} (same shape) over their cells, and its one-sided p-value against
     * the correlations of every other cyclic shift of {@code a} with {@code b}.
     */
    public static ShiftTest shiftTest(double[][] a, double[][] b) {
        int h = a.length, w = a[0].length;
        double[] fa = GroundTruthChecks.flatten(a), fb = GroundTruthChecks.flatten(b), shifted = new double[fa.length];
        double observed = Stats.pearson(fa, fb);
        int atLeast = 0, shifts = 0;
        for (int dy = 0; dy < h; dy++) {
            for (int dx = 0; dx < w; dx++) {
                if (dy == 0 && dx == 0) continue;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) shifted[y * w + x] = fa[((y + dy) % h) * w + (x + dx) % w];
                }
                if (Stats.pearson(shifted, fb) >= observed) atLeast++;
                shifts++;
            }
        }
        return new ShiftTest(observed, Double.isFinite(observed) ? (atLeast + 1.0) / (shifts + 1.0) : Double.NaN, shifts);
    }

    /** A map of any grid resampled to rows x cols (bilinear on cell centres, as fractions of the image), peak 1. */
    static double[][] onMapGrid(double[][] m, int rows, int cols) {
        int h = m.length, w = m[0].length;
        double[][] out = new double[rows][cols];
        double max = 0;
        for (int y = 0; y < rows; y++) {
            double fy = Math.min(h - 1, Math.max(0, (y + 0.5) * h / rows - 0.5));
            int y0 = (int) fy, y1 = Math.min(h - 1, y0 + 1);
            for (int x = 0; x < cols; x++) {
                double fx = Math.min(w - 1, Math.max(0, (x + 0.5) * w / cols - 0.5));
                int x0 = (int) fx, x1 = Math.min(w - 1, x0 + 1);
                double ty = fy - y0, tx = fx - x0;
                out[y][x] = (1 - ty) * ((1 - tx) * m[y0][x0] + tx * m[y0][x1]) + ty * ((1 - tx) * m[y1][x0] + tx * m[y1][x1]);
                max = Math.max(max, out[y][x]);
            }
        }
        if (max > 0) for (double[] row : out) for (int x = 0; x < cols; x++) row[x] /= max;
        return out;
    }
}
