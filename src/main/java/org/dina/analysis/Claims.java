package org.dina.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The verdict table: the paper's claims 2-4, each with the tests that bear on it, built from the analyses'
 * results. Every test is one-sided in the claimed direction and reads the same way ({@link Verdict}).
 */
public final class Claims {
    /** The keep-curve test and the hub-knockout test are read at the declared share closest to this. */
    public static final double KEEP_FRACTION = 0.1, HUB_FRACTION = 0.05;

    private Claims() {}

    /** The three claims; {@code retrained} (the models retrained on subsets of neurons) may be null. */
    public static List<Claim> of(CoarseVsFine.Result coarse, SemanticAnalysis.Result semantic, SpatialRegionNull.Result regions,
                                 ReceptiveFields.Result receptiveFields, NeuronAnalysis.Result neurons, InteractionAnalysis.Result graph,
                                 SubsetRetraining.Result retrained, AnalysisOptions o) {
        return List.of(claim2(coarse, semantic), claim3(regions, receptiveFields), claim4(neurons, graph, retrained, o));
    }

    static Claim claim2(CoarseVsFine.Result c, SemanticAnalysis.Result semantic) {
        List<ClaimTest> tests = new ArrayList<>();
        tests.add(new ClaimTest("coarse_over_fine", String.format(Locale.ROOT,
                "rank score with the candidates low-passed minus high-passed at %.0f cycles per image width (complementary halves); "
                        + "null: sign flips of whole images; 95%% CI: bootstrap over images", c.split()),
                c.effect(), c.ciLow(), c.ciHigh(), 0, c.p(), c.flips()));
        String note;
        if (semantic.skipped()) {
            note = "semantic part untested: " + semantic.skippedReason();
        } else {
            double excess = semantic.wrongInCategory() - semantic.wrongInCategoryExpected();
            // the claim says decoding does not use category: an excess of wrong matches inside the true category
            // that the label permutation calls significant contradicts it
            note = String.format(Locale.ROOT, "semantic: wrong matches in the true category exceed the size-based expectation by %.3f "
                    + "(label-permutation p = %.3f); an absent excess cannot be shown by this test, a significant one contradicts the claim",
                    excess, semantic.pValue());
            SemanticAnalysis.Power power = semantic.power();
            if (power != null && Double.isFinite(power.powerAtObservedExcess())) {
                String detectable = Double.isFinite(power.detectableExcess80())
                        ? String.format(Locale.ROOT, "an excess of %.3f or more is found with 80%% power", power.detectableExcess80())
                        : "no excess is found with 80% power";
                note += String.format(Locale.ROOT, "; power (from the permutation null, alpha %.2f, %d wrong matches): %s, one as large as "
                        + "observed with %.0f%%", Verdict.ALPHA, semantic.wrongMatches(), detectable, 100 * power.powerAtObservedExcess());
            }
            if (semantic.excludedLabel() != null) {
                note += String.format(Locale.ROOT, "; %d candidates labelled '%s' belong to no category and are left out",
                        semantic.excludedCandidates(), semantic.excludedLabel());
            }
            if (semantic.pValue() < Verdict.ALPHA) {
                tests.add(new ClaimTest("no_category_excess", "minus the excess share of wrong matches in the true category; "
                        + "significant excess (label permutation) marks this part not supported",
                        -excess, -excess, -excess, 0, 1.0, semantic.permutations()));
            }
        }
        StringBuilder controls = new StringBuilder();
        c.controls().forEach((name, r) -> controls.append(String.format(Locale.ROOT, "; the same test on the control %s: effect %.3f [%.3f, %.3f], p = %.3f",
                name, r.effect(), r.ciLow(), r.ciHigh(), r.p())));
        if (!controls.isEmpty()) {
            note += controls + " (a preference the pixel controls share is imposed by the images and the recording, not by DINA)";
        }
        StringBuilder beside = new StringBuilder();
        c.beside().forEach((name, r) -> beside.append(String.format(Locale.ROOT, "; the same test on %s: effect %.3f [%.3f, %.3f], p = %.3f",
                name, r.effect(), r.ciLow(), r.ciHigh(), r.p())));
        if (!beside.isEmpty()) note += beside + " (another trained DINA run on the same split and candidates)";
        return new Claim(2, "decoding relies on coarse, low-level structure, not semantic category or fine detail", tests, note);
    }

    static Claim claim3(SpatialRegionNull.Result r, ReceptiveFields.Result receptiveFields) {
        ClaimTest t = new ClaimTest("distributed_regions", "separate regions (>= " + SpatialRegionNull.MIN_CELLS
                + " cells) of the specific alignability map above the max-statistic permutation threshold (image labels permuted); "
                + "claimed: more than 1; p: permutation p of the second region's peak; 95% CI: bootstrap over images",
                r.regions(), r.ciLow(), r.ciHigh(), 1, r.p(), r.permutations());
        String note = String.format(Locale.ROOT, "%d significant cells; regions above 0.2..0.8 x max: %s", r.significantCells(),
                Arrays.toString(r.countsByFraction()));
        if (receptiveFields != null && !receptiveFields.skipped()) {
            note += String.format(Locale.ROOT, "; the alignability map against the neurons' receptive-field map (ridge encoder on "
                    + "pixels, squared weights summed over neurons): r = %.3f, p = %.3f against %d cyclic shifts",
                    receptiveFields.correlation(), receptiveFields.p(), receptiveFields.shifts());
        }
        return new Claim(3, "alignable maps come from multiple spatially distributed image regions", List.of(t), note);
    }

    static Claim claim4(NeuronAnalysis.Result n, InteractionAnalysis.Result g, SubsetRetraining.Result retrained, AnalysisOptions o) {
        List<ClaimTest> tests = new ArrayList<>();
        SparsityNull.Result s = n.sparsityNull();
        tests.add(new ClaimTest("sparse_attribution", "Gini of the positive attribution minus its mean over shuffled-response nulls "
                + "(each neuron shuffled across trials); p: share of shuffles reaching the observed Gini; 95% CI: bootstrap over trials",
                s.effect(), s.ciLow(), s.ciHigh(), 0, s.p(), s.nullGini().length));
        tests.add(keepTest(n, o));
        tests.add(responsiveness("attribution_follows_reliability", n.attribution(), n.reliability(), "split-half repeat reliability", o));
        tests.add(responsiveness("attribution_follows_mean_response", n.attribution(), n.meanResponse(), "mean training response", o));
        tests.add(hubTest(g, o));
        tests.add(edgeTest(g, o));
        String note = retrained == null
                ? "the curves measure reliance of this trained model on neurons, not the information they carry (nothing is retrained; "
                        + "--retrain-subsets retrains on subsets)"
                : "the curves measure reliance of this trained model on neurons; " + retrained.summary();
        return new Claim(4, "maps are reconstructed mainly by sparse subsets of strongly responsive neurons and their interactions",
                tests, note);
    }

    /** Keeping the top share by validation attribution against keeping as many neurons in random orders. */
    static ClaimTest keepTest(NeuronAnalysis.Result n, AnalysisOptions o) {
        NeuronAnalysis.Curve top = n.curve(NeuronAnalysis.Order.ATTRIBUTION, NeuronAnalysis.Selection.KEEP),
                random = n.curve(NeuronAnalysis.Order.RANDOM, NeuronAnalysis.Selection.KEEP);
        if (top == null || random == null || top.fractions().length == 0) return untested("top_neurons_suffice", "no keep curves");
        int k = closest(top.fractions(), KEEP_FRACTION);
        double[] nulls = random.marginByOrder().length == 0 ? new double[0] : column(random.marginByOrder(), k);
        double[] diff = new double[top.queryMargins()[k].length];
        for (int i = 0; i < diff.length; i++) diff[i] = top.queryMargins()[k][i] - random.queryMargins()[k][i];
        double[] ci = Resampling.clusterMeanInterval(diff, Resampling.clusters(n.testCorrect()), o.seed() + 501);
        return new ClaimTest("top_neurons_suffice", String.format(Locale.ROOT,
                "margin keeping only the top %.0f%% of neurons by validation attribution minus the mean of %d random orders; "
                        + "p: share of random orders reaching it; 95%% CI: bootstrap over images", 100 * top.fractions()[k], nulls.length),
                top.margin()[k] - random.margin()[k], ci[0], ci[1], 0, Resampling.pAtLeast(top.margin()[k], nulls), nulls.length);
    }

    /** Spearman correlation across neurons of attribution with a responsiveness measure. */
    static ClaimTest responsiveness(String name, double[] attribution, double[] measure, String what, AnalysisOptions o) {
        double rho = Stats.spearman(attribution, measure);
        SplittableRandom rng = new SplittableRandom(o.seed() + name.hashCode());
        int n = attribution.length;
        double[] nulls = new double[o.nullDraws()], shuffled = new double[n];
        for (int d = 0; d < nulls.length; d++) {
            int[] perm = Manipulation.permutation(n, rng);
            for (int j = 0; j < n; j++) shuffled[j] = measure[perm[j]];
            nulls[d] = Stats.spearman(attribution, shuffled);
        }
        double[] boot = new double[Resampling.BOOTSTRAPS], a = new double[n], b = new double[n];
        for (int r = 0; r < boot.length; r++) {
            for (int j = 0; j < n; j++) {
                int pick = rng.nextInt(n);
                a[j] = attribution[pick];
                b[j] = measure[pick];
            }
            boot[r] = Stats.spearman(a, b);
        }
        double[] ci = Resampling.interval(boot);
        return new ClaimTest(name, "Spearman correlation across neurons of test attribution with " + what
                + "; null: neurons' labels permuted; 95% CI: bootstrap over neurons", rho, ci[0], ci[1], 0,
                Resampling.pAtLeast(rho, nulls), nulls.length);
    }

    /** Knocking out the attention hubs against activity-matched random nodes. */
    static ClaimTest hubTest(InteractionAnalysis.Result g, AnalysisOptions o) {
        List<InteractionAnalysis.Knockout> ks = g.knockouts();
        if (ks.isEmpty()) return untested("hubs_matter", "no hub knockouts");
        double[] fractions = ks.stream().mapToDouble(InteractionAnalysis.Knockout::fraction).toArray();
        InteractionAnalysis.Knockout k = ks.get(closest(fractions, HUB_FRACTION));
        // a larger drop is a smaller margin: compare the negated margins
        double[] negRandom = Arrays.stream(k.randomMargins()).map(v -> -v).toArray();
        double[] ci = Resampling.clusterMeanInterval(k.queryExtraDrop(), Resampling.clusters(g.testCorrect()), o.seed() + 601);
        return new ClaimTest("hubs_matter", String.format(Locale.ROOT,
                "extra margin drop from knocking out the top %d attention hubs (graph from validation trials) over %d random sets of "
                        + "non-hub nodes matched in activity, on test trials; p: share of random sets dropping as much; 95%% CI: bootstrap over images",
                k.count(), negRandom.length),
                k.randomMargin() - k.hubMargin(), ci[0], ci[1], 0, Resampling.pAtLeast(-k.hubMargin(), negRandom), negRandom.length);
    }

    /** Removing the attention graph's edges against removing random node pairs of equal validation weight. */
    static ClaimTest edgeTest(InteractionAnalysis.Result g, AnalysisOptions o) {
        EdgeAblation.Result e = g.edgeAblation();
        if (e == null || e.topEdges() == 0) return untested("attention_edges_matter", "no attention edges");
        double[] negRandom = Arrays.stream(e.randomTop1()).map(v -> -v).toArray();
        double[] ci = Resampling.clusterMeanInterval(e.queryExtraDrop(), Resampling.clusters(e.testCorrect()), o.seed() + 701);
        return new ClaimTest("attention_edges_matter", String.format(Locale.ROOT,
                "extra top-1 drop from removing the %d attention-graph edges (validation-averaged weight above the %.0fth percentile, "
                        + "taken out of each query's softmax on %d test trials) over %d sets of random non-edge pairs of the same "
                        + "nodes with the same total validation weight; p: share of random sets dropping as much (ties count against); "
                        + "95%% CI: bootstrap over images", e.topEdges(), 100 * g.edgeQuantile(), e.samples(), negRandom.length),
                e.randomTop1Mean() - e.edgesRemoved().top1(), ci[0], ci[1], 0,
                Resampling.pAtLeast(-e.edgesRemoved().top1(), negRandom), negRandom.length);
    }

    /** A test that could not be run: inconclusive by construction. */
    static ClaimTest untested(String name, String why) {
        return new ClaimTest(name, "not run: " + why, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, 0);
    }

    static int closest(double[] values, double target) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (Math.abs(values[i] - target) < Math.abs(values[best] - target)) best = i;
        return best;
    }

    static double[] column(double[][] m, int k) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) out[i] = m[i][k];
        return out;
    }
}
