package org.dina.analysis;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.data.SimulatedV1;
import org.dina.data.SimulationTruth;
import org.dina.eval.RunEvaluation;
import org.dina.model.DinaConfig;
import org.dina.train.RestoredRun;
import org.dina.train.RunLock;
import org.dina.train.TrainingRun;

/**
 * {@code dina analyze --seeds K}: the analysed run's config trained again with the next K - 1 seeds (config.seed + 1
 * ... + K - 1), each into {@code <run>/seeds/seed-<S>/} exactly as {@code dina train --set seed=S} with the run's data
 * would (checkpoints, history.json, metrics.json: a normal run folder that eval and analyze open), analysed with the same
 * options (its own analysis.json), and every run's claims combined ({@link ClaimsAcrossSeeds}). The layout follows
 * {@code compare --seeds}, whose repeats live in {@code seed-S} folders under its output.
 *
 * <p>A seed folder whose training finished (metrics.json is written last) with the same config is analysed again
 * without training; one that holds another config is refused. On the simulator the config's seed is also the
 * recording's, so each seed simulates a new recording of the same population settings, as a sweep over seeds does,
 * and the spread covers recordings as well as trainings; on recorded data only the training differs.
 */
public final class SeedRuns {
    /** The folder under the analysed run that holds the repeats. */
    public static final String FOLDER = "seeds";

    private SeedRuns() {}

    /**
     * Trains (or reopens) and analyses seeds 1 .. K - 1 after the analysed run's, and combines them with the analysed
     * run's own results, which come first.
     */
    public static ClaimsAcrossSeeds run(RestoredRun analysed, AnalysisResults results, int seeds, AnalysisOptions options,
                                        boolean allowChangedData, PrintStream log) throws IOException {
        if (seeds < 2) throw new IllegalArgumentException("--seeds must be >= 2 to combine runs, got " + seeds);
        DinaConfig cfg = analysed.model().config();
        DataSource source = analysed.folder().readDataSource();
        List<ClaimsAcrossSeeds.SeedRun> runs = new ArrayList<>();
        runs.add(new ClaimsAcrossSeeds.SeedRun(cfg.seed(), ".", results.top1(), results.claims()));
        for (int s = 1; s < seeds; s++) {
            DinaConfig seeded = cfg.withSeed(cfg.seed() + s);
            String relative = FOLDER + "/seed-" + seeded.seed();
            Path dir = analysed.folder().root().resolve(relative);
            long t0 = System.nanoTime();
            AnalysisResults a = analyseSeed(analysed, seeded, source, dir, options, allowChangedData, log);
            log.printf(Locale.ROOT, "analyze: seed %d (%s) done in %.0f s: top-1 %.3f, claims %s%n", seeded.seed(), relative,
                    (System.nanoTime() - t0) / 1e9, a.top1(), a.claims().stream().map(c -> c.number() + " " + c.verdict().label()).toList());
            runs.add(new ClaimsAcrossSeeds.SeedRun(seeded.seed(), relative, a.top1(), a.claims()));
        }
        return ClaimsAcrossSeeds.of(runs);
    }

    /** One seed: trained unless its folder holds a finished run of {@code seeded}, then analysed into its analysis.json. */
    private static AnalysisResults analyseSeed(RestoredRun analysed, DinaConfig seeded, DataSource source, Path dir, AnalysisOptions options,
                                               boolean allowChangedData, PrintStream log) throws IOException {
        Files.createDirectories(dir);
        try (RunLock lock = RunLock.acquire(dir, "analyze --seeds")) {
            SimulationTruth truth = null;
            RestoredRun run;
            if (Files.isRegularFile(dir.resolve("metrics.json"))) {
                run = RestoredRun.open(dir, "best", allowChangedData);
                if (!run.model().config().equals(seeded)) {
                    throw new IllegalArgumentException(dir + " holds a finished run of another config than the analysed run's with seed "
                            + seeded.seed() + "; move it away to train this seed again");
                }
                log.println("analyze: " + dir + " already trained, analysed again");
                if (source.regeneratesTruth()) truth = SimulatedV1.generate(seeded.simulationConfig()).truth();
            } else {
                Dataset dataset;
                if (source.regeneratesTruth()) {
                    SimulatedV1.Result sim = SimulatedV1.generate(seeded.simulationConfig());
                    dataset = sim.dataset();
                    truth = sim.truth();
                } else {
                    // a recording is the same for every seed (already read and checked); a simulated one is the seed's own
                    dataset = source.isSimulated() ? source.load(seeded.simulationConfig()) : analysed.data().dataset();
                }
                TrainingRun.Outcome o = TrainingRun.run(seeded, dataset, source, dir, false);
                RunEvaluation.evaluateAndWrite(o.model(), o.data(), o.folder(), o.state());
                run = new RestoredRun(o.model(), o.data(), o.folder(), o.state());
            }
            AnalysisResults a = RunAnalysis.analyze(run.model(), run.data(), options, truth);
            RunAnalysis.write(run.folder(), a);
            return a;
        }
    }
}
