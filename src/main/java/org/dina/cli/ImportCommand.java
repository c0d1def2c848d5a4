package org.dina.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.data.DatasetFingerprint;
import org.dina.data.ResponseNormalizer;
import org.dina.interop.ReleaseImport;
import org.dina.interop.ReleaseLayout;
import org.dina.model.DinaConfig;
import org.dina.model.DinaModel;
import org.dina.train.Checkpoint;
import org.dina.train.RunFolder;
import org.dina.train.TrainingData;
import org.dina.train.TrainingState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dina import}: starts a run folder from release state dicts, e.g. a backbone trained elsewhere. The towers
 * not given keep the config's seeded initialisation; the response normaliser is fitted on the data's training
 * split as in training, so the run can be evaluated ({@code dina eval}), exported and mapped. It holds no
 * optimiser state, so it is a starting point for comparison, not a run to resume.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Start a run folder from the release's PyTorch state dicts (image and/or neural tower .safetensors).")
public final class ImportCommand implements Callable<Integer> {
    @Option(names = "--config", description = "YAML config the weights belong to (default: the built-in configs/paper.yaml, the release).")
    Path config;

    @Mixin ConfigOverrides overrides;

    @Option(names = "--image", description = "Image tower state dict (DSNetSingleStage keys; a file without my_conv.* keeps the seeded head).")
    Path image;

    @Option(names = "--neural", description = "Neural tower state dict (AttentionWithNoDeconvPos keys); its neuron count must match the data.")
    Path neural;

    @Mixin DataOptions dataOptions;

    @Option(names = "--out", required = true, description = "New run folder (must not exist yet).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (image == null && neural == null) throw new UserError("give --image, --neural or both");
        if (Files.exists(out)) throw new UserError(out + ": already exists; import starts a new run folder");
        DinaConfig cfg = config == null ? builtInPaper() : Commands.config(config, overrides.assignments, null);
        List<String> why = ReleaseLayout.inexpressible(cfg.model());
        if (!why.isEmpty()) throw new UserError((config == null ? "configs/paper.yaml" : config) + ": the release's weights cannot fill this model: " + String.join("; ", why));
        DataSource source = dataOptions.source();
        Dataset dataset = Commands.load(source, cfg);
        DinaModel model = new DinaModel(cfg, dataset.neuronCount());
        List<String> kept = List.of();
        try {
            if (image != null) kept = ReleaseImport.image(model, image);
            if (neural != null) ReleaseImport.neural(model, neural);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        ResponseNormalizer normalizer = ResponseNormalizer.fit(dataset, TrainingData.split(cfg, dataset).trainTrials());
        // everything is read and checked; write the folder last, checkpoint first (a folder without one is not a run)
        RunFolder folder = RunFolder.create(out);
        Checkpoint.save(folder.bestCheckpoint(), model, normalizer, null, TrainingState.start());
        Checkpoint.save(folder.lastCheckpoint(), model, normalizer, null, TrainingState.start());
        folder.writeConfig(cfg);
        folder.writeDataSource(source, DatasetFingerprint.of(dataset));  // eval and analyze then notice changed data
        if (!kept.isEmpty()) System.out.println("note: " + image + " has no image head (my_conv); the run keeps its seeded head");
        String note = ReleaseLayout.crossAttentionNote(cfg.model());
        if (note != null) System.err.println("dina: note: " + note);
        System.out.println("run folder: " + out.toAbsolutePath());
        return 0;
    }

    private DinaConfig builtInPaper() {
        try {
            return org.dina.model.ConfigFiles.builtIn("paper", overrides.assignments);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
