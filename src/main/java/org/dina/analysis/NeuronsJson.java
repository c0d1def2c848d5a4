package org.dina.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The neuron analysis of analysis.json: how attribution is computed, how concentrated it is (against a shuffled-response
 * null), what it correlates with, identification as neurons are removed or kept in attribution order, and every
 * neuron's numbers.
 */
public record NeuronsJson(int neurons, int testTrials, int validationTrials, String attributionMethod,
                          @JsonProperty("gradient_x_input_method") String gradientXInputMethod,
                          String sparsityOf, String curveOrderAttributionFrom, String replacement, Sparsity sparsity,
                          SparsityVsNull sparsityNull, Map<String, Double> correlations, AnalysisJson.Score baseline, List<Curve> curves,
                          PerNeuron perNeuron) {

    /** Shares of neurons holding 50, 80 and 90% of the positive attribution, and its Gini coefficient. */
    public record Sparsity(@JsonProperty("share_for_50_percent") double share50, @JsonProperty("share_for_80_percent") double share80,
                           @JsonProperty("share_for_90_percent") double share90, double gini) {}

    /** The observed concentration beside the null of responses shuffled across trials. */
    public record SparsityVsNull(String method, double gini, double nullGiniMean, double[] nullGini,
                               @JsonProperty("share_for_50_percent") double share50,
                               @JsonProperty("null_share_for_50_percent_mean") double nullShare50Mean, double p) {}

    /**
     * Identification with a growing share of neurons removed (or kept) in one order.
     *
     * @param orders             random orders drawn (1 for the attribution orders)
     * @param marginOrdersLow    2.5th percentile of the margin over random orders; absent with one order
     * @param marginOrdersHigh   97.5th percentile, likewise
     */
    public record Curve(String mode, String order, double[] fractions, int[] counts, double[] top1, double[] top5, double[] margin,
                        int orders,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("margin_orders_2_5_percent") double[] marginOrdersLow,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("margin_orders_97_5_percent") double[] marginOrdersHigh) {}

    /** One value per neuron, in the data's neuron order. */
    public record PerNeuron(double[] attribution, double[] attributionMagnitude,
                            @JsonProperty("gradient_x_input") double[] gradientXInput, double[] attributionValidation,
                            double[] attentionReceived, double[] meanResponse, double[] meanNormalisedResponse, double[] reliability) {}

    static NeuronsJson of(NeuronAnalysis.Result r) {
        NeuronAnalysis.Sparsity s = r.sparsity();
        SparsityNull.Result sn = r.sparsityNull();
        return new NeuronsJson(r.neurons(), r.testTrials(), r.validationTrials(),
                "mean over test trials of g * (r - training mean of r), g = gradient of the similarity margin "
                        + "z_neu . (z_img(true) - mean candidate z_img) w.r.t. the normalised response r (signed; positive = helps identification)",
                "mean over test trials of |g * r|, g = gradient of the matched-pair similarity z_img . z_neu (zero baseline)",
                "positive part of the attribution", "validation trials", r.replacement(),
                new Sparsity(s.share50(), s.share80(), s.share90(), s.gini()),
                new SparsityVsNull("each neuron's test responses shuffled across trials, attribution recomputed against the same targets",
                        sn.gini(), sn.nullGiniMean(), sn.nullGini(), sn.share50(), sn.nullShare50Mean(), sn.p()),
                r.correlations(), AnalysisJson.Score.of(r.baseline()), r.curves().stream().map(NeuronsJson::curve).toList(),
                new PerNeuron(r.attribution(), r.attributionMagnitude(), r.gradientTimesInput(), r.attributionValidation(),
                        r.attentionReceived(), r.meanResponse(), r.meanNormalised(), r.reliability()));
    }

    private static Curve curve(NeuronAnalysis.Curve c) {
        int orders = c.marginByOrder().length;
        double[] lo = null, hi = null;
        if (orders > 1) {
            lo = new double[c.fractions().length];
            hi = new double[c.fractions().length];
            for (int k = 0; k < lo.length; k++) {
                double[] col = Claims.column(c.marginByOrder(), k);
                lo[k] = Stats.quantile(col, 0.025);
                hi[k] = Stats.quantile(col, 0.975);
            }
        }
        return new Curve(c.mode().key(), c.order().key(), c.fractions(), c.counts(), c.top1(), c.top5(), c.margin(), orders, lo, hi);
    }
}
