package org.dina.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.model.DinaConfig;
import org.dina.model.DinaModel;

/** A model restored from a run folder's checkpoint, with the data it was trained on prepared as for training. */
public record RestoredRun(DinaModel model, TrainingData data, RunFolder folder, TrainingState state) {
    /**
     * Reloads the data {@code data.json} names and the chosen checkpoint ({@code best} or {@code last}) of a run
     * folder; data that changed since training is refused unless {@code allowChangedData}.
     */
    public static RestoredRun open(Path runDir, String which, boolean allowChangedData) throws IOException {
        RunFolder folder = RunFolder.open(runDir);
        Path file = which.equals("last") ? folder.lastCheckpoint() : folder.bestCheckpoint();
        Checkpoint.Loaded ckpt = Checkpoint.load(file);
        DinaConfig cfg = ckpt.config();
        DataSource source = folder.readDataSource();
        if (!source.isSimulated() && source.path() != null && !org.dina.data.formats.DataPaths.exist(Path.of(source.path()))) {
            throw new IOException(folder.dataFile() + ": the data it names, " + source.path() + ", is not there any more (moved or "
                    + "deleted); put it back or correct the path in data.json");
        }
        Dataset dataset = source.load(cfg.simulationConfig());
        DataProvenance.check(folder, dataset, allowChangedData);
        if (dataset.neuronCount() != ckpt.neurons()) {
            throw new IllegalArgumentException(file + ": trained on " + ckpt.neurons() + " neurons but the data has " + dataset.neuronCount());
        }
        DinaModel model = new DinaModel(cfg, dataset.neuronCount());
        ckpt.restoreModel(model);
        TrainingData data = TrainingData.prepare(cfg, dataset, model.image(), ckpt.normalizer());
        double seconds = folder.readHistory().epochs().stream().mapToDouble(History.Epoch::seconds).max().orElse(0);
        return new RestoredRun(model, data, folder, ckpt.state(seconds));
    }
}
