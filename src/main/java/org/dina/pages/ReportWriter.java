package org.dina.pages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.dina.analysis.AnalysisResults;
import org.dina.analysis.AttentionCorrelations;
import org.dina.analysis.BesideRuns;
import org.dina.analysis.Claim;
import org.dina.analysis.ClaimTest;
import org.dina.analysis.ClaimsAcrossSeeds;
import org.dina.analysis.EdgeAblation;
import org.dina.analysis.GroundTruthChecks;
import org.dina.analysis.InteractionAnalysis;
import org.dina.analysis.Manipulation;
import org.dina.analysis.ManipulationAnalysis;
import org.dina.analysis.NeuronAnalysis;
import org.dina.analysis.PixelControls;
import org.dina.analysis.SemanticAnalysis;
import org.dina.analysis.SpatialAnalysis;
import org.dina.analysis.ReceptiveFields;
import org.dina.analysis.SpatialRegionNull;
import org.dina.analysis.SubsetRetraining;
import org.dina.analysis.Verdict;
import org.dina.data.Dataset;
import org.dina.data.SplitProtocol;
import org.dina.eval.Evaluator;
import org.dina.model.MapHead;
import org.dina.report.BarChart;
import org.dina.report.ColorMap;
import org.dina.report.Figure;
import org.dina.report.Heatmap;
import org.dina.report.Histogram;
import org.dina.report.HtmlReport;
import org.dina.report.ImageGrid;
import org.dina.report.LinePlot;
import org.dina.report.PointMap;
import org.dina.report.ScatterPlot;
import org.dina.tensor.Tensor;
import org.dina.train.History;
import org.dina.train.RestoredRun;

/**
 * Writes runs/&lt;name&gt;/report/index.html: training curves, decoding on held-out data and every analysis with
 * its figures (SVG, each with its PNG and data beside it). Every number on the page is also in analysis.json / metrics.json.
 */
public final class ReportWriter {
    private ReportWriter() {}

    /** Writes the report of a restored (or freshly trained) run; returns the path of index.html. */
    public static Path write(RestoredRun run, Evaluator.Result eval, AnalysisResults a) throws IOException {
        Dataset d = run.data().dataset();
        Path root = run.folder().root();
        HtmlReport report = HtmlReport.forRun(root, "DINA run " + root.getFileName());
        report.summary("dataset", d.name());
        report.summary("image tower", run.model().config().model().imageTower().key()
                + (run.model().image().joint() ? " (trained jointly)" : " (random backbone as released; only the 1x1 head trains)"));
        report.summary("protocol", eval.protocol().key() + " (" + (eval.protocol() == SplitProtocol.IMAGES ? "unseen test images" : "held-out repeats") + ")");
        report.summary("neural \u2192 image top-1", pct(eval.neuralToImage().top1()) + " (chance " + pct(eval.neuralToImage().chanceTop1())
                + ", " + eval.neuralToImage().candidates() + " candidates)");
        report.summary("neural \u2192 image top-5", pct(eval.neuralToImage().top5()) + " (chance " + pct(eval.neuralToImage().chanceTop5()) + ")");
        report.summary("shuffle control p-value", fmt(eval.shuffleControl().pValue()));
        double total = 0;
        for (double s : a.seconds().values()) total += s;
        report.summary("analysis time", String.format(Locale.ROOT, "%.0f s", total));

        claims(report.section("Verdict per claim"), a.claims());
        if (a.seeds() != null) claimsAcrossSeeds(report.section("Verdict per claim over " + a.seeds().runs().size() + " seeds"), a.seeds());
        training(report.section("Training"), run.folder().readHistory());
        decoding(report.section("Decoding held-out responses"), d, eval);
        manipulations(report.section("Coarse or fine structure? Manipulated images"), a);
        semantic(report.section("Semantic category"), a.semantic());
        spatial(report.section("Where on the map: spatial alignability"), a.spatial());
        spatialNull(report.section("Spatial regions against a permutation null"), a.spatialNull());
        receptiveFields(report.section("Where the neurons look: receptive fields against alignability"), a.receptiveFields());
        neurons(report.section("Which neurons: attribution"), d, a.neurons());
        if (a.retrained() != null) retrainedSubsets(report.section("Which neurons: retrained on subsets"), a.retrained());
        interactions(report.section("Interactions: the attention graph"), a.interactions());
        if (a.groundTruth() != null) groundTruth(report.section("Checked against the simulation's ground truth"), a.groundTruth());
        timings(report.section("Timings"), a.seconds());
        return report.write();
    }

    /** The claims table: one row per test, the claim's combined verdict on its first row. */
    private static void claims(HtmlReport.Section s, List<Claim> claims) {
        s.paragraph("Each test is one-sided in the claimed direction. Supported: p < " + fmt(Verdict.ALPHA) + " against the null and the "
                + "95% interval entirely beyond the null value; not supported: the interval entirely at or below it; otherwise inconclusive. "
                + "A claim is supported only when all its tests are. The curves measure what this trained model relies on, not what "
                + "a model retrained without the removed parts could use.");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("claim", "verdict", "test", "effect [95% CI]", "null value", "p", "test verdict"));
        for (Claim c : claims) {
            for (int i = 0; i < c.tests().size(); i++) {
                ClaimTest t = c.tests().get(i);
                rows.add(List.of(i == 0 ? c.number() + ": " + c.statement() : "", i == 0 ? c.verdict().label() : "", t.name(),
                        fmt(t.effect()) + " [" + fmt(t.ciLow()) + ", " + fmt(t.ciHigh()) + "]", fmt(t.nullValue()), fmt(t.p()), t.verdict().label()));
            }
            if (c.tests().isEmpty()) rows.add(List.of(c.number() + ": " + c.statement(), c.verdict().label(), "(none)", "", "", "", ""));
        }
        s.table("Claims 2-4", rows);
        for (Claim c : claims) {
            for (ClaimTest t : c.tests()) s.paragraph(t.name() + ": " + t.method() + ".");
            if (c.note() != null) s.paragraph("Claim " + c.number() + ": " + c.note() + ".");
        }
    }

    /** The claims over training seeds: per test the mean effect with its interval, each seed's verdict, the combination. */
    private static void claimsAcrossSeeds(HtmlReport.Section s, ClaimsAcrossSeeds c) {
        StringBuilder runs = new StringBuilder();
        for (ClaimsAcrossSeeds.SeedRun r : c.runs()) {
            runs.append(runs.isEmpty() ? "" : ", ").append("seed ").append(r.seed()).append(" (").append(r.run()).append(", top-1 ")
                    .append(pct(r.top1())).append(')');
        }
        s.paragraph("The same analysis on " + c.runs().size() + " runs of this config that differ only in their seed: " + runs + ". Effect: "
                + "the mean over seeds with a 95% t-interval, never narrower than the runs' own intervals allow (identical counts "
                + "in every seed do not make a point). A test is supported over seeds when that interval lies above the null value "
                + "and more than half of the seeds are supported on their own; not supported when the interval lies at or below the null "
                + "value or more than half of the seeds are not supported; otherwise inconclusive. A claim is supported when all its tests are.");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("claim", "verdict", "test", "mean effect [95% CI]", "null value", "seeds' verdicts", "verdict over seeds"));
        for (ClaimsAcrossSeeds.ClaimSummary claim : c.claims()) {
            for (int i = 0; i < claim.tests().size(); i++) {
                ClaimsAcrossSeeds.TestSummary t = claim.tests().get(i);
                StringBuilder seeds = new StringBuilder();
                for (Verdict v : t.verdicts()) seeds.append(seeds.isEmpty() ? "" : ", ").append(v == null ? "absent" : v.label());
                rows.add(List.of(i == 0 ? claim.number() + ": " + claim.statement() : "", i == 0 ? claim.verdict().label() : "", t.name(),
                        fmt(t.mean()) + " [" + fmt(t.ciLow()) + ", " + fmt(t.ciHigh()) + "]", fmt(t.nullValue()), seeds.toString(),
                        t.verdict().label()));
            }
        }
        s.table("Claims 2-4 over seeds", rows);
    }

    /** The ridge encoder's receptive-field map beside the correlation with the alignability map. */
    private static void receptiveFields(HtmlReport.Section s, ReceptiveFields.Result r) {
        if (r.skipped()) {
            s.paragraph("Skipped: " + r.skippedReason() + ".");
            return;
        }
        s.paragraph("The ridge encoder on pixels (the matched control) predicts each neuron's response as a weighted sum of "
                + r.pixelSize()[0] + " x " + r.pixelSize()[1] + " pixels; a neuron's squared weights are its receptive field as a linear "
                + "model sees it. Summed over the " + r.energy().length + " neurons and put on the alignability grid they give where the "
                + "population looks. Its correlation with the specific alignability map: r = " + fmt(r.correlation()) + ", p = " + fmt(r.p())
                + " against " + r.shifts() + " cyclic shifts of the receptive-field map (which keep both maps' smoothness). Complex cells "
                + "have little linear receptive field, so the map shows the neurons a linear model can read.");
        figure(s, "receptive_fields.svg", () -> Heatmap.titled("Receptive-field energy of the population (ridge encoder)").values(r.map())
                        .colorBar("summed squared weights (peak 1)").x("map column").y("map row"),
                "Heatmap of the population's receptive-field energy", "On the grid of the alignability map above.");
    }

    private static void spatialNull(HtmlReport.Section s, SpatialRegionNull.Result r) {
        s.paragraph(String.format(Locale.ROOT, "Cells of the specific alignability map above %s (95th percentile of the map's maximum "
                + "over %d image-label permutations): %d, forming %d region(s) of >= %d cells (95%% CI over images %s-%s).",
                fmt(r.threshold()), r.permutations(), r.significantCells(), r.regions(), SpatialRegionNull.MIN_CELLS, fmt(r.ciLow()), fmt(r.ciHigh())));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("threshold (fraction of max)", "regions", "95% CI over images"));
        for (int i = 0; i < r.fractions().length; i++) {
            rows.add(List.of(fmt(r.fractions()[i]), String.valueOf(r.countsByFraction()[i]), fmt(r.countsLow()[i]) + "-" + fmt(r.countsHigh()[i])));
        }
        s.table("Threshold sensitivity of the region count", rows);
    }

    private static void training(HtmlReport.Section s, History h) {
        if (h.epochs().isEmpty()) {
            s.paragraph("No history.json in the run folder: no loss curves.");
            return;
        }
        int n = h.epochs().size();
        double[] ep = new double[n], tr = new double[n], va = new double[n];
        for (int i = 0; i < n; i++) {
            History.Epoch e = h.epochs().get(i);
            ep[i] = e.epoch() + 1;
            tr[i] = e.trainLoss();
            va[i] = e.valLoss();
        }
        figure(s, "loss.svg", () -> LinePlot.titled("InfoNCE loss").x("epoch").y("loss").series("train", ep, tr).series("validation", ep, va),
                "Training and validation loss per epoch", "Symmetric InfoNCE loss per epoch (history.json).");
    }

    private static void decoding(HtmlReport.Section s, Dataset d, Evaluator.Result e) {
        s.paragraph("Each held-out single-trial response is compared with every candidate image; the rank of the true image "
                + "among " + e.neuralToImage().candidates() + " candidates is 1 when it is identified. Chance top-1 is "
                + pct(e.neuralToImage().chanceTop1()) + "; the model reaches " + pct(e.neuralToImage().top1()) + " (top-5 "
                + pct(e.neuralToImage().top5()) + ", mean rank " + fmt(e.neuralToImage().meanRank()) + ").");
        double[] ranks = new double[e.neuralToImage().ranks().length];
        for (int i = 0; i < ranks.length; i++) ranks[i] = e.neuralToImage().ranks()[i];
        figure(s, "ranks.svg", () -> Histogram.titled("Rank of the true image (neural \u2192 image)").x("rank (1 = identified)")
                        .values(ranks).vline("chance mean rank", (e.neuralToImage().candidates() + 1) / 2.0),
                "Histogram of retrieval ranks", "A model at chance spreads ranks evenly; a decoding model piles them up at 1.");
        int[] trials = e.testTrials();
        int[] slot = new int[d.imageCount()];
        for (int i = 0; i < e.candidateImages().length; i++) slot[e.candidateImages()[i]] = i;
        ImageGrid grid = ImageGrid.titled("Images and their alignment maps").columns(3);
        int shown = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int maps = e.imageEmbeddings().maps()[0].length / MapHead.MAP_SIZE;
        String which = maps == 1 ? "" : " (1st of " + maps + ")";
        for (int i = 0; i < trials.length && shown < 3; i++) {
            int img = d.imageId(trials[i]);
            if (!seen.add(img)) continue;
            float[][] pixels = toGrid(d.image(img));
            grid.image("image " + img, pixels)
                    .map("image-tower map" + which, SpatialAnalysis.toMap(e.imageEmbeddings().maps()[slot[img]]))
                    .map("neural map" + which + ", trial " + trials[i], SpatialAnalysis.toMap(e.trialEmbeddings().maps()[i]));
            shown++;
        }
        figure(s, "examples.svg", () -> grid, "Example images with their image-tower and neural-tower maps",
                "Left: a held-out image; middle: its 16 x 64 image-tower map; right: the map the neural tower makes from one trial's response.");
    }

    private static void manipulations(HtmlReport.Section s, AnalysisResults a) {
        ManipulationAnalysis.Result r = a.manipulations();
        double base1 = r.unmanipulated().top1(), chance1 = r.unmanipulated().retrieval().chanceTop1();
        s.paragraph("The recorded test responses are matched against manipulated versions of the " + r.candidates()
                + " candidate images" + (a.candidates() < a.allCandidates() ? " (a seeded subset of the " + a.allCandidates() + " candidates)" : "")
                + ". If decoding relies on coarse structure, low-pass filtering and patch shuffling at large patches should hurt "
                + "little while high-pass filtering and phase scrambling hurt a lot. Unmanipulated top-1: " + pct(base1)
                + ", chance " + pct(chance1) + ". The rank score, 1 - (mean rank - 1) / (candidates - 1), is 0.5 at chance and "
                + "1 when every true image ranks first; it moves smoothly where top-1 is too coarse.");
        s.paragraph(controlsText(r));
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("manipulation", "strength"));
        for (String m : r.methods()) {
            header.add(m + " top-1 [95% CI]");
            header.add(m + " rank score [95% CI]");
        }
        rows.add(header);
        rows.add(pointRow("none", "", List.of(r.reference())));
        for (ManipulationAnalysis.Curve c : r.curves()) {
            Manipulation m = c.manipulation();
            figure(s, "manip_" + m.key() + ".svg", () -> methodsPlot(r, c, false).hline("chance", chance1),
                    "Identification accuracy under " + m.title() + ", DINA beside its controls",
                    "Top-1 against " + m.axisLabel() + " for DINA and the pixel baselines on the same manipulated candidates; "
                            + "bands: 95% bootstrap intervals over images; the legend gives each method's unmanipulated top-1.");
            figure(s, "manip_" + m.key() + "_rank.svg", () -> methodsPlot(r, c, true).hline("chance", 0.5),
                    "Rank score under " + m.title() + ", DINA beside its controls",
                    "Rank score (0.5 at chance) against " + m.axisLabel() + ", the same methods and intervals.");
            for (int k = 0; k < c.top1().length; k++) {
                List<ManipulationAnalysis.Point> at = new ArrayList<>();
                for (ManipulationAnalysis.Point[] method : c.points()) at.add(method[k]);
                rows.add(pointRow(m.title(), ManipulationAnalysis.fmt(c.pixelStrengths()[k]), at));
            }
        }
        s.table("Identification under each manipulation, DINA and its controls (" + r.queries() + " queries)", rows);
        ImageGrid grid = ImageGrid.titled("One candidate under the manipulations").columns(3);
        for (int i = 0; i < r.examples().size(); i++) grid.image(r.exampleTitles().get(i), r.examples().get(i));
        figure(s, "manip_examples.svg", () -> grid, "A candidate image under each manipulation", "Middle and strongest strength of each sweep.");
    }

    /** What the controls are, how well each fits, and any that could not be fitted. */
    private static String controlsText(ManipulationAnalysis.Result r) {
        StringBuilder b = new StringBuilder("Controls: the same manipulated candidates go through baselines on pixels (area-averaged to "
                + r.controlPixels()[0] + "x" + r.controlPixels()[1] + "), fitted once on this run's split as 'dina compare' fits them. "
                + "A model without DINA's frozen random backbone and per-map normalisation shows what the images themselves impose: "
                + "a curve DINA shares with them is not evidence about DINA's architecture.");
        for (ManipulationAnalysis.Control c : r.controls()) {
            b.append(' ').append(c.name()).append(": validation top-1 ").append(pct(c.validationTop1()))
                    .append(c.best() ? " (the best on validation)" : "").append(String.format(Locale.ROOT, ", fitted in %.1f s.", c.fitSeconds()));
        }
        for (PixelControls.Skipped k : r.skippedControls()) b.append(' ').append(k.name()).append(": not fitted, ").append(k.reason()).append('.');
        for (BesideRuns.Described d : r.beside()) {
            b.append(' ').append(d.name()).append(": the model of ").append(d.path()).append(" (image tower ").append(d.imageTower().key())
                    .append("), trained on the same split, on the same candidates and test trials; where its curve parts from DINA's, how"
                            + " the image tower was trained shapes the curve.");
        }
        return b.toString();
    }

    /** Top-1 or rank score of every method along one sweep, with interval bands. */
    private static LinePlot methodsPlot(ManipulationAnalysis.Result r, ManipulationAnalysis.Curve c, boolean rankScore) {
        Manipulation m = c.manipulation();
        LinePlot p = LinePlot.titled(m.title()).x(m.axisLabel()).y(rankScore ? "rank score" : "top-1").size(640, 420);
        for (int j = 0; j < r.methods().size(); j++) {
            double[][] v = c.series(j, rankScore);
            ManipulationAnalysis.Point ref = r.reference()[j];
            String label = r.methods().get(j) + " (unmanipulated " + (rankScore ? fmt(ref.rankScore()) : pct(ref.top1())) + ")";
            p.seriesWithInterval(label, c.pixelStrengths(), v[0], v[1], v[2]);
        }
        return m.logAxis() ? p.logX() : p;
    }

    private static List<String> pointRow(String manipulation, String strength, List<ManipulationAnalysis.Point> points) {
        List<String> row = new ArrayList<>(List.of(manipulation, strength));
        for (ManipulationAnalysis.Point p : points) {
            row.add(pct(p.top1()) + " [" + pct(p.top1Low()) + ", " + pct(p.top1High()) + "]");
            row.add(fmt(p.rankScore()) + " [" + fmt(p.rankScoreLow()) + ", " + fmt(p.rankScoreHigh()) + "]");
        }
        return row;
    }

    private static void semantic(HtmlReport.Section s, SemanticAnalysis.Result r) {
        if (r.skipped()) {
            s.paragraph("Skipped: " + r.skippedReason() + ".");
            return;
        }
        s.paragraph("Exemplar top-1 " + pct(r.exemplarTop1()) + " (chance " + pct(r.exemplarChance()) + "); the top match is in the "
                + "true image's category " + pct(r.categoryTop1()) + " of the time (chance " + pct(r.categoryChance()) + "). Of the "
                + r.wrongMatches() + " wrong matches, " + pct(r.wrongInCategory()) + " fall in the true category where the category "
                + "sizes predict " + pct(r.wrongInCategoryExpected()) + " (permutation p = " + fmt(r.pValue()) + ", " + r.permutations()
                + " label permutations). A decoder that relies on category would put its errors in the true category far more "
                + "often than the sizes predict."
                + (r.excludedLabel() == null ? "" : " The " + r.excludedCandidates() + " candidates labelled '" + r.excludedLabel()
                        + "' belong to no category and are left out of these counts.")
                + (r.power() == null || !Double.isFinite(r.power().powerAtObservedExcess()) ? "" : " Power of the test (shift of its "
                        + "permutation null, alpha " + fmt(Verdict.ALPHA) + "): an excess of " + pct(r.power().detectableExcess80())
                        + " of the wrong matches is found with 80% power; one as large as observed with " + pct(r.power().powerAtObservedExcess()) + "."));
        figure(s, "semantic.svg", () -> BarChart.titled("Exemplar versus category identification")
                        .categories("exemplar top-1", "category top-1", "wrong matches in true category")
                        .group("model", new double[] {r.exemplarTop1(), r.categoryTop1(), nanToZero(r.wrongInCategory())})
                        .group("chance / expected", new double[] {r.exemplarChance(), r.categoryChance(), nanToZero(r.wrongInCategoryExpected())})
                        .y("share").valueLabels(),
                "Exemplar and category accuracy against chance", "");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("category", "candidates", "queries", "exemplar top-1", "category top-1"));
        for (SemanticAnalysis.CategoryRow c : r.categories()) {
            rows.add(List.of(c.name(), String.valueOf(c.candidates()), String.valueOf(c.queries()), pct(c.exemplarTop1()), pct(c.categoryTop1())));
        }
        s.table("Per category", rows);
    }

    private static void spatial(HtmlReport.Section s, SpatialAnalysis.Result r) {
        s.paragraph("Alignability of a map location: its contribution z_img \u00b7 z_neu to the matched pair's similarity, minus the same "
                + "for mismatched pairs (specific part), averaged over test trials. Above half its maximum the specific map has "
                + r.regions().count() + " separate region(s); occluding image cells (re-embedded) shows " + r.imageOcclusion().regions().count()
                + " region(s) and zeroing neural-map cells " + r.mapOcclusion().regions().count() + " region(s) whose removal costs more "
                + "than half the largest drop. Matched-pair cosine " + fmt(r.matchedCosine()) + ".");
        float[][] img = r.exampleImage();
        ImageGrid grid = ImageGrid.titled("Where the maps align (example: candidate " + r.exampleCandidate() + ")").columns(3)
                .image("image", img)
                .overlay("image-tower map", img, r.exampleImageMap())
                .overlay("neural map (one trial)", img, r.exampleNeuralMap())
                .overlay("specific alignability", img, positive(r.specific()))
                .overlay("image occlusion: margin drop", img, positive(r.imageOcclusion().marginDrop()))
                .overlay("map occlusion: margin drop", img, positive(r.mapOcclusion().marginDrop()));
        figure(s, "spatial_overlay.svg", () -> grid, "Alignability and occlusion maps over an example image",
                "Maps stretched to [0, 1] per panel (negative values shown as 0) and drawn over the image.");
        figure(s, "alignability.svg", () -> Heatmap.titled("Specific alignability (16 x 64 map)").values(r.specific())
                        .colorMap(ColorMap.DIVERGING).colorBar("matched - mismatched contribution").x("map column").y("map row"),
                "Heatmap of specific alignability", "");
        figure(s, "occlusion_image.svg", () -> Heatmap.titled("Image occlusion: drop of the similarity margin per cell")
                        .values(r.imageOcclusion().marginDrop()).colorMap(ColorMap.DIVERGING).colorBar("margin drop")
                        .x("cell column").y("cell row"),
                "Margin drop when each image cell is occluded",
                "Margin: matched-pair similarity minus the mean similarity to all candidates (analysis.json also has top-1, top-5 and rank per cell).");
        figure(s, "occlusion_map.svg", () -> Heatmap.titled("Neural-map occlusion: drop of the similarity margin per cell")
                        .values(r.mapOcclusion().marginDrop()).colorMap(ColorMap.DIVERGING).colorBar("margin drop")
                        .x("cell column").y("cell row"),
                "Margin drop when each neural-map cell is zeroed", "");
    }

    private static void neurons(HtmlReport.Section s, Dataset d, NeuronAnalysis.Result r) {
        NeuronAnalysis.Sparsity sp = r.sparsity();
        s.paragraph("Attribution: gradient \u00d7 (input \u2212 training mean) of the similarity margin (matched-pair similarity minus the "
                + "mean similarity to all candidates) with respect to each neuron's normalised response, averaged over " + r.testTrials()
                + " test trials; positive when the neuron's deviations from its mean help identify the image. " + pct(sp.share50())
                + " of the neurons hold half of the positive attribution, " + pct(sp.share80()) + " hold 80% and " + pct(sp.share90())
                + " hold 90% (Gini " + fmt(sp.gini()) + "). In the keep/remove curves neurons are ordered by attribution measured on "
                + r.validationTrials() + " validation trials, by mean response, or at random; a removed neuron's response is replaced "
                + "by the " + r.replacement() + ".");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("relation", "Spearman \u03c1"));
        for (Map.Entry<String, Double> e : r.correlations().entrySet()) rows.add(List.of(e.getKey().replace('_', ' '), fmt(e.getValue())));
        s.table("Attribution and other neuron properties", rows);
        if (d.neuronPositions().isPresent()) {
            Tensor pos = d.neuronPositions().get();
            int n = d.neuronCount();
            double[] xs = new double[n], ys = new double[n];
            for (int j = 0; j < n; j++) {
                xs[j] = pos.get(j, 0);
                // image rows and cortical y both grow downwards on screen
                ys[j] = -pos.get(j, 1);
            }
            String kind = d.positionKind().map(k -> k == Dataset.PositionKind.RETINOTOPIC ? "receptive-field position (pixels)" : "cortical position").orElse("position");
            figure(s, "attribution_positions.svg", () -> PointMap.titled("Attribution on neuron positions").points(xs, ys, r.attribution()).colorMap(ColorMap.DIVERGING)
                            .colorBar("attribution").x(kind + " x").y(kind + " y (down)"),
                    "Neuron attribution at neuron positions", "Each dot is a neuron at its " + kind + ", coloured by attribution.");
        } else {
            s.paragraph("The dataset has no neuron positions: no attribution map.");
        }
        for (NeuronAnalysis.Selection mode : NeuronAnalysis.Selection.values()) {
            String title = mode == NeuronAnalysis.Selection.KEEP ? "Keeping only the top neurons" : "Removing the top neurons";
            String axis = "share of neurons " + (mode == NeuronAnalysis.Selection.KEEP ? "kept" : "removed");
            figure(s, "neurons_" + mode.key() + ".svg", () -> {
                LinePlot p = LinePlot.titled(title + ": top-1").x(axis).y("top-1").logX()
                        .hline("all neurons", r.baseline().top1()).hline("chance", r.baseline().retrieval().chanceTop1()).size(640, 400);
                for (NeuronAnalysis.Curve c : r.curves()) if (c.mode() == mode) p.series("by " + c.order().key().replace('_', ' '), c.fractions(), c.top1());
                return p;
            }, "Top-1 when " + mode.key() + "ing neurons", "");
            figure(s, "neurons_" + mode.key() + "_margin.svg", () -> {
                LinePlot p = LinePlot.titled(title + ": similarity margin").x(axis).y("margin").logX()
                        .hline("all neurons", r.baseline().margin()).hline("chance", 0).size(640, 400);
                for (NeuronAnalysis.Curve c : r.curves()) if (c.mode() == mode) p.series("by " + c.order().key().replace('_', ' '), c.fractions(), c.margin());
                return p;
            }, "Similarity margin when " + mode.key() + "ing neurons",
                    "Margin: matched-pair similarity minus the mean similarity to all candidates; smoother than top-1 on small test sets.");
        }
        figure(s, "attribution_vs_response.svg", () -> ScatterPlot.titled("Attribution and response strength")
                        .points(r.meanResponse(), r.attribution()).x("mean training response (raw units)").y("attribution").fit(),
                "Attribution against mean response", "");
        figure(s, "attribution_hist.svg", () -> Histogram.titled("Attribution across neurons").x("attribution").values(r.attribution()),
                "Histogram of attribution", "");
    }

    /** Top-1 of models retrained on subsets of neurons beside the run's own model keeping the same neurons. */
    private static void retrainedSubsets(HtmlReport.Section s, SubsetRetraining.Result r) {
        s.paragraph("The keep curves above measure what this trained model relies on. Here the config is trained again from scratch on "
                + "only the top share of neurons by validation attribution, and on " + r.draws() + " random subset(s) of the same size, and "
                + "scored on the same " + r.queries() + " test queries: what the neurons carry, not what one model learnt to use. With "
                + "every neuron the run's model reaches " + pct(r.fullTop1()) + ". Too few random subsets for a p-value: evidence, not a test.");
        int k = r.shares().length;
        double[] randomMean = new double[k], randomLow = new double[k], randomHigh = new double[k];
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("share", "neurons", "retrained, top", "retrained, random (mean ± sd)", "run's model keeping the top",
                "run's model keeping random"));
        for (int i = 0; i < k; i++) {
            randomMean[i] = r.randomTop1Mean(i);
            randomLow[i] = Arrays.stream(r.randomTop1()[i]).min().orElse(Double.NaN);
            randomHigh[i] = Arrays.stream(r.randomTop1()[i]).max().orElse(Double.NaN);
            rows.add(List.of(fmt(r.shares()[i]), String.valueOf(r.counts()[i]), pct(r.topTop1()[i]),
                    pct(randomMean[i]) + " ± " + pct(r.randomTop1Sd(i)), pct(r.relianceTop1Top()[i]), pct(r.relianceTop1Random()[i])));
        }
        s.table("Top-1 with a subset of neurons: retrained against relied on", rows);
        figure(s, "neurons_retrained.svg", () -> {
            LinePlot p = LinePlot.titled("Retrained on a subset of neurons: top-1").x("share of neurons kept").y("top-1").logX()
                    .hline("all neurons", r.fullTop1()).size(640, 400)
                    .series("retrained on the top", r.shares(), r.topTop1())
                    .seriesWithInterval("retrained on random (range)", r.shares(), randomMean, randomLow, randomHigh);
            if (Arrays.stream(r.relianceTop1Top()).allMatch(Double::isFinite)) {
                p.series("run's model keeping the top", r.shares(), r.relianceTop1Top())
                        .series("run's model keeping random", r.shares(), r.relianceTop1Random());
            }
            return p;
        }, "Top-1 of models retrained on subsets of neurons", "Retrained from scratch (information content) beside the run's own "
                + "model with the other neurons replaced by their mean (reliance); band: the range over random subsets.");
    }

    private static void interactions(HtmlReport.Section s, InteractionAnalysis.Result r) {
        s.paragraph("Attention of the neural tower averaged over " + r.samples() + " validation trials"
                + (r.restricted() ? " (" + r.restriction() + ")" : "") + ". Edges: off-diagonal weights above the " + ManipulationAnalysis.fmt(100 * r.edgeQuantile())
                + "th percentile (" + r.edges() + " edges). Uniform attention would give every weight " + fmt(r.uniformWeight())
                + "; the mean self-attention is " + fmt(r.meanSelfAttention()) + ". Gini of the in-degrees " + fmt(r.inDegreeGini())
                + "; weighted in-degree vs attribution Spearman \u03c1 " + fmt(r.inDegreeVsAttributionSpearman()) + ".");
        figure(s, "graph_degree.svg", () -> Histogram.titled("Attention received from the other neurons").x("weighted in-degree")
                        .values(r.weightedInDegree()).vline("uniform", (r.nodes().length - 1) * r.uniformWeight()),
                "Histogram of weighted in-degree", "");
        figure(s, "graph_hubs.svg", () -> Heatmap.titled("Attention among the top hubs").values(r.hubMatrix())
                        .colorBar("attention weight").x("attended neuron (hub rank)").y("attending neuron (hub rank)").squareCells(),
                "Attention matrix among hubs", "");
        int k = r.knockouts().size();
        String[] cats = new String[k];
        double[] hub = new double[k], rand = new double[k], sd = new double[k];
        for (int i = 0; i < k; i++) {
            InteractionAnalysis.Knockout ko = r.knockouts().get(i);
            cats[i] = ko.count() + " neurons";
            hub[i] = ko.hubTop1();
            rand[i] = ko.randomTop1();
            sd[i] = ko.randomTop1Sd();
        }
        figure(s, "graph_knockout.svg", () -> BarChart.titled("Knocking out hubs versus random neurons").categories(cats)
                        .group("hubs", hub).group("random (\u00b1 sd)", rand, sd).hline("no knockout", r.baseline().top1()).y("top-1"),
                "Top-1 after knocking out hubs or random neurons", "");
        double[] hubM = new double[k], randM = new double[k];
        for (int i = 0; i < k; i++) {
            hubM[i] = r.knockouts().get(i).hubMargin();
            randM[i] = r.knockouts().get(i).randomMargin();
        }
        figure(s, "graph_knockout_margin.svg", () -> BarChart.titled("Knocking out hubs versus random neurons: margin").categories(cats)
                        .group("hubs", hubM).group("random (mean)", randM).hline("no knockout", r.baseline().margin()).y("similarity margin"),
                "Similarity margin after knocking out hubs or random neurons", "");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("hub", "neuron", "weighted in-degree"));
        for (int i = 0; i < r.hubs().length; i++) rows.add(List.of(String.valueOf(i + 1), String.valueOf(r.hubs()[i]), fmt(r.hubWeightedInDegree()[i])));
        s.table("Top hubs", rows);
        edgeAblation(s, r.edgeAblation());
        attentionCorrelations(s, r.correlations());
    }

    private static void edgeAblation(HtmlReport.Section s, EdgeAblation.Result e) {
        double sd = Math.sqrt(Arrays.stream(e.randomTop1()).map(v -> (v - e.randomTop1Mean()) * (v - e.randomTop1Mean())).sum()
                / Math.max(1, e.randomTop1().length - 1));
        s.paragraph("Edge ablation on " + e.samples() + " test trials: the " + e.topEdges() + " graph edges (validation weight "
                + fmt(e.topWeight()) + ", " + fmt(e.topRemovedMass()) + " of the test attention summed over query rows) taken out of "
                + "each query's softmax, beside its control, " + e.randomTop1().length + " sets of random non-edge pairs of the same "
                + "validation weight (on average " + Math.round(Arrays.stream(e.randomEdges()).average().orElse(0)) + " pairs, "
                + fmt(e.randomRemovedMass()) + " of the test attention). Uniform attention: top-1 drops by "
                + pct(e.intact().top1() - e.uniform().top1()) + " (95% CI " + pct(e.uniformDropCi()[0]) + " to " + pct(e.uniformDropCi()[1])
                + ", sign-flip p = " + fmt(e.uniformP()) + ").");
        String[] cats = {"intact", "graph edges removed", "random pairs, equal weight", "uniform attention"};
        double[] top1 = {e.intact().top1(), e.edgesRemoved().top1(), e.randomTop1Mean(), e.uniform().top1()};
        double[] err = {0, 0, sd, 0};
        figure(s, "edge_ablation.svg", () -> BarChart.titled("Removing attention edges").categories(cats).group("top-1 (random: mean \u00b1 sd)", top1, err)
                .y("top-1"), "Top-1 after removing attention edges, random pairs of equal weight, or with uniform attention", "");
    }

    private static void attentionCorrelations(HtmlReport.Section s, AttentionCorrelations.Result c) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("measure", "node pairs", "Spearman \u03c1", "permutation null 95%", "p (two-sided)"));
        for (AttentionCorrelations.Relation r : c.relations()) {
            rows.add(List.of(r.name().replace('_', ' '), String.valueOf(r.pairs()), fmt(r.spearman()),
                    fmt(r.nullLow()) + " to " + fmt(r.nullHigh()), fmt(r.p())));
        }
        s.table("Attention (symmetric, node pairs of " + c.nodes() + " nodes) against the recording's structure, each beside its null", rows);
        for (String note : c.notes()) s.paragraph("Not compared: " + note + ".");
        for (AttentionCorrelations.Relation r : c.relations()) {
            if (r.values().length == 0) continue;
            figure(s, "attention_vs_" + r.name() + ".svg", () -> ScatterPlot.titled("Attention and " + r.name().replace('_', ' '))
                            .points(r.values(), r.attention()).x(r.measure()).y("symmetric attention").fit(),
                    "Attention against " + r.name().replace('_', ' '), "A sample of " + r.values().length + " node pairs.");
        }
    }

    private static void groundTruth(HtmlReport.Section s, GroundTruthChecks g) {
        s.paragraph("The simulated recording knows which neurons are driven by the images and where their receptive fields are.");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("check", "value"));
        rows.add(List.of("attribution AUC, driven vs undriven neurons (0.5 = chance)", fmt(g.attributionAucDriven())));
        rows.add(List.of("attribution AUC, sparse strong neurons vs the rest", fmt(g.attributionAucSparse())));
        rows.add(List.of("mean attribution rank from the top, driven (share of N)", fmt(g.meanRankDriven())));
        rows.add(List.of("mean attribution rank from the top, undriven (share of N)", fmt(g.meanRankUndriven())));
        rows.add(List.of("hubs that are driven / driven share of the population", fmt(g.hubsDriven()) + " / " + fmt(g.drivenShare())));
        rows.add(List.of("alignability vs receptive-field density, Pearson r", fmt(g.alignabilityVsDensity())));
        rows.add(List.of("alignability inside / outside the receptive-field region", fmt(g.alignabilityInside()) + " / " + fmt(g.alignabilityOutside())));
        rows.add(List.of("median preferred spatial frequency (cycles per image width)", fmt(g.medianPreferredSf())));
        s.table("Ground-truth checks", rows);
        figure(s, "rf_density.svg", () -> Heatmap.titled("Receptive-field density of driven neurons (map grid)").values(g.rfDensity())
                        .colorBar("relative density").x("map column").y("map row"),
                "Receptive-field density", "Compare with the specific alignability heatmap above.");
    }

    private static void timings(HtmlReport.Section s, Map<String, Double> seconds) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("analysis", "seconds"));
        seconds.forEach((k, v) -> rows.add(List.of(k, String.format(Locale.ROOT, "%.1f", v))));
        s.table(rows);
    }

    /** Adds a figure; a figure whose data cannot be drawn becomes a sentence saying why, never a broken page. */
    private static void figure(HtmlReport.Section s, String file, Supplier<Figure<?>> make, String alt, String caption) {
        Figure<?> f;
        try {
            f = make.get();
            s.figure(file, f, alt, caption);
        } catch (IllegalArgumentException e) {
            s.paragraph("(" + alt + ": not drawn, " + e.getMessage() + ")");
        }
    }

    static float[][] toGrid(Tensor hw) {
        int h = hw.dim(0), w = hw.dim(1);
        Tensor c = hw.contiguous();
        float[][] out = new float[h][w];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) out[y][x] = c.getFlat((long) y * w + x);
        return out;
    }

    /** Negative values clipped to zero (overlays show where the signal is, not where it is absent). */
    static float[][] positive(double[][] m) {
        float[][] out = new float[m.length][m[0].length];
        for (int y = 0; y < m.length; y++) for (int x = 0; x < m[0].length; x++) out[y][x] = (float) Math.max(0, m[y][x]);
        return out;
    }

    private static double nanToZero(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "n/a";
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) return "n/a";
        if (v != 0 && Math.abs(v) < 1e-3) return String.format(Locale.ROOT, "%.2e", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
