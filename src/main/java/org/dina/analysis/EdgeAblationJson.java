package org.dina.analysis;

/**
 * The edge ablation of analysis.json: identification with the graph's edges taken out of each query's softmax,
 * against random non-edge pairs of equal validation weight, and with uniform attention.
 *
 * @param edges the graph's edges removed
 */
public record EdgeAblationJson(String method, int samples, AnalysisJson.Score intact, AnalysisJson.Score edgesRemoved, int edges,
                               double edgesValidationWeight, double edgesTestAttentionRemoved, double[] randomTop1, double[] randomMargin,
                               int[] randomEdges, double[] randomValidationWeight, double randomTestAttentionRemoved,
                               AnalysisJson.Score uniformAttention, double uniformTop1Drop, double[] uniformTop1DropCi95,
                               double uniformTop1DropSignFlipP) {
    static EdgeAblationJson of(EdgeAblation.Result e, double quantile) {
        return new EdgeAblationJson("graph edges (validation-averaged attention above the " + 100 * quantile + "th percentile) taken out of "
                + "each query's softmax on test trials, against random non-edge pairs of the graph's nodes with the same total "
                + "validation weight; computed on the explicit attention path (the training shortcut has no per-edge probabilities)",
                e.samples(), AnalysisJson.Score.of(e.intact()), AnalysisJson.Score.of(e.edgesRemoved()), e.topEdges(), e.topWeight(),
                e.topRemovedMass(), e.randomTop1(), e.randomMargin(), e.randomEdges(), e.randomWeight(), e.randomRemovedMass(),
                AnalysisJson.Score.of(e.uniform()), e.intact().top1() - e.uniform().top1(), e.uniformDropCi(), e.uniformP());
    }
}
