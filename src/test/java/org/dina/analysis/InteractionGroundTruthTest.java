package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.dina.model.DinaModel;
import org.dina.model.neural.NeuralAttentionParams;
import org.dina.tensor.Tensor;
import org.dina.train.Checkpoint;
import org.dina.train.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The interaction tests (hub knockout, edge removal) against planted truth, on the small model trained on the
 * left-band population. Only the attention's queries are changed (query bias and weights), so the values, readout and
 * everything after the attention stay as trained:
 * <ul>
 *   <li><b>planted</b>: the query bias gains a random direction, scaled so that the ten driven neurons whose keys stand
 *       out most along it get e^3 times the attention of an average neuron from every query; they are the hubs, and
 *       knocking them out must cost more margin than knocking out activity-matched others; this model decodes too
 *       weakly (mean margin about 0.004) for the test to reach significance, so only the direction is asserted;</li>
 *   <li><b>none planted</b>: zero query weights and a small random query bias, so attention is uniform within a few
 *       percent and its "hubs" and "edges" are whichever neurons the seed favours; over many seeds the tests may come
 *       out supported only at about the rate alpha.</li>
 * </ul>
 */
class InteractionGroundTruthTest {
    private static final int HUBS = 10, NULL_SEEDS = 20;
    private static TrainingRun.Outcome run;
    private static NeuronAnalysis.TrainingStats stats;
    private static boolean[] driven;

    @BeforeAll
    static void train() {
        TrainedRuns.Trained t = TrainedRuns.leftBand();
        run = t.outcome();
        driven = t.truth().drivenMask();
        stats = NeuronAnalysis.TrainingStats.of(run.data().dataset(), run.data().normalizer(), run.data().split().trainTrials());
    }

    /** Quick options with one hub share (5% = the 10 planted neurons of 200). */
    private static AnalysisOptions options(long seed) {
        AnalysisOptions q = AnalysisOptions.defaults().quick();
        return new AnalysisOptions(q.strengths(), q.maxCandidates(), q.occlusionRows(), q.occlusionCols(), q.fractions(), q.randomDraws(),
                q.maxNeuronTrials(), q.graphSamples(), q.maxGraphNeurons(), q.graphSubset(), q.edgeQuantile(), new double[] {0.05},
                q.permutations(), q.nullDraws(), q.responseShuffles(), seed, q.retrainShares(), q.retrainDraws());
    }

    private static DinaModel trainedCopy() throws Exception {
        DinaModel m = new DinaModel(run.model().config(), run.data().dataset().neuronCount());
        Checkpoint.load(run.folder().bestCheckpoint()).restoreModel(m);
        m.setTraining(false);
        return m;
    }

    /** Each neuron's key at its training-mean normalised response, k_j = W_k (r_j E_j + Bt_j) + b_k. */
    private static double[][] keys(NeuralAttentionParams p) {
        int n = p.config().neurons(), d = p.config().dim();
        double[][] k = new double[n][d];
        for (int j = 0; j < n; j++) {
            for (int o = 0; o < d; o++) {
                double s = p.inProjBias.value().getFlat(d + o);
                for (int c = 0; c < d; c++) {
                    double x = stats.meanNormalised()[j] * p.embedWeight.value().getFlat((long) j * d + c) + p.embedBias.value().getFlat((long) j * d + c);
                    s += p.inProjWeight.value().getFlat((long) (d + o) * d + c) * x;
                }
                k[j][o] = s;
            }
        }
        return k;
    }

    /** Replaces the queries by q = bias for every neuron (zero query weights), so each row's scores are bias . k_j. */
    private static void constantQuery(DinaModel m, double[] bias) {
        NeuralAttentionParams p = m.neural().attention().params();
        int d = p.config().dim();
        Tensor w = p.inProjWeight.value(), b = p.inProjBias.value();
        for (int o = 0; o < d; o++) {
            b.setFlat(o, (float) bias[o]);
            for (int c = 0; c < d; c++) w.setFlat((long) o * d + c, 0f);
        }
        m.neural().weightsChanged();
    }

    /** Adds {@code shift} to the query bias: every row's score of key j rises by scale * shift . k_j. */
    private static void shiftQuery(DinaModel m, double[] shift) {
        Tensor b = m.neural().attention().params().inProjBias.value();
        for (int o = 0; o < shift.length; o++) b.setFlat(o, b.getFlat(o) + (float) shift[o]);
        m.neural().weightsChanged();
    }

    /** The {@link #HUBS} driven neurons (they carry the image) whose keys lie furthest along u. */
    private static int[] furthestAlong(double[][] k, double[] u) {
        double[] proj = new double[k.length];
        for (int j = 0; j < k.length; j++) {
            for (int c = 0; c < u.length; c++) proj[j] += u[c] * k[j][c];
            if (!driven[j]) proj[j] = Double.NEGATIVE_INFINITY;
        }
        return java.util.Arrays.copyOf(Stats.descendingOrder(proj), HUBS);
    }

    /** u scaled so that the chosen neurons' keys score {@code logit} above the mean key along it. */
    private static double[] scaledTo(double[][] k, double[] u, int[] chosen, double logit, double scale) {
        double gap = 0;
        for (double[] kj : k) for (int c = 0; c < u.length; c++) gap -= u[c] * kj[c] / k.length;
        for (int j : chosen) for (int c = 0; c < u.length; c++) gap += u[c] * k[j][c] / chosen.length;
        double[] q = new double[u.length];
        for (int c = 0; c < u.length; c++) q[c] = u[c] * logit / (scale * gap);
        return q;
    }

    private static Map<String, Verdict> verdicts(DinaModel m, AnalysisOptions o) {
        RetrievalProbe probe = RetrievalProbe.of(m, run.data(), o);
        double[] ones = new double[stats.meanRaw().length];
        java.util.Arrays.fill(ones, 1);
        InteractionAnalysis.Result g = InteractionAnalysis.run(probe, o, ones, stats.meanRaw(), stats.meanNormalised());
        Map<String, Verdict> out = new LinkedHashMap<>();
        out.put("hubs", Claims.hubTest(g, o).verdict());
        out.put("edges", Claims.edgeTest(g, o).verdict());
        return out;
    }

    @Test
    void plantedHubsAreFoundAndTheirKnockoutCostsMore() throws Exception {
        DinaModel m = trainedCopy();
        NeuralAttentionParams p = m.neural().attention().params();
        double[][] k = keys(p);
        SplittableRandom rng = new SplittableRandom(7);
        double[] u = new double[k[0].length];
        for (int c = 0; c < u.length; c++) u[c] = rng.nextGaussian();
        int[] planted = furthestAlong(k, u);
        shiftQuery(m, scaledTo(k, u, planted, 3.0, p.config().scale()));
        AnalysisOptions o = options(1);
        RetrievalProbe probe = RetrievalProbe.of(m, run.data(), o);
        double[] ones = new double[stats.meanRaw().length];
        java.util.Arrays.fill(ones, 1);
        InteractionAnalysis.Result g = InteractionAnalysis.run(probe, o, ones, stats.meanRaw(), stats.meanNormalised());
        int found = 0;
        for (int i = 0; i < HUBS; i++) for (int j : planted) if (g.hubs()[i] == j) found++;
        ClaimTest hub = Claims.hubTest(g, o), edge = Claims.edgeTest(g, o);
        System.out.println("InteractionGroundTruthTest planted: " + found + " of " + HUBS + " hubs found; baseline top-1 " + g.baseline().top1() + ", margin " + g.baseline().margin()
                + "; " + hub + "; " + edge);
        assertTrue(found >= 7, found + " of the " + HUBS + " planted hubs are among the top " + HUBS);
        // the knockout's size is bounded by how well this small model decodes at all (its margins are ~1e-3), so
        // its power here is low: the verdict is printed, and only a reversed verdict fails
        assertNotEquals(Verdict.NOT_SUPPORTED, hub.verdict(), hub.toString());
        assertTrue(hub.effect() > 0, "hub knockouts drop the margin more than matched random ones: " + hub);
    }

    @Test
    void withNoPlantedStructureTheTestsRarelyComeOutSupported() throws Exception {
        DinaModel m = trainedCopy();
        NeuralAttentionParams p = m.neural().attention().params();
        double[][] k = keys(p);
        int d = p.config().dim();
        int hubs = 0, edges = 0;
        for (long seed = 0; seed < NULL_SEEDS; seed++) {
            SplittableRandom rng = new SplittableRandom(1000 + seed);
            double[] u = new double[d];
            for (int c = 0; c < d; c++) u[c] = rng.nextGaussian();
            // scale the random query so that its scores vary by about 0.05 across neurons: near-uniform attention
            double[] s = new double[k.length];
            for (int j = 0; j < k.length; j++) for (int c = 0; c < d; c++) s[j] += p.config().scale() * u[c] * k[j][c];
            double sd = Math.sqrt(java.util.Arrays.stream(s).map(v -> v * v).average().orElse(0) - Math.pow(Stats.mean(s), 2));
            for (int c = 0; c < d; c++) u[c] *= 0.05 / sd;
            constantQuery(m, u);
            Map<String, Verdict> v = verdicts(m, options(seed));
            if (v.get("hubs") == Verdict.SUPPORTED) hubs++;
            if (v.get("edges") == Verdict.SUPPORTED) edges++;
        }
        System.out.println("InteractionGroundTruthTest null: hubs supported " + hubs + ", edges supported " + edges + " of " + NULL_SEEDS);
        // alpha = 0.05: 1 of 20 expected; 5 or more has probability 0.003 under a correct test
        assertTrue(hubs <= 4, "hub test supported in " + hubs + " of " + NULL_SEEDS + " null models");
        assertTrue(edges <= 4, "edge test supported in " + edges + " of " + NULL_SEEDS + " null models");
    }
}
