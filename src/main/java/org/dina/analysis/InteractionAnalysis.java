package org.dina.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.dina.kernels.Parallel;
import org.dina.model.neural.NeuralAttention;
import org.dina.progress.Progress;
import org.dina.tensor.Tensor;
import org.dina.train.Rows;

/**
 * Claim 4 (functional interactions): the neuron x neuron attention of the neural tower as a graph. The attention
 * probabilities of a bounded number of <em>validation</em> trials are averaged (heads and trials) into one matrix A,
 * A[i][j] = how much neuron i attends to neuron j. Edges are the largest off-diagonal weights; a neuron's weighted
 * in-degree is the attention it receives from the others. Hubs (highest weighted in-degree) are knocked out on the
 * <em>test</em> trials, i.e. their normalised response is replaced by its training mean, and compared with knocking
 * out as many random neurons drawn from the same node pool with the same activity: each hub is matched by a
 * non-hub node from the same decile of mean training response. Choosing nodes and hubs on validation trials and
 * scoring on test trials keeps the selection from fitting the noise it is scored on; matching activity keeps
 * "hubs matter" from meaning only "active neurons matter".
 * {@link EdgeAblation} removes the graph's edges themselves, and {@link AttentionCorrelations} sets the attention
 * against signal and noise correlations and the distance between cells.
 * Above {@code maxGraphNeurons} only the {@code graphSubset} neurons with the largest validation attribution are
 * kept (an N x N float matrix of 10,000 neurons is 400 MB).
 */
public final class InteractionAnalysis {
    /** The hub sub-matrix drawn in the report has at most this many rows. */
    public static final int HUB_MATRIX = 40, HUBS_LISTED = 10;

    private InteractionAnalysis() {}

    /**
     * Knocking out the top hubs versus random neurons (mean of the random draws, with their standard deviation).
     * {@code randomMargins}: the margin after each matched random draw; {@code queryExtraDrop}: per test query, the
     * mean random-knockout margin minus the hub-knockout margin (positive when hubs matter more).
     */
    public record Knockout(double fraction, int count, double hubTop1, double hubTop5, double hubMargin,
                           double randomTop1, double randomTop1Sd, double randomTop5, double randomMargin,
                           double[] randomMargins, double[] queryExtraDrop) {}

    /**
     * {@code nodes}: dataset neuron index of each graph node; {@code inDegree}/{@code outDegree}: edges per node;
     * {@code weightedInDegree}: attention received from the other nodes; {@code hubs}: dataset indices, best first;
     * {@code attention}: the averaged matrix over the nodes, m x m row-major (not written to analysis.json).
     */
    public record Result(int neurons, int[] nodes, String restriction, int samples, double uniformWeight,
                         double meanSelfAttention, double edgeQuantile, double edgeThreshold, long edges,
                         int[] inDegree, int[] outDegree, double[] weightedInDegree, double inDegreeGini,
                         double maxWeightedInDegree, int[] hubs, double[] hubWeightedInDegree,
                         double inDegreeVsAttributionSpearman, int[] hubMatrixNeurons, double[][] hubMatrix,
                         RetrievalProbe.Score baseline, List<Knockout> knockouts, String replacement, int[] testCorrect,
                         float[] attention, EdgeAblation.Result edgeAblation, AttentionCorrelations.Result correlations) {
        public boolean restricted() { return restriction != null; }
    }

    /**
     * {@code validationAttribution} chooses the nodes of a restricted graph; {@code activity} (mean training
     * response per neuron) matches the random controls; {@code fill} replaces knocked-out responses.
     */
    public static Result run(RetrievalProbe probe, AnalysisOptions o, double[] validationAttribution, double[] activity, double[] fill) {
        double[] attribution = validationAttribution;
        int n = probe.dataset().neuronCount();
        int[] nodes;
        String restriction = null;
        if (n > o.maxGraphNeurons()) {
            nodes = Arrays.copyOf(Stats.descendingOrder(attribution), o.graphSubset());
            Arrays.sort(nodes);
            restriction = n + " neurons exceed " + o.maxGraphNeurons() + ": the graph keeps the " + o.graphSubset()
                    + " neurons with the largest attribution on validation trials";
        } else {
            nodes = new int[n];
            for (int i = 0; i < n; i++) nodes[i] = i;
        }
        int m = nodes.length;
        int[] rows = NeuronAnalysis.pick(probe.data().split().validationTrials(), o.graphSamples());
        Tensor valResponses = probe.data().normalizer().apply(probe.dataset(), rows);
        int[] testRows = NeuronAnalysis.evenlySpaced(probe.trialCount(), o.maxNeuronTrials());
        float[] a = new float[m * m];
        List<Knockout> knockouts = new ArrayList<>();
        Tensor test = Tensor.zeros(testRows.length, n);
        Rows.gather(probe.responses(), testRows, test);
        int[] correct = new int[testRows.length];
        for (int i = 0; i < testRows.length; i++) correct[i] = probe.correct()[testRows[i]];
        long work = rows.length + (long) o.hubFractions().length * (1 + o.randomDraws()) * testRows.length + 3L * testRows.length;
        RetrievalProbe.Score base;
        double[] weighted = new double[m];
        int[] in = new int[m], out = new int[m];
        double threshold, self = 0;
        long edges = 0;
        int[] order;
        EdgeAblation.Result edgeAblation;
        try (Progress.Task bar = Progress.start("attention", work)) {
            NeuralAttention attention = probe.model().neural().attention();
            for (int s = 0; s < rows.length; s++) {
                Tensor w = attention.attentionWeights(valResponses.slice(0, s, s + 1).reshape(n).contiguous());
                accumulate(w, nodes, n, (float) (1.0 / (w.dim(0) * rows.length)), a);
                bar.step(1, "validation trial " + rows[s]);
            }
            float[] off = new float[m * (m - 1)];
            for (int i = 0, k = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    if (i == j) {
                        self += a[i * m + j];
                        continue;
                    }
                    off[k++] = a[i * m + j];
                    weighted[j] += a[i * m + j];
                }
            }
            self /= m;
            float[] sorted = off.clone();
            Arrays.sort(sorted);
            threshold = sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(o.edgeQuantile() * sorted.length))];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    if (i != j && a[i * m + j] > threshold) {
                        in[j]++;
                        out[i]++;
                        edges++;
                    }
                }
            }
            order = Stats.descendingOrder(weighted);
            base = RetrievalProbe.score(probe.embedResponses(test), probe.imageVectors(), correct);
            bar.step(testRows.length, "baseline");
            SplittableRandom rng = new SplittableRandom(o.seed() + 31);
            Tensor scratch = Tensor.zeros(test.dim(0), n);
            for (double f : o.hubFractions()) {
                int count = Math.min(m, Math.max(1, (int) Math.round(f * n)));
                boolean[] hub = new boolean[n];
                for (int i = 0; i < count; i++) hub[nodes[order[i]]] = true;
                float[][] hubZ = probe.embedResponses(NeuronAnalysis.replaced(test, hub, fill, scratch));
                RetrievalProbe.Score h = RetrievalProbe.score(hubZ, probe.imageVectors(), correct);
                double[] hubQuery = RetrievalProbe.queryMargins(hubZ, probe.imageVectors(), correct);
                double[] extra = new double[correct.length], randomMargins = new double[o.randomDraws()];
                int[] hubNodes = new int[count];
                for (int i = 0; i < count; i++) hubNodes[i] = nodes[order[i]];
                bar.step(testRows.length, "knock out " + count + " hubs");
                double[] r1 = new double[o.randomDraws()];
                double r5 = 0, rm = 0;
                for (int k = 0; k < o.randomDraws(); k++) {
                    boolean[] rand = ActivityMatched.draw(hubNodes, nodes, activity, rng);
                    float[][] z = probe.embedResponses(NeuronAnalysis.replaced(test, rand, fill, scratch));
                    RetrievalProbe.Score r = RetrievalProbe.score(z, probe.imageVectors(), correct);
                    randomMargins[k] = r.margin();
                    double[] q = RetrievalProbe.queryMargins(z, probe.imageVectors(), correct);
                    for (int i = 0; i < q.length; i++) extra[i] += q[i] / o.randomDraws();
                    r1[k] = r.top1();
                    r5 += r.top5() / o.randomDraws();
                    rm += r.margin() / o.randomDraws();
                    bar.step(testRows.length, "knock out " + count + " random");
                }
                double mean = Stats.mean(r1), var = 0;
                for (double v : r1) var += (v - mean) * (v - mean);
                double sd = r1.length > 1 ? Math.sqrt(var / (r1.length - 1)) : 0;
                for (int i = 0; i < extra.length; i++) extra[i] -= hubQuery[i];
                knockouts.add(new Knockout(f, count, h.top1(), h.top5(), h.margin(), mean, sd, r5, rm, randomMargins, extra));
            }
            edgeAblation = EdgeAblation.run(probe, o, test, correct, nodes, a, threshold, bar);
        }
        int listed = Math.min(HUBS_LISTED, m);
        int[] hubs = new int[listed];
        double[] hubW = new double[listed];
        for (int i = 0; i < listed; i++) {
            hubs[i] = nodes[order[i]];
            hubW[i] = weighted[order[i]];
        }
        int k = Math.min(HUB_MATRIX, m);
        int[] hubMatrixNeurons = new int[k];
        double[][] hubMatrix = new double[k][k];
        for (int i = 0; i < k; i++) {
            hubMatrixNeurons[i] = nodes[order[i]];
            for (int j = 0; j < k; j++) hubMatrix[i][j] = a[order[i] * m + order[j]];
        }
        AttentionCorrelations.Result correlations = AttentionCorrelations.run(probe.dataset(), probe.data().split().trainTrials(), nodes, a, o);
        double[] nodeAttribution = new double[m];
        for (int i = 0; i < m; i++) nodeAttribution[i] = attribution[nodes[i]];
        double[] inD = new double[m];
        for (int i = 0; i < m; i++) inD[i] = in[i];
        return new Result(n, nodes, restriction, rows.length, 1.0 / n, self, o.edgeQuantile(), threshold, edges, in, out,
                weighted, Stats.gini(inD), weighted[order[0]], hubs, hubW, Stats.spearman(weighted, nodeAttribution),
                hubMatrixNeurons, hubMatrix, base, knockouts, NeuronAnalysis.REPLACEMENT, correct, a, edgeAblation, correlations);
    }

    /** a[i][j] += scale * sum over heads of w[h][nodes[i]][nodes[j]]; rows in parallel (each row owns its output). */
    static void accumulate(Tensor w, int[] nodes, int n, float scale, float[] a) {
        int heads = w.dim(0), m = nodes.length;
        Parallel.forRange(m, 16, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int h = 0; h < heads; h++) {
                    long row = ((long) h * n + nodes[i]) * n;
                    for (int j = 0; j < m; j++) a[i * m + j] += scale * w.getFlat(row + nodes[j]);
                }
            }
        });
    }
}
