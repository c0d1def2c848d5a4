package org.dina.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dina.analysis.AnalysisOptions;
import org.dina.analysis.AnalysisResults;
import org.dina.analysis.BesideRuns;
import org.dina.analysis.ClaimsAcrossSeeds;
import org.dina.analysis.OtherModels;
import org.dina.analysis.RunAnalysis;
import org.dina.analysis.SeedRuns;
import org.dina.data.DataSource;
import org.dina.data.SimulatedV1;
import org.dina.data.SimulationTruth;
import org.dina.pages.ReportWriter;
import org.dina.train.RunFolder;
import org.dina.train.RunLock;
import org.dina.train.RestoredRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dina analyze}: test the paper's claims on a trained run; writes analysis.json and report/index.html. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Open a trained run and test what its decoding relies on (image manipulations, categories, map regions, "
                + "neurons, attention graph); writes runs/<name>/analysis.json and runs/<name>/report/index.html.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Run folder written by 'dina train' or 'dina demo'.")
    Path run;

    @Option(names = "--checkpoint", defaultValue = "best", description = "best (default, lowest validation loss) or last.")
    String checkpoint;

    @Option(names = "--max-candidates", description = "Re-embed at most this many candidate images (default 200; more are subsampled).")
    Integer maxCandidates;

    @Option(names = "--allow-changed-data", description = "Analyse even if the data differs from the data the run was trained on.")
    boolean allowChangedData;

    @Option(names = "--quick", description = "Fewer manipulation strengths, occlusion cells, neuron shares and null draws "
            + "(what 'dina demo' runs); the claim tests keep >= 20 random orders and shuffles.")
    boolean quick;

    @Option(names = "--seeds", defaultValue = "1", description = "Repeat the analysis over K trained runs: the run itself and its config "
            + "trained with the next K-1 seeds into <run>/seeds/seed-S/ (a finished one is reused); analysis.json gains 'seeds', each "
            + "claim test's mean effect over seeds with a 95%% interval, the verdict of every seed and a combined verdict (default 1).")
    int seeds;

    @Option(names = "--retrain-subsets", arity = "0..1", fallbackValue = "default", paramLabel = "SHARES",
            description = "Also retrain the model from scratch on the top share of neurons by validation attribution and on random "
                    + "subsets of the same size, for each share (default 0.05,0.1,0.5), to measure the information the neurons carry "
                    + "beside the keep curves' reliance; one full training per subset.")
    String retrainSubsets;

    @Option(names = "--beside", paramLabel = "RUN", split = ",",
            description = "Another trained run on the same recording and split (e.g. the joint-mode run beside a frozen one) whose model "
                    + "scores the same manipulated candidates, drawn beside DINA and the pixel controls; repeatable.")
    List<Path> beside = new ArrayList<>();

    @Option(names = "--retrain-draws", defaultValue = "3", description = "Random subsets retrained per share with --retrain-subsets (default 3).")
    int retrainDraws;

    @Override
    public Integer call() throws Exception {
        if (!checkpoint.equals("best") && !checkpoint.equals("last")) throw new UserError("--checkpoint must be best or last");
        if (seeds < 1) throw new UserError("--seeds must be >= 1, got " + seeds);
        AnalysisOptions options = quick ? AnalysisOptions.defaults().quick() : AnalysisOptions.defaults();
        if (maxCandidates != null) {
            if (maxCandidates < 2) throw new UserError("--max-candidates must be >= 2, got " + maxCandidates);
            options = options.withMaxCandidates(maxCandidates);
        }
        if (retrainSubsets != null) {
            try {
                options = options.withRetraining(retrainSubsets.equals("default") ? AnalysisOptions.DEFAULT_RETRAIN_SHARES
                        : shares(retrainSubsets), retrainDraws);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
        }
        // a mistyped --beside folder is reported before minutes go into restoring the analysed run
        for (Path other : beside) {
            try {
                RunFolder.open(other);
            } catch (IllegalArgumentException e) {
                throw new UserError("--beside " + e.getMessage(), e);
            }
        }
        long start = System.nanoTime();
        RestoredRun r;
        SimulationTruth truth = null;
        try {
            r = RestoredRun.open(run, checkpoint, allowChangedData);
            DataSource source = r.folder().readDataSource();
            // a simulated run can be checked against the ground truth it was made from (regenerated bit for bit)
            if (source.regeneratesTruth()) {
                truth = SimulatedV1.generate(r.model().config().simulationConfig()).truth();
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        List<BesideRuns.Source> others = new ArrayList<>();
        for (Path other : beside) {
            try {
                RestoredRun o = RestoredRun.open(other, checkpoint, allowChangedData);
                others.add(new BesideRuns.Source(other.toString(), o.model(), o.data()));
            } catch (IllegalArgumentException e) {
                throw new UserError("--beside " + e.getMessage(), e);
            }
        }
        RunAnalysis.Written w;
        Path report;
        try (RunLock lock = RunLock.acquire(run, "analyze")) {
            RunAnalysis.Written own;
            try {
                own = RunAnalysis.analyzeAndWrite(r, options, truth, new OtherModels(others, Map.of()));
            } catch (BesideRuns.Mismatch e) {
                throw new UserError("--beside " + e.getMessage(), e);
            }
            if (seeds == 1) {
                w = own;
            } else {
                ClaimsAcrossSeeds combined;
                try {
                    combined = SeedRuns.run(r, own.results(), seeds, options, allowChangedData, System.out);
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage(), e);
                }
                AnalysisResults all = own.results().withSeeds(combined);
                w = new RunAnalysis.Written(all, own.evaluation(), RunAnalysis.write(r.folder(), all));
            }
            report = ReportWriter.write(r, w.evaluation(), w.results());
        }
        System.out.println(summary(w.results()));
        System.out.printf(Locale.ROOT, "total time %.0f s%nanalysis: %s%nreport:   %s%n", (System.nanoTime() - start) / 1e9,
                w.analysisJson().toAbsolutePath(), report.toAbsolutePath());
        return 0;
    }

    /** Parses {@code 0.05,0.1,0.5}; the shares' range is checked by {@link AnalysisOptions}. */
    static double[] shares(String text) {
        String[] parts = text.strip().split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new UserError("--retrain-subsets must list shares of neurons in (0, 1), e.g. 0.05,0.1,0.5, got '" + parts[i].strip() + "'");
            }
        }
        return out;
    }

    private static String rounded(double[] v) {
        return java.util.Arrays.toString(java.util.Arrays.stream(v).map(x -> Math.round(x * 1000) / 1000.0).toArray());
    }

    /** A few headline numbers for the terminal. */
    static String summary(AnalysisResults a) {
        StringBuilder b = new StringBuilder();
        var base = a.manipulations().unmanipulated();
        b.append(String.format(Locale.ROOT, "neural->image top-1 %.3f (chance %.3f, %d candidates, %d queries)%n", base.top1(),
                base.retrieval().chanceTop1(), a.candidates(), a.queries()));
        var controls = a.manipulations().controls();
        int best = -1;
        for (int j = 0; j < controls.size(); j++) if (controls.get(j).best()) best = j;
        for (var c : a.manipulations().curves()) {
            b.append(String.format(Locale.ROOT, "  %-15s top-1 %s", c.manipulation().key(), rounded(c.top1())));
            if (best >= 0) b.append(String.format(Locale.ROOT, "  control %s %s", controls.get(best).name(), rounded(c.series(best + 1, false)[0])));
            var beside = a.manipulations().beside();
            for (int j = 0; j < beside.size(); j++) {
                b.append(String.format(Locale.ROOT, "  %s %s", beside.get(j).name(), rounded(c.series(1 + controls.size() + j, false)[0])));
            }
            b.append('\n');
        }
        if (a.semantic().skipped()) b.append("semantic: skipped (").append(a.semantic().skippedReason()).append(")\n");
        else b.append(String.format(Locale.ROOT, "semantic: category top-1 %.3f (chance %.3f), wrong-in-category p = %.3f%n",
                a.semantic().categoryTop1(), a.semantic().categoryChance(), a.semantic().pValue()));
        b.append(String.format(Locale.ROOT, "spatial: %d region(s) of specific alignability%n", a.spatial().regions().count()));
        var sp = a.neurons().sparsity();
        b.append(String.format(Locale.ROOT, "neurons: %.1f%% hold half of the attribution (Gini %.2f)%n", 100 * sp.share50(), sp.gini()));
        b.append(String.format(Locale.ROOT, "interactions: %d edges, top hub neuron %d%n", a.interactions().edges(),
                a.interactions().hubs().length > 0 ? a.interactions().hubs()[0] : -1));
        if (a.groundTruth() != null) {
            b.append(String.format(Locale.ROOT, "ground truth: attribution AUC driven vs undriven %.3f, alignability vs RF density r = %.3f%n",
                    a.groundTruth().attributionAucDriven(), a.groundTruth().alignabilityVsDensity()));
        }
        for (var c : a.claims()) {
            b.append(String.format(Locale.ROOT, "claim %d: %s%n", c.number(), c.verdict().label()));
            for (var t : c.tests()) {
                b.append(String.format(Locale.ROOT, "  %-34s effect %.3f [%.3f, %.3f] p = %.3f  %s%n", t.name(), t.effect(), t.ciLow(),
                        t.ciHigh(), t.p(), t.verdict().label()));
            }
        }
        if (a.seeds() != null) {
            b.append(String.format(Locale.ROOT, "over %d seeds (mean effect [95%% CI], seeds supported / not supported):%n", a.seeds().runs().size()));
            for (var c : a.seeds().claims()) {
                b.append(String.format(Locale.ROOT, "claim %d: %s%n", c.number(), c.verdict().label()));
                for (var t : c.tests()) {
                    b.append(String.format(Locale.ROOT, "  %-34s effect %.3f [%.3f, %.3f]  %d / %d  %s%n", t.name(), t.mean(), t.ciLow(),
                            t.ciHigh(), t.supported(), t.notSupported(), t.verdict().label()));
                }
            }
        }
        StringBuilder t = new StringBuilder("seconds:");
        a.seconds().forEach((k, v) -> t.append(String.format(Locale.ROOT, " %s %.1f", k, v)));
        return b.append(t).toString();
    }
}
