package org.dina.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.data.DatasetFingerprint;
import org.dina.model.DinaConfig;
import org.dina.model.DinaModel;

/** One training run from a config and a dataset into a run folder, fresh or resumed from its last checkpoint. */
public final class TrainingRun {
    /** What a finished run hands to evaluation: the model (best checkpoint loaded), its data and folder. */
    public record Outcome(DinaModel model, TrainingData data, RunFolder folder, TrainingState state, History history) {}

    private TrainingRun() {}

    public static Outcome run(DinaConfig cfg, Dataset dataset, DataSource source, Path out, boolean resume) throws IOException {
        DinaModel model = new DinaModel(cfg, dataset.neuronCount());
        TrainingData data = TrainingData.prepare(cfg, dataset, model.image());
        RunFolder folder = RunFolder.create(out);
        Trainer trainer = new Trainer(model, data, folder);
        boolean resuming = resume && Files.isRegularFile(folder.lastCheckpoint());
        if (resuming) {
            ResumeCheck.check(out, cfg);
            trainer.resumeFrom(Checkpoint.load(folder.lastCheckpoint()), folder.readHistory());
        }
        // written on resume too: the epochs or learning rates may have changed, the data may have moved
        folder.writeConfig(cfg);
        folder.writeDataSource(source, DatasetFingerprint.of(dataset));
        TrainingState state = trainer.fit();
        // evaluation uses the best model by validation loss
        Checkpoint.load(folder.bestCheckpoint()).restoreModel(model);
        return new Outcome(model, data, folder, state, trainer.history());
    }
}
