package org.dina.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The attention-graph analysis of analysis.json: the validation-averaged graph (edges, degrees, hubs), hub knockouts
 * against matched random neurons, edge ablation against random pairs and uniform attention, and attention against
 * the neurons' correlations and distances.
 *
 * @param restriction how the graph's neurons were chosen from a large population; null when all are in it
 * @param matrix      what the attention matrix is
 * @param hubMatrix   the attention among the first hubs ({@code hubMatrixNeurons})
 */
public record InteractionsJson(int neurons, int graphNeurons, String restriction, int samples, String matrix, double uniformWeight,
                               double meanSelfAttention, double edgeQuantile, double edgeThreshold, long edges, double inDegreeGini,
                               double maxWeightedInDegree, double inDegreeVsAttributionSpearman, List<Hub> hubs,
                               AnalysisJson.Score baseline, String replacement, List<Knockout> knockouts, EdgeAblationJson edgeAblation,
                               Correlations attentionCorrelations, PerNode perNode, int[] hubMatrixNeurons, double[][] hubMatrix) {

    /** A hub of the attention graph: a neuron and its attention received, summed over queries. */
    public record Hub(int neuron, double weightedInDegree) {}

    /** The hubs of one share knocked out, beside random non-hub neurons matched by mean response. */
    public record Knockout(double fraction, int count, double hubsTop1, double hubsTop5, double hubsMargin, double randomTop1,
                           double randomTop1Sd, double randomTop5, double randomMargin, double[] randomMargins, String randomControl) {}

    /** Spearman correlations of attention with each pairwise measure, against a permutation null. */
    public record Correlations(String method, int nodes, List<Relation> relations, List<String> notes) {}

    /**
     * Attention against one pairwise measure (signal or noise correlation, distance), with its permutation null.
     *
     * @param null95 the 95% range of the permutation null
     */
    public record Relation(String measure, String what, int pairs, double spearman, double p, @JsonProperty("null_95") double[] null95,
                           int permutations) {}

    /** Degrees of every graph node. */
    public record PerNode(int[] neuron, int[] inDegree, int[] outDegree, double[] weightedInDegree) {}

    static InteractionsJson of(InteractionAnalysis.Result r) {
        List<Hub> hubs = new ArrayList<>();
        for (int i = 0; i < r.hubs().length; i++) hubs.add(new Hub(r.hubs()[i], r.hubWeightedInDegree()[i]));
        List<Knockout> knockouts = r.knockouts().stream().map(k -> new Knockout(k.fraction(), k.count(), k.hubTop1(), k.hubTop5(),
                k.hubMargin(), k.randomTop1(), k.randomTop1Sd(), k.randomTop5(), k.randomMargin(), k.randomMargins(),
                "non-hub graph nodes matched to the hubs by decile of mean training response")).toList();
        return new InteractionsJson(r.neurons(), r.nodes().length, r.restriction(), r.samples(),
                "attention probabilities averaged over heads and " + r.samples() + " validation trials; A[i][j] = attention of neuron i to j",
                r.uniformWeight(), r.meanSelfAttention(), r.edgeQuantile(), r.edgeThreshold(), r.edges(), r.inDegreeGini(),
                r.maxWeightedInDegree(), r.inDegreeVsAttributionSpearman(), hubs, AnalysisJson.Score.of(r.baseline()), r.replacement(),
                knockouts, EdgeAblationJson.of(r.edgeAblation(), r.edgeQuantile()), correlations(r.correlations()),
                new PerNode(r.nodes(), r.inDegree(), r.outDegree(), r.weightedInDegree()), r.hubMatrixNeurons(), r.hubMatrix());
    }

    private static Correlations correlations(AttentionCorrelations.Result c) {
        List<Relation> relations = c.relations().stream().map(x -> new Relation(x.name(), x.measure(), x.pairs(), x.spearman(), x.p(),
                new double[] {x.nullLow(), x.nullHigh()}, x.permutations())).toList();
        return new Correlations("Spearman rho over node pairs of the symmetric attention (A_ij + A_ji) / 2 with each measure; "
                + "two-sided p against permutations of the neurons' labels (Mantel)", c.nodes(), relations, c.notes());
    }
}
