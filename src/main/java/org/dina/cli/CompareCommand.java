package org.dina.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.data.SplitProtocol;
import org.dina.eval.compare.CompareOptions;
import org.dina.eval.compare.CompareResult;
import org.dina.eval.compare.CompareRun;
import org.dina.eval.compare.CompareTable;
import org.dina.eval.compare.NeuronCounts;
import org.dina.model.DinaConfig;
import org.dina.train.RunLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dina compare}: DINA against simple baselines on the same splits, with leak-exposing controls and cross-validation. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Train DINA and every baseline on exactly the same split(s), with shuffled-pairs, shuffled-neurons and "
                + "untrained controls; print one table and write compare.json.")
public final class CompareCommand implements Callable<Integer> {
    @Mixin DataOptions dataOptions;

    @Option(names = "--config", description = "YAML config (default: the built-in configs/default.yaml).")
    Path config;

    @Option(names = "--folds", defaultValue = "1",
            description = "1 = the config's split (default); K >= 2 = K-fold cross-validation by image identity (or by held-out repeats with --split repeats).")
    int folds;

    @Option(names = "--seeds", defaultValue = "1", description = "Repetitions with seeds config.seed, config.seed+1, ... (default 1).")
    int seeds;

    @Option(names = "--split", description = "images (unseen test images) or repeats (held-out repeats); default: the config's.")
    String split;

    @Option(names = "--epochs", description = "Override the config's number of epochs for every DINA training.")
    Integer epochs;

    @Mixin ConfigOverrides overrides;

    @Option(names = "--no-controls", description = "Skip the controls (they triple the DINA trainings).")
    boolean noControls;

    @Option(names = "--neuron-counts", paramLabel = "N,N,...|all",
            description = "Also score single-trial top-1 on random neuron subsets of these sizes (e.g. 32,64,128,all), DINA "
                    + "retrained and the baselines refitted on each subset, on the same splits. Off by default.")
    String neuronCounts;

    @Option(names = "--neuron-draws", defaultValue = "3", paramLabel = "K",
            description = "Random subsets per size for --neuron-counts (default 3), seeded by the run seed and fold.")
    int neuronDraws;

    @Option(names = "--out", description = "Output folder (default: runs/<config name>-compare).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (folds < 1) throw new UserError("--folds must be >= 1, got " + folds);
        if (seeds < 1) throw new UserError("--seeds must be >= 1, got " + seeds);
        SplitProtocol protocol = null;
        if (split != null) {
            try {
                protocol = DinaConfig.Data.split(split);
            } catch (IllegalArgumentException e) {
                throw new UserError("--split must be 'images' or 'repeats', got '" + split + "'");
            }
        }
        DinaConfig cfg = Commands.config(config, overrides.assignments, epochs);
        if (protocol != null) cfg = CompareRun.withSplit(cfg, protocol);
        DataSource source = dataOptions.source();
        Dataset dataset = Commands.load(source, cfg);
        Path folder = out != null ? out : Path.of("runs", cfg.name() + "-compare");
        CompareOptions options = CompareOptions.defaults(cfg, folder).withFolds(folds).withSeeds(seeds).withControls(!noControls);
        if (neuronCounts != null) {
            try {
                options = options.withNeuronCounts(NeuronCounts.parse(neuronCounts, neuronDraws));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
        }
        try {
            CompareRun.checkFeasible(dataset, options);
        } catch (IllegalArgumentException e) {
            // folds that do not fit the data, splits that leave too few trials: the user's choice of flags
            throw new UserError(e.getMessage(), e);
        }
        Commands.requireFolderOrAbsent(folder, "--out");
        try (RunLock lock = Commands.lockFolder(folder, "compare")) {
            CompareResult result = CompareRun.run(dataset, source, options);
            System.out.print(CompareTable.of(result));
            System.out.println("compare.json: " + folder.resolve("compare.json").toAbsolutePath());
        }
        return 0;
    }
}
