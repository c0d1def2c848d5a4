package org.dina.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.model.ConfigFiles;
import org.dina.model.DinaConfig;
import org.dina.train.MemoryBudget;
import org.dina.train.RunLock;
import org.dina.train.TrainingFeasibility;

/** Small helpers the commands share: reading configs and data, turning bad input into {@link UserError}s. */
final class Commands {
    private Commands() {}

    /** The config file (or the built-in default), with an optional epoch override. */
    static DinaConfig config(Path file, Integer epochs) {
        return config(file, List.of(), epochs);
    }

    /** The config file (or the built-in default) with {@code --set KEY=VALUE} overrides and an optional epoch override. */
    static DinaConfig config(Path file, List<String> overrides, Integer epochs) {
        DinaConfig cfg;
        try {
            cfg = file == null ? ConfigFiles.builtIn("default", overrides) : ConfigFiles.read(file, overrides);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (epochs == null) return cfg;
        if (epochs < 1) throw new UserError("--epochs must be >= 1, got " + epochs);
        DinaConfig.Train t = cfg.train();
        return new DinaConfig(cfg.name(), cfg.seed(), cfg.data(), cfg.model(), cfg.loss(),
                new DinaConfig.Train(t.batch(), epochs, t.earlyStopPatience(), t.imageLr(), t.imageWeightDecay(),
                        t.neuralLr(), t.neuralAlpha(), t.plateauFactor(), t.plateauPatience()));
    }

    /** Checks that the data can be trained on as the config asks and fits in memory, before anything is computed or written. */
    static void checkTrainable(DinaConfig cfg, Dataset dataset) {
        try {
            TrainingFeasibility.check(cfg, dataset);
            MemoryBudget.check(cfg, dataset);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** An output folder given as {@code option}: it may be missing (it is made later) but must not be a file. */
    static void requireFolderOrAbsent(Path folder, String option) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UserError(option + " " + folder + ": not a folder (a file of that name exists)");
        }
    }

    /**
     * Makes the folder and locks it for {@code command}, so that no other dina command writes there at the same time;
     * call once the inputs have been checked, so that bad input leaves no folder behind.
     */
    static RunLock lockFolder(Path folder, String command) throws IOException {
        Files.createDirectories(folder);
        return RunLock.acquire(folder, command);
    }

    /** Loads the data; problems with the user's files become one-line errors. */
    static Dataset load(DataSource source, DinaConfig cfg) {
        try {
            return source.load(cfg.simulationConfig());
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
