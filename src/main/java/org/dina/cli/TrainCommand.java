package org.dina.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.eval.MetricsJson;
import org.dina.eval.RunEvaluation;
import org.dina.model.DinaConfig;
import org.dina.train.DataProvenance;
import org.dina.train.ResumeCheck;
import org.dina.train.RunFolder;
import org.dina.train.RunLock;
import org.dina.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dina train}: train DINA on a config and a dataset, then evaluate the best checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train DINA and evaluate it on held-out test data; writes checkpoints, history.json and metrics.json.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin DataOptions dataOptions;

    @Option(names = "--config", description = "YAML config (default: the built-in configs/default.yaml).")
    Path config;

    @Option(names = "--out", description = "Run folder (default: runs/<config name>).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Option(names = "--epochs", description = "Override the config's number of epochs.")
    Integer epochs;

    @Option(names = "--allow-changed-data", description = "With --resume: continue even if the data differs from the data the run was trained on.")
    boolean allowChangedData;

    @Mixin ConfigOverrides overrides;

    @Override
    public Integer call() throws Exception {
        DinaConfig cfg = Commands.config(config, overrides.assignments, epochs);
        DataSource source = dataOptions.source();
        Dataset dataset = Commands.load(source, cfg);
        Commands.checkTrainable(cfg, dataset);
        Path folder = out != null ? out : Path.of("runs", cfg.name());
        Commands.requireFolderOrAbsent(folder, "--out");
        if (resume) checkResumable(folder, cfg, dataset);
        try (RunLock lock = Commands.lockFolder(folder, "train")) {
            TrainingRun.Outcome o = TrainingRun.run(cfg, dataset, source, folder, resume);
            MetricsJson metrics = RunEvaluation.evaluateAndWrite(o.model(), o.data(), o.folder(), o.state());
            System.out.println(ResultTable.of(metrics));
            System.out.println("run folder: " + folder.toAbsolutePath());
        }
        return 0;
    }

    /** The run in {@code folder} must continue with the same model and the same data (checked before any work). */
    private void checkResumable(Path folder, DinaConfig cfg, Dataset dataset) throws java.io.IOException {
        if (!Files.isRegularFile(folder.resolve("checkpoints/last.safetensors"))) return;
        try {
            ResumeCheck.check(folder, cfg);
            DataProvenance.check(RunFolder.open(folder), dataset, allowChangedData);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
