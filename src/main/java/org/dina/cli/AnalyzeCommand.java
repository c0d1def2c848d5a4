package org.dina.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dina.analysis.AnalysisOptions;
import org.dina.analysis.AnalysisResults;
import org.dina.analysis.RunAnalysis;
import org.dina.data.DataSource;
import org.dina.data.SimulatedV1;
import org.dina.data.SimulationTruth;
import org.dina.pages.ReportWriter;
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

    @Override
    public Integer call() throws Exception {
        if (!checkpoint.equals("best") && !checkpoint.equals("last")) throw new UserError("--checkpoint must be best or last");
        AnalysisOptions options = quick ? AnalysisOptions.defaults().quick() : AnalysisOptions.defaults();
        if (maxCandidates != null) {
            if (maxCandidates < 2) throw new UserError("--max-candidates must be >= 2, got " + maxCandidates);
            options = options.withMaxCandidates(maxCandidates);
        }
        long start = System.nanoTime();
        RestoredRun r;
        SimulationTruth truth = null;
        try {
            r = RestoredRun.open(run, checkpoint, allowChangedData);
            DataSource source = r.folder().readDataSource();
            // a simulated run can be checked against the ground truth it was made from (regenerated bit for bit)
            if (source.isSimulated() && source.categories() == null) {
                truth = SimulatedV1.generate(r.model().config().simulationConfig()).truth();
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        RunAnalysis.Written w;
        Path report;
        try (RunLock lock = RunLock.acquire(run, "analyze")) {
            w = RunAnalysis.analyzeAndWrite(r, options, truth);
            report = ReportWriter.write(r, w.evaluation(), w.results());
        }
        System.out.println(summary(w.results()));
        System.out.printf(Locale.ROOT, "total time %.0f s%nanalysis: %s%nreport:   %s%n", (System.nanoTime() - start) / 1e9,
                w.analysisJson().toAbsolutePath(), report.toAbsolutePath());
        return 0;
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
        StringBuilder t = new StringBuilder("seconds:");
        a.seconds().forEach((k, v) -> t.append(String.format(Locale.ROOT, " %s %.1f", k, v)));
        return b.append(t).toString();
    }
}
