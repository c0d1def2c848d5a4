package org.dina.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dina.eval.MetricsJson;

/**
 * Turns {@link AnalysisResults} into the nested maps written as {@code analysis.json}: snake_case keys, stable
 * order, every number the report shows; non-finite numbers become {@code null} (JSON has no NaN).
 */
public final class AnalysisJson {
    private AnalysisJson() {}

    public static Map<String, Object> of(AnalysisResults a) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("protocol", a.protocol().key());
        task.put("direction", "neural_to_image");
        task.put("candidates", a.candidates());
        task.put("protocol_candidates", a.allCandidates());
        task.put("candidates_subsampled", a.candidates() < a.allCandidates());
        task.put("queries", a.queries());
        m.put("task", task);
        m.put("claims", claims(a.claims()));
        m.put("coarse_vs_fine", coarseVsFine(a.coarseVsFine()));
        m.put("spatial_null", spatialNull(a.spatialNull()));
        m.put("manipulations", manipulations(a.manipulations()));
        m.put("semantic", semantic(a.semantic()));
        m.put("spatial", spatial(a.spatial()));
        m.put("neurons", neurons(a.neurons()));
        m.put("interactions", interactions(a.interactions()));
        if (a.groundTruth() != null) m.put("ground_truth", groundTruth(a.groundTruth()));
        Map<String, Object> sec = new LinkedHashMap<>();
        a.seconds().forEach((k, v) -> sec.put(k, num(v)));
        m.put("seconds", sec);
        return m;
    }

    static Map<String, Object> score(RetrievalProbe.Score s) {
        Map<String, Object> m = MetricsJson.retrieval(s.retrieval());
        clean(m);
        m.put("matched_similarity", num(s.matchedSimilarity()));
        m.put("margin", num(s.margin()));
        return m;
    }

    static Map<String, Object> manipulations(ManipulationAnalysis.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", "neural->image identification with the candidate images manipulated and the test responses unchanged");
        m.put("unmanipulated", score(r.unmanipulated()));
        m.put("unmanipulated_rank_score", num(ManipulationAnalysis.rankScore(new double[] {r.unmanipulated().retrieval().meanRank()}, r.candidates())[0]));
        m.put("rank_score", "1 - (mean rank - 1) / (candidates - 1): 0.5 at chance, 1 when the true image always ranks first");
        m.put("chance_top1", num(r.unmanipulated().retrieval().chanceTop1()));
        m.put("chance_top5", num(r.unmanipulated().retrieval().chanceTop5()));
        m.put("candidates", r.candidates());
        m.put("queries", r.queries());
        m.put("controls", controls(r));
        m.put("intervals", "95% bootstrap over images (" + Resampling.BOOTSTRAPS + " resamples; every method and strength resampled over the same images)");
        Map<String, Object> refs = new LinkedHashMap<>();
        for (int j = 0; j < r.methods().size(); j++) refs.put(r.methods().get(j), point(r.reference()[j]));
        m.put("unmanipulated_by_method", refs);
        Map<String, Object> curves = new LinkedHashMap<>();
        for (ManipulationAnalysis.Curve c : r.curves()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("strength_axis", c.manipulation().axisLabel());
            cm.put("strengths", arr(c.pixelStrengths()));
            if (c.manipulation() == Manipulation.PATCH_SHUFFLE) cm.put("patch_fraction_of_height", arr(c.strengths()));
            if (c.manipulation() == Manipulation.LOW_PASS || c.manipulation() == Manipulation.HIGH_PASS) {
                cm.put("filter", "Gaussian gain exp(-ln2 (f/cutoff)^2)" + (c.manipulation() == Manipulation.HIGH_PASS ? ", high-pass = 1 - gain with the mean kept" : ""));
            }
            cm.put("top1", arr(c.top1()));
            cm.put("top5", arr(c.top5()));
            cm.put("mean_rank", arr(c.meanRank()));
            cm.put("margin", arr(c.margin()));
            cm.put("rank_score", arr(ManipulationAnalysis.rankScore(c.meanRank(), r.candidates())));
            Map<String, Object> byMethod = new LinkedHashMap<>();
            for (int j = 0; j < r.methods().size(); j++) {
                double[][] top1 = c.series(j, false), score = c.series(j, true);
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("top1", arr(top1[0]));
                sm.put("top1_ci_low", arr(top1[1]));
                sm.put("top1_ci_high", arr(top1[2]));
                sm.put("rank_score", arr(score[0]));
                sm.put("rank_score_ci_low", arr(score[1]));
                sm.put("rank_score_ci_high", arr(score[2]));
                byMethod.put(r.methods().get(j), sm);
            }
            cm.put("by_method", byMethod);
            curves.put(c.manipulation().key(), cm);
        }
        m.put("curves", curves);
        return m;
    }

    /** The matched controls: what they are, how they were fitted, which is best on validation, and those skipped. */
    private static Map<String, Object> controls(ManipulationAnalysis.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", "baselines on pixels fitted once on the run's split as 'dina compare' fits them (single trials, the config's seed); "
                + "the same manipulated candidates, area-averaged from the model's input to " + r.controlPixels()[0] + "x" + r.controlPixels()[1]
                + " pixels, are scored against the same test trials");
        List<Object> fitted = new ArrayList<>();
        for (ManipulationAnalysis.Control c : r.controls()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("validation_top1", num(c.validationTop1()));
            cm.put("fit_seconds", num(c.fitSeconds()));
            cm.put("best_on_validation", c.best());
            fitted.add(cm);
        }
        m.put("fitted", fitted);
        List<Object> skipped = new ArrayList<>();
        for (PixelControls.Skipped s : r.skippedControls()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("name", s.name());
            sm.put("reason", s.reason());
            skipped.add(sm);
        }
        m.put("skipped", skipped);
        return m;
    }

    private static Map<String, Object> point(ManipulationAnalysis.Point p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("top1", num(p.top1()));
        m.put("top1_ci", arr(new double[] {p.top1Low(), p.top1High()}));
        m.put("rank_score", num(p.rankScore()));
        m.put("rank_score_ci", arr(new double[] {p.rankScoreLow(), p.rankScoreHigh()}));
        return m;
    }

    static Map<String, Object> semantic(SemanticAnalysis.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r.skipped()) {
            m.put("skipped", true);
            m.put("reason", r.skippedReason());
            return m;
        }
        m.put("skipped", false);
        m.put("exemplar_top1", num(r.exemplarTop1()));
        m.put("exemplar_chance", num(r.exemplarChance()));
        m.put("category_top1", num(r.categoryTop1()));
        m.put("category_chance", num(r.categoryChance()));
        m.put("wrong_matches", r.wrongMatches());
        m.put("wrong_in_true_category", num(r.wrongInCategory()));
        m.put("wrong_in_true_category_expected", num(r.wrongInCategoryExpected()));
        m.put("p_value", num(r.pValue()));
        m.put("permutations", r.permutations());
        m.put("test", "one-sided: candidate labels permuted, wrong matches fixed");
        List<Object> rows = new ArrayList<>();
        for (SemanticAnalysis.CategoryRow c : r.categories()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("candidates", c.candidates());
            cm.put("queries", c.queries());
            cm.put("exemplar_top1", num(c.exemplarTop1()));
            cm.put("category_top1", num(c.categoryTop1()));
            rows.add(cm);
        }
        m.put("categories", rows);
        return m;
    }

    static Map<String, Object> spatial(SpatialAnalysis.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("map_shape", List.of(SpatialAnalysis.H, SpatialAnalysis.W));
        m.put("matched_cosine", num(r.matchedCosine()));
        m.put("alignability_matched", mat(r.matched()));
        m.put("alignability_mismatched", mat(r.mismatched()));
        m.put("alignability_specific", mat(r.specific()));
        m.put("regions", regions(r.regions(), "specific alignability above half its maximum, 4-connected, at least 2 cells"));
        m.put("image_occlusion", occlusion(r.imageOcclusion(), "image cells replaced by grey " + fmt(r.fillValue())
                + " (mean candidate pixel), candidates re-embedded"));
        m.put("map_occlusion", occlusion(r.mapOcclusion(), "neural-map cells zeroed and the query re-normalised before scoring"));
        Map<String, Object> ex = new LinkedHashMap<>();
        ex.put("candidate", r.exampleCandidate());
        ex.put("query", r.exampleQuery());
        m.put("example", ex);
        return m;
    }

    private static Map<String, Object> regions(ConnectedComponents.Regions g, String rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", rule);
        m.put("threshold", num(g.threshold()));
        m.put("count", g.count());
        List<Integer> sizes = new ArrayList<>();
        for (int s : g.sizes()) sizes.add(s);
        m.put("sizes", sizes);
        return m;
    }

    private static Map<String, Object> occlusion(SpatialAnalysis.Occlusion o, String how) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("how", how);
        m.put("grid", List.of(o.rows(), o.cols()));
        m.put("top1_drop", mat(o.top1Drop()));
        m.put("top5_drop", mat(o.top5Drop()));
        m.put("margin_drop", mat(o.marginDrop()));
        m.put("mean_rank_increase", mat(o.meanRankIncrease()));
        m.put("regions", regions(o.regions(), "cells whose margin drop exceeds half the largest drop, 4-connected"));
        return m;
    }

    static Map<String, Object> neurons(NeuronAnalysis.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("neurons", r.neurons());
        m.put("test_trials", r.testTrials());
        m.put("validation_trials", r.validationTrials());
        m.put("attribution_method", "mean over test trials of g * (r - training mean of r), g = gradient of the similarity margin "
                + "z_neu . (z_img(true) - mean candidate z_img) w.r.t. the normalised response r (signed; positive = helps identification)");
        m.put("gradient_x_input_method", "mean over test trials of |g * r|, g = gradient of the matched-pair similarity z_img . z_neu (zero baseline)");
        m.put("sparsity_of", "positive part of the attribution");
        m.put("curve_order_attribution_from", "validation trials");
        m.put("replacement", r.replacement());
        Map<String, Object> sp = new LinkedHashMap<>();
        sp.put("share_for_50_percent", num(r.sparsity().share50()));
        sp.put("share_for_80_percent", num(r.sparsity().share80()));
        sp.put("share_for_90_percent", num(r.sparsity().share90()));
        sp.put("gini", num(r.sparsity().gini()));
        m.put("sparsity", sp);
        SparsityNull.Result sn = r.sparsityNull();
        Map<String, Object> nul = new LinkedHashMap<>();
        nul.put("method", "each neuron's test responses shuffled across trials, attribution recomputed against the same targets");
        nul.put("gini", num(sn.gini()));
        nul.put("null_gini_mean", num(sn.nullGiniMean()));
        nul.put("null_gini", arr(sn.nullGini()));
        nul.put("share_for_50_percent", num(sn.share50()));
        nul.put("null_share_for_50_percent_mean", num(sn.nullShare50Mean()));
        nul.put("p", num(sn.p()));
        m.put("sparsity_null", nul);
        Map<String, Object> corr = new LinkedHashMap<>();
        r.correlations().forEach((k, v) -> corr.put(k, num(v)));
        m.put("correlations", corr);
        m.put("baseline", score(r.baseline()));
        List<Object> curves = new ArrayList<>();
        for (NeuronAnalysis.Curve c : r.curves()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("mode", c.mode().key());
            cm.put("order", c.order().key());
            cm.put("fractions", arr(c.fractions()));
            List<Integer> counts = new ArrayList<>();
            for (int k : c.counts()) counts.add(k);
            cm.put("counts", counts);
            cm.put("top1", arr(c.top1()));
            cm.put("top5", arr(c.top5()));
            cm.put("margin", arr(c.margin()));
            cm.put("orders", c.marginByOrder().length);
            if (c.marginByOrder().length > 1) {
                double[] lo = new double[c.fractions().length], hi = new double[c.fractions().length];
                for (int k = 0; k < lo.length; k++) {
                    double[] col = Claims.column(c.marginByOrder(), k);
                    lo[k] = Stats.quantile(col, 0.025);
                    hi[k] = Stats.quantile(col, 0.975);
                }
                cm.put("margin_orders_2_5_percent", arr(lo));
                cm.put("margin_orders_97_5_percent", arr(hi));
            }
            curves.add(cm);
        }
        m.put("curves", curves);
        Map<String, Object> per = new LinkedHashMap<>();
        per.put("attribution", arr(r.attribution()));
        per.put("attribution_magnitude", arr(r.attributionMagnitude()));
        per.put("gradient_x_input", arr(r.gradientTimesInput()));
        per.put("attribution_validation", arr(r.attributionValidation()));
        per.put("attention_received", arr(r.attentionReceived()));
        per.put("mean_response", arr(r.meanResponse()));
        per.put("mean_normalised_response", arr(r.meanNormalised()));
        per.put("reliability", arr(r.reliability()));
        m.put("per_neuron", per);
        return m;
    }

    static Map<String, Object> interactions(InteractionAnalysis.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("neurons", r.neurons());
        m.put("graph_neurons", r.nodes().length);
        m.put("restriction", r.restriction());
        m.put("samples", r.samples());
        m.put("matrix", "attention probabilities averaged over heads and " + r.samples() + " validation trials; A[i][j] = attention of neuron i to j");
        m.put("uniform_weight", num(r.uniformWeight()));
        m.put("mean_self_attention", num(r.meanSelfAttention()));
        m.put("edge_quantile", num(r.edgeQuantile()));
        m.put("edge_threshold", num(r.edgeThreshold()));
        m.put("edges", r.edges());
        m.put("in_degree_gini", num(r.inDegreeGini()));
        m.put("max_weighted_in_degree", num(r.maxWeightedInDegree()));
        m.put("in_degree_vs_attribution_spearman", num(r.inDegreeVsAttributionSpearman()));
        List<Object> hubs = new ArrayList<>();
        for (int i = 0; i < r.hubs().length; i++) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("neuron", r.hubs()[i]);
            h.put("weighted_in_degree", num(r.hubWeightedInDegree()[i]));
            hubs.add(h);
        }
        m.put("hubs", hubs);
        m.put("baseline", score(r.baseline()));
        m.put("replacement", r.replacement());
        List<Object> ko = new ArrayList<>();
        for (InteractionAnalysis.Knockout k : r.knockouts()) {
            Map<String, Object> km = new LinkedHashMap<>();
            km.put("fraction", num(k.fraction()));
            km.put("count", k.count());
            km.put("hubs_top1", num(k.hubTop1()));
            km.put("hubs_top5", num(k.hubTop5()));
            km.put("hubs_margin", num(k.hubMargin()));
            km.put("random_top1", num(k.randomTop1()));
            km.put("random_top1_sd", num(k.randomTop1Sd()));
            km.put("random_top5", num(k.randomTop5()));
            km.put("random_margin", num(k.randomMargin()));
            km.put("random_margins", arr(k.randomMargins()));
            km.put("random_control", "non-hub graph nodes matched to the hubs by decile of mean training response");
            ko.add(km);
        }
        m.put("knockouts", ko);
        m.put("edge_ablation", edgeAblation(r.edgeAblation(), r.edgeQuantile()));
        m.put("attention_correlations", attentionCorrelations(r.correlations()));
        List<Integer> nodes = new ArrayList<>();
        for (int v : r.nodes()) nodes.add(v);
        Map<String, Object> per = new LinkedHashMap<>();
        per.put("neuron", nodes);
        List<Integer> in = new ArrayList<>(), out = new ArrayList<>();
        for (int v : r.inDegree()) in.add(v);
        for (int v : r.outDegree()) out.add(v);
        per.put("in_degree", in);
        per.put("out_degree", out);
        per.put("weighted_in_degree", arr(r.weightedInDegree()));
        m.put("per_node", per);
        List<Integer> hm = new ArrayList<>();
        for (int v : r.hubMatrixNeurons()) hm.add(v);
        m.put("hub_matrix_neurons", hm);
        m.put("hub_matrix", mat(r.hubMatrix()));
        return m;
    }

    static Map<String, Object> edgeAblation(EdgeAblation.Result e, double quantile) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "graph edges (validation-averaged attention above the " + num(100 * quantile) + "th percentile) taken out of "
                + "each query's softmax on test trials, against random non-edge pairs of the graph's nodes with the same total "
                + "validation weight; computed on the explicit attention path (the training shortcut has no per-edge probabilities)");
        m.put("samples", e.samples());
        m.put("intact", score(e.intact()));
        m.put("edges_removed", score(e.edgesRemoved()));
        m.put("edges", e.topEdges());
        m.put("edges_validation_weight", num(e.topWeight()));
        m.put("edges_test_attention_removed", num(e.topRemovedMass()));
        m.put("random_top1", arr(e.randomTop1()));
        m.put("random_margin", arr(e.randomMargin()));
        List<Integer> counts = new ArrayList<>();
        for (int c : e.randomEdges()) counts.add(c);
        m.put("random_edges", counts);
        m.put("random_validation_weight", arr(e.randomWeight()));
        m.put("random_test_attention_removed", num(e.randomRemovedMass()));
        m.put("uniform_attention", score(e.uniform()));
        m.put("uniform_top1_drop", num(e.intact().top1() - e.uniform().top1()));
        m.put("uniform_top1_drop_ci95", arr(e.uniformDropCi()));
        m.put("uniform_top1_drop_sign_flip_p", num(e.uniformP()));
        return m;
    }

    static Map<String, Object> attentionCorrelations(AttentionCorrelations.Result c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "Spearman rho over node pairs of the symmetric attention (A_ij + A_ji) / 2 with each measure; "
                + "two-sided p against permutations of the neurons' labels (Mantel)");
        m.put("nodes", c.nodes());
        List<Object> rel = new ArrayList<>();
        for (AttentionCorrelations.Relation r : c.relations()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("measure", r.name());
            x.put("what", r.measure());
            x.put("pairs", r.pairs());
            x.put("spearman", num(r.spearman()));
            x.put("p", num(r.p()));
            x.put("null_95", arr(new double[] {r.nullLow(), r.nullHigh()}));
            x.put("permutations", r.permutations());
            rel.add(x);
        }
        m.put("relations", rel);
        m.put("notes", c.notes());
        return m;
    }

    static Map<String, Object> groundTruth(GroundTruthChecks g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attribution_auc_driven_vs_undriven", num(g.attributionAucDriven()));
        m.put("attribution_auc_sparse_vs_rest", num(g.attributionAucSparse()));
        m.put("mean_rank_from_top_driven", num(g.meanRankDriven()));
        m.put("mean_rank_from_top_undriven", num(g.meanRankUndriven()));
        m.put("hubs_driven_share", num(g.hubsDriven()));
        m.put("population_driven_share", num(g.drivenShare()));
        m.put("alignability_vs_rf_density_pearson", num(g.alignabilityVsDensity()));
        m.put("alignability_inside_rf_region", num(g.alignabilityInside()));
        m.put("alignability_outside_rf_region", num(g.alignabilityOutside()));
        m.put("median_preferred_sf_cycles_per_image_width", num(g.medianPreferredSf()));
        m.put("rf_density", mat(g.rfDensity()));
        return m;
    }

    static List<Object> claims(List<Claim> claims) {
        List<Object> out = new ArrayList<>();
        for (Claim c : claims) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("claim", c.number());
            m.put("statement", c.statement());
            m.put("verdict", c.verdict().label());
            List<Object> tests = new ArrayList<>();
            for (ClaimTest t : c.tests()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("test", t.name());
                tm.put("method", t.method());
                tm.put("effect", num(t.effect()));
                tm.put("ci95", arr(new double[] {t.ciLow(), t.ciHigh()}));
                tm.put("null_value", num(t.nullValue()));
                tm.put("p", num(t.p()));
                tm.put("null_draws", t.nullDraws());
                tm.put("verdict", t.verdict().label());
                tests.add(tm);
            }
            m.put("tests", tests);
            m.put("note", c.note());
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> coarseVsFine(CoarseVsFine.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("split_cycles_per_image_width", num(r.split()));
        m.put("rank_score_unmanipulated", num(r.unmanipulatedRankScore()));
        m.put("rank_score_low_pass", num(r.lowPassRankScore()));
        m.put("rank_score_high_pass", num(r.highPassRankScore()));
        m.put("effect", num(r.effect()));
        m.put("ci95", arr(new double[] {r.ciLow(), r.ciHigh()}));
        m.put("p", num(r.p()));
        if (!r.controls().isEmpty()) {
            Map<String, Object> controls = new LinkedHashMap<>();
            r.controls().forEach((name, c) -> controls.put(name, coarseVsFine(c)));
            m.put("controls", controls);
        }
        return m;
    }

    static Map<String, Object> spatialNull(SpatialRegionNull.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "specific alignability map against image-label permutations; cells above the 95th percentile of the permuted maps' maximum");
        m.put("threshold", num(r.threshold()));
        m.put("significant_cells", r.significantCells());
        m.put("significant_cells_left_half_share", num(r.leftHalfShare()));
        m.put("regions", r.regions());
        m.put("region_peaks", arr(r.regionPeaks()));
        m.put("regions_ci95", arr(new double[] {r.ciLow(), r.ciHigh()}));
        m.put("p_second_region", num(r.p()));
        m.put("permutations", r.permutations());
        Map<String, Object> sweep = new LinkedHashMap<>();
        sweep.put("fraction_of_max", arr(r.fractions()));
        List<Integer> counts = new ArrayList<>();
        for (int c : r.countsByFraction()) counts.add(c);
        sweep.put("regions", counts);
        sweep.put("regions_ci95_low", arr(r.countsLow()));
        sweep.put("regions_ci95_high", arr(r.countsHigh()));
        m.put("threshold_sensitivity", sweep);
        return m;
    }

    /** A finite number, or null. */
    static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static List<Double> arr(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) out.add(num(x));
        return out;
    }

    static List<List<Double>> mat(double[][] v) {
        List<List<Double>> out = new ArrayList<>(v.length);
        for (double[] row : v) out.add(arr(row));
        return out;
    }

    private static void clean(Map<String, Object> m) {
        m.replaceAll((k, v) -> v instanceof Double d ? num(d) : v instanceof double[] a ? arr(a) : v);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}
