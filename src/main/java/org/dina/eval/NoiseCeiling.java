package org.dina.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.dina.data.Dataset;
import org.dina.kernels.Gemm;
import org.dina.tensor.Tensor;

/**
 * How well a recording identifies its own images without any model: each test trial is matched, by Pearson
 * correlation across neurons, against one other single trial of every candidate image, as Stringer et al. (2019)
 * decode one repeat from another. It measures how much a single response says about its image under the recording's
 * own trial-to-trial noise, so a decoder's accuracy can be read as a fraction of it. It is not a strict upper bound:
 * a decoder that averages many training repeats into a template sees less noise than one reference trial carries.
 *
 * <p>Beside it, {@link Result#top1AgainstMeans()} matches each test trial against templates that each average all but
 * one trial of a candidate: the query is the one left out of its own image's template, and the last trial the one left
 * out of every other image's, so that every template averages as many repeats and none is favoured by being less
 * noisy (with two repeats, a full mean would make every wrong candidate cleaner than the right one). It is what a
 * correlation template decoder does with every repeat the recording has: a fairer yardstick for models that learn
 * from many repeats.
 *
 * <p>Each draw picks one reference trial per candidate image (never the query itself); accuracy is averaged over
 * {@link #DRAWS} draws. The same is done on random subsets of neurons (powers of two from 8, {@link #SUBSETS}
 * subsets each), which shows how the accuracy grows with the population. Responses are those the towers receive
 * (normalised with training statistics); every trial is z-scored across the neurons it keeps, so a dot product is a
 * correlation. Deterministic for a given seed.
 */
public final class NoiseCeiling {
    static final int DRAWS = 3;
    static final int SUBSETS = 5;
    private static final int SMALLEST_SUBSET = 8;

    private NoiseCeiling() {}

    /** Top-1 (and its spread over subsets and draws) with {@code neurons} neurons. */
    public record Point(int neurons, double top1, double sd) {}

    /**
     * The ceiling with every neuron, the curve over subsets of them, and the leave-one-out template match beside it.
     *
     * @param top1       top-1 with every neuron, averaged over draws
     * @param queries    test trials scored (those whose image has another trial)
     * @param skipped    test trials without another trial of their image
     * @param byNeurons  top-1 against population size, the last point being every neuron
     */
    public record Result(double top1, double chanceTop1, int queries, int skipped, int candidates, int draws, List<Point> byNeurons,
                         double top1AgainstMeans) {}

    /**
     * The ceiling for identifying {@code queryTrials} among {@code candidates} (image indices); empty when no query's
     * image was shown more than once.
     *
     * @param responses every trial's normalised response [T, N]
     */
    public static Optional<Result> of(Dataset d, Tensor responses, int[] queryTrials, int[] candidates, long seed) {
        int[] slot = new int[d.imageCount()];
        Arrays.fill(slot, -1);
        for (int i = 0; i < candidates.length; i++) slot[candidates[i]] = i;
        List<Integer> usable = new ArrayList<>();
        for (int q : queryTrials) {
            int image = d.imageId(q);
            if (slot[image] >= 0 && d.repeatsOf(image) > 1) usable.add(q);
        }
        if (usable.isEmpty()) return Optional.empty();
        int[] queries = usable.stream().mapToInt(Integer::intValue).toArray();
        int n = d.neuronCount();
        SplittableRandom rng = new SplittableRandom(seed);
        List<Point> points = new ArrayList<>();
        for (int size = SMALLEST_SUBSET; size < n; size *= 2) {
            double[] top1 = new double[SUBSETS];
            for (int s = 0; s < SUBSETS; s++) top1[s] = meanOverDraws(d, responses, queries, candidates, slot, subset(n, size, rng), rng);
            points.add(new Point(size, mean(top1), sd(top1)));
        }
        double all = meanOverDraws(d, responses, queries, candidates, slot, subset(n, n, rng), rng);
        points.add(new Point(n, all, 0));
        return Optional.of(new Result(all, 1.0 / candidates.length, queries.length, queryTrials.length - queries.length,
                candidates.length, DRAWS, points, againstMeans(d, responses, queries, candidates, slot)));
    }

    /** Top-1 over {@link #DRAWS} draws of reference trials, on the given neurons. */
    private static double meanOverDraws(Dataset d, Tensor responses, int[] queries, int[] candidates, int[] slot, int[] neurons,
                                        SplittableRandom rng) {
        Tensor q = standardised(responses, queries, neurons);
        double total = 0;
        for (int draw = 0; draw < DRAWS; draw++) {
            int[] refs = new int[candidates.length];
            for (int c = 0; c < candidates.length; c++) {
                int[] trials = d.trialsOf(candidates[c]);
                refs[c] = trials[rng.nextInt(trials.length)];
            }
            Tensor r = standardised(responses, refs, neurons);
            Tensor sim = Tensor.zeros(queries.length, candidates.length);
            Gemm.matmul(q, false, r, true, sim, 1f, 0f);
            float[][] rows = new float[queries.length][];
            int[] correct = new int[queries.length];
            for (int i = 0; i < queries.length; i++) {
                rows[i] = sim.slice(0, i, i + 1).toArray();
                correct[i] = slot[d.imageId(queries[i])];
                if (refs[correct[i]] == queries[i]) rows[i][correct[i]] = otherTrialSimilarity(d, responses, queries[i], neurons, q, i);
            }
            total += RetrievalResult.fromSimilarities(rows, correct).top1();
        }
        return total / DRAWS;
    }

    /**
     * Top-1 of each query against templates of all but one trial of each candidate, on every neuron: one GEMM against
     * templates without each candidate's last trial, then each query's own image rescored with the query left out.
     */
    private static double againstMeans(Dataset d, Tensor responses, int[] queries, int[] candidates, int[] slot) {
        int n = d.neuronCount();
        int[] all = subset(n, n, null);
        float[] sums = new float[candidates.length * n];
        for (int c = 0; c < candidates.length; c++) {
            for (int t : d.trialsOf(candidates[c])) for (int j = 0; j < n; j++) sums[c * n + j] += finite(responses.get(t, j));
        }
        int[] rowsOfMeans = new int[candidates.length];
        float[] means = new float[candidates.length * n];
        for (int c = 0; c < candidates.length; c++) {
            rowsOfMeans[c] = c;
            int[] trials = d.trialsOf(candidates[c]);
            int last = trials[trials.length - 1], kept = Math.max(1, trials.length - 1);
            for (int j = 0; j < n; j++) {
                float sum = trials.length > 1 ? sums[c * n + j] - finite(responses.get(last, j)) : sums[c * n + j];
                means[c * n + j] = sum / kept;
            }
        }
        Tensor q = standardised(responses, queries, all);
        Tensor m = standardised(Tensor.of(means, candidates.length, n), rowsOfMeans, all);
        Tensor sim = Tensor.zeros(queries.length, candidates.length);
        Gemm.matmul(q, false, m, true, sim, 1f, 0f);
        float[][] rows = new float[queries.length][];
        int[] correct = new int[queries.length];
        float[] leftOut = new float[n];
        for (int i = 0; i < queries.length; i++) {
            rows[i] = sim.slice(0, i, i + 1).toArray();
            int c = correct[i] = slot[d.imageId(queries[i])];
            int others = d.repeatsOf(candidates[c]) - 1;
            for (int j = 0; j < n; j++) leftOut[j] = (sums[c * n + j] - finite(responses.get(queries[i], j))) / others;
            rows[i][c] = dot(q, i, standardised(Tensor.of(leftOut, 1, n), new int[] {0}, all));
        }
        return RetrievalResult.fromSimilarities(rows, correct).top1();
    }

    private static float finite(float v) {
        return Float.isFinite(v) ? v : 0f;
    }

    private static float dot(Tensor q, int row, Tensor ref) {
        float s = 0;
        for (int j = 0; j < ref.dim(1); j++) s += q.get(row, j) * ref.getFlat(j);
        return s;
    }

    /** The query drew itself as its image's reference: correlate it with the next trial of its image instead. */
    private static float otherTrialSimilarity(Dataset d, Tensor responses, int query, int[] neurons, Tensor q, int row) {
        int[] trials = d.trialsOf(d.imageId(query));
        int other = trials[0] == query ? trials[1] : trials[0];
        return dot(q, row, standardised(responses, new int[] {other}, neurons));
    }

    /** Rows {@code trials} of {@code responses}, restricted to {@code neurons}, each centred and scaled to norm 1. */
    static Tensor standardised(Tensor responses, int[] trials, int[] neurons) {
        float[] out = new float[trials.length * neurons.length];
        for (int i = 0; i < trials.length; i++) {
            int o = i * neurons.length;
            double mean = 0;
            for (int j = 0; j < neurons.length; j++) {
                out[o + j] = finite(responses.get(trials[i], neurons[j]));  // a missing value carries no evidence
                mean += out[o + j];
            }
            mean /= neurons.length;
            double norm = 0;
            for (int j = 0; j < neurons.length; j++) {
                out[o + j] -= (float) mean;
                norm += out[o + j] * out[o + j];
            }
            float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;  // a flat trial correlates 0 with everything
            for (int j = 0; j < neurons.length; j++) out[o + j] *= scale;
        }
        return Tensor.of(out, trials.length, neurons.length);
    }

    /** {@code size} distinct neurons of {@code n}, in increasing order (all of them when size = n). */
    public static int[] subset(int n, int size, SplittableRandom rng) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        if (size >= n) return all;  // (no draw: rng may be null)
        for (int i = 0; i < size; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i]; all[i] = all[j]; all[j] = t;
        }
        int[] s = Arrays.copyOf(all, size);
        Arrays.sort(s);
        return s;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double sd(double[] v) {
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0;
    }
}
