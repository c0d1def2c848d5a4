package org.dina.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dina.analysis.AnalysisOptions;
import org.dina.analysis.OtherModels;
import org.dina.analysis.RunAnalysis;
import org.dina.data.DataSource;
import org.dina.data.SimulatedV1;
import org.dina.eval.MetricsJson;
import org.dina.eval.RunEvaluation;
import org.dina.eval.baselines.EvaluationMode;
import org.dina.eval.baselines.FittedImageModel;
import org.dina.eval.compare.CompareRun;
import org.dina.model.DinaConfig;
import org.dina.pages.ReportWriter;
import org.dina.train.RunLock;
import org.dina.train.TrainingRun;
import org.dina.train.RestoredRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dina demo}: the README's main command — simulate a V1 recording, train, evaluate, print a short table. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulate a mouse-V1 recording, train DINA on it (built-in default config), evaluate on unseen images.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "runs/demo", description = "Run folder (default: runs/demo).")
    Path out;

    @Option(names = "--epochs", description = "Override the number of epochs.")
    Integer epochs;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        DinaConfig cfg = Commands.config(null, epochs);
        System.out.println("Simulating " + cfg.data().simulation().images() + " images x " + cfg.data().simulation().neurons()
                + " neurons x " + cfg.data().simulation().repeats() + " repeats ...");
        SimulatedV1.Result sim = SimulatedV1.generate(cfg.simulationConfig());
        Commands.requireFolderOrAbsent(out, "--out");
        try (RunLock lock = Commands.lockFolder(out, "demo")) {
            return trainAndReport(cfg, sim, start);
        }
    }

    private Integer trainAndReport(DinaConfig cfg, SimulatedV1.Result sim, long start) throws Exception {
        TrainingRun.Outcome o = TrainingRun.run(cfg, sim.dataset(), DataSource.simulated(), out, false);
        MetricsJson metrics = RunEvaluation.evaluateAndWrite(o.model(), o.data(), o.folder(), o.state());
        System.out.println(ResultTable.of(metrics));
        System.out.println("Fitting the baselines on the same split ...");
        // the pixel baselines fitted here are the analysis' matched controls too: fitted once, used twice
        Map<String, FittedImageModel> fitted = new HashMap<>();
        CompareRun.bestBaseline(o.data(), EvaluationMode.SINGLE_TRIALS, cfg.seed(), fitted).ifPresent(b -> System.out.println(
                ResultTable.baselineLine(metrics, b.baseline(), b.neuralToImage().top1(), b.neuralToImage().top5())));
        System.out.println("Analysing what the alignment uses (quick settings; 'dina analyze --run " + out + "' runs the full set) ...");
        RestoredRun run = new RestoredRun(o.model(), o.data(), o.folder(), o.state());
        RunAnalysis.Written analysis = RunAnalysis.analyzeAndWrite(run, AnalysisOptions.defaults().quick(), sim.truth(),
                new OtherModels(List.of(), fitted));
        Path report = ReportWriter.write(run, analysis.evaluation(), analysis.results());
        System.out.printf("total time %.0f s; run folder %s%nreport: %s%n", (System.nanoTime() - start) / 1e9, out.toAbsolutePath(),
                report.toAbsolutePath());
        return 0;
    }
}
