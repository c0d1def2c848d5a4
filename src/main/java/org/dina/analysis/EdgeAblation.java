package org.dina.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.dina.kernels.Parallel;
import org.dina.model.NeuralTower;
import org.dina.progress.Progress;
import org.dina.tensor.Tensor;

/**
 * Claim 4's interactions, edge by edge: remove the attention graph's edges (the off-diagonal weights of the
 * validation-averaged attention above the edge quantile) from the neural tower on the test trials and compare with
 * removing random non-edge pairs of the same nodes whose validation weights add up to the same total. Removing an
 * edge (i, j) takes key j out of query i's softmax, which renormalises over the keys left; the rest of the tower is
 * unchanged. Forcing uniform attention (every query weighs every neuron 1/N) is reported beside it: how much the
 * attention pattern as a whole matters.
 *
 * <p>Rows no mask touches keep the model's own attention output; touched rows are computed on the explicit path
 * ({@link ExplicitAttention}), the shortcut used in training having no per-edge probabilities. Above a work budget
 * only an evenly spaced subset of the test trials is used ({@code samples} says how many).
 */
public final class EdgeAblation {
    /** Multiply-adds the explicit path may spend (about half a minute on two cores); at least {@link #MIN_SAMPLES} trials run. */
    static final long BUDGET = 20_000_000_000L;
    static final int MIN_SAMPLES = 16;

    private EdgeAblation() {}

    /**
     * {@code topWeight}: summed validation weight of the removed graph edges; {@code randomEdges}/{@code randomWeight}:
     * per random draw, the pairs removed and their summed validation weight; {@code *RemovedMass}: attention probability
     * the removal took away on the test trials, summed over query rows (averaged over trials and draws);
     * {@code queryExtraDrop}: per test trial, mean random top-1 minus edge-removed top-1 (0/1 each);
     * {@code uniformQueryDrop}: per trial, intact minus uniform-attention top-1, with the 95% bootstrap interval of its
     * mean over images and its one-sided sign-flip p-value.
     */
    public record Result(int samples, int topEdges, double topWeight, double topRemovedMass, int[] randomEdges,
                         double[] randomWeight, double randomRemovedMass, RetrievalProbe.Score intact, RetrievalProbe.Score edgesRemoved,
                         double[] randomTop1, double[] randomMargin, RetrievalProbe.Score uniform, double[] queryExtraDrop,
                         double[] uniformQueryDrop, double[] uniformDropCi, double uniformP, int[] testCorrect) {
        public double randomTop1Mean() { return Stats.mean(randomTop1); }
    }

    /** A set of removed edges: for each touched query neuron {@code rows[r]}, the keys {@code keys[start[r]..start[r+1])}. */
    record Mask(int[] rows, int[] start, int[] keys, double weight) {
        int edges() { return keys.length; }
    }

    /**
     * Runs the ablation on the test responses {@code test} [T, N] (normalised) whose true candidates are {@code correct};
     * {@code a} is the graph's m x m averaged attention over {@code nodes} and {@code threshold} its edge threshold.
     */
    public static Result run(RetrievalProbe probe, AnalysisOptions o, Tensor test, int[] correct, int[] nodes, float[] a,
                             double threshold, Progress.Task bar) {
        int m = nodes.length, n = probe.dataset().neuronCount();
        NeuralTower tower = probe.model().neural();
        ExplicitAttention explicit = new ExplicitAttention(tower.attention().params());
        Mask top = topEdges(nodes, a, threshold);
        SplittableRandom rng = new SplittableRandom(o.seed() + 41);
        List<Mask> masks = new ArrayList<>();
        masks.add(top);
        for (int k = 0; k < o.randomDraws(); k++) masks.add(randomEdges(nodes, a, threshold, top.weight(), rng));
        boolean[] touched = new boolean[n];
        long edgeWork = 0;
        for (Mask mask : masks) {
            for (int r : mask.rows()) touched[r] = true;
            edgeWork += mask.edges();
        }
        int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> touched[i]).toArray();
        long perSample = explicit.loadCost() + rows.length * explicit.rowCost() + edgeWork * explicit.edgeCost() + (long) n * 512;
        int samples = (int) Math.min(test.dim(0), Math.max(MIN_SAMPLES, BUDGET / Math.max(1, perSample)));
        int[] pick = NeuronAnalysis.evenlySpaced(test.dim(0), samples);
        samples = pick.length;
        Tensor responses = Tensor.zeros(samples, n);
        org.dina.train.Rows.gather(test, pick, responses);
        int[] truth = new int[samples];
        for (int i = 0; i < samples; i++) truth[i] = correct[pick[i]];

        // conditions: 0 = intact, 1 = graph edges removed, 2.. = random draws, last = uniform attention
        int conditions = masks.size() + 2;
        Tensor[] attended = new Tensor[conditions];
        Tensor own = ownAttention(tower, responses);
        for (int c = 0; c < conditions; c++) attended[c] = own.copy();
        double[] removedMass = new double[masks.size()];
        double[][] removedBySample = new double[samples][masks.size()];
        Parallel.forRange(samples, 1, (from, to) -> {
            ExplicitAttention.Sample s = explicit.new Sample();
            float[] uniform = new float[n];
            for (int b = from; b < to; b++) {
                s.load(responses, b);
                long base = (long) b * n;
                // every touched row on the explicit path once; each mask then costs only its own edges
                for (int r : rows) {
                    s.row(r);
                    float intact = s.masked(r, null, 0, 0);
                    attended[0].setFlat(base + r, intact);
                    for (int k = 0; k < masks.size(); k++) {
                        Mask mask = masks.get(k);
                        int q = Arrays.binarySearch(mask.rows(), r);
                        if (q < 0) {
                            attended[k + 1].setFlat(base + r, intact);
                            continue;
                        }
                        attended[k + 1].setFlat(base + r, s.masked(r, mask.keys(), mask.start()[q], mask.start()[q + 1]));
                        removedBySample[b][k] += s.removedMass();
                    }
                }
                s.uniform(uniform);
                for (int i = 0; i < n; i++) attended[conditions - 1].setFlat(base + i, uniform[i]);
            }
        });
        for (double[] bySample : removedBySample) for (int k = 0; k < masks.size(); k++) removedMass[k] += bySample[k] / removedBySample.length;
        bar.step(test.dim(0), "edge ablation: explicit attention");

        float[][][] vectors = new float[conditions][][];
        for (int c = 0; c < conditions; c++) vectors[c] = embed(tower, attended[c], responses);
        bar.step(test.dim(0), "edge ablation: scored");
        float[][] images = probe.imageVectors();
        RetrievalProbe.Score intact = RetrievalProbe.score(vectors[0], images, truth);
        RetrievalProbe.Score removed = RetrievalProbe.score(vectors[1], images, truth);
        RetrievalProbe.Score uniform = RetrievalProbe.score(vectors[conditions - 1], images, truth);
        int draws = masks.size() - 1;
        double[] randomTop1 = new double[draws], randomMargin = new double[draws], randomWeight = new double[draws];
        int[] randomEdges = new int[draws];
        double[] extra = new double[samples], uniformDrop = new double[samples];
        boolean[] topHit = hits(removed), intactHit = hits(intact), uniformHit = hits(uniform);
        double randomMass = 0;
        for (int k = 0; k < draws; k++) {
            RetrievalProbe.Score r = RetrievalProbe.score(vectors[k + 2], images, truth);
            randomTop1[k] = r.top1();
            randomMargin[k] = r.margin();
            randomWeight[k] = masks.get(k + 1).weight();
            randomEdges[k] = masks.get(k + 1).edges();
            randomMass += removedMass[k + 1] / draws;
            boolean[] hit = hits(r);
            for (int i = 0; i < samples; i++) extra[i] += (hit[i] ? 1.0 : 0.0) / draws;
        }
        for (int i = 0; i < samples; i++) {
            extra[i] -= topHit[i] ? 1 : 0;
            uniformDrop[i] = (intactHit[i] ? 1 : 0) - (uniformHit[i] ? 1 : 0);
        }
        int[][] clusters = Resampling.clusters(truth);
        double[] uniformCi = Resampling.clusterMeanInterval(uniformDrop, clusters, o.seed() + 43);
        double uniformP = Resampling.signFlipP(uniformDrop, clusters, o.nullDraws(), o.seed() + 47);
        return new Result(samples, top.edges(), top.weight(), removedMass[0], randomEdges, randomWeight, randomMass, intact, removed,
                randomTop1, randomMargin, uniform, extra, uniformDrop, uniformCi, uniformP, truth);
    }

    /** The model's own attention output for every trial (its training path), copied out of the block's buffer. */
    private static Tensor ownAttention(NeuralTower tower, Tensor responses) {
        int t = responses.dim(0), n = responses.dim(1);
        Tensor out = Tensor.zeros(t, n);
        for (int from = 0; from < t; from += RetrievalProbe.NEURAL_BATCH) {
            int to = Math.min(t, from + RetrievalProbe.NEURAL_BATCH);
            tower.attention().forward(responses.slice(0, from, to).contiguous()).copyTo(out.slice(0, from, to));
        }
        return out;
    }

    /** The tower's embeddings with the attention output replaced by {@code attended}. */
    private static float[][] embed(NeuralTower tower, Tensor attended, Tensor responses) {
        int t = responses.dim(0);
        float[][] out = new float[t][];
        for (int from = 0; from < t; from += RetrievalProbe.NEURAL_BATCH) {
            int to = Math.min(t, from + RetrievalProbe.NEURAL_BATCH);
            Tensor e = tower.forwardFromAttention(attended.slice(0, from, to).contiguous(), responses.slice(0, from, to).contiguous());
            for (int i = from; i < to; i++) out[i] = e.slice(0, i - from, i - from + 1).toArray();
        }
        return out;
    }

    /** Whether each query's true candidate ranks first (ties count against it, as in the scores). */
    private static boolean[] hits(RetrievalProbe.Score score) {
        int[] ranks = score.retrieval().ranks();
        boolean[] out = new boolean[ranks.length];
        for (int i = 0; i < ranks.length; i++) out[i] = ranks[i] == 1;
        return out;
    }

    /** The graph's edges: off-diagonal node pairs above the threshold, in dataset neuron indices. */
    static Mask topEdges(int[] nodes, float[] a, double threshold) {
        int m = nodes.length;
        List<int[]> edges = new ArrayList<>();
        double weight = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j && a[i * m + j] > threshold) {
                    edges.add(new int[] {i, j});
                    weight += a[i * m + j];
                }
            }
        }
        return mask(nodes, edges, weight);
    }

    /**
     * Random off-diagonal node pairs that are not graph edges, drawn without replacement until their validation weights
     * add up to {@code target} (or every such pair is taken: the weight then falls short, and the result says so).
     */
    static Mask randomEdges(int[] nodes, float[] a, double threshold, double target, SplittableRandom rng) {
        int m = nodes.length;
        int[] pool = new int[m * (m - 1)];
        int size = 0;
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) if (i != j && a[i * m + j] <= threshold) pool[size++] = i * m + j;
        List<int[]> edges = new ArrayList<>();
        double weight = 0;
        for (int left = size; left > 0 && weight < target; left--) {
            int k = rng.nextInt(left), e = pool[k];
            pool[k] = pool[left - 1];
            pool[left - 1] = e;
            edges.add(new int[] {e / m, e % m});
            weight += a[e];
        }
        return mask(nodes, edges, weight);
    }

    /** Groups node-index edges by query row (rows and keys as dataset indices, rows ascending). */
    private static Mask mask(int[] nodes, List<int[]> edges, double weight) {
        edges.sort((x, y) -> x[0] != y[0] ? Integer.compare(nodes[x[0]], nodes[y[0]]) : Integer.compare(nodes[x[1]], nodes[y[1]]));
        List<Integer> rows = new ArrayList<>();
        List<Integer> start = new ArrayList<>();
        int[] keys = new int[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            int row = nodes[edges.get(e)[0]];
            if (rows.isEmpty() || rows.get(rows.size() - 1).intValue() != row) {
                rows.add(row);
                start.add(e);
            }
            keys[e] = nodes[edges.get(e)[1]];
        }
        start.add(edges.size());
        return new Mask(rows.stream().mapToInt(Integer::intValue).toArray(), start.stream().mapToInt(Integer::intValue).toArray(), keys, weight);
    }
}
